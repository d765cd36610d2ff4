#!/usr/bin/env python3
"""Turn the statements one request sent (PostgreSQL log, log_min_duration_statement = 0) into a
pgbench script: each executed statement with its logged parameters written in as literals.

usage: capture.py LOGFILE START_OFFSET APP_NAME OUT.sql
Only lines whose prefix is '@@APP_NAME@@' (log_line_prefix = '@@%a@@ ') are read. Literals are
E'' strings with ':' escaped, so pgbench never mistakes part of a timestamp for a :variable.
"""
import re
import sys

log_path, start, app, out_path = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
with open(log_path, 'rb') as f:
    f.seek(start)
    text = f.read().decode('utf-8', 'replace')

# One entry per prefixed line; unprefixed lines continue the entry before them (multi-line SQL).
entries, current = [], None
for line in text.split('\n'):
    m = re.match(r'^@@([^@]*)@@ (.*)$', line)
    if m:
        current = [m.group(1), m.group(2)]
        entries.append(current)
    elif current is not None:
        current[1] += '\n' + line

STMT = re.compile(r'^LOG:\s+duration: [0-9.]+ ms\s+(?:execute [^:]*|statement): (.*)$', re.S)
PARAMS = re.compile(r'^DETAIL:\s+[Pp]arameters: (.*)$', re.S)
PARAM = re.compile(r"\$(\d+) = (NULL|'(?:[^']|'')*')")


def literal(quoted):
    if quoted == 'NULL':
        return 'NULL'
    value = quoted[1:-1].replace("''", "'")
    escaped = value.replace('\\', '\\\\').replace("'", "\\'").replace(':', '\\x3a')
    return "E'" + escaped + "'"


# With prepared statements the log also has "parse" and "bind" lines, and a bind's DETAIL names the
# parameters of the statement about to run: only a DETAIL right after an execute belongs to it.
statements, after_execute = [], False
for name, body in entries:
    if name != app:
        continue
    m = STMT.match(body)
    if m:
        statements.append([m.group(1).strip(), {}])
        after_execute = True
        continue
    p = PARAMS.match(body)
    if p and statements and after_execute:
        statements[-1][1] = {int(k): literal(v) for k, v in PARAM.findall(p.group(1))}
    after_execute = False

with open(out_path, 'w') as out:
    kept = 0
    for sql, params in statements:
        if re.match(r'^(DISCARD|SET |RESET )', sql, re.I):
            continue
        # Highest numbers first so $1 never eats the front of $12.
        for n in sorted(params, reverse=True):
            sql = re.sub(r'\$%d(?!\d)' % n, lambda _m, v=params[n]: v, sql)
        sql = sql.rstrip().rstrip(';')
        out.write(sql + ';\n')
        kept += 1
print(kept)
