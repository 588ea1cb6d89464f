#!/usr/bin/python3
"""Interop peer for Reqivo.WebSockets: a python3-websockets (Debian package) server on 127.0.0.1.

Paths:
  /echo                      every message back, same type (permessage-deflate when the client offers it)
  /close?code=N&reason=R     the server closes at once with that code and reason
  /ping                      the server pings, waits for the client's pong, then sends the text "pong received"

Usage: websockets-server.py PORT   (build/interop/websockets.sh starts and stops it)
"""
import asyncio
import signal
import sys
from urllib.parse import parse_qs, urlsplit

import websockets


async def handler(websocket, path=None):
    url = urlsplit(path if path is not None else websocket.path)
    query = parse_qs(url.query)
    if url.path == "/echo":
        async for message in websocket:
            await websocket.send(message)
    elif url.path == "/close":
        code = int(query.get("code", ["1000"])[0])
        reason = query.get("reason", [""])[0]
        await websocket.close(code, reason)
    elif url.path == "/ping":
        pong_waiter = await websocket.ping(b"interop")
        await asyncio.wait_for(pong_waiter, timeout=10)
        await websocket.send("pong received")
        async for message in websocket:
            await websocket.send(message)
    else:
        await websocket.close(1008, "unknown path")


async def main(port):
    stop = asyncio.get_running_loop().create_future()
    for signum in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(signum, stop.set_result, None)
    # Keep-alive pings from the server are off so tests see only the pings they ask for; messages up to 32 MiB.
    async with websockets.serve(handler, "127.0.0.1", port, max_size=32 * 1024 * 1024, ping_interval=None,
                                compression="deflate"):
        await stop  # on SIGTERM the server closes every connection with 1001 (going away)


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
