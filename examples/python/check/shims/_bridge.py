"""Sends one request to bridge.js (Node.js) and returns its JSON answer."""

import json
import os
import subprocess

BRIDGE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bridge.js")


def call(request):
    done = subprocess.run(["node", BRIDGE], input=json.dumps(request), capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError("bridge.js failed: " + done.stderr.strip())
    return json.loads(done.stdout)
