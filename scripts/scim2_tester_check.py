"""Runs scim2-tester (a peer's compliance tester) against a fresh sandbox.

usage: scim2_tester_check.py SCIMCTL_BINARY [--expect-name-limit]

Starts `scimctl sandbox` on a free loopback port with an in-memory database, enables
SCIM through the admin API to get a token, runs every scim2-tester check, stops the
sandbox. Exit 0 when every check succeeds.

Without --expect-name-limit the sandbox runs with the 25-character group-name rule
lifted, because scim2-tester names its groups with 36-character UUIDs. With it, the rule
is on and the only failures allowed are the Group checks it refuses, saying why.
"""
import collections
import sys
import time

from httpx2 import Client
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_tester import check_server

from peer_sandbox import sandbox

binary = sys.argv[1]
expect_name_limit = "--expect-name-limit" in sys.argv[2:]

with sandbox(binary, *([] if expect_name_limit else ["--group-name-limit", "0"])) as (scim_url, token):
    client = SyncSCIMClient(Client(base_url=scim_url, timeout=30, headers={"Authorization": f"Bearer {token}"}))
    start = time.monotonic()
    results = check_server(client)
    elapsed = time.monotonic() - start

def is_name_rule(r):
    return r.resource_type == "Group" and "shorter than 25 characters" in (r.reason or "")


failed = [r for r in results if r.status.name != "SUCCESS"]
unexpected = [r for r in failed if not (expect_name_limit and is_name_rule(r))]
for r in failed:
    tag = "FAIL" if r in unexpected else "refused by the name rule, as expected"
    print(f"{tag}: {r.status.name} {r.resource_type or '-'} {r.title}: {(r.reason or '')[:300]}")
mode = "with the group-name rule on" if expect_name_limit else "with the group-name rule lifted"
counts = dict(collections.Counter(r.status.name for r in results))
print(f"scim2-tester {mode}: {counts} in {elapsed:.1f}s")
if expect_name_limit and not any(is_name_rule(r) for r in failed):
    print("FAIL: the 25-character group-name rule should have refused scim2-tester's 36-character group names")
    unexpected.append(None)
print(f"peers: {len(results) - len(unexpected)} passed, {len(unexpected)} failed")
sys.exit(1 if unexpected else 0)
