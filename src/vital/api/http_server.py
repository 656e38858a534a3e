"""uvicorn's HTTP/1.1 protocols (httptools' C parser, else h11) with a deadline on the request head.

uvicorn drops idle keep-alive connections (`timeout_keep_alive`) but has no
timeout for a request line and headers that arrive slowly or never: a client
that sends half a header line and stalls holds its connection for ever. This
protocol gives every request head `header_timeout` seconds from its first byte
(or from the connection, for the first request); past it the connection gets a
408 and is closed. The body's own timeout is the ASGI middleware's
(vital.api.body_limits). Used by `vital serve`/`vital up` and the tests' loopback server.
"""

from __future__ import annotations

import functools
import json

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

_TIMEOUT_BODY = json.dumps({"code": "PGRST408", "message": "The request headers did not arrive in time.",
                            "details": None, "hint": "Send the request line and headers without pausing."}).encode()
_TIMEOUT_RESPONSE = (b"HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json\r\nconnection: close\r\n"
                     b"content-length: " + str(len(_TIMEOUT_BODY)).encode() + b"\r\n\r\n" + _TIMEOUT_BODY)


class _HeadDeadline:
    """The timer both parsers share; a subclass says when a request head is complete (`_in_head`)."""
    header_timeout: float
    _head_deadline = None
    _head_bytes = False

    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        if self._waiting_for_head() and data:
            if self._head_deadline is None:
                self._arm()  # the next request on a kept-alive connection starts its clock here
            self._head_bytes = True
        super().data_received(data)
        if not self._waiting_for_head():
            self._disarm()  # the head is complete

    def connection_lost(self, exc) -> None:
        self._disarm()
        # uvicorn cancels its keep-alive timer only on a clean close: after a reset the timer would keep
        # the protocol, its transport and its last request alive for the whole keep-alive timeout.
        self._unset_keepalive_if_required()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._head_deadline = self.loop.call_later(self.header_timeout, self._head_timed_out)

    def _disarm(self) -> None:
        if self._head_deadline is not None:
            self._head_deadline.cancel()
            self._head_deadline = None
        self._head_bytes = False

    def _head_timed_out(self) -> None:
        self._head_deadline = None
        if self.transport.is_closing() or not self._waiting_for_head():
            return
        if self._head_bytes:  # a client that started a request is told why; a silent one just closed
            self.transport.write(_TIMEOUT_RESPONSE)
        self.transport.close()


class HeaderTimeoutProtocol(_HeadDeadline, H11Protocol):
    def __init__(self, *args, header_timeout: float, **kwargs):
        super().__init__(*args, **kwargs)
        self.header_timeout = header_timeout

    def _waiting_for_head(self) -> bool:
        return self.conn.their_state is h11.IDLE


try:  # httptools is a pinned dependency; h11 stays the fallback where it is missing
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
except ImportError:  # pragma: no cover - only without httptools
    HttpToolsProtocol = None

if HttpToolsProtocol is not None:
    # At module level, not made in a function: `--workers N` pickles the protocol class by name.
    class HttpToolsHeaderTimeout(_HeadDeadline, HttpToolsProtocol):
        """httptools calls on_headers_complete when a head is whole and on_message_complete after its body."""

        def __init__(self, *args, header_timeout: float, **kwargs):
            super().__init__(*args, **kwargs)
            self.header_timeout = header_timeout
            self._past_head = False

        def _waiting_for_head(self) -> bool:
            return not self._past_head

        def on_headers_complete(self) -> None:
            self._past_head = True
            self._disarm()  # a bodiless request completes within the same data_received
            before = self.cycle
            super().on_headers_complete()
            if self.cycle is not None and self.cycle is not before:  # a new request (not an upgrade)
                self.cycle.transport = _HeadWithBody(self.transport, self.cycle)

        def on_message_complete(self) -> None:
            self._past_head = False
            super().on_message_complete()


class _HeadWithBody:
    """One response's transport: the head of a response of known length is held until the body's first
    write and both leave in one write, one segment that wakes the client once (uvicorn writes them
    apart: two syscalls and two wake-ups of the client per request, the socket write a tenth of a
    read's CPU in the agents list's profile). Streams (chunked), answers to HEAD (no body follows) and anything written before the head
    (100 Continue) go out at once; a response that fails before its body flushes the head as it closes."""

    __slots__ = ("_transport", "_cycle", "_head", "_held")

    def __init__(self, transport, cycle):
        self._transport, self._cycle, self._head, self._held = transport, cycle, None, False

    def write(self, data: bytes) -> None:
        cycle = self._cycle
        if not self._held and cycle.response_started and cycle.chunked_encoding is False \
                and cycle.scope["method"] != "HEAD":
            self._held, self._head = True, data  # the head (uvicorn writes it once the length is known)
            return
        if self._head is not None:
            data, self._head = self._head + data, None
        self._transport.write(data)

    def flush(self) -> None:
        if self._head is not None:
            head, self._head = self._head, None
            self._transport.write(head)

    def close(self) -> None:
        self.flush()
        self._transport.close()

    def __getattr__(self, name: str):
        return getattr(self._transport, name)


def server_options(settings) -> dict:
    """What `vital serve` and the tests' loopback server give uvicorn: the protocol, and the keep-alive timeout.

    uvicorn's default keep-alive (5 s) equals httpx's own idle expiry: a client reusing a connection
    idle for just under 5 s sends its request as the server closes it, the close meets unread bytes,
    the kernel resets the connection and the client sees `ReadError` (a request lost, not refused).
    The server waits longer than pooled clients do, so they let go first (VITAL_API_KEEP_ALIVE_TIMEOUT)."""
    return {"http": protocol(settings.api_header_timeout), "timeout_keep_alive": settings.api_keep_alive_timeout}


def protocol(header_timeout: float):
    """The `http=` argument of uvicorn.run/Config (a partial pickles for `--workers N`): httptools' C parser
    when installed (a pinned dependency; measured in docs/measurements.md), else h11."""
    base = HttpToolsHeaderTimeout if HttpToolsProtocol is not None else HeaderTimeoutProtocol
    return functools.partial(base, header_timeout=header_timeout)
