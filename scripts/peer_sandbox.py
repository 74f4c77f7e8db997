"""A fresh `scimctl sandbox` for the peers' testers (scripts/*_check.py): on a free
loopback port, in memory, SCIM enabled through the admin API; stopped with SIGTERM.

    with sandbox(binary, "--group-name-limit", "0") as (scim_url, token): ...
"""
import contextlib
import json
import os
import signal
import subprocess
import tempfile
import time
import urllib.request


@contextlib.contextmanager
def sandbox(binary, *extra):
    with tempfile.TemporaryDirectory() as tmp:
        ready = os.path.join(tmp, "ready.json")
        args = [binary, "sandbox", "--listen", "127.0.0.1:0", "--db", ":memory:", "--ready-file", ready, "-q", *extra]
        proc = subprocess.Popen(args, env={**os.environ, "HOME": tmp})
        try:
            for _ in range(300):
                if os.path.exists(ready):
                    break
                time.sleep(0.05)
            endpoints = json.load(open(ready))
            req = urllib.request.Request(endpoints["admin_url"] + "/scim/enable", data=json.dumps({"idp": "other"}).encode(), method="POST",
                                         headers={"Authorization": "Bearer " + endpoints["admin_key"], "Content-Type": "application/json"})
            token = json.load(urllib.request.urlopen(req))["token"]
            yield endpoints["scim_url"], token
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=20)
