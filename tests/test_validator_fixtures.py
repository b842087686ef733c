"""Each kind of breakage in tests/fixtures/broken/ with its exact message."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.cli.validate import main as validate_main
from bot.content.loader import load_content

BROKEN = sorted((Path(__file__).parent / "fixtures" / "broken").glob("*.yaml"))


def _break(root: Path, case: dict[str, object]) -> None:
    target = root / str(case["file"])
    old, new = case["replace"]  # type: ignore[misc]
    text = target.read_text(encoding="utf-8")
    assert old in text, f"fixture does not apply: {old!r}"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    if "rename" in case:
        target.rename(root / str(case["rename"]))


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_breakage_gives_exact_message(small_root: Path, path: Path) -> None:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    _break(small_root, case)
    content, problems = load_content(small_root, with_understanding=False)
    messages = [str(p) for p in problems if p.severity == "error"]
    assert case["expected"] in messages, "\n".join(messages)
    assert content is None


def test_validate_cli_exit_codes(small_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert validate_main(["--content", str(small_root)]) == 0
    assert "0 error(s)" in capsys.readouterr().out
    _break(small_root, yaml.safe_load(BROKEN[0].read_text(encoding="utf-8")))
    assert validate_main(["--content", str(small_root)]) == 1
    assert "flows/housing.yaml:" in capsys.readouterr().out


def test_validate_sums_up_example_data_in_one_line(
    small_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A staff member's new warning is not lost among the entries still marked as example data:
    one line counts those; `--examples` lists each."""
    one = "knowledge/facts.yaml:6: warning: entry 'pirna_housing' is example data"
    assert validate_main(["--content", str(small_root)]) == 0
    out = capsys.readouterr().out
    assert one not in out
    assert "note: 1 knowledge entry in 1 file is still example data" in out
    assert "(1 of them example data)" in out
    assert validate_main(["--content", str(small_root), "--examples"]) == 0
    out = capsys.readouterr().out
    assert one in out and "note:" not in out


def test_example_data_is_a_warning(small_root: Path) -> None:
    content, problems = load_content(small_root, with_understanding=False)
    assert content is not None
    warnings = [str(p) for p in problems if p.severity == "warning"]
    assert (
        "knowledge/facts.yaml:6: warning: entry 'pirna_housing' is example data; staff must confirm it and remove 'status: example'"
        in warnings
    )
