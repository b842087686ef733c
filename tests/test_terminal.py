"""`python -m bot chat` scripted through stdin, as staff and CI use it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bot.settings import BUNDLED_CONTENT


def chat(root: Path, db: Path, lines: str, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "bot", "chat", "--content", str(root), "--db", str(db), *args]
    return subprocess.run(
        command,
        input=lines,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def test_scripted_chat_numbers_choices_and_speaks_ukrainian(
    small_root: Path, tmp_path: Path
) -> None:
    result = chat(small_root, tmp_path / "x.db", "Привіт\n/menu\n", "--lang", "uk")
    assert result.returncode == 0, result.stderr
    assert "Де ви живете?" in result.stdout
    assert "  1) Пірна" in result.stdout
    assert "З чим вам потрібна допомога?" in result.stdout
    assert "Traceback" not in result.stderr


def test_hostile_input_gives_no_traceback(small_root: Path, tmp_path: Path) -> None:
    lines = "\n" + "x" * 10_000 + "\n🙂\n\x01\x02\x1b[2J\n/\n/back\n99\n"
    result = chat(small_root, tmp_path / "x.db", lines, "--lang", "fa")
    assert result.returncode == 0 and "Traceback" not in result.stderr + result.stdout


def test_restart_continues_at_same_question(small_root: Path, tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    chat(small_root, db, "1\n1\n", "--lang", "de")
    again = chat(small_root, db, "")
    assert "Willkommen zurück" in again.stdout and "Wie wohnen Sie?" in again.stdout


def test_after_delete_the_bot_still_speaks_the_chats_language(tmp_path: Path) -> None:
    """`--lang` stands for the device language Telegram sends with every message: after
    /delete (which keeps no row, not even the language) /mydata answers in it, not German."""
    lines = "1\n/delete\n1\n/mydata\n"
    result = chat(BUNDLED_CONTENT, tmp_path / "x.db", lines, "--lang", "uk")
    assert result.returncode == 0, result.stderr
    after = result.stdout.split("> /mydata", 1)[1]
    assert "Ich habe keine" not in after
    assert "Я не зберіг" in after or "збереж" in after, after
