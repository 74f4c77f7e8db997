//! The checked-in completions/ and man/ are exactly what the command model
//! generates, the help texts cover every command and flag, and the benchmarks
//! page is what its checked-in results render to.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use clap::CommandFactory;
use common::*;
use scimctl::cli::Cli;

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for sub in ["completions", "man"] {
        for e in std::fs::read_dir(dir.join(sub)).unwrap() {
            let p = e.unwrap().path();
            out.insert(
                format!("{sub}/{}", p.file_name().unwrap().to_string_lossy()),
                std::fs::read(&p).unwrap(),
            );
        }
    }
    out
}

#[test]
fn completions_and_man_pages_are_up_to_date() {
    let tmp = tempfile::tempdir().unwrap();
    run(scimctl().arg("generate-files").arg(tmp.path())).code(0);
    let fresh = files(tmp.path());
    let checked_in = files(Path::new(env!("CARGO_MANIFEST_DIR")));
    let stale: Vec<&String> = fresh
        .keys()
        .filter(|k| checked_in.get(*k) != fresh.get(*k))
        .chain(checked_in.keys().filter(|k| !fresh.contains_key(*k)))
        .collect();
    assert!(
        stale.is_empty(),
        "completions/ and man/ are out of date ({stale:?}): run scripts/generate and commit the result"
    );
    assert!(
        fresh.contains_key("man/scimctl-token-rotate.1"),
        "one page per subcommand"
    );
    assert!(fresh.contains_key("completions/_scimctl"));
}

#[test]
fn man_pages_carry_the_reference_sections() {
    let page = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/man/scimctl-token-status.1"
    ))
    .unwrap();
    for section in [
        ".SH \"EXIT STATUS\"",
        ".SH ENVIRONMENT",
        ".SH FILES",
        ".SH EXAMPLES",
    ] {
        assert!(page.contains(section), "{section} missing");
    }
    assert!(page.contains("SCIMCTL_TOKEN") && page.contains("credentials.json"));
    // the same exit codes as `scimctl help exit-codes`
    let help = run(scimctl().args(["help", "exit-codes"]));
    help.code(0);
    for line in help.stdout.lines().skip(1) {
        let code = line.split_whitespace().next().unwrap();
        assert!(
            page.contains(&format!(".B {code}\n")),
            "exit code {code} missing from the man page"
        );
    }
    let env = run(scimctl().args(["help", "environment"]));
    for var in ["SCIMCTL_TOKEN", "SCIMCTL_CONFIG_DIR", "NO_COLOR"] {
        assert!(env.stdout.contains(var) && page.contains(var), "{var}");
    }
}

#[test]
fn every_command_and_flag_is_explained() {
    let mut cmd = Cli::command();
    cmd.build();
    cmd.clone().debug_assert();
    fn walk(cmd: &clap::Command, path: &str, problems: &mut Vec<String>) {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            let p = format!("{path} {}", sub.get_name());
            if sub.get_about().is_none() {
                problems.push(format!("{p}: no one-line help"));
            }
            let long = sub
                .get_long_about()
                .map(|s| s.to_string())
                .unwrap_or_default();
            if !long.contains("Example") {
                problems.push(format!("{p}: no example in the long help"));
            }
            for arg in sub
                .get_arguments()
                .filter(|a| !a.is_hide_set() && !a.is_global_set())
            {
                if arg.get_help().is_none() && !["help", "version"].contains(&arg.get_id().as_str())
                {
                    problems.push(format!("{p} --{}: no help", arg.get_id()));
                }
            }
            walk(sub, &p, problems);
        }
    }
    let mut problems = Vec::new();
    walk(&cmd, "scimctl", &mut problems);
    for arg in cmd
        .get_arguments()
        .filter(|a| !["help", "version"].contains(&a.get_id().as_str()))
    {
        if arg.get_help().is_none() {
            problems.push(format!("global --{}: no help", arg.get_id()));
        }
        if !arg
            .get_long_help()
            .is_some_and(|h| h.to_string().contains("Example: scimctl"))
        {
            problems.push(format!(
                "global --{}: no example in the long help",
                arg.get_id()
            ));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

/// `scimctl help A B` prints the page `scimctl A B --help` prints, for every
/// command, nested ones (`simulate cleanup`) included.
#[test]
fn help_command_prints_each_commands_own_help() {
    let mut root = Cli::command();
    root.build();
    fn walk(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<Vec<String>>) {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            let mut p = path.clone();
            p.push(sub.get_name().to_owned());
            walk(sub, p.clone(), out);
            out.push(p);
        }
    }
    let mut paths = Vec::new();
    walk(&root, Vec::new(), &mut paths);
    assert!(
        paths.iter().any(|p| p == &["simulate", "cleanup"]),
        "{paths:?}"
    );
    for path in paths {
        let via_help = run(scimctl().arg("help").args(&path));
        via_help.code(0);
        let flag = run(scimctl().args(&path).arg("--help"));
        assert_eq!(
            via_help.stdout,
            flag.stdout,
            "scimctl help {}",
            path.join(" ")
        );
    }
}

#[test]
fn help_topics_and_completions_work_without_a_config() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("config.toml"), "not [valid").unwrap();
    let out = run(scimctl()
        .env("SCIMCTL_CONFIG_DIR", dir.path())
        .args(["help", "token", "rotate"]));
    out.code(0);
    assert!(
        out.stdout.contains("--if-expiring-within"),
        "{}",
        out.stdout
    );
    let out = run(scimctl().env("SCIMCTL_CONFIG_DIR", dir.path()).args([
        "completions",
        "bash",
        "--static",
    ]));
    out.code(0);
    assert!(
        out.stdout.contains("_scimctl()"),
        "a bash completion function"
    );
    // A config that can't be read completes no profile names, and fails nothing.
    assert_eq!(bash_completes(dir.path(), "scimctl --profile "), "");
    run(scimctl().args(["help", "no-such-topic"])).code(2);
}

/// What real bash offers for `line` (completing its last word) with the script
/// `scimctl completions bash` prints, scimctl itself answering on the PATH.
fn bash_completes(config_dir: &Path, line: &str) -> String {
    let script = run(scimctl().args(["completions", "bash"]));
    script.code(0);
    bash_runs_completion(&script.stdout, "_clap_complete_scimctl", config_dir, line)
}

/// What bash offers for the last word of `line` when `function` (defined by
/// `script`) completes it, run in `dir` with `dir` as the config directory.
fn bash_runs_completion(script: &str, function: &str, dir: &Path, line: &str) -> String {
    let words: Vec<&str> = line.split(' ').collect();
    let cword = words.len() - 1;
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "{}\nCOMP_WORDS=({}); COMP_CWORD={cword}; COMP_LINE='{line}'; COMP_POINT=${{#COMP_LINE}}\n\
         {function} scimctl '{}' '{}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script,
        quoted.join(" "),
        words[cword],
        words[cword.saturating_sub(1)],
    );
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_scimctl")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = std::process::Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &program])
        .env("PATH", path)
        .env("SCIMCTL_CONFIG_DIR", dir)
        .current_dir(dir)
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim_end().to_owned()
}

/// The shell completes the profiles this machine's config has, wherever an
/// argument names one; the static script is the checked-in file.
#[test]
fn profile_names_complete_from_the_config() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("config.toml"),
        "default_profile = \"acme\"\n[profiles.acme]\n[profiles.acme-eu]\n[profiles.beta]\n",
    )
    .unwrap();
    assert_eq!(
        bash_completes(dir.path(), "scimctl --profile ac"),
        "acme\nacme-eu"
    );
    assert_eq!(
        bash_completes(dir.path(), "scimctl status --profile b"),
        "beta"
    );
    assert_eq!(
        bash_completes(dir.path(), "scimctl profiles use acme-"),
        "acme-eu"
    );
    assert_eq!(
        bash_completes(dir.path(), "scimctl profiles remove b"),
        "beta"
    );
    assert_eq!(bash_completes(dir.path(), "scimctl tok"), "token");
    // Only scimctl's own variable asks for completions: a COMPLETE set for
    // something else changes nothing.
    let out = run(scimctl().env("COMPLETE", "bash").arg("--version"));
    out.code(0);
    assert!(out.stdout.starts_with("scimctl "), "{}", out.stdout);
    let script = run(scimctl().args(["completions", "bash"]));
    assert!(
        script.stdout.contains("SCIMCTL_COMPLETE=\"bash\""),
        "{}",
        script.stdout
    );
    let statik = run(scimctl().args(["completions", "bash", "--static"]));
    assert_eq!(
        statik.stdout,
        std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/scimctl.bash")
        )
        .unwrap()
    );
}

/// The static scripts offer file names where a value is a path, and nothing
/// else where it is not: `--profile ac` must not complete to `acme.toml`.
#[test]
fn static_scripts_offer_file_names_only_for_paths() {
    let dir = tempfile::tempdir().unwrap();
    for file in ["acme.toml", "notes.txt"] {
        std::fs::write(dir.path().join(file), "").unwrap();
    }
    let script = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/scimctl.bash"),
    )
    .unwrap();
    let offers = |line: &str| bash_runs_completion(&script, "_scimctl", dir.path(), line);
    // Free text: bash keeps what was typed and offers no file.
    assert_eq!(offers("scimctl --profile ac"), "ac");
    assert_eq!(offers("scimctl users list --timeout n"), "n");
    assert_eq!(offers("scimctl sandbox --listen n"), "n");
    // Paths: the files in the directory.
    assert_eq!(offers("scimctl --ca-cert no"), "notes.txt");
    assert_eq!(offers("scimctl sandbox --db no"), "notes.txt");
    assert_eq!(offers("scimctl sandbox --ready-file ac"), "acme.toml");
}

#[test]
fn the_benchmarks_page_is_what_its_results_render_to() {
    // docs/benchmarks.md is rendered from docs/benchmarks.json and the text in
    // benches/render.py: editing either without re-rendering leaves a stale page.
    let out = std::process::Command::new("python3")
        .arg("benches/render.py")
        .arg("--check")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("python3 runs (the benches need it too)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
