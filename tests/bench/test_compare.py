"""The side-by-side benchmark compares like with like: every variant is fed the recorded
updates and must make the same Bot API calls; a variant that does not is reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.bench import compare
from bot.bench.ptb_baseline import reply_table
from bot.bench.recorded import load_content, record


@pytest.fixture
async def plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> compare.Plan:
    monkeypatch.setenv("WEGWEISER_BENCH_DIR", str(tmp_path))
    holder = load_content()
    scripts = [await record(holder, "uk")]
    return compare.Plan(scripts, reply_table(scripts), holder, journeys=2)


async def test_every_variant_makes_the_recorded_calls(plan: compare.Plan) -> None:
    expected = plan.expected(2)
    assert expected["sendMessage"] > expected["answerCallbackQuery"] > 0
    for name in compare.VARIANTS:
        result = await compare.run_once(name, plan, 2)
        assert (name, result.counts, result.stuck) == (name, expected, 0)
        assert result.updates == 2 * len(plan.scripts[0].steps)


async def test_replies_are_checked_against_committed_rows(plan: compare.Plan) -> None:
    result = await compare.run_once("wegweiser", plan, 1, on_send=compare._CommitCheck)
    assert result.before_commit is not None
    uncommitted, sent = result.before_commit
    assert sent == plan.expected(1)["sendMessage"] and uncommitted == 0


def test_a_variant_with_other_calls_is_a_failed_check(capsys: pytest.CaptureFixture[str]) -> None:
    expected = {"sendMessage": 4, "editMessageText": 2, "answerCallbackQuery": 2}
    same = compare.Result("ptb-memory", 1, 4, 1.0, [0.001] * 4, dict(expected))
    fewer = compare.Result("wegweiser", 1, 4, 1.0, [0.001] * 4, {**expected, "sendMessage": 3})
    checked = compare.Result("wegweiser", 1, 4, 1.0, [0.001] * 4, dict(expected))
    checked.before_commit = (0, 4)
    runs = {"ptb-memory": [same], "wegweiser": [fewer]}
    failures = compare.report_size(1, runs, expected, checked)
    assert len(failures) == 1 and "wegweiser" in failures[0]
    assert "DIFFERENT" in capsys.readouterr().out
    checked.before_commit = (1, 4)
    assert len(compare.report_size(1, {"ptb-memory": [same]}, expected, checked)) == 1


def test_the_last_line_names_the_median_ratios() -> None:
    def run(name: str, rate: float) -> compare.Result:
        return compare.Result(name, 1, int(rate), 1.0, [0.001], {})

    results = {
        n: {
            "ptb-memory": [run("ptb-memory", 100)] * 3,
            "wegweiser": [run("wegweiser", r) for r in rates],
        }
        for n, rates in ((1, (80, 90, 70)), (100, (120, 100, 130)))
    }
    assert compare.last_line(results) == "ratios vs ptb-memory: N=1 0.80, N=100 1.20"
