"""A real SMTP server in-process (aiosmtpd) that keeps what it receives, and the links and
codes read back from those messages."""

from __future__ import annotations

import re
import socket
import time
from contextlib import contextmanager
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Iterator
from urllib.parse import parse_qs, urlsplit

from aiosmtpd.controller import Controller

LINK = re.compile(r"https?://\S+/auth/v1/verify\?\S+")
CODE = re.compile(r"code: (\d{6})")


class Inbox:
    def __init__(self):
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's handler hook
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def last(self, to: str, timeout: float = 5.0) -> EmailMessage:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [m for m in self.messages if m["To"] == to]
            if found:
                return found[-1]
            time.sleep(0.05)
        raise AssertionError(f"no message to {to}")

    def link(self, to: str) -> str:
        return LINK.search(self.last(to).get_content()).group(0)

    def token(self, to: str) -> tuple[str, str]:
        """The link's token and type."""
        query = parse_qs(urlsplit(self.link(to)).query)
        return query["token"][0], query["type"][0]

    def code(self, to: str) -> str:
        return CODE.search(self.last(to).get_content()).group(1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def smtp_server() -> Iterator[tuple[Inbox, dict]]:
    """The inbox and the settings that send to it."""
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, {"smtp_host": "127.0.0.1", "smtp_port": port, "smtp_starttls": False,
                      "smtp_from": "VITAL <no-reply@vital.test>"}
    finally:
        controller.stop()
