"""`python -m bot understand --json`: one object per input line, same order, never a crash."""

from __future__ import annotations

import io
import json
import pathlib
import subprocess
import sys

import pytest

from bot.understand import Understander
from bot.understand.cli import main, run

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]
KEYS = {"area", "emergency", "emergency_kind", "language", "score", "intent", "candidates"}


def _run_json(understander: Understander, lines: list[str]) -> list[dict[str, object]]:
    out = io.StringIO()
    run(understander, io.StringIO("".join(f"{line}\n" for line in lines)), out, as_json=True)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_one_object_per_line_in_order(understander: Understander) -> None:
    lines = ["بدي بيت اكبر", "", "my husband hits me", "Hallo", "kvartyru shukayu"]
    results = _run_json(understander, lines)
    assert len(results) == len(lines)
    assert all(set(result) >= KEYS for result in results)
    assert [r["area"] for r in results] == ["housing", None, None, None, "housing"]
    assert [r["emergency"] for r in results] == [False, False, True, False, False]
    assert results[2]["emergency_kind"] == "violence"
    assert results[3]["intent"] == "greeting"
    assert results[0]["language"] == "ar"


def test_odd_input_never_crashes(understander: Understander) -> None:
    lines = [
        "x" * 10_000,
        "🔥🔥🔥" * 1000,
        "\x00\x01\x02\x1b[31m",
        "\u202e\u200f\u200c",
        "a\tb\x0bc\x0cd",
        "١٢٣٤",
        " ",
    ]
    results = _run_json(understander, lines)
    assert len(results) == len(lines)
    for result in results:
        assert result["area"] is None or isinstance(result["area"], str)
        assert isinstance(result["emergency"], bool)
        assert 0.0 <= float(result["score"]) <= 1.0  # type: ignore[arg-type]


def test_main_reads_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    data = "Jobcenter hat kein geld geschickt\nich will nicht mehr leben\n\xff\xfe bad bytes\n"
    stdin = io.TextIOWrapper(io.BytesIO(data.encode("utf-8", "surrogateescape")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["--json"]) == 0
    results = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["area"] for r in results] == ["benefits", None, None]
    assert [r["emergency_kind"] for r in results] == [None, "suicide", None]


def test_text_output(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Feuer!\nKita\n")))
    assert main([]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("EMERGENCY fire")
    assert "area=school" in out[1]


def test_bad_knowledge_folder_is_reported(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--knowledge", str(tmp_path)]) == 2
    assert "no word lists" in capsys.readouterr().err


def test_module_entry_point() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "bot.understand", "--json"],
        input="Kita\n\nbdi mot\n",
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=60,
        check=True,
    )
    results = [json.loads(line) for line in completed.stdout.splitlines()]
    assert [r["area"] for r in results] == ["school", None, None]
    assert [r["emergency"] for r in results] == [False, False, True]


def test_json_tells_a_certain_emergency_from_a_check_question(understander: Understander) -> None:
    lines = [
        "my husband hits me",
        "I said goodbye to my family at the airport",
        "is the ambulance 112 or 110? just asking, nothing happened",
    ]
    certain, check, asking = _run_json(understander, lines)
    assert (certain["emergency"], certain["emergency_check"]) == (True, False)
    assert (check["emergency"], check["emergency_check"]) == (False, True)
    assert check["check_kind"] == "suicide"
    assert (asking["emergency"], asking["emergency_check"]) == (False, False)
    assert asking["area"] == "health"
