"""`python -m bot serve` as a process, configured only by the WHATSAPP_* variables and
WEGWEISER_LISTEN, against the fake Graph API: handshake, refused signatures, and a signed text
from a new person answered with an interactive message."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import sys
from pathlib import Path

import httpx

from bot.bench import fake_graph_api as meta

SECRET = "cli-secret"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_serve_answers_a_signed_whatsapp_text_through_the_graph_api(tmp_path: Path) -> None:
    graph = meta.FakeGraphApi()
    port = free_port()
    async with graph.serving() as graph_url:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("WHATSAPP_", "TELEGRAM_", "WEGWEISER_"))
        }
        env |= {
            "WEGWEISER_LISTEN": f"127.0.0.1:{port}",
            "WEGWEISER_DATA_DIR": str(tmp_path),
            "WHATSAPP_ACCESS_TOKEN": graph.token,
            "WHATSAPP_PHONE_NUMBER_ID": graph.phone_number_id,
            "WHATSAPP_APP_SECRET": SECRET,
            "WHATSAPP_VERIFY_TOKEN": "verify-cli",
            "WHATSAPP_API_URL": graph_url,
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "serve", env=env, stderr=asyncio.subprocess.PIPE
        )
        try:
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=20) as http:
                for _ in range(1200):  # start-up: content, storage, web app (slow on a busy CI)
                    try:
                        if (await http.get("/healthz")).status_code == 200:
                            break
                    except httpx.TransportError:
                        pass
                    assert process.returncode is None, await process.stderr.read()  # type: ignore[union-attr]
                    await asyncio.sleep(0.1)
                handshake = await http.get(
                    "/whatsapp",
                    params={
                        "hub.mode": "subscribe",
                        "hub.verify_token": "verify-cli",
                        "hub.challenge": "42",
                    },
                )
                assert (handshake.status_code, handshake.text) == (200, "42")
                person = meta.Person("4915200000001", "DE.900cli")
                body = json.dumps(meta.webhook_text(person, "hello")).encode()
                bad = await http.post("/whatsapp", content=body, headers=meta.signed(body, "wrong"))
                missing = await http.post("/whatsapp", content=body)
                assert (bad.status_code, missing.status_code) == (401, 401)
                good = await http.post("/whatsapp", content=body, headers=meta.signed(body, SECRET))
                assert good.status_code == 200
                [answer] = await graph.wait_for("DE.900cli", 1, timeout=20)
                assert answer["type"] == "interactive" and answer["recipient"] == "DE.900cli"
        finally:
            process.terminate()
            await process.wait()
