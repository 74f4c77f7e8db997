"""scimctl's benchmarks, beside its peers, in one run. Called by `scripts/bench`,
which installs the tools first. Each section measures one claim; results are
merged into docs/benchmarks.json and docs/benchmarks.md is rendered from it.

Usage: bench.py [--runs N] [SECTION ...]   (sections: see SECTIONS below)
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

from render import NAMED_QUERIES, render

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCIMCTL = os.path.join(ROOT, "target", "release", "scimctl")
# The previous release, for before/after rows (startup, list, members); optional.
BEFORE = os.environ.get("BENCH_BEFORE_BIN")
PEERS = os.environ.get("PEERS", os.path.join(ROOT, ".peers"))
PY = os.path.join(PEERS, "bin", "python")
DOCS = os.path.join(ROOT, "docs")
RESULTS = os.path.join(DOCS, "benchmarks.json")


def log(msg):
    print(f"bench: {msg}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, token=None, body=None, timeout=60):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data, method=method)
    if body is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        raw = resp.read()
        return json.loads(raw) if raw else None


def cpu_times():
    """The machine's CPU time as (busy, total) jiffies from /proc/stat; None where there is none."""
    try:
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:9]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + fields[4]  # idle, iowait; steal counts as busy: another VM had the core
    return sum(fields) - idle, sum(fields)


QUIET_BUSY = 0.10    # share of all CPUs busy in a sample that still counts as quiet
QUIET_SAMPLES = 4    # consecutive quiet half-second samples before a section starts
QUIET_MAX_WAIT = 180


def wait_for_quiet():
    """Waits until the machine is quiet (another job's build or test run would otherwise be
    timed with the section), up to QUIET_MAX_WAIT s; returns what it saw, for the report."""
    start, quiet, busy = time.monotonic(), 0, None
    prev = cpu_times()
    if prev is None:
        return None
    while quiet < QUIET_SAMPLES and time.monotonic() - start < QUIET_MAX_WAIT:
        time.sleep(0.5)
        now = cpu_times()
        busy = (now[0] - prev[0]) / max(now[1] - prev[1], 1)
        quiet = quiet + 1 if busy < QUIET_BUSY else 0
        prev = now
    waited = time.monotonic() - start
    if quiet < QUIET_SAMPLES:
        log(f"the machine is still {busy:.0%} busy after {waited:.0f} s; measuring anyway (the report says so)")
    return {"busy_pct": round(busy * 100, 1), "waited_s": round(waited, 1), "quiet": quiet >= QUIET_SAMPLES,
            "window_s": QUIET_SAMPLES * 0.5, "busy_limit_pct": QUIET_BUSY * 100}


def stats(values):
    return {"min": min(values), "median": statistics.median(values), "max": max(values), "runs": len(values)}


class Sandbox:
    """`scimctl sandbox` on a free port with a temporary SQLite file, SCIM enabled."""

    def __init__(self, seed_users, binary=None):
        self.dir = tempfile.mkdtemp(prefix="scimctl-bench-")
        ready = os.path.join(self.dir, "ready.json")
        log(f"starting the sandbox with {seed_users} users")
        t0 = time.monotonic()
        self.proc = subprocess.Popen(
            [binary or SCIMCTL, "sandbox", "--listen", "127.0.0.1:0", "--db", os.path.join(self.dir, "s.db"),
             "--ready-file", ready, "--seed-users", str(seed_users)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while not os.path.exists(ready):
            if self.proc.poll() is not None:
                sys.exit("bench: the sandbox did not start")
            time.sleep(0.05)
        self.seed_seconds = time.monotonic() - t0
        with open(ready) as f:
            ep = json.load(f)
        self.scim_url = ep["scim_url"]
        self.admin_url = ep["admin_url"]
        self.admin_key = ep["admin_key"]
        self.token = http("POST", self.admin_url + "/scim/enable", self.admin_key, {"idp": "okta"})["token"]
        self.pid = self.proc.pid

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=30)
        shutil.rmtree(self.dir, ignore_errors=True)


class Scim2Server:
    """scim2-server (PyPI) on a free port, bearer token, seeded through /Bulk."""

    def __init__(self, seed_users, token="bench-token"):
        self.port = free_port()
        self.token = token
        self.scim_url = f"http://127.0.0.1:{self.port}/v2"
        self.proc = subprocess.Popen(
            [os.path.join(PEERS, "bin", "scim2-server"), "--hostname", "127.0.0.1", "--port", str(self.port),
             "--bearer-token", token], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                http("GET", self.scim_url + "/ServiceProviderConfig")
                break
            except OSError:
                time.sleep(0.1)
        log(f"seeding scim2-server with {seed_users} users through /Bulk")
        t0 = time.monotonic()
        subprocess.run([PY, os.path.join(ROOT, "benches", "seed_scim2_server.py"), self.scim_url, str(seed_users)],
                       check=True, env={**os.environ, "BENCH_TOKEN": token})
        self.seed_seconds = time.monotonic() - t0
        self.pid = self.proc.pid

    def stop(self):
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def rss_mb(pid, field="VmRSS:"):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def wrk(url_origin, path, token, users, script, threads, conns, duration):
    env = {**os.environ, "BENCH_PATH": path, "BENCH_USERS": str(users), "BENCH_TOKEN": token,
           "BENCH_LUA_DIR": os.path.join(ROOT, "benches")}
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{conns}", f"-d{duration}s", "--timeout", "10s", "-s", script, url_origin],
        env=env, capture_output=True, text=True, check=True)
    line = next(l for l in out.stdout.splitlines() if l.startswith("JSON{"))
    r = json.loads(line[4:])
    r["rps"] = r["requests"] / (r["duration_us"] / 1e6)
    # A script that checks answers counts what it did not expect; the others
    # expect a 2xx or 3xx, as wrk does.
    r["bad"] = (r["unexpected"] if r["unexpected"] >= 0 else r["non2xx"]) + r["errors_socket"]
    if r["bad"]:
        log(f"warning: {r['bad']} bad answers ({r['errors_socket']} socket errors)\n{out.stderr[:500]}")
    return r


def users_endpoint(target):
    """wrk's origin and the /Users path of a target's SCIM URL."""
    origin = "/".join(target.scim_url.split("/", 3)[:3])
    return origin, "/" + target.scim_url.split("/", 3)[3] + "/Users"


def summary_row(workload, target_name, runs):
    """One table row: medians (min–max) over wrk runs."""
    return {
        "workload": workload,
        "target": target_name,
        "rps": stats([r["rps"] for r in runs]),
        "p50_ms": stats([r["p50_us"] / 1000 for r in runs]),
        "p99_ms": stats([r["p99_us"] / 1000 for r in runs]),
        "bad_answers": sum(r["bad"] for r in runs),
    }


def ids_file(target, n=1000):
    body = http("GET", f"{target.scim_url}/Users?count={n}", target.token)
    f = tempfile.NamedTemporaryFile("w", delete=False, suffix=".ids")
    f.write("\n".join(r["id"] for r in body["Resources"]))
    f.close()
    return f.name


def section_server(args):
    """The sandbox vs scim2-server with N users: filtered GET, create, PATCH under the same wrk load."""
    n, threads, conns = args.users, 2, 8
    sandbox = Sandbox(n)
    peer = Scim2Server(n)
    workloads = [
        ("filtered GET", "query.lua", args.duration),
        ("create (POST /Users)", "create.lua", max(3, args.duration // 2)),
        ("PATCH /Users/{id}", "patch.lua", max(3, args.duration // 2)),
    ]
    rows = []
    # The filtered GET: `userName eq` a random seeded user, who must be found.
    os.environ["BENCH_QUERY"] = "filter=userName%20eq%20%22user%u%40example.test%22"
    os.environ["BENCH_EXPECT"] = '"totalResults":%s*1[,}%s]'
    try:
        targets = (("sandbox", sandbox), ("scim2-server", peer))
        idfiles = {name: ids_file(t) for name, t in targets}
        for workload, script, duration in workloads:
            runs = {"sandbox": [], "scim2-server": []}
            for i in range(args.runs):
                for name, target in targets:
                    origin, path = users_endpoint(target)
                    os.environ["BENCH_IDS"] = idfiles[name]
                    r = wrk(origin, path, target.token, n, os.path.join(ROOT, "benches", script), threads, conns, duration)
                    log(f"{workload}, run {i + 1}: {name}: {r['rps']:.0f} req/s, p99 {r['p99_us'] / 1000:.1f} ms")
                    runs[name].append(r)
            for name, rs in runs.items():
                rows.append(summary_row(workload, name, rs))
        rss = {"sandbox": rss_mb(sandbox.pid), "scim2-server": rss_mb(peer.pid)}
        seeds = {"sandbox": sandbox.seed_seconds, "scim2-server": peer.seed_seconds}
    finally:
        sandbox.stop()
        peer.stop()
    ratios = {}
    for workload, _, _ in workloads:
        a, b = [r for r in rows if r["workload"] == workload]
        ratios[f"{workload}: sandbox / scim2-server (median req/s)"] = a["rps"]["median"] / b["rps"]["median"]
    return {
        "title": f"The sandbox vs scim2-server with {n:,} users",
        "load": f"wrk -t{threads} -c{conns} on loopback, {args.duration}s for filtered GETs (`userName eq` a random seeded user), "
                f"half that for creates and PATCHes (displayName of a random one of 1,000 users); {args.runs} runs each, interleaved; "
                f"both servers and wrk share the 2 cores. Seeding took {seeds['sandbox']:.1f} s (sandbox, --seed-users) and "
                f"{seeds['scim2-server']:.1f} s (scim2-server, /Bulk); RSS at the end: sandbox {rss['sandbox']:.0f} MB, "
                f"scim2-server {rss['scim2-server']:.0f} MB",
        "rows": rows,
        "ratio": ratios,
    }


def wait_idle(pid, limit_s=60):
    """Waits until process `pid` has used under 5% of a core for half a second (at
    most `limit_s`): scim2-server goes on working through requests wrk gave up
    on, and would otherwise take a core from whatever is measured next."""
    def cpu_s():
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except OSError:
            return None
    deadline = time.monotonic() + limit_s
    before = cpu_s()
    while before is not None and time.monotonic() < deadline:
        time.sleep(0.5)
        now = cpu_s()
        if now is None or now - before < 0.025:
            return
        before = now
    if before is not None:
        log(f"warning: process {pid} still busy after {limit_s} s")


def peak_rss_mb(pid):
    """The process's peak resident set so far."""
    return rss_mb(pid, "VmHWM:")


# A filter the sandbox evaluates in Rust over every user: past 10,000 rows it
# answers 400 tooMany (docs/admin-api.md, "Limits"), so its row times refusals,
# counts any other answer as bad, and has no ratio beside scim2-server's answers.
REFUSED_SCAN = 'filter=emails.value co "user0…" over all users (the sandbox refuses: 400 tooMany)'

# Legal list queries that no unique index answers (issue 13): each runs under
# wrk -c8, i.e. 8 concurrent clients. `%d` varies per request (bench/query.lua).
QUERIES = [
    ("filter=active eq true", "filter=active%20eq%20true&count=100"),
    ('filter=userName sw "user0…"', "filter=userName%20sw%20%22user0%d%22&count=100"),
    ("sortBy=name.familyName", "sortBy=name.familyName&count=100"),
    ("sortBy=name.familyName descending, startIndex deep", "sortBy=name.familyName&sortOrder=descending&startIndex=5%d01&count=100"),
    ('filter=name.givenName eq "Given…" and active eq true', "filter=name.givenName%20eq%20%22Given%d%22%20and%20active%20eq%20true"),
    ('filter=title eq "none" (matches no one)', "filter=title%20eq%20%22none%22"),
    ("startIndex deep, count=100 (Okta's import paging)", "startIndex=5%d01&count=100"),
    ('filter=userName sw "user00…" and emails.value co "example" (SQL narrows to ≤ 1,000, then evaluated in Rust)',
     "filter=userName%20sw%20%22user00%d%22%20and%20emails.value%20co%20%22example%22&count=100"),
    (REFUSED_SCAN, "filter=emails.value%20co%20%22user0%d%22&count=100"),
]


# Issue 18's named workloads, also measured with one client alone.
ALONE = NAMED_QUERIES


def section_queries(args):
    """Expensive legal list queries with N users on the sandbox and scim2-server, 8 clients at once (and alone)."""
    n, threads, conns = args.users, 2, 8
    duration = max(3, args.duration // 2)
    sandbox = Sandbox(n)
    peer = None if args.no_peer else Scim2Server(n)
    targets = [("sandbox", sandbox)] + ([("scim2-server", peer)] if peer else [])
    rows = []
    os.environ["BENCH_EXPECT"] = ""
    try:
        for label, query in QUERIES:
            for clients in ((1, conns) if label in ALONE else (conns,)):
                shown = label if clients == conns else f"{label}, 1 client alone"
                for name, target in targets:
                    origin, path = users_endpoint(target)
                    os.environ["BENCH_QUERY"] = query
                    refused = label == REFUSED_SCAN and name == "sandbox"
                    os.environ["BENCH_STATUS"] = "400" if refused else "200"
                    os.environ["BENCH_EXPECT"] = '"scimType":%s*"tooMany"' if refused else ""
                    rs = []
                    for i in range(args.runs):
                        if peer:
                            wait_idle(peer.pid)
                        r = wrk(origin, path, target.token, n, os.path.join(ROOT, "benches", "query.lua"),
                                min(threads, clients), clients, duration)
                        log(f"{shown}, run {i + 1}: {name}: {r['rps']:.1f} req/s, p99 {r['p99_us'] / 1000:.1f} ms")
                        rs.append(r)
                    rows.append(summary_row(shown, name, rs))
        peak = {name: peak_rss_mb(t.pid) for name, t in targets}
    finally:
        os.environ.pop("BENCH_STATUS", None)
        sandbox.stop()
        if peer:
            peer.stop()
    ratios, notes = {}, []
    if peer:
        for label, _ in QUERIES:
            a, b = [r for r in rows if r["workload"] == label]  # the 8-client rows
            if label == REFUSED_SCAN:
                which = "every request" if not a["bad_answers"] else f"all but {a['bad_answers']} of its requests"
                notes.append(f"{REFUSED_SCAN.split(' (')[0]}: the sandbox refused {which} after evaluating "
                             f"10,000 rows, in {a['p50_ms']['median']:.0f} ms at the median (p99 "
                             f"{a['p99_ms']['median']:.0f} ms); scim2-server answered {b['rps']['median']:.1f} per second, "
                             f"p99 {b['p99_ms']['median']:,.0f} ms. No ratio: a refusal is not an answer.")
            elif b["rps"]["median"]:
                ratios[f"{label}: sandbox / scim2-server (median req/s)"] = a["rps"]["median"] / b["rps"]["median"]
            else:
                notes.append(f"{label}: scim2-server's median was 0 requests/s (in most runs it answered no request "
                             f"within wrk's 10 s timeout); the sandbox answered {a['rps']['median']:.0f} per second.")
    peaks = ", ".join(f"{k} {v:.0f} MB" for k, v in peak.items() if v is not None)
    return {
        "notes": notes,
        "title": f"Expensive legal list queries with {n:,} users, 8 clients at once (and 1 alone)",
        "load": f"wrk -t{threads} -c{conns} on loopback (the rows \"1 client alone\": -t1 -c1), {duration}s per query "
                f"and target, {args.runs} runs, each once scim2-server is idle (it works on through requests wrk gave up on); "
                f"`%d`-style parts vary per request (benches/query.lua); peak RSS over the whole section: {peaks}. "
                f"Goal (issues 13 and 18): p99 under 150 ms and peak RSS under 150 MB",
        "rows": rows,
        "ratio": ratios,
        "peak_rss_mb": peak,
    }


def section_simulate(args):
    """Full simulate runs against the sandbox, with scim2-tester's full run against the same sandbox for scale."""
    sandbox = Sandbox(0)
    rows = []
    try:
        env = {"SCIMCTL_CONFIG_DIR": sandbox.dir}
        tester = [PY, "-c", (
            "import os, sys\n"
            "from httpx2 import Client\n"
            "from scim2_client.engines.httpx2 import SyncSCIMClient\n"
            "from scim2_tester import check_server\n"
            "c = SyncSCIMClient(Client(base_url=os.environ['URL'], headers={'Authorization': 'Bearer ' + os.environ['TOK']}))\n"
            "check_server(c)\n")]
        cmds = {
            "scimctl simulate okta": ([SCIMCTL, "simulate", "okta", "--url", sandbox.scim_url, "-o", "json"], {"SCIMCTL_TOKEN": sandbox.token}),
            "scimctl simulate entra": ([SCIMCTL, "simulate", "entra", "--url", sandbox.scim_url, "-o", "json"], {"SCIMCTL_TOKEN": sandbox.token}),
            "scimctl simulate okta (in-process sandbox)": ([SCIMCTL, "simulate", "okta", "-o", "json"], {}),
            "scim2-tester check_server (all checks)": (tester, {"URL": sandbox.scim_url, "TOK": sandbox.token}),
        }
        results = {k: [] for k in cmds}
        for _ in range(args.runs):
            for k, (cmd, extra) in cmds.items():
                r = measure(cmd, {**env, **extra}, 1)
                results[k].append(r["wall_s"]["median"])
        for k, walls in results.items():
            rows.append({"what": k, "wall_s": stats(walls)})
            log(f"{k}: {statistics.median(walls):.3f} s")
    finally:
        sandbox.stop()
    return {
        "title": "simulate: full runs against the sandbox, scim2-tester for scale",
        "load": f"wall time of the whole process; {args.runs} runs each, interleaved; the sandbox runs as a separate process "
                "(except the in-process row). scim2-tester runs its 135 checks; simulate runs 22 (okta) or 24 (entra) checks "
                "of 53-60 requests, each re-read after writing",
        "rows": rows,
        "ratio": {"scim2-tester / scimctl simulate okta (median wall)": rows[3]["wall_s"]["median"] / rows[0]["wall_s"]["median"]},
    }


def section_load(args):
    """Load mode: requests/s the driver sustains against the sandbox."""
    sandbox = Sandbox(0)
    rows = []
    try:
        for conc in (4, 16):
            rps, p99 = [], []
            for _ in range(args.runs):
                out = subprocess.run([SCIMCTL, "simulate", "okta", "--url", sandbox.scim_url, "--load", "--users", "3000",
                                      "--concurrency", str(conc), "--cleanup", "delete", "-o", "json"],
                                     env={**os.environ, "SCIMCTL_TOKEN": sandbox.token, "SCIMCTL_CONFIG_DIR": sandbox.dir},
                                     capture_output=True, text=True, check=True)
                r = json.loads(out.stdout)
                rps.append(r["requests_per_second"])
                p99.append(r["p99_ms"])
            rows.append({"concurrency": conc, "rps": stats(rps), "p99_ms": stats(p99)})
            log(f"load, concurrency {conc}: {statistics.median(rps):.0f} req/s")
    finally:
        sandbox.stop()
    return {
        "title": "simulate --load: an initial Okta push (lookup, then create) of 3,000 users against the sandbox",
        "load": f"{args.runs} runs per concurrency; the driver and the sandbox share the 2 cores",
        "rows": rows,
    }


FAST_RUNS = 200


def section_startup(args):
    """Cold start: scimctl --version vs scim2 --help and the previous release, and the binary size."""
    rows = []
    cmds = {"scimctl --version": [SCIMCTL, "--version"], "scim2 --help (scim2-cli)": [os.path.join(PEERS, "bin", "scim2"), "--help"],
            "/bin/true (what starting any process costs here)": ["/bin/true"]}
    if BEFORE:
        cmds["scimctl --version, previous release"] = [BEFORE, "--version"]
    results = {k: [] for k in cmds}
    # Milliseconds drift with the machine's load: the quick commands run
    # FAST_RUNS times, interleaved, and scim2-cli (a second each) max(--runs, 10)
    # times spread among them.
    slow = "scim2 --help (scim2-cli)"
    for i in range(FAST_RUNS):
        for k, cmd in cmds.items():
            if k != slow or i % (FAST_RUNS // max(args.runs, 10)) == 0:
                results[k].append(measure(cmd, None, 1)["wall_s"]["median"] * 1000)
    for k, v in results.items():
        rows.append({"what": k, "ms": stats(v)})
    size = os.path.getsize(SCIMCTL) / 1e6
    ratio = {"scim2 --help / scimctl --version (median)": rows[1]["ms"]["median"] / rows[0]["ms"]["median"]}
    if BEFORE:
        ratio["previous / this release (median)"] = rows[3]["ms"]["median"] / rows[0]["ms"]["median"]
        size_before = os.path.getsize(BEFORE) / 1e6
    return {
        "title": "Cold start and size",
        "load": f"wall time from fork to exit, {FAST_RUNS} runs each ({len(results[slow])} of scim2-cli), interleaved; release binary (thin LTO, stripped): {size:.1f} MB"
                + (f" (previous release {size_before:.1f} MB)" if BEFORE else ""),
        "rows": rows,
        "size_mb": size,
        "ratio": ratio,
    }


def measure(cmd, env=None, runs=5):
    """Runs `cmd` `runs` times (stdout to /dev/null); wall seconds and peak RSS (MB) of each."""
    walls, rss = [], []
    for _ in range(runs):
        t0 = time.monotonic()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})})
        _, status, usage = os.wait4(p.pid, 0)
        walls.append(time.monotonic() - t0)
        rss.append(usage.ru_maxrss / 1024)
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"bench: {' '.join(cmd)} failed: {p.stderr.read().decode()[:500]}")
    return {"wall_s": stats(walls), "rss_mb": stats(rss)}


def section_list(args):
    """Listing: 100k users from the sandbox (json, ndjson); 1,000 from scim2-server, scimctl vs scim2-cli."""
    n = args.users
    sandbox = Sandbox(n)
    rows = []
    try:
        env = {"SCIMCTL_TOKEN": sandbox.token, "SCIMCTL_CONFIG_DIR": sandbox.dir}
        for fmt in ("json", "ndjson"):
            r = measure([SCIMCTL, "users", "list", "--url", sandbox.scim_url, "-o", fmt], env, args.runs)
            log(f"scimctl users list -o {fmt} ({n:,} users, sandbox): {r['wall_s']['median']:.2f} s, {r['rss_mb']['max']:.0f} MB")
            rows.append({"what": f"scimctl users list -o {fmt}", "target": f"sandbox, {n:,} users", **r})
    finally:
        sandbox.stop()
    if BEFORE:
        # The previous release's client against its own sandbox: most of what
        # listing costs is the server writing its pages.
        old = Sandbox(n, BEFORE)
        try:
            env = {"SCIMCTL_TOKEN": old.token, "SCIMCTL_CONFIG_DIR": old.dir}
            r = measure([BEFORE, "users", "list", "--url", old.scim_url, "-o", "json"], env, args.runs)
            log(f"previous release, users list -o json: {r['wall_s']['median']:.2f} s")
            before_row = {"what": "scimctl users list -o json, previous release", "target": f"its sandbox, {n:,} users", **r}
        finally:
            old.stop()
    peer = Scim2Server(1000)
    try:
        env = {"SCIMCTL_TOKEN": peer.token, "SCIMCTL_CONFIG_DIR": tempfile.mkdtemp(),
               "SCIM_CLI_HEADERS": f"Authorization: Bearer {peer.token}"}
        cmds = {
            "scimctl users list -o json": [SCIMCTL, "users", "list", "--url", peer.scim_url, "-o", "json"],
            "scim2 query user --count 1000 (scim2-cli)": [os.path.join(PEERS, "bin", "scim2"), "--url", peer.scim_url,
                                                          "query", "user", "--count", "1000", "--no-indent"],
            "curl, the same single page (reference)": ["curl", "-sf", "-H", f"Authorization: Bearer {peer.token}",
                                                       f"{peer.scim_url}/Users?count=1000"],
        }
        results = {k: {"wall_s": [], "rss_mb": []} for k in cmds}
        for _ in range(args.runs):  # interleaved, one run each per round
            for k, cmd in cmds.items():
                r = measure(cmd, env, 1)
                results[k]["wall_s"].append(r["wall_s"]["median"])
                results[k]["rss_mb"].append(r["rss_mb"]["median"])
        for k, r in results.items():
            row = {"what": k, "target": "scim2-server, 1,000 users", "wall_s": stats(r["wall_s"]), "rss_mb": stats(r["rss_mb"])}
            log(f"{k}: {row['wall_s']['median']:.2f} s")
            rows.append(row)
    finally:
        peer.stop()
    ratio = {"scim2-cli / scimctl, 1,000 users from scim2-server (median wall)": rows[3]["wall_s"]["median"] / rows[2]["wall_s"]["median"]}
    if BEFORE:
        rows.insert(2, before_row)
        ratio[f"previous / this release, {n:,} users from the sandbox (median wall)"] = before_row["wall_s"]["median"] / rows[0]["wall_s"]["median"]
    return {
        "title": "Listing users: scimctl on 100,000 from the sandbox, and beside scim2-cli on 1,000 from scim2-server",
        "load": f"wall time and peak RSS of the whole process, stdout to /dev/null; {args.runs} runs each (peer runs interleaved); "
                "the sandbox and scim2-server run on the same 2 cores",
        "rows": rows,
        "ratio": ratio,
    }


def section_members(args):
    """`groups get --members` on a group of 10,000 users in the sandbox; the previous release beside it."""
    n = 10_000
    sandbox = Sandbox(n)
    rows = []
    try:
        ids, start = [], 1
        while True:
            page = http("GET", f"{sandbox.scim_url}/Users?startIndex={start}&count=1000&attributes=id", sandbox.token)
            ids += [r["id"] for r in page.get("Resources", [])]
            start += len(page.get("Resources", []))
            if not page.get("Resources") or start > page["totalResults"]:
                break
        ids = ids[:n]
        http("POST", f"{sandbox.scim_url}/Groups", sandbox.token,
             {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Everyone",
              "members": [{"value": i} for i in ids]})
        env = {"SCIMCTL_TOKEN": sandbox.token, "SCIMCTL_CONFIG_DIR": sandbox.dir}
        cmds = {"scimctl groups get --members": SCIMCTL}
        if BEFORE:
            cmds["the same, previous release (one GET per member, 8 in flight)"] = BEFORE
        results = {k: {"wall_s": [], "rss_mb": []} for k in cmds}
        for _ in range(args.runs):
            for k, binary in cmds.items():
                r = measure([binary, "groups", "get", "--name", "Everyone", "--members", "-o", "json",
                             "--url", sandbox.scim_url], env, 1)
                results[k]["wall_s"].append(r["wall_s"]["median"])
                results[k]["rss_mb"].append(r["rss_mb"]["median"])
        for k, r in results.items():
            row = {"what": k, "target": f"sandbox, {len(ids):,} members", "wall_s": stats(r["wall_s"]), "rss_mb": stats(r["rss_mb"])}
            log(f"{k}: {row['wall_s']['median']:.2f} s")
            rows.append(row)
    finally:
        sandbox.stop()
    ratio = {}
    if len(rows) == 2:
        ratio["previous / this release (median wall)"] = rows[1]["wall_s"]["median"] / rows[0]["wall_s"]["median"]
    return {
        "title": "groups get --members: a group of 10,000 users from the sandbox",
        "load": f"wall time and peak RSS of the whole process, stdout to /dev/null; {args.runs} runs each, interleaved; "
                "names looked up 50 ids a request (`filter=id eq … or …`), 8 requests in flight. Goal (issue 18): under 1 s",
        "rows": rows,
        "ratio": ratio,
    }


SECTIONS = {"startup": section_startup, "server": section_server, "queries": section_queries, "list": section_list,
            "members": section_members, "simulate": section_simulate, "load": section_load}


def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    version = subprocess.run([SCIMCTL, "--version"], capture_output=True, text=True).stdout.strip()
    peers = subprocess.run([PY, "-m", "pip", "list", "--format=freeze"], capture_output=True, text=True).stdout
    pinned = [l for l in peers.splitlines() if l.split("==")[0] in ("scim2-server", "scim2-cli", "scim2-tester")]
    wrk_v = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": f"{cpu}, {os.cpu_count()} cores",
        "os": platform.platform(),
        "scimctl": version,
        "peers": pinned,
        "wrk": (wrk_v.stdout + wrk_v.stderr).splitlines()[0] if (wrk_v.stdout + wrk_v.stderr) else "?",
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--users", type=int, default=100_000)
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument("--no-peer", action="store_true", help="queries: the sandbox only (skips seeding scim2-server)")
    ap.add_argument("sections", nargs="*", default=list(SECTIONS))
    args = ap.parse_args()
    # `server` means the server's whole comparison: the cheap workloads and the
    # expensive list queries.
    if "server" in args.sections and "queries" not in args.sections:
        args.sections.insert(args.sections.index("server") + 1, "queries")
    results = {}
    if os.path.exists(RESULTS):
        with open(RESULTS) as f:
            results = json.load(f)
    info = machine()
    for name in args.sections:
        if name not in SECTIONS:
            sys.exit(f"bench: unknown section '{name}'; sections: {', '.join(SECTIONS)}")
        log(f"section {name}")
        quiet = wait_for_quiet()
        sec = SECTIONS[name](args)
        sec["machine"] = info
        sec["before_start"] = quiet
        results[name] = sec
        with open(RESULTS, "w") as f:
            json.dump(results, f, indent=2)
            f.write("\n")
        with open(os.path.join(DOCS, "benchmarks.md"), "w") as f:
            f.write(render(results, list(SECTIONS)))
    log(f"wrote {os.path.relpath(RESULTS, ROOT)} and docs/benchmarks.md")


if __name__ == "__main__":
    main()
