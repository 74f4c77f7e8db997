//! The global allocator, chosen by the process's role: mimalloc for `scimctl
//! sandbox`, whose many small JSON trees it serves fastest, and the system
//! allocator for every client command, which then holds less memory and sets
//! up no arenas at start (docs/benchmarks.md, "Profiling"). The role is read
//! from /proc/self/cmdline, without allocating, at the first allocation, before
//! any thread exists, and never changes: each block is freed by the allocator
//! that gave it.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU8, Ordering};

pub struct ByRole;

const UNDECIDED: u8 = 0;
const CLIENT: u8 = 1;
const SERVER: u8 = 2;

static ROLE: AtomicU8 = AtomicU8::new(UNDECIDED);

#[inline]
fn server() -> bool {
    match ROLE.load(Ordering::Relaxed) {
        UNDECIDED => {
            let decided = if runs_the_sandbox() { SERVER } else { CLIENT };
            // Should two threads ever race here, both take the first answer.
            match ROLE.compare_exchange(UNDECIDED, decided, Ordering::AcqRel, Ordering::Acquire) {
                Ok(_) => decided == SERVER,
                Err(first) => first == SERVER,
            }
        }
        role => role == SERVER,
    }
}

/// Whether an argument is `sandbox` after the program name or after a word
/// that is no flag (`scimctl --profile acme sandbox`); `--profile sandbox`
/// names a profile. A miss only costs speed: both allocators are correct.
#[cfg(target_os = "linux")]
fn runs_the_sandbox() -> bool {
    let mut buf = [0u8; 4096];
    // SAFETY: a NUL-terminated path, a buffer we own and its length.
    let n = unsafe {
        let fd = libc::open(
            c"/proc/self/cmdline".as_ptr(),
            libc::O_RDONLY | libc::O_CLOEXEC,
        );
        if fd < 0 {
            return false;
        }
        let n = libc::read(fd, buf.as_mut_ptr().cast(), buf.len());
        libc::close(fd);
        n
    };
    n > 0 && names_the_sandbox(&buf[..n as usize])
}

/// The rule of `runs_the_sandbox` on a NUL-separated command line.
fn names_the_sandbox(cmdline: &[u8]) -> bool {
    let mut args = cmdline.split(|b| *b == 0);
    args.next(); // the program
    let mut previous: Option<&[u8]> = None;
    for arg in args {
        if arg == b"sandbox" && previous.is_none_or(|p| !p.starts_with(b"-")) {
            return true;
        }
        previous = Some(arg);
    }
    false
}

/// Elsewhere mimalloc serves every role, as before the choice existed.
#[cfg(not(target_os = "linux"))]
fn runs_the_sandbox() -> bool {
    true
}

// SAFETY: every call goes to one allocator for the life of the process (the
// role never changes once decided), so each block returns to the allocator it
// came from; both uphold GlobalAlloc's contract.
unsafe impl GlobalAlloc for ByRole {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe {
            if server() {
                mimalloc::MiMalloc.alloc(layout)
            } else {
                System.alloc(layout)
            }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        unsafe {
            if server() {
                mimalloc::MiMalloc.alloc_zeroed(layout)
            } else {
                System.alloc_zeroed(layout)
            }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe {
            if server() {
                mimalloc::MiMalloc.dealloc(ptr, layout)
            } else {
                System.dealloc(ptr, layout)
            }
        }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        unsafe {
            if server() {
                mimalloc::MiMalloc.realloc(ptr, layout, new_size)
            } else {
                System.realloc(ptr, layout, new_size)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::names_the_sandbox;

    #[test]
    fn the_sandbox_is_the_subcommand_not_a_profile_name() {
        for (line, sandbox) in [
            ("scimctl\0sandbox\0--listen\0localhost:0\0", true),
            ("/usr/bin/scimctl\0--profile\0acme\0sandbox\0", true),
            ("scimctl\0--profile\0sandbox\0users\0list\0", false),
            ("scimctl\0users\0list\0", false),
            ("scimctl\0", false),
            ("scimctl\0sandboxes\0", false),
        ] {
            assert_eq!(names_the_sandbox(line.as_bytes()), sandbox, "{line:?}");
        }
    }
}
