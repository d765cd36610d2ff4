#!/usr/bin/env python3
"""Load through a database failover: portal writes with retries and therapist dashboards.

usage: failover_load.py BASE_URL WRITE_TARGETS READ_TARGETS SECONDS WRITERS READERS OUT_DIR KILL_FILE

WRITE_TARGETS lines: "ASSIGNMENT_ID TOKEN"; READ_TARGETS lines: "PATH TOKEN". Each writer posts
homework entries, each with a fresh Idempotency-Key, retrying a failed attempt (cut connection, 5xx,
409 "still being processed") with the same key until it is acknowledged with 201 (for at most 30 s).
Each reader cycles through READ_TARGETS. Every answer is logged with its start and end time.

KILL_FILE holds the epoch second at which the primary was killed (written by the caller while the
load runs). Writes OUT_DIR/acked (acknowledged keys) and OUT_DIR/summary.json, prints one line.
Only 127.0.0.1 is allowed.
"""
import datetime
import http.client
import json
import os
import sys
import threading
import time
import urllib.parse
import uuid

base, write_file, read_file, seconds, writers, readers, out_dir, kill_file = sys.argv[1:9]
seconds, writers, readers = float(seconds), int(writers), int(readers)
url = urllib.parse.urlparse(base)
assert url.hostname in ('127.0.0.1', 'localhost'), 'local traffic only'
write_targets = [line.split() for line in open(write_file) if line.strip()]
read_targets = [line.split() for line in open(read_file) if line.strip()]
body = json.dumps({
    'occurredOn': datetime.date.today().isoformat(), 'role': 'needing', 'visibility': 'shared',
    'fields': {'need': 'reassurance', 'askedDirectly': True, 'fearBefore': 6, 'understood': 4,
               'validated': 4, 'caredFor': 4, 'feltSecurityAfter': 4}})

lock = threading.Lock()
events = []  # (kind, start, end, status, problem_json)
acked = []
unacknowledged = [0]
deadline = time.time() + seconds


def send(method, path, token, headers=None, payload=None):
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    start = time.time()
    try:
        conn.request(method, path, payload, {'Authorization': f'Bearer {token}', **(headers or {})})
        response = conn.getresponse()
        response.read()
        status = response.status
        problem = 'problem+json' in (response.getheader('Content-Type') or '')
    except (OSError, http.client.HTTPException):
        status, problem = None, False
    finally:
        conn.close()
    return start, time.time(), status, problem


def writer(n):
    assignment, token = write_targets[n % len(write_targets)]
    while time.time() < deadline:
        key = f'failover-{n}-{uuid.uuid4()}'
        first = time.time()
        while True:
            start, end, status, problem = send('POST', f'/api/portal/homework/{assignment}/entries', token, {
                'Content-Type': 'application/json', 'Idempotency-Key': key}, body)
            with lock:
                events.append(('write', start, end, status, problem))
            if status == 201:
                with lock:
                    acked.append(key)
                break
            if status is not None and status < 500 and status != 409:
                break  # a client error: not retried, not acknowledged (counted as bad below)
            if time.time() - first > 30:
                with lock:
                    unacknowledged[0] += 1
                break
            time.sleep(0.2)


def reader(n):
    i = n
    while time.time() < deadline:
        path, token = read_targets[i % len(read_targets)]
        i += 1
        start, end, status, problem = send('GET', path, token)
        with lock:
            events.append(('read', start, end, status, problem))
        if status != 200:
            time.sleep(0.2)


threads = [threading.Thread(target=writer, args=(n,), daemon=True) for n in range(writers)]
threads += [threading.Thread(target=reader, args=(n,), daemon=True) for n in range(readers)]
for t in threads:
    t.start()
for t in threads:
    t.join(timeout=seconds + 60)

with open(os.path.join(out_dir, 'events.tsv'), 'w') as out:
    out.write(''.join(f'{k}\t{s:.3f}\t{e:.3f}\t{st}\t{p}\n' for k, s, e, st, p in sorted(events, key=lambda e: e[1])))
with open(os.path.join(out_dir, 'acked'), 'w') as out:
    out.write(''.join(k + '\n' for k in acked))
kill = float(open(kill_file).read()) if os.path.exists(kill_file) else None
ok = [e for e in events if e[3] in (200, 201)]
failed = [e for e in events if e[3] not in (200, 201)]
bad = [e for e in failed if not (e[3] == 503 and e[4])]
summary = {
    'writes_acknowledged': len(set(acked)),
    'writes_unacknowledged': unacknowledged[0],
    'reads_ok': sum(1 for e in ok if e[0] == 'read'),
    'reads_before_kill': sum(1 for e in ok if e[0] == 'read' and kill and e[2] < kill),
    'answers_503': sum(1 for e in failed if e[3] == 503),
    'answers_other': {str(s): sum(1 for e in bad if e[3] == s) for s in sorted({e[3] for e in bad}, key=str)},
}
if kill:
    after = [e for e in ok if e[0] == 'write' and e[1] >= kill]
    summary['unavailable_seconds'] = round(min(e[2] for e in after) - kill, 2) if after else None
    reads_after = [e for e in ok if e[0] == 'read' and e[1] >= kill]
    summary['reads_unavailable_seconds'] = round(min(e[2] for e in reads_after) - kill, 2) if reads_after else None
    errors = [e for e in failed if e[2] >= kill]
    summary['error_window_seconds'] = round(max(e[2] for e in errors) - kill, 2) if errors else 0.0
    through = [e for e in events if e[2] >= kill]
    summary['slowest_answer_seconds'] = round(max(e[2] - e[1] for e in through), 2) if through else None
with open(os.path.join(out_dir, 'summary.json'), 'w') as out:
    json.dump(summary, out)
print(' '.join(f'{k}={json.dumps(v, separators=(",", ":"))}' for k, v in summary.items()))
