"""Renders docs/benchmarks.md from docs/benchmarks.json (benches/bench.py calls it; run alone,
it re-renders the page from the checked-in results, or with --check says whether they differ)."""

def fmt_stat(s, digits=0):
    f = f"{{:,.{digits}f}}"
    return f"{f.format(s['median'])} ({f.format(s['min'])}–{f.format(s['max'])})"


PROFILING = """## Profiling: the slowest path, and what changed

The slowest path measured was listing 100,000 users from the sandbox: **9.03 s** in the
first run of the `list` section (goal: 1.5 s). Timing single pages with curl showed the
sandbox, not the client, was the cost (40 ms for the first page of 1,000, 130 ms for the
last), growing with the offset; `perf record` on the sandbox then showed malloc/free at
about 35% of its samples. Changes, each measured with the same listing:

| change | wall |
|---|---|
| before | 9.03 s |
| page query ordered by `seq` alone, so SQLite walks the `(kind, seq)` index instead of sorting the table for every page (`ORDER BY seq IS NULL, …` defeated the index) | 3.05 s |
| users' `groups` looked up once per page (one `IN (…)` query) instead of once per user; rows moved, not cloned, into the response | 2.08 s |
| mimalloc as the global allocator (the sandbox's JSON trees; removed in round 3, once pages were no longer trees) | 1.62 s |
| the client keeps resources as raw JSON (`RawValue`) through the pager and copies them to stdout for json/ndjson, parsing only `id` for de-duplication (client CPU 0.8 s → 0.1 s) | 1.25 s |

Before/after: **7.2×** faster. The same changes took the sandbox's filtered GETs from
23,870 to 29,000–34,000 requests/s (across runs). Peak RSS went from 31 MB to 41–49 MB with mimalloc
(still under the 50 MB goal); the system allocator would give it back at ~0.4 s more.

### Round 2 (issue 18), measured by hand on 2026-12-02 beside the previous release

This machine ran about 2× slower than on 2026-11-25 (the previous release listed 100,000
users in 2.42 s here, 1.25 s then): compare the rows of one run, not runs of different days.

Listing 100,000 users from the sandbox, `-o json`, 3 runs each (median):

| change | wall | client peak RSS |
|---|---|---|
| before (previous release) | 2.42 s | 48.9 MB |
| the client on the system allocator, the sandbox on mimalloc (`src/alloc.rs`: the role is read from the command line at the first allocation) | 2.98 s (under a concurrent build) | 21.6 MB |
| the pager asks for up to 3 pages ahead while the server serves one; timing single pages showed the sandbox spending ~20 ms per page of 1,000 with one request in flight, and 20 pages taking 0.53 s one at a time, 0.37 s two at a time, 0.25 s four at a time | 1.43 s | 22.1 MB |

Before/after: **1.7×** faster and **2.2×** less memory. In the `scripts/bench` run above
(an idler moment of the same day) the listing took 1.05 s at 26 MB: the 30 MB goal holds,
the 0.8 s goal does not on this machine — the rest is the sandbox rendering its pages (100
pages of 1,000, each ~10–20 ms of its CPU, on the 2 cores the client shares).

`groups get --members` on 10,000 members: names are looked up 50 ids a request
(`filter=id eq … or …`) instead of one GET each; 0.67 s against the previous release's
1.03 s in the run above (**1.5×**, goal 1 s), and 39 MB against 73 MB.

Cold start, `--version`, wall from fork to exit, 200 runs interleaved (median; `/bin/true`
took 1.64 ms in the same run): a binary linking nothing of scimctl 1.70 ms; one that only
builds and parses the clap model 2.32 ms; scimctl 3.78 ms (previous release 4.13 ms). So
about 0.6 ms is clap's model and 1.5 ms the 15 MB binary itself: 23,632 relative
relocations applied at load (571 KB of `.rela.dyn`, 354 KB of `.data.rel.ro` written), and
page faults (339 against `/bin/true`'s 78). Packing the relocations (`-z
pack-relative-relocs`, RELR) shrank the table to 11 KB but gained nothing measurable (within
this machine's noise), and a non-PIE build would drop ASLR for the binary: neither was
taken. The 2 ms goal is not met here; what is left is the binary's size and clap's model.

### Round 3 (issue 18), measured by hand on 2026-12-02, afternoon

Each comparison ran interleaved in one sitting, every binary against its own sandbox;
medians, (min–max) where given.

**Listing: the sandbox wrote each page twice.** `perf record` on the sandbox during three
listings of 100,000 users: allocation (mimalloc's malloc and free) about 25% of its samples,
serde_json's `Value` serialisation 9%, `IndexMap` inserts and SipHash 8%, SQLite 10%. Each
stored document was parsed into a JSON tree, moved into a resource tree, and serialised
again. Now the rows of a list page keep their documents as the text SQLite holds; only
the top-level members are split (values stay borrowed raw JSON), and each resource is
written member by member in the order the tree would have had
(`Renderer::render_stored_page`). Projections and the scan path still build trees; a unit
test (`stored_text_pages_are_the_rendered_resources`) pins that both give the same bytes.

| listing 100,000 users, `-o json`, 7 runs | wall | one page of 1,000 at startIndex 50,001 |
|---|---|---|
| before (57dd83e) | 0.895 s (0.817–0.988) | 14.7 ms |
| pages written from stored text | 0.429 s (0.394–0.504) | 9.3 ms |

**One allocator.** With the trees gone, the sandbox on the system allocator against
mimalloc (10,000 users, wrk -t2 -c8, 4 s, 3 runs): filtered GET 18,076 against 14,574
requests/s, create 3,416 against 2,944, PATCH 4,657 against 4,346; peak RSS 30 MB against
65 MB. Load mode (3,000 users, concurrency 4) 7,072 against 7,047 requests/s; the listing
0.422 s against 0.397 s (the ranges overlap); the non-indexed queries alike (`title eq
"none"` 75.7 against 78.5 ms, `emails.value co` 39.6 against 47.3 ms). And mimalloc's
constructor ran in every client process too, though the client never allocated from it:
strace showed a 2.3 MB mapping named "mimalloc" and its options read from the environment
at every start, and perf put `mi_process_init` and its option parsing at ~15% of
`--version`'s user time. mimalloc and `src/alloc.rs` are gone: `--version` 2.24 → 1.93 ms
(300 runs; an empty C program 0.75 ms in the same run), the binary 18.5 → 17.9 MB.

**The clap model is left for the exit to free**: `--version` 2.34 → 2.25 ms (300 runs).

**What `--version` still costs** (perf over 300 runs, page-fault records, heaptrack): 302
page faults against 49 for an empty C program, at ~1.7 µs each on this VM (timed over 2,000
faults). 88 of them are the pages of `.data.rel.ro` that 23,355 relative relocations write
at load (9,901 point into `.rodata`: string and slice constants; 7,576 into `.text`:
vtables and function pointers); 98 are heap pages of clap's model (peak 447 KB, of which
184 KB is the 12 global options copied into each of the 16 commands). libgcc_s's
constructor runs `cpuid`, which costs ~6 µs per call in this VM (timed), and glibc reads
`/proc/self/maps` to find the main thread's stack for std's guard page. None of these has
a fix worth its cost: a non-PIE or static build would drop ASLR or glibc's NSS, and the
global options are the interface.

Measured the same way by hand at a quiet moment (300 runs, `subprocess.run`): an empty C
program 0.78 ms, `/bin/true` 0.81 ms, scimctl exiting as `main` starts 1.46 ms, `scimctl
--version` 1.89 ms. So clap's model and the parse cost ~0.43 ms, and the binary ~0.7 ms
more than an empty program. The cold-start table above runs `--version` through the
bench's harness, interleaved with scim2-cli's Python, and reads 2.5 ms: the 2 ms goal
holds only on a quiet machine, not in this run.

### Round 4 (issue 18), measured by hand on 2026-12-02, evening

**Cold start, again.** perf over 300 runs of `--version` put only 3% of the process's
time in scimctl's own code; the rest was the kernel (exec, page faults, exit: 63%) and the
loader relocating (26%). Two changes, each measured interleaved (400 runs, medians):

| `scimctl --version` | median | page faults |
|---|---|---|
| before (5aff07f) | 2.37 ms | 303 |
| trace-level events compiled out of release builds | 2.10 ms | 294 |
| and commands' arguments built only when parsed (clap `defer`) | 1.88 ms | 260 |
| `/bin/true`, same run | 0.84 ms | |

- 847 `tracing` callsites (hyper's, h2's, zbus's, mostly trace level) each hold a
  metadata record of pointers: 3,357 of the 23,181 relative relocations. With
  `release_max_level_debug` (tracing and log) the relocations are 20,548 and the binary is
  0.35 MB smaller. `-vvv` showed other crates at debug already; `RUST_LOG=trace` now shows
  nothing more than debug in a release build.
- clap built the arguments of all 30 commands before parsing any; now a command's arguments
  are built when it is the one parsed (`#[command(defer = true)]`). Help pages and errors,
  which list subcommands with their one-line help, parse the same arguments again against
  the fully built tree, so their text is unchanged (a test compares `scimctl help A B` with
  `scimctl A B --help` for every command). The 12 global options are still copied into
  each of the 16 top-level commands when the root is built (heaptrack: 164 KB of the 328 KB
  peak).
- Not taken: `#![no_main]` would skip std's runtime setup (~0.1 ms: reading
  `/proc/self/maps` for the stack guard, the SIGPIPE and standard-fd setup), but stdout
  would no longer be flushed at exit and stack overflows would lose their message; RELR
  packing of relocations needs glibc 2.36 where the binary runs.

### Round 5 (issue 18), measured on 2026-12-03

**The bench waits for a quiet machine.** The run of 2026-12-02 19:37 UTC read `--version`
at 2.45 ms, with `/bin/true` at 1.02 ms in the same run against 0.84 ms at a quiet moment:
other work was running beside it. Each section now starts once `/proc/stat` has shown the
CPUs under 10% busy (steal counted as busy) for 2 s, waiting up to 180 s, and its Load
line says how busy they were — in bold, with the warning that its times include that
work, if they never went quiet. The next run (21:52 UTC, quiet in every section) read
`--version` at 1.68 ms and `/bin/true` at 0.71 ms. What `--version`'s 271 page faults are
(`perf record -e page-faults -d`; `/bin/true` has 49): 75 in `.data.rel.ro`, the pages
the loader's 20,550 relative relocations write; 72 heap pages (~290 KB, clap's model with
the 12 global options copied into every command); 24 in `.text`; 9 in `.rela.dyn`. None
of the fixes for those (round 4's list) was taken.

**Filters on attributes without an index: one pass over each document, not three.** The
slowest row in the 21:52 run was `title eq "none"` (no index on `title`, no one matches):
357 ms at the median with 8 clients, p99 507 ms, where scim2-server answers from the
in-memory equality index it builds at the first `eq` on an attribute. SQLite read every
user's document and tested the raw-text hint `data LIKE '%none%' OR instr(data, char(304))
> 0 OR instr(data, char(8490)) > 0`: for a document without the literal, three passes,
and `instr` on text counts characters as it goes (over the 100,000 documents, in SQLite
alone: the `LIKE` 33 ms, one `instr` 47 ms, all three 110 ms). The hint is now
`scim_may_hold(data, literal, case_exact)`, registered by the sandbox: one `memchr` pass
over the document's bytes for the literal's first byte in either case, then U+0130 and
U+212A (the two characters whose lowercase holds ASCII). The property test that SQL and
evaluation agree fails when that second check is dropped. Same database, the binary
before and after, interleaved, 2 rounds:

| `filter=title eq "none"`, 100,000 users | before (235e3f2~1) | after |
|---|---|---|
| 1 client, median of 15 | 101 / 92 ms | 45 / 42 ms |
| 8 clients (wrk, 5 s): requests/s | 17 / 20 | 53 / 49 |
| 8 clients: p99 | 711 / 562 ms | 218 / 233 ms |

`nickName co "zz"` alike: 75 → 34 ms alone. In the run above (2026-12-03 10:08 UTC) the
row reads 57 requests/s and p99 206 ms, against 22 and 507 ms at 21:52 the day before;
scim2-server is still 15.8× faster on it, and the sandbox hundreds to thousands of times
faster on every other row. What is left is reading every row: SQLite
alone takes ~30 ms to read the 100,000 documents (the kernel, mostly copying pages, took
39% of the sandbox's samples under perf), so 8 clients on 2 cores queue behind one another and p99
stays over 150 ms. Not taken: 16 KB pages (a fresh database of 100,000 users each, 3
interleaved runs, medians) took `title eq` from 49 to 59 requests/s at 8 clients but made
creates 16% slower (2,159 → 1,811 requests/s, p99 12.7 → 19.7 ms) and filtered GETs no
faster (9,959 against 9,838); mapping the database (`mmap_size` 1 GiB on the 4 read
connections) made it no faster either (2 interleaved rounds: 43–49 ms alone, 93–94
against 84–96 requests in 2 s at 8 clients) and the sandbox's RSS 281 MB of mapped file;
perf with symbols puts the hint itself (`may_hold` and memchr) at ~20% of the samples,
`sqlite3VdbeExec` 13%, the kernel's page copies 18%; an index on `title` answers
it, at a cost to every write (`sql_filter::INDEXED` says which attributes earn one).

**The multi-valued row timed refusals.** In the 21:52 run, 633 of the `emails.value co`
row's ~645 answers were bad, and the same query replayed by hand for each of its 100
prefixes was refused every time with `400 tooMany`: a filter evaluated
in Rust over more than 10,000 rows is refused (docs/admin-api.md, "Limits"), and the row
reported the refusals' rate and latency as if they were answers. The wrk scripts checked
status and body but only printed the first three misses; now each thread counts the
answers it did not expect and the table's "bad answers" is that count. The full-scan row
expects the refusal (status 400 and `tooMany`) and has no ratio beside scim2-server's
answers; a new row times an `emails.value co` that SQL first narrows to at most 1,000 users
(`userName sw`). Counting misses showed one more: the filtered GET expected the literal
text `"totalResults":1`, which scim2-server writes as `"totalResults": 1` (and which
`"totalResults":10` would also have matched); the expectations are Lua patterns now. And a
ratio below 1 now says how much faster the peer is, instead of "0.0×".

**The goals** are read from the results by `benches/render.py` (the table above the
profiling notes), so the page can't claim one the run did not show. In the run above
all are met; `--version`'s margin is small (1.98 ms against 2 ms, on a day when
`/bin/true` took 0.78 ms and the previous release 2.86 ms; the run of 2026-12-02 21:52
read 1.68, 0.71 and 2.12 ms).
"""


# The list queries issue 18 names (bench.py also runs these with one client alone).
NAMED_QUERIES = ("filter=active eq true", 'filter=userName sw "user0…"', "sortBy=name.familyName")

# Issue 18's goals, each read from this run's results: (what, section, how to find
# the figure, the limit, its unit). A goal the results can't answer (its section
# did not run, or ran before it recorded that figure) says so.
GOALS = [
    ("`scimctl --version`, median", "startup", lambda s: row(s, "scimctl --version")["ms"]["median"], 2.0, "ms"),
    ("listing 100,000 users (`-o json`), median wall", "list",
     lambda s: row(s, "scimctl users list -o json", "sandbox, 100,000 users")["wall_s"]["median"], 0.8, "s"),
    ("listing 100,000 users, peak RSS (largest run)", "list",
     lambda s: max(r["rss_mb"]["max"] for r in s["rows"] if r["what"].startswith("scimctl users list -o")
                   and r["target"].startswith("sandbox")), 30.0, "MB"),
    ("`groups get --members`, 10,000 members, median wall", "members",
     lambda s: row(s, "scimctl groups get --members")["wall_s"]["median"], 1.0, "s"),
    ("`simulate okta` and `entra` against the sandbox, slowest median", "simulate",
     lambda s: max(row(s, f"scimctl simulate {i}")["wall_s"]["median"] for i in ("okta", "entra")), 0.1, "s"),
    ("`active eq true`, `userName sw`, `sortBy`, alone and 8 at once: worst p99 (largest run)", "queries",
     lambda s: max(r["p99_ms"]["max"] for r in s["rows"] if r["target"] == "sandbox"
                   and r["workload"].split(", 1 client alone")[0] in NAMED_QUERIES), 150.0, "ms"),
    ("the sandbox's peak RSS over the queries", "queries", lambda s: s["peak_rss_mb"]["sandbox"], 150.0, "MB"),
]


def row(sec, what, target=None):
    return next(r for r in sec["rows"] if r.get("what", r.get("workload")) == what
                and (target is None or r.get("target") == target))


def goals(results):
    """The goals table: each figure from this run beside its limit."""
    lines = ["## Issue 18's goals in this run", "",
             "| goal | limit | this run | met |", "|---|---|---|---|"]
    for what, key, figure, limit, unit in GOALS:
        try:
            v = figure(results[key])
        except (KeyError, StopIteration):
            lines.append(f"| {what} | < {limit:g} {unit} | not measured | — |")
            continue
        lines.append(f"| {what} | < {limit:g} {unit} | {v:.3g} {unit} | {'yes' if v < limit else '**no**'} |")
    return lines + [""]


def bad(n):
    """Answers the wrk script did not expect: any is worth a look, so it stands out."""
    return f"**{n:,}**" if n else "0"


def fmt_ratio(v):
    """A ratio with one decimal; one below 1 also as its inverse, so that a row
    where the peer is faster never reads "0.0×"."""
    if v >= 0.95:
        return f"{v:.1f}×"
    return f"{v:.2g}× (the peer {1 / v:.1f}× faster)"


def before_start(q):
    """What the machine was doing when the section started (bench.py waits for it to be quiet)."""
    if not q:
        return ""
    if q["quiet"]:
        return (f" The section started once the CPUs had been under {q['busy_limit_pct']:.0f}% busy for {q['window_s']:g} s "
                f"({q['busy_pct']}% in the last half second; waited {q['waited_s']:.0f} s).")
    return (f" **The machine never went quiet: {q['busy_pct']}% of its CPUs were busy with other work when the section "
            f"started, after waiting {q['waited_s']:.0f} s; these times include that work.**")


def render(results, sections):
    lines = ["# Benchmarks", "",
             "Generated by `scripts/bench` (see the README); do not edit by hand. Numbers are median (min–max) "
             "over the runs named in each section. Absolute times on a shared 2-core machine are noisy: read the ratios.", ""]
    order = [k for k in sections if k in results]
    for key in order:
        sec = results[key]
        m = sec["machine"]
        lines += [f"## {sec['title']}", "",
                  f"Measured {m['date']} on {m['cpu']}; {m['scimctl']}; peers {', '.join(m['peers'])}; {m['wrk']}.", "",
                  f"Load: {sec['load']}.{before_start(sec.get('before_start'))}", ""]
        if key in ("server", "queries"):
            lines += ["| workload | target | requests/s | p50 ms | p99 ms | bad answers |", "|---|---|---|---|---|---|"]
            for r in sec["rows"]:
                if r["rps"]["max"] == 0:
                    # wrk counts no latency for requests still unanswered at its 10 s timeout.
                    lines.append(f"| {r.get('workload', 'filtered GET')} | {r['target']} | no answer within 10 s | — | — | all |")
                    continue
                rps = fmt_stat(r['rps'], 1 if r['rps']['median'] < 10 else 0)
                lines.append(f"| {r.get('workload', 'filtered GET')} | {r['target']} | {rps} | {fmt_stat(r['p50_ms'], 2)} "
                             f"| {fmt_stat(r['p99_ms'], 1)} | {bad(r['bad_answers'])} |")
        if key == "simulate":
            lines += ["| command | wall s |", "|---|---|"]
            for r in sec["rows"]:
                lines.append(f"| `{r['what']}` | {fmt_stat(r['wall_s'], 3)} |")
        if key == "load":
            lines += ["| concurrency | requests/s | p99 ms |", "|---|---|---|"]
            for r in sec["rows"]:
                lines.append(f"| {r['concurrency']} | {fmt_stat(r['rps'])} | {fmt_stat(r['p99_ms'], 1)} |")
        if key == "startup":
            lines += ["| command | ms |", "|---|---|"]
            for r in sec["rows"]:
                lines.append(f"| `{r['what']}` | {fmt_stat(r['ms'], 2)} |")
        if key in ("list", "members"):
            lines += ["| command | target | wall s | peak RSS MB |", "|---|---|---|---|"]
            for r in sec["rows"]:
                lines.append(f"| `{r['what']}` | {r['target']} | {fmt_stat(r['wall_s'], 3)} | {fmt_stat(r['rss_mb'], 1)} |")
        lines.append("")
        for k, v in sec.get("ratio", {}).items():
            lines.append(f"**{k}: {fmt_ratio(v)}**")
        for note in sec.get("notes", []):
            lines.append(f"- {note}")
        lines.append("")
    lines += goals(results)
    lines.append(PROFILING)
    return "\n".join(lines)




if __name__ == "__main__":
    # `python3 benches/render.py` re-renders docs/benchmarks.md from docs/benchmarks.json
    # (after editing this file's text); `--check` only says whether they differ.
    import json
    import os
    import sys

    from bench import SECTIONS

    docs = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs")
    with open(os.path.join(docs, "benchmarks.json")) as f:
        text = render(json.load(f), list(SECTIONS))
    page = os.path.join(docs, "benchmarks.md")
    if sys.argv[1:] == ["--check"]:
        with open(page) as f:
            if f.read() != text:
                sys.exit("docs/benchmarks.md is not what docs/benchmarks.json renders to: "
                         "run `python3 benches/render.py` and commit the result")
    elif sys.argv[1:]:
        sys.exit("usage: python3 benches/render.py [--check]")
    else:
        with open(page, "w") as f:
            f.write(text)
