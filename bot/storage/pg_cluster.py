"""A throw-away PostgreSQL cluster for tests and benchmarks: no Docker, no system service.

`initdb` and `pg_ctl` from Debian's `postgresql` package (or whatever is on PATH) create a
cluster in a temporary folder that listens only on a Unix socket in that folder, with
`fsync=off` (its data is thrown away). PostgreSQL refuses to run as root, so as root the
cluster belongs to the `postgres` user and its programs run through `runuser`.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

HOW_TO_ENABLE = (
    "PostgreSQL tests skipped: install PostgreSQL (Debian: apt-get install postgresql) so that "
    "initdb and pg_ctl are found, or set WEGWEISER_TEST_POSTGRES_URL=postgresql://… "
    "(a server where the user may create databases)"
)
SERVER_USER = "postgres"


class NoPostgres(RuntimeError):
    """PostgreSQL's programs are not installed (or cannot be run here)."""


def find_bin_dir() -> Path | None:
    """The folder with `initdb` and `pg_ctl`: PATH first, then Debian's newest version."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(os.path.realpath(on_path)).parent
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: (
            int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0
        ),
    )
    return Path(versions[-1]).parent if versions else None


@dataclass
class Cluster:
    """A running throw-away cluster; `url(db)` names a database on it."""

    folder: Path
    bin_dir: Path
    as_root: bool

    @property
    def socket_dir(self) -> Path:
        return self.folder / "socket"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SERVER_USER}@/{database}?host={self.socket_dir}"

    def stop(self) -> None:
        """Stop the server at once and remove its folder."""
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop", check=False)
        shutil.rmtree(self.folder, ignore_errors=True)

    def _run(self, program: str, *args: str, check: bool = True) -> None:
        command = [str(self.bin_dir / program), *args]
        if self.as_root:
            command = ["runuser", "-u", SERVER_USER, "--", *command]
        subprocess.run(command, check=check, capture_output=True, timeout=120)


def start_cluster(max_connections: int = 200) -> Cluster:
    """Create and start a cluster in a new temporary folder; raises NoPostgres if impossible."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise NoPostgres("initdb and pg_ctl not found")
    as_root = os.geteuid() == 0
    folder = Path(tempfile.mkdtemp(prefix="wegweiser-pg-"))
    (folder / "socket").mkdir()
    if as_root:
        shutil.chown(folder, SERVER_USER)
        shutil.chown(folder / "socket", SERVER_USER)
    cluster = Cluster(folder, bin_dir, as_root)
    data = str(folder / "data")
    options = (
        f"-k {cluster.socket_dir} -c listen_addresses='' -c fsync=off "
        f"-c full_page_writes=off -c max_connections={max_connections}"
    )
    try:
        cluster._run(
            "initdb",
            "-D",
            data,
            "-U",
            SERVER_USER,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-sync",
            "--locale=C.UTF-8",
        )
        cluster._run("pg_ctl", "-D", data, "-o", options, "-l", str(folder / "log"), "-w", "start")
    except (OSError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        shutil.rmtree(folder, ignore_errors=True)
        raise NoPostgres(f"cluster did not start: {type(error).__name__}") from error
    return cluster
