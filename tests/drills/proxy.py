#!/usr/bin/env python3
"""A tiny TCP round-robin proxy for the drills, 127.0.0.1 only.

usage: proxy.py LISTEN_PORT BACKEND_PORT [BACKEND_PORT…] [--drop-rate P]
Each client connection goes to the next backend. A request carrying the header
`X-Drill-Drop: 1`, or (with --drop-rate) a random share of requests to /api/portal/, is forwarded
and then the client's connection is cut before any answer reaches it: the "dropped connection"
a flaky phone network produces.
"""
import asyncio
import itertools
import random
import sys

args = sys.argv[1:]
drop_rate = 0.0
if '--drop-rate' in args:
    i = args.index('--drop-rate')
    drop_rate = float(args[i + 1])
    del args[i:i + 2]
listen, backends = int(args[0]), [int(p) for p in args[1:]]
turn = itertools.cycle(backends)


async def pipe(reader, writer):
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        try:
            writer.close()
        except Exception:
            pass


async def handle(client_reader, client_writer):
    backend = next(turn)
    try:
        up_reader, up_writer = await asyncio.open_connection('127.0.0.1', backend)
    except OSError:
        client_writer.close()
        return
    first = await client_reader.read(65536)
    drop = b'\r\nx-drill-drop: 1' in first.lower() or (
        drop_rate > 0 and b' /api/portal/' in first[:200] and random.random() < drop_rate)
    up_writer.write(first)
    await up_writer.drain()
    if drop:
        # Let the request reach the app, then vanish like a lost mobile connection.
        await asyncio.sleep(0.05)
        client_writer.transport.abort()
        try:
            await asyncio.wait_for(up_reader.read(65536), timeout=10)
        except Exception:
            pass
        up_writer.close()
        return
    await asyncio.gather(pipe(client_reader, up_writer), pipe(up_reader, client_writer))


async def main():
    server = await asyncio.start_server(handle, '127.0.0.1', listen, backlog=512)
    async with server:
        await server.serve_forever()

asyncio.run(main())
