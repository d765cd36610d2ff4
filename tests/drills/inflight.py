#!/usr/bin/env python3
"""SIGTERM with requests in flight.

usage: inflight.py PORT TOKEN PATH COUNT APP_PID
Opens COUNT keep-alive connections to 127.0.0.1:PORT and proves each is accepted by the app
(GET /health/live answered), sends PATH on all of them, sends SIGTERM to APP_PID 0.2 s later,
then reads every answer. Prints "answered=N failed=M statuses=…"; exit 0 when all were 200.
"""
import http.client
import os
import signal
import sys
import time

port, token, path, count, pid = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
connections = []
for _ in range(count):
    c = http.client.HTTPConnection('127.0.0.1', port, timeout=30)
    c.request('GET', '/health/live')
    r = c.getresponse()
    r.read()
    connections.append(c)
for c in connections:
    c.request('GET', path, headers={'Authorization': f'Bearer {token}'})
time.sleep(0.2)
os.kill(pid, signal.SIGTERM)
statuses = {}
for c in connections:
    try:
        r = c.getresponse()
        r.read()
        key = str(r.status)
    except (OSError, http.client.HTTPException) as e:
        key = type(e).__name__
    statuses[key] = statuses.get(key, 0) + 1
    c.close()
answered = statuses.get('200', 0)
# run.sh judges the line: every request answered 200 means failed=0.
print(f"answered={answered} failed={count - answered} statuses={statuses}")
