"""Slow clients are dropped, normal ones are not: raw sockets against a real uvicorn on loopback
with one-second header and body timeouts (vital.api.http_server, vital.api.body_limits)."""

from __future__ import annotations

import json
import socket
import time

import pytest

from tests.harness import api_settings, served_over_loopback, tenants_of

TIMEOUT = 1.0


@pytest.fixture(scope="module")
def port(api_db):
    settings = api_settings(api_db, api_header_timeout=TIMEOUT, api_body_timeout=TIMEOUT)
    with served_over_loopback(settings) as bound:
        yield bound, tenants_of(api_db, settings)["acme"].token


def _connect(port) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port[0]), timeout=TIMEOUT * 8)


def _response(sock: socket.socket) -> bytes:
    """One whole response on a kept-alive connection (head and Content-Length body)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return data  # closed by the server: no (whole) response
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = int(next(line.split(b":")[1] for line in head.split(b"\r\n")
                      if line.lower().startswith(b"content-length")))
    while len(body) < length:
        body += sock.recv(65536)
    return head


def _until_closed(sock: socket.socket) -> tuple[bytes, float]:
    """Everything the server sends until it closes, and how long that took."""
    started, data = time.monotonic(), b""
    while chunk := sock.recv(65536):
        data += chunk
    return data, time.monotonic() - started


def _status_and_body(data: bytes) -> tuple[int, dict]:
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split(b" ")[1]), json.loads(body)


def test_half_a_header_line_then_silence_is_dropped(port):
    with _connect(port) as sock:
        sock.sendall(b"GET /rest/v1/profiles HTTP/1.1\r\nHost: acme.loc")
        data, waited = _until_closed(sock)
    status, body = _status_and_body(data)
    assert status == 408 and body["code"] == "PGRST408"
    assert TIMEOUT * 0.8 < waited < TIMEOUT * 5


def test_many_silent_connections_are_all_dropped(port):
    socks = [_connect(port) for _ in range(30)]
    try:
        for sock in socks[::2]:
            sock.sendall(b"POST /rest/v1/prof")
        started = time.monotonic()
        for sock in socks:
            _until_closed(sock)  # returns only once the server closed it
        assert time.monotonic() - started < TIMEOUT * 6
    finally:
        for sock in socks:
            sock.close()


def test_a_body_that_stalls_midway_gets_408(port):
    with _connect(port) as sock:
        sock.sendall(b"POST /rest/v1/profiles HTTP/1.1\r\nHost: acme.localhost\r\nContent-Type: application/json\r\n"
                     b"Authorization: Bearer " + port[1].encode() + b"\r\n"
                     b"Content-Length: 100\r\n\r\n{\"display_name\":")
        data, waited = _until_closed(sock)
    status, body = _status_and_body(data)
    assert status == 408 and body["code"] == "PGRST408" and "VITAL_API_BODY_TIMEOUT" in body["hint"]
    assert waited < TIMEOUT * 5


def test_normal_clients_are_unaffected(port):
    with _connect(port) as sock:
        for _ in range(2):  # two requests on one kept-alive connection, the second after a pause
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: acme.localhost\r\n\r\n")
            head = _response(sock)
            assert head.startswith(b"HTTP/1.1 200"), head
            time.sleep(TIMEOUT * 0.5)
        # a head sent in pieces, each within the timeout of the head's start
        sock.sendall(b"GET /health HTTP/1.1\r\n")
        time.sleep(TIMEOUT * 0.3)
        sock.sendall(b"Host: acme.localhost\r\nConnection: close\r\n\r\n")
        data, _ = _until_closed(sock)
    assert data.startswith(b"HTTP/1.1 200"), data


def test_an_idle_kept_alive_connection_outlives_the_clients_own_idle_expiry(port):
    """httpx (like most pooled clients) reuses an idle connection for up to 5 s. A server that closes
    idle connections at the same 5 s (uvicorn's default) races the client's next request: the close
    lands on unread request bytes, the kernel answers with a reset and the client gets `ReadError`
    (bench/noisy_neighbour.py saw it on workflow-run requests). The server must wait longer."""
    import httpx

    with _connect(port) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: acme.localhost\r\n\r\n")
        assert _response(sock).startswith(b"HTTP/1.1 200")
        time.sleep(httpx.Limits().keepalive_expiry + 1.0)  # past the client's own expiry: it would not reuse later
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: acme.localhost\r\n\r\n")
        head = _response(sock)
    assert head.startswith(b"HTTP/1.1 200"), head


def test_the_protocol_pickles_for_several_workers():
    """`vital serve --workers N` hands uvicorn the protocol by pickling it; a class made inside a
    function cannot be pickled, and the server would not start."""
    import pickle

    from vital.api.http_server import protocol

    again = pickle.loads(pickle.dumps(protocol(7.0)))
    assert again.keywords == {"header_timeout": 7.0}
    assert again.func.__name__ in ("HttpToolsHeaderTimeout", "HeaderTimeoutProtocol")
