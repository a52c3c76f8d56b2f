"""`rolscore serve`: the scoring page and API on this machine's network."""

from __future__ import annotations

import ipaddress
import logging
import socket
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from scorer.cli.common import fail, user_errors
from scorer.errors import ExitCode

MEGABYTE = 1024 * 1024


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """The listening socket, opened here so a taken port is one line, and port 0 picks a free one."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP said outright: asyncio turns Nagle off (TCP_NODELAY) only on sockets that say it, and
    # with Nagle on, an answer's body waits for the client's delayed ACK of its headers (about 40 ms).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        why = "端口已被占用，请换一个 --port" if exc.errno == 98 else (exc.strerror or str(exc))
        fail(f"无法在 {host}:{port} 上监听：{why}")
        raise typer.Exit(ExitCode.USAGE) from None
    sock.listen(2048)
    return sock


def address(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def serve(
    host: Annotated[str, typer.Option("--host", help="监听地址；对局域网开放时用 0.0.0.0（请同时设 --token）")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口；0 表示任选一个空闲端口", min=0, max=65535)] = 8765,
    workers: Annotated[int, typer.Option("--workers", help="评分进程数，默认等于 CPU 核数", min=0)] = 0,
    rubric: Annotated[str, typer.Option("--rubric", "-r", help="页面默认选中的评分细则：auto、内置 id 或 YAML 文件路径")] = "auto",
    rubrics_dir: Annotated[Optional[Path], typer.Option("--rubrics-dir", help="本单位评分细则所在目录（其中的 .yaml 文件列在页面上供选择）", show_default=False)] = None,
    max_size: Annotated[float, typer.Option("--max-size", help="单个上传文件大小上限（MB）", min=0.001)] = 20,
    token: Annotated[Optional[str], typer.Option("--token", envvar="ROLSCORE_TOKEN", help="访问令牌：设置后每个请求都须带令牌（请求头 Authorization: Bearer 或网页登录）；也可用环境变量 ROLSCORE_TOKEN 传入", show_default=False)] = None,
    timeout: Annotated[float, typer.Option("--timeout", help="单个请求（排队加评分）的时间上限（秒），超时答 503", min=1)] = 60,
    queue: Annotated[int, typer.Option("--queue", help="最多排队等候的请求数，再多答 503", min=0)] = 64,
) -> None:
    """启动网页评分服务：在浏览器中上传报告，查看评分卡；同时提供 JSON 接口。"""
    import uvicorn

    from scorer.web.app import create_app
    from scorer.web.catalogue import build_catalogue
    from scorer.web.settings import ServeSettings

    settings = ServeSettings(host, port, workers, rubric, rubrics_dir, int(max_size * MEGABYTE), token or None, timeout, queue)
    with user_errors():
        catalogue = build_catalogue(rubric, rubrics_dir)
    if not is_loopback(host) and not settings.token:
        typer.secho(f"警告：正在监听 {host}，未设 --token，同一网络中的任何人都能使用本服务", fg="yellow", err=True)
    sock = bind(host, port)
    bound_port = sock.getsockname()[1]

    def ready() -> None:
        print(f"rolscore 评分服务已启动：{address(host, bound_port)}（{settings.worker_count} 个评分进程；按 Ctrl+C 停止）", flush=True)

    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    app = create_app(settings, catalogue, on_ready=ready)
    # No access log: its request line would carry a `filename` query, i.e. part of a draft's name.
    config = uvicorn.Config(app, log_level="warning", access_log=False, server_header=False, timeout_graceful_shutdown=5)
    uvicorn.Server(config).run(sockets=[sock])
