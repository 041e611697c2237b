#!/usr/bin/python3
"""smtp_sink.py — a real SMTP server on loopback for the tests (Debian's python3-aiosmtpd).

Usage: /usr/bin/python3 tests/tools/smtp_sink.py DIR [--fail-first N]

Listens on 127.0.0.1 on a free port, prints "listening PORT" on a line of its own, and writes
every message it accepts to DIR/NNNN.eml (the raw bytes as received, with the envelope in
X-Envelope-From / X-Envelope-To headers prepended). With --fail-first N it answers the first N
messages "451 try again later" — a temporary failure a sender must retry. Runs until killed.
"""
import argparse
import asyncio
import os
import signal
import socket
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory, fail_first):
        self.directory = directory
        self.fail_left = fail_first
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        if self.fail_left > 0:
            self.fail_left -= 1
            return "451 try again later"
        self.count += 1
        head = "X-Envelope-From: %s\r\nX-Envelope-To: %s\r\n" % (
            envelope.mail_from, ", ".join(envelope.rcpt_tos))
        path = os.path.join(self.directory, "%04d.eml" % self.count)
        with open(path + ".part", "wb") as f:
            f.write(head.encode() + envelope.original_content)
        os.rename(path + ".part", path)
        return "250 OK"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--fail-first", type=int, default=0)
    args = ap.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    port = free_port()
    controller = Controller(Sink(args.dir, args.fail_first), hostname="127.0.0.1", port=port)
    controller.start()
    print("listening %d" % port, flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        signal.pause()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
