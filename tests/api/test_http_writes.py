"""vital.api.http_server writes a response of known length as one write (head and body together), and
still sends a stream's head, a HEAD answer and a 100 Continue at once: uvicorn's own protocol, driven
byte by byte as a socket would drive it, over a transport that records what is written."""

from __future__ import annotations

import asyncio

import uvicorn
from starlette.responses import Response, StreamingResponse
from uvicorn.server import ServerState

from vital.api.http_server import protocol


class Recording(asyncio.Transport):
    """What the protocol writes to its connection, write by write."""

    def __init__(self):
        super().__init__()
        self.writes: list[bytes] = []
        self.closed = False

    def write(self, data) -> None:
        self.writes.append(bytes(data))

    def is_closing(self) -> bool:
        return self.closed

    def close(self) -> None:
        self.closed = True

    def get_extra_info(self, name, default=None):
        return {"sockname": ("127.0.0.1", 8000), "peername": ("127.0.0.1", 50000)}.get(name, default)

    def pause_reading(self) -> None:
        pass

    def resume_reading(self) -> None:
        pass


async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    if scope["path"] == "/stream":
        async def chunks():
            yield b"first"
            await asyncio.sleep(0.05)
            yield b"second"
        return await StreamingResponse(chunks(), media_type="text/plain")(scope, receive, send)
    if scope["path"] == "/upload":
        body = (await receive())["body"]
        return await Response(b"got %d" % len(body), media_type="text/plain")(scope, receive, send)
    await Response(b'{"ok":true}', media_type="application/json")(scope, receive, send)


def exchange(request: bytes, settle: float = 0.2) -> list[bytes]:
    async def run():
        config = uvicorn.Config(app, log_config=None, access_log=False, lifespan="off")
        transport = Recording()
        proto = protocol(10.0)(config=config, server_state=ServerState(), app_state={},
                               _loop=asyncio.get_running_loop())
        proto.connection_made(transport)
        proto.data_received(request)
        await asyncio.sleep(settle)
        proto.connection_lost(None)
        return transport.writes
    return asyncio.run(run())


def test_a_response_of_known_length_leaves_in_one_write():
    writes = exchange(b"GET /agents HTTP/1.1\r\nHost: x\r\n\r\n")
    assert len(writes) == 1
    assert writes[0].startswith(b"HTTP/1.1 200 OK\r\n") and writes[0].endswith(b'\r\n\r\n{"ok":true}')
    assert b"content-length: 11\r\n" in writes[0]


def test_a_head_answer_a_stream_and_100_continue_are_not_held():
    head = exchange(b"HEAD /agents HTTP/1.1\r\nHost: x\r\n\r\n")
    assert len(head) == 1 and head[0].startswith(b"HTTP/1.1 200 OK\r\n") and head[0].endswith(b"\r\n\r\n")

    stream = exchange(b"GET /stream HTTP/1.1\r\nHost: x\r\n\r\n")
    assert stream[0].startswith(b"HTTP/1.1 200 OK\r\n") and b"transfer-encoding: chunked" in stream[0]
    assert stream[0].endswith(b"\r\n\r\n")  # the head alone, before the first chunk
    assert b"".join(stream[1:]) == b"5\r\nfirst\r\n6\r\nsecond\r\n0\r\n\r\n"

    upload = exchange(b"POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n", 0.1)
    assert upload == [b"HTTP/1.1 100 Continue\r\n\r\n"]  # at once, before the client sends the body
