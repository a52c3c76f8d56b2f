"""`rolscore serve` on the command line: what it refuses before it starts."""

from __future__ import annotations

import socket

from typer.testing import CliRunner

from scorer.cli import app


def _taken_port() -> tuple[socket.socket, int]:
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen(1)
    return holder, holder.getsockname()[1]


def test_a_taken_port_is_one_line_and_exit_2():
    holder, port = _taken_port()
    try:
        result = CliRunner().invoke(app, ["serve", "--port", str(port)])
    finally:
        holder.close()
    assert result.exit_code == 2
    assert result.stderr.strip() == f"错误：无法在 127.0.0.1:{port} 上监听：端口已被占用，请换一个 --port"


def test_all_interfaces_without_a_token_warns(monkeypatch):
    holder, port = _taken_port()  # stops it right after the warning
    monkeypatch.delenv("ROLSCORE_TOKEN", raising=False)
    try:
        warned = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--port", str(port)])
        quiet = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--port", str(port), "--token", "t0k3n"])
        loopback = CliRunner().invoke(app, ["serve", "--port", str(port)])
    finally:
        holder.close()
    assert "警告：正在监听 0.0.0.0，未设 --token" in warned.stderr
    assert "警告" not in quiet.stderr and "警告" not in loopback.stderr


def test_a_rubrics_dir_that_is_not_there(tmp_path):
    result = CliRunner().invoke(app, ["serve", "--rubrics-dir", str(tmp_path / "没有")])
    assert result.exit_code == 2
    assert "评分细则目录不存在" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_broken_rubric_in_the_dir_stops_it(tmp_path):
    (tmp_path / "坏.yaml").write_text("id: bad\ntitle: 坏细则\nversion: '1'\nextends: national\nelements: 3\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["serve", "--rubrics-dir", str(tmp_path)])
    assert result.exit_code == 2 and "坏.yaml" in result.stderr


def test_the_office_rubrics_are_listed_beside_the_bundled(tmp_path):
    from scorer.web.catalogue import build_catalogue

    (tmp_path / "本局.yaml").write_text(
        "id: bureau\ntitle: 本局法治政府建设报告评分细则\nversion: '2026.2'\nextends: national\nbasis: [本局年度工作要点]\n", encoding="utf-8"
    )
    (tmp_path / "national.yaml").write_text("id: national\ntitle: 本局修订的全国基准\nversion: '9'\nextends: gansu\nbasis: [本局年度工作要点]\n", encoding="utf-8")
    catalogue = build_catalogue("auto", tmp_path)
    local = {choice.key: choice for choice in catalogue.by_origin("local")}
    assert local["bureau"].title == "本局法治政府建设报告评分细则" and local["bureau"].version == "2026.2"
    assert "national@national" in local and catalogue.get("national").origin == "bundled"
    assert all(str(tmp_path) not in str(entry) for entry in catalogue.public()["rubrics"]), "paths stay on the server"


def test_answers_are_not_held_back_by_nagle():
    """The listening socket lets asyncio turn Nagle off on every connection it accepts; with Nagle
    on, an answer's body waits for the client's delayed ACK of its headers."""
    import asyncio

    from scorer.cli.serve import bind

    async def accepted_nodelay() -> int:
        seen: list[int] = []

        async def handle(reader, writer):
            seen.append(writer.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        listening = bind("127.0.0.1", 0)
        server = await asyncio.start_server(handle, sock=listening)
        _, writer = await asyncio.open_connection("127.0.0.1", listening.getsockname()[1])
        while not seen:
            await asyncio.sleep(0.01)
        writer.close()
        server.close()
        await server.wait_closed()
        return seen[0]

    assert asyncio.run(accepted_nodelay()) != 0
