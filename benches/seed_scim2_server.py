"""Seed a SCIM server with N users through /Bulk (scim2-server takes 1,000
operations per request), named like `scimctl sandbox --seed-users`:
user000001@example.test …  Usage: seed_scim2_server.py BASE_URL N  (token, if any,
in BENCH_TOKEN)."""
import json, os, sys, time, urllib.request

base, n = sys.argv[1], int(sys.argv[2])
tok = os.environ.get("BENCH_TOKEN", "")
U = "urn:ietf:params:scim:schemas:core:2.0:User"


def post(path, body):
    r = urllib.request.Request(base + path, json.dumps(body).encode(), method="POST",
                               headers={"Content-Type": "application/scim+json"})
    if tok:
        r.add_header("Authorization", "Bearer " + tok)
    with urllib.request.urlopen(r, timeout=600) as resp:
        return json.loads(resp.read())


t0 = time.monotonic()
for s in range(1, n + 1, 500):
    ops = [{"method": "POST", "path": "/Users", "bulkId": f"u{i}", "data": {
        "schemas": [U], "userName": f"user{i:06d}@example.test", "externalId": f"ext-{i:06d}",
        "name": {"givenName": f"Given{i}", "familyName": f"Family{i}"}, "displayName": f"User {i}",
        "emails": [{"value": f"user{i:06d}@example.test", "type": "work", "primary": True}],
        "active": True}} for i in range(s, min(n, s + 499) + 1)]
    out = post("/Bulk", {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
                         "Operations": ops})
    bad = [op for op in out["Operations"] if not str(op["status"]).startswith("201")]
    if bad:
        sys.exit(f"seeding failed: {bad[0]}")
print(f"seeded {n} users in {time.monotonic() - t0:.1f}s", file=sys.stderr)
