#!/usr/bin/env python3
"""Portal write path under load: simulated clients posting homework entries with retries.

usage: portal_load.py BASE_URL TARGETS_FILE SECONDS CLIENTS OUT_KEYS_FILE
TARGETS_FILE lines: "ASSIGNMENT_ID TOKEN". Each simulated client posts entries with a fresh
Idempotency-Key; a failed attempt (timeout, cut connection, 5xx) is retried with the same key
(at most 12 attempts, with back-off) until it is acknowledged with 201. Writes every acknowledged
key to OUT_KEYS_FILE and prints a summary line. Only 127.0.0.1 is allowed.
"""
import datetime
import http.client
import json
import sys
import threading
import time
import urllib.parse
import uuid

base, targets_file, seconds, clients, out_path = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
url = urllib.parse.urlparse(base)
assert url.hostname in ('127.0.0.1', 'localhost'), 'local traffic only'
targets = [line.split() for line in open(targets_file) if line.strip()]
body = json.dumps({
    'occurredOn': datetime.date.today().isoformat(), 'role': 'needing', 'visibility': 'shared',
    'fields': {'need': 'reassurance', 'askedDirectly': True, 'fearBefore': 6, 'understood': 4,
               'validated': 4, 'caredFor': 4, 'feltSecurityAfter': 4}})

lock = threading.Lock()
acked, stats = [], {'attempts': 0, 'retries': 0, 'failed_keys': 0, 'replayed': 0, 'other': {}}
deadline = time.monotonic() + seconds


def post(assignment, token, key):
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=5)
    try:
        conn.request('POST', f'/api/portal/homework/{assignment}/entries', body, {
            'Authorization': f'Bearer {token}', 'Content-Type': 'application/json', 'Idempotency-Key': key})
        response = conn.getresponse()
        response.read()
        return response.status, response.getheader('Idempotent-Replayed')
    except (OSError, http.client.HTTPException):
        return None, None
    finally:
        conn.close()


def client(n):
    assignment, token = targets[n % len(targets)]
    while time.monotonic() < deadline:
        key = f'load-{n}-{uuid.uuid4()}'
        for attempt in range(12):
            status, replayed = post(assignment, token, key)
            with lock:
                stats['attempts'] += 1
                if attempt:
                    stats['retries'] += 1
            if status == 201:
                with lock:
                    acked.append(key)
                    if replayed:
                        stats['replayed'] += 1
                break
            if status is not None and status < 500 and status != 409:
                with lock:
                    stats['other'][status] = stats['other'].get(status, 0) + 1
                break
            time.sleep(min(0.1 * 2 ** attempt, 2))
        else:
            with lock:
                stats['failed_keys'] += 1


threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
for t in threads:
    t.start()
for t in threads:
    t.join(timeout=seconds + 120)
with open(out_path, 'w') as out:
    out.write('\n'.join(acked) + ('\n' if acked else ''))
print(f"acknowledged={len(set(acked))} attempts={stats['attempts']} retries={stats['retries']} "
      f"replayed={stats['replayed']} unacknowledged={stats['failed_keys']} other={stats['other']}")
