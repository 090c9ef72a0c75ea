"""Drives a wsboot echo endpoint with the Python `websockets` library (a client we did not
write), with permessage-deflate on, and prints one line per observation for the Java test."""
import asyncio
import hashlib
import os
import sys

import websockets


async def main(uri):
    async with websockets.connect(uri, compression="deflate", max_size=None, ping_interval=None) as ws:
        print("extensions", ",".join(e.name for e in ws.extensions), flush=True)
        await ws.send("héllo from python")
        print("text", await ws.recv(), flush=True)
        json_chat = '{"user":"py","text":"' + "compressible " * 2000 + '"}'
        await ws.send(json_chat)
        print("large-text-equal", await ws.recv() == json_chat, flush=True)
        blob = os.urandom(1024 * 1024)
        await ws.send(blob)
        echoed = await ws.recv()
        print("binary-equal", hashlib.sha256(echoed).hexdigest() == hashlib.sha256(blob).hexdigest(), flush=True)
        # an iterable is sent as one fragmented message (RFC 6455 §5.4)
        await ws.send(["frag", "mented ", "message"])
        print("fragmented", await ws.recv(), flush=True)
        pong = await ws.ping(b"are you there")
        await asyncio.wait_for(pong, 5)
        print("pong", "ok", flush=True)
        await ws.close(code=4000, reason="done")
        print("close", ws.close_code, ws.close_reason, flush=True)


asyncio.run(asyncio.wait_for(main(sys.argv[1]), 30))
