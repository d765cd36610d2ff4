#!/usr/bin/env python3
"""A small SMTP server for the email drill and benchmark: it accepts every message on 127.0.0.1 and
appends "<unix time> <Message-ID>" for each to a file, so deliveries are counted by Message-ID.

    smtp_sink.py PORT OUTFILE [SAVE_DIR]

With SAVE_DIR each message is also written there whole, as <n>.eml (the browser journeys read links
from them).

SIGUSR1 closes the listener and every open connection (the server is unreachable: connections are
refused); SIGUSR2 opens it again on the same port. Stops on SIGTERM/SIGINT. Loopback only.
"""
import asyncio
import re
import signal
import sys
import time

PORT = int(sys.argv[1])
OUT = open(sys.argv[2], "a", buffering=1)
SAVE_DIR = sys.argv[3] if len(sys.argv) > 3 else None
saved = 0
MESSAGE_ID = re.compile(rb"^message-id:\s*<?([^>\r\n]+)>?", re.IGNORECASE | re.MULTILINE)

server = None
connections = set()


async def handle(reader, writer):
    connections.add(writer)
    try:
        writer.write(b"220 drill-sink ESMTP\r\n")
        await writer.drain()
        while True:
            line = await reader.readline()
            if not line:
                return
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                writer.write(b"250-drill-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n" if verb == b"EHLO"
                             else b"250 drill-sink\r\n")
            elif verb in (b"MAIL", b"RCPT", b"RSET", b"NOOP"):
                writer.write(b"250 OK\r\n")
            elif verb == b"DATA":
                writer.write(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                await writer.drain()
                data = bytearray()
                while True:
                    chunk = await reader.readline()
                    if not chunk:
                        return
                    if chunk in (b".\r\n", b".\n"):
                        break
                    data += chunk
                headers = bytes(data).split(b"\r\n\r\n", 1)[0]
                match = MESSAGE_ID.search(headers)
                OUT.write(f"{time.time():.6f} {match.group(1).decode() if match else 'none'}\n")
                if SAVE_DIR:
                    global saved
                    saved += 1
                    with open(f"{SAVE_DIR}/{saved:05d}.eml", "wb") as eml:
                        eml.write(bytes(data).replace(b"\r\n..", b"\r\n."))
                writer.write(b"250 OK queued\r\n")
            elif verb == b"QUIT":
                writer.write(b"221 Bye\r\n")
                await writer.drain()
                return
            else:
                writer.write(b"502 Command not implemented\r\n")
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
        return
    finally:
        connections.discard(writer)
        writer.close()


async def open_listener():
    global server
    if server is None:
        server = await asyncio.start_server(handle, "127.0.0.1", PORT, reuse_address=True)


async def close_listener():
    global server
    if server is not None:
        server.close()
        await server.wait_closed()
        server = None
    for writer in list(connections):
        writer.transport.abort()


async def main():
    loop = asyncio.get_running_loop()
    stop = loop.create_future()
    loop.add_signal_handler(signal.SIGUSR1, lambda: asyncio.ensure_future(close_listener()))
    loop.add_signal_handler(signal.SIGUSR2, lambda: asyncio.ensure_future(open_listener()))
    for s in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(s, lambda: stop.done() or stop.set_result(None))
    await open_listener()
    await stop
    await close_listener()


asyncio.run(main())
