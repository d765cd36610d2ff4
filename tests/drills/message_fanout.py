#!/usr/bin/env python3
"""Live message delivery across instances (issue 31): open streams, post messages, time each delivery.

Opens STREAMS Server-Sent-Event streams (GET /api/messages/stream), spread round-robin over the --stream-base
instances, all as the account of --token (the couple's therapist: the audience of every message in its threads),
waits until every one has said `ready`, then posts MESSAGES messages at RATE per second through --post-base into
--thread, each with its own Idempotency-Key. A delivery is the first time a stream shows the message's id; its
latency is from just before the POST was sent to that moment. Prints one JSON object:
  {"streams", "ready", "messages", "posted", "expected", "delivered", "refused_503", "p50_ms", "p95_ms", "max_ms", "errors"}
A stream refused with 503 is retried a second later (up to 6 tries), as the web client does; refusals are counted.
Standard library only; loopback URLs (http://127.0.0.1:PORT).
"""
import argparse
import asyncio
import json
import time
import urllib.parse
import uuid


async def open_stream(base, token, ready, seen, errors, stop, refused, attempts=6):
    # A 503 (admission control's queue full while hundreds open at once) is retried after its Retry-After (1 s), as
    # the web client retries a stream; each refusal is counted.
    for attempt in range(attempts):
        if await stream_once(base, token, ready, seen, errors, stop, refused, last=attempt == attempts - 1) != 503:
            return
        await asyncio.sleep(1.0)


async def stream_once(base, token, ready, seen, errors, stop, refused, last):
    url = urllib.parse.urlparse(base)
    try:
        reader, writer = await asyncio.open_connection(url.hostname, url.port)
    except OSError as e:
        errors.append(f"connect {base}: {e}")
        return
    writer.write((f"GET /api/messages/stream HTTP/1.1\r\nHost: {url.netloc}\r\nAuthorization: Bearer {token}\r\n"
                  "Accept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n").encode())
    await writer.drain()
    status = await reader.readline()
    if b" 200 " not in status:
        writer.close()
        if b" 503 " in status:
            refused.append(base)
            if not last:
                return 503
        errors.append(f"stream {base}: {status.decode(errors='replace').strip()}")
        return None
    is_ready = False
    mine = set()  # ids this stream has shown: the kept tail must not count one twice
    buffer = b""
    try:
        while not stop.is_set():
            chunk = await reader.read(65536)
            if not chunk:
                break
            now = time.monotonic()
            buffer = buffer[-200:] + chunk
            text = buffer.decode(errors="replace")
            if "Fan-out check" in text:
                errors.append("a stream carried a message's text")
            if not is_ready and "ready" in text:
                is_ready = True
                ready.append(now)
            # Event data is JSON with "messageId":"<uuid>"; a chunk boundary inside it is covered by the kept tail.
            start = 0
            while True:
                i = text.find('"messageId":"', start)
                if i < 0:
                    break
                mid = text[i + 13:i + 49]
                if len(mid) == 36 and mid not in mine:
                    mine.add(mid)
                    seen.setdefault(mid, []).append(now)
                start = i + 13
            buffer = buffer[-80:]
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        writer.close()


async def post(base, token, thread, body, errors):
    url = urllib.parse.urlparse(base)
    payload = json.dumps({"body": body}).encode()
    reader, writer = await asyncio.open_connection(url.hostname, url.port)
    sent = time.monotonic()
    writer.write((f"POST /api/threads/{thread}/messages HTTP/1.1\r\nHost: {url.netloc}\r\nAuthorization: Bearer {token}\r\n"
                  f"Content-Type: application/json\r\nIdempotency-Key: {uuid.uuid4()}\r\nContent-Length: {len(payload)}\r\n"
                  "Connection: close\r\n\r\n").encode() + payload)
    await writer.drain()
    response = await reader.read()
    writer.close()
    head, _, rest = response.partition(b"\r\n\r\n")
    status = head.split(b"\r\n", 1)[0].decode(errors="replace")
    if " 201 " not in status:
        errors.append(f"post: {status}")
        return None
    if b"chunked" in head.lower():  # one chunk is enough for a message's JSON
        rest = rest.split(b"\r\n", 1)[1].rsplit(b"\r\n0\r\n", 1)[0]
    return json.loads(rest)["id"], sent


def percentile(values, p):
    if not values:
        return None
    values = sorted(values)
    k = max(0, min(len(values) - 1, int(round(p / 100 * len(values) + 0.5)) - 1))
    return values[k]


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--post-base", required=True)
    ap.add_argument("--stream-base", action="append", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--thread", required=True)
    ap.add_argument("--streams", type=int, default=1)
    ap.add_argument("--messages", type=int, default=5)
    ap.add_argument("--rate", type=float, default=2.0)
    ap.add_argument("--settle", type=float, default=2.0, help="seconds to wait for deliveries after the last post")
    ap.add_argument("--open-timeout", type=float, default=60.0)
    a = ap.parse_args()

    ready, seen, errors, refused, stop = [], {}, [], [], asyncio.Event()
    tasks = []
    for i in range(a.streams):
        tasks.append(asyncio.create_task(open_stream(a.stream_base[i % len(a.stream_base)], a.token, ready, seen, errors, stop, refused)))
        if i % 50 == 49:
            await asyncio.sleep(0.05)  # do not open hundreds of connections in one burst
    deadline = time.monotonic() + a.open_timeout
    while len(ready) + len(errors) < a.streams and time.monotonic() < deadline:
        await asyncio.sleep(0.05)

    posted = {}
    posts = []
    started = time.monotonic()
    for n in range(a.messages):
        await asyncio.sleep(max(0.0, started + n / a.rate - time.monotonic()))
        posts.append(asyncio.create_task(post(a.post_base, a.token, a.thread, f"Fan-out check {n + 1} of {a.messages}", errors)))
    for result in await asyncio.gather(*posts, return_exceptions=True):
        if isinstance(result, tuple):
            posted[result[0]] = result[1]
        elif isinstance(result, Exception):
            errors.append(f"post: {result!r}")
    await asyncio.sleep(a.settle)
    stop.set()
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)

    latencies = []
    for mid, at in posted.items():
        # One delivery per stream that was ready: each stream's first sighting of the id.
        latencies.extend((s - at) * 1000 for s in seen.get(mid, []))
    expected = len(posted) * len(ready)
    print(json.dumps({
        "streams": a.streams, "ready": len(ready), "messages": a.messages, "posted": len(posted), "expected": expected,
        "delivered": len(latencies), "refused_503": len(refused),
        "p50_ms": round(percentile(latencies, 50), 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 95), 1) if latencies else None,
        "max_ms": round(max(latencies), 1) if latencies else None,
        "errors": errors[:10],
    }))


if __name__ == "__main__":
    asyncio.run(main())
