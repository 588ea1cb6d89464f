#!/usr/bin/python3
"""A deliberately lax WebSocket client (negative control for the conformance server).

It echoes whatever it reassembles and answers pings and closes, but checks nothing: reserved bits, reserved opcodes,
fragmentation rules, UTF-8, control-frame sizes and close codes all pass. Run against the fuzzing server, it must
collect FAILED verdicts in groups 3-7; if it did not, the server would not be judging. Standard library only.
Usage: /usr/bin/python3 driver.py [ws://127.0.0.1:9001] [agent]
"""
import base64
import os
import socket
import struct
import sys
import urllib.parse


def connect(host, port, path):
    sock = socket.create_connection((host, port))
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall((f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = sock.recv(4096)
        if not chunk:
            raise ConnectionError("closed during handshake")
        head += chunk
    return sock, head.split(b"\r\n\r\n", 1)[1]


def send(sock, opcode, payload):
    mask = os.urandom(4)
    n = len(payload)
    header = bytes([0x80 | opcode])
    if n < 126:
        header += bytes([0x80 | n])
    elif n < 65536:
        header += bytes([0x80 | 126]) + struct.pack("!H", n)
    else:
        header += bytes([0x80 | 127]) + struct.pack("!Q", n)
    sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))


def frames(sock, buffered):
    data = buffered
    while True:
        while True:
            if len(data) >= 2:
                n, offset = data[1] & 0x7F, 2
                if n == 126 and len(data) >= 4:
                    n, offset = struct.unpack("!H", data[2:4])[0], 4
                elif n == 127 and len(data) >= 10:
                    n, offset = struct.unpack("!Q", data[2:10])[0], 10
                if n < 126 or offset > 2:
                    if len(data) >= offset + n:
                        yield data[0] & 0x80 != 0, data[0] & 0x0F, data[offset:offset + n]
                        data = data[offset + n:]
                        continue
            break
        chunk = sock.recv(65536)
        if not chunk:
            return
        data += chunk


def run(host, port, path, collect=False):
    sock, rest = connect(host, port, path)
    message, opcode_of_message, first = b"", 1, None
    try:
        for fin, opcode, payload in frames(sock, rest):
            if opcode == 8:
                send(sock, 8, payload[:2])
                break
            if opcode == 9:
                send(sock, 10, payload)
                continue
            if opcode == 10:
                continue
            if opcode != 0:
                opcode_of_message, message = (opcode if opcode in (1, 2) else 2), b""
            message += payload
            if fin:
                if collect and first is None:
                    first = message
                else:
                    send(sock, opcode_of_message, message)
                message = b""
    except OSError:
        pass
    finally:
        sock.close()
    return first


def main():
    url = urllib.parse.urlparse(sys.argv[1] if len(sys.argv) > 1 else "ws://127.0.0.1:9001")
    agent = urllib.parse.quote(sys.argv[2] if len(sys.argv) > 2 else "naive")
    count = int(run(url.hostname, url.port, "/getCaseCount", collect=True))
    print(f"running {count} cases as agent {agent}", flush=True)
    for i in range(1, count + 1):
        run(url.hostname, url.port, f"/runCase?case={i}&agent={agent}")
    run(url.hostname, url.port, f"/updateReports?agent={agent}")


if __name__ == "__main__":
    main()
