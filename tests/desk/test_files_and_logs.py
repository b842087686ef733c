"""Files and logs: the data folder is private (0700), the database and its WAL are 0600 (also
on an installation made world-readable before); log pseudonyms are a keyed HMAC that cannot be
recomputed by trying every Telegram id without the data key."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from cryptography.fernet import Fernet

from bot import privacy
from bot.crypto.keys import load_cipher, log_key
from bot.messages import Inbound
from bot.runtime import open_runtime
from bot.settings import BUNDLED_CONTENT, Settings


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def test_data_folder_and_database_files_are_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    old = data / "wegweiser.sqlite3"
    settings = Settings(data_dir=data, config_file=None, content_dir=BUNDLED_CONTENT)
    runtime = await open_runtime(settings)
    try:
        await runtime.conversation.handle(Inbound("telegram:1", text="/start"))
        files = list(data.glob("wegweiser.sqlite3*"))
        assert old in files and len(files) >= 2  # the database and its WAL
        assert mode(data) == 0o700
        assert {f.name: mode(f) for f in files} == {f.name: 0o600 for f in files}
    finally:
        await runtime.close()
    os.chmod(old, 0o644)  # as an older version left it
    runtime = await open_runtime(settings)
    await runtime.close()
    assert mode(old) == 0o600


def test_a_database_in_a_shared_folder_leaves_the_folder_alone(tmp_path: Path) -> None:
    """`python -m bot chat --db /tmp/x.sqlite3` made /tmp 0700, which broke every other user
    of /tmp (PostgreSQL's initdb among them): a shared folder keeps its mode, the database
    file is private by its own."""
    from bot.crypto.files import private_database

    shared = tmp_path / "tmp"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    database = shared / "x.sqlite3"
    private_database(f"sqlite:///{database}")
    assert mode(shared) == 0o1777
    assert mode(database) == 0o600


def test_log_pseudonyms_are_keyed() -> None:
    user = "telegram:5001"
    unkeyed = hashlib.sha256(user.encode()).hexdigest()[:12]
    key = Fernet.generate_key().decode()
    privacy.use_key(log_key(load_cipher({"WEGWEISER_DATA_KEY": key})))
    first = privacy.pseudonym(user)
    privacy.use_key(log_key(load_cipher({"WEGWEISER_DATA_KEY": key})))  # a restart
    assert privacy.pseudonym(user) == first != unkeyed
    other = Fernet.generate_key().decode()
    privacy.use_key(log_key(load_cipher({"WEGWEISER_DATA_KEY": other})))
    assert privacy.pseudonym(user) != first
    tried = {hashlib.sha256(f"telegram:{i}".encode()).hexdigest()[:12] for i in range(4990, 5010)}
    assert first not in tried  # trying ids with the old unkeyed hash finds nothing
