"""`rolscore serve` as a process on a free loopback port: what only a real socket shows."""

from __future__ import annotations

import json
import socket
import time

import pytest

from tests.test_serve_browser import start_service


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    yield from start_service(tmp_path_factory, ["--timeout", "2", "--workers", "1"])


def _post_head(host: str, port: int, length: int) -> socket.socket:
    sock = socket.create_connection((host, port), timeout=30)
    sock.sendall(
        f"POST /api/score?filename=a.txt HTTP/1.1\r\nHost: {host}\r\nContent-Length: {length}\r\n\r\n".encode()
    )
    return sock


def _answer(sock: socket.socket) -> tuple[int, dict]:
    data = b""
    while b"\r\n\r\n" not in data or len(data.split(b"\r\n\r\n", 1)[1]) < int(
        next(line.split(b":")[1] for line in data.split(b"\r\n") if line.lower().startswith(b"content-length"))
    ):
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    head, body = data.split(b"\r\n\r\n", 1)
    return int(head.split()[1]), json.loads(body)


def test_an_upload_that_trickles_is_let_go(service):
    address, _ = service
    host, port = address.split("//")[1].rstrip("/").split(":")
    sock = _post_head(host, int(port), 1000)
    sock.sendall("某局".encode())  # then nothing more
    status, body = _answer(sock)
    sock.close()
    assert status == 408 and body["error"].startswith("上传超时")


def test_a_client_that_hangs_up_does_not_hold_a_worker(service):
    import urllib.request

    address, log = service
    host, port = address.split("//")[1].rstrip("/").split(":")
    for _ in range(3):
        sock = _post_head(host, int(port), 100_000)
        sock.sendall(b"x" * 10)
        sock.close()
    time.sleep(0.5)
    health = json.loads(urllib.request.urlopen(address + "healthz", timeout=30).read())
    assert health["busy"] == 0 and health["ready"] == 1
    assert "Traceback" not in log.read_text(encoding="utf-8")
