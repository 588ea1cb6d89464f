#!/usr/bin/python3
"""Autobahn-style client driver for the python3-websockets library (Debian package python3-websockets).

Asks the fuzzing server for the case count, runs every case echoing each message back as received (str as text,
bytes as binary), then asks it to write the reports. Run with the Debian interpreter: /usr/bin/python3 driver.py
[ws://127.0.0.1:9001] [agent]
"""
import asyncio
import sys
import urllib.parse

import websockets


async def run(uri, echo):
    # compression="deflate" is the library default (permessage-deflate offered); max_size=None lifts the 1 MiB limit
    # so group 9 messages (up to 16 MiB) are accepted.
    try:
        async with websockets.connect(uri, max_size=None, compression="deflate", ping_interval=None) as ws:
            async for message in ws:
                if not echo:
                    return message
                await ws.send(message)
    except (websockets.exceptions.WebSocketException, OSError):
        # The case ended with the connection failed (by either side): the server has what it needs to judge.
        pass
    return None


async def main():
    base = sys.argv[1] if len(sys.argv) > 1 else "ws://127.0.0.1:9001"
    agent = sys.argv[2] if len(sys.argv) > 2 else "websockets-" + websockets.version.version
    quoted = urllib.parse.quote(agent)
    count = int(await run(base + "/getCaseCount", echo=False))
    print(f"running {count} cases as agent {agent}", flush=True)
    for i in range(1, count + 1):
        await run(f"{base}/runCase?case={i}&agent={quoted}", echo=True)
    await run(f"{base}/updateReports?agent={quoted}", echo=False)


if __name__ == "__main__":
    asyncio.run(main())
