"""Start-up to the first reply: `python -m bot.bench.startup [--repeats 5] [--also PATH]`.

Each run starts `python -m bot chat` in a fresh process with an empty database and measures
the seconds from launching the process until the bot's first reply (the language question)
is on its output:
- cold: an empty data directory, so the compiled understanding is not cached yet (the run
  writes the cache, as a first start after an update does);
- warm: a data directory whose cache a previous start wrote (every later start).
Also printed: the time to start Python and import the bot (`import bot.cli.chat`).
Python may write its .pyc files (PYTHONDONTWRITEBYTECODE is dropped), as an installed bot has
them; the first, unmeasured start writes them.
The runs are interleaved (cold, warm, import, …) so that a busy machine affects all alike;
medians are printed. `--also PATH` measures another checkout (e.g. before a change) the same
way, interleaved with this one, each with its own interpreter (`PATH/.venv/bin/python` when
present). Figures for reading, not asserted in tests (target: warm ≤ 0.5 s).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bot.settings import BUNDLED_CONTENT

FIRST_REPLY_TIMEOUT = 120.0


@dataclass
class Tree:
    """One checkout of the bot and the interpreter that runs it."""

    name: str
    root: Path
    python: str
    times: dict[str, list[float]] = field(default_factory=dict)


def first_reply_seconds(tree: Tree, data_dir: Path) -> float:
    """Launch `python -m bot chat` and return the seconds until its first output line."""
    env = {**os.environ, "WEGWEISER_DATA_DIR": str(data_dir), "PYTHONPATH": str(tree.root)}
    env.pop("WEGWEISER_CONTENT_DIR", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed bot has its .pyc files
    started = time.perf_counter()
    process = subprocess.Popen(
        [tree.python, "-m", "bot", "chat", "--db", str(data_dir / "bench.sqlite3")],
        cwd=tree.root,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        elapsed = time.perf_counter() - started
        if not line.strip():
            raise RuntimeError(f"{tree.name}: the bot ended without a reply")
        return elapsed
    finally:
        process.kill()
        process.wait(timeout=FIRST_REPLY_TIMEOUT)


def import_seconds(tree: Tree) -> float:
    """Seconds to start Python and import the chat command (no content loaded)."""
    env = {**os.environ, "PYTHONPATH": str(tree.root)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.perf_counter()
    subprocess.run([tree.python, "-c", "import bot.cli.chat"], cwd=tree.root, env=env, check=True)
    return time.perf_counter() - started


def measure(trees: list[Tree], repeats: int) -> None:
    with tempfile.TemporaryDirectory(prefix="wegweiser-startup-") as scratch:
        base = Path(scratch)
        warm_dirs = {}
        for tree in trees:  # a first start writes the cache the warm runs use
            warm_dirs[tree.name] = base / f"{tree.name}-warm"
            warm_dirs[tree.name].mkdir()
            first_reply_seconds(tree, warm_dirs[tree.name])
        for run in range(repeats):
            for tree in trees:
                cold = base / f"{tree.name}-cold-{run}"
                cold.mkdir()
                _add(tree, "cold", first_reply_seconds(tree, cold))
                (warm_dirs[tree.name] / "bench.sqlite3").unlink(missing_ok=True)
                _add(tree, "warm", first_reply_seconds(tree, warm_dirs[tree.name]))
                _add(tree, "import", import_seconds(tree))
            print(f"  run {run + 1}/{repeats} done", file=sys.stderr)


def _add(tree: Tree, kind: str, seconds: float) -> None:
    tree.times.setdefault(kind, []).append(seconds)


def _interpreter(root: Path) -> str:
    venv = root / ".venv" / "bin" / "python"
    return str(venv) if venv.is_file() else sys.executable


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.bench.startup", description=__doc__)
    parser.add_argument("--repeats", type=int, default=5, help="runs of each kind (default 5)")
    parser.add_argument("--also", type=Path, help="another checkout to measure side by side")
    args = parser.parse_args(argv)
    trees = [Tree("this", BUNDLED_CONTENT, sys.executable)]
    if args.also:
        trees.append(Tree("also", args.also.resolve(), _interpreter(args.also.resolve())))
    measure(trees, args.repeats)
    print(f"start-up to the first reply, median of {args.repeats} runs (seconds):")
    print("tree   cold (no cache)  warm (cache)  python + imports")
    for tree in trees:
        cold, warm, imports = (statistics.median(tree.times[k]) for k in ("cold", "warm", "import"))
        print(f"{tree.name:<5}  {cold:>15.2f}  {warm:>12.2f}  {imports:>16.2f}")
    this = trees[0].times
    print(
        f"startup: cold {statistics.median(this['cold']):.2f} s, "
        f"warm {statistics.median(this['warm']):.2f} s, "
        f"imports {statistics.median(this['import']):.2f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
