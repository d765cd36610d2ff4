#!/usr/bin/env python3
"""Steady writes for the restore drill: homework entries (a portal client) and session records (the
therapist) through HTTP, alternately, RATE writes per second, until STOP_FILE exists.

usage: restore_load.py BASE_URL THERAPIST_TOKEN COUPLE_ID CLIENT_TOKEN ASSIGNMENT_ID RATE OUT_FILE STOP_FILE

OUT_FILE gets one line per acknowledged write (201), flushed at once:
    "SENT_EPOCH ACK_EPOCH KIND ID"      (KIND: entry | session; epochs in seconds, wall clock)
A write that is not acknowledged (the database is gone, a timeout) is not written. Only 127.0.0.1.
"""
import datetime
import http.client
import json
import os
import sys
import time
import urllib.parse
import uuid

base, t_token, couple, c_token, assignment, rate, out_path, stop_path = sys.argv[1:9]
url = urllib.parse.urlparse(base)
assert url.hostname in ('127.0.0.1', 'localhost'), 'local traffic only'
interval = 1.0 / float(rate)

entry = json.dumps({
    'occurredOn': datetime.date.today().isoformat(), 'role': 'needing', 'visibility': 'shared',
    'fields': {'need': 'reassurance', 'askedDirectly': True, 'fearBefore': 6, 'understood': 4,
               'validated': 4, 'caredFor': 4, 'feltSecurityAfter': 4}})


def session_body(n):
    return json.dumps({
        'date': datetime.date.today().isoformat(), 'startTime': f'{8 + n % 10:02d}:{n % 60:02d}',
        'durationMinutes': 50, 'format': 'in_person', 'attendance': 'both', 'eftStage': 1, 'eftStep': 2,
        'note': f'restore drill write {n}'})


def post(path, token, body):
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=5)
    try:
        conn.request('POST', path, body, {'Authorization': f'Bearer {token}', 'Content-Type': 'application/json',
                                          'Idempotency-Key': str(uuid.uuid4())})
        response = conn.getresponse()
        data = response.read()
        return response.status, data
    except (OSError, http.client.HTTPException):
        return None, None
    finally:
        conn.close()


n = 0
next_at = time.monotonic()
with open(out_path, 'a', buffering=1) as out:
    while not os.path.exists(stop_path):
        n += 1
        sent = time.time()
        if n % 2:
            status, data = post(f'/api/portal/homework/{assignment}/entries', c_token, entry)
            kind = 'entry'
        else:
            status, data = post(f'/api/couples/{couple}/sessions', t_token, session_body(n))
            kind = 'session'
        acked = time.time()
        if status == 201:
            out.write(f'{sent:.6f} {acked:.6f} {kind} {json.loads(data)["id"]}\n')
        next_at += interval
        time.sleep(max(0.0, next_at - time.monotonic()))
