"""Encryption at rest: after a full request, the person's messages and the counsellor's answer,
the SQLite files hold no phone number, name or person-written text (what `strings` would show);
the bot still reads everything back, /mydata and /delete keep working, the key can be rotated,
and a missing key stops the start with one clear sentence."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from bot.crypto.keys import KeyError_, load_cipher
from bot.crypto.rotate import rotate_sqlite
from bot.handoff.service import Actor
from bot.storage import SqliteStorage
from tests.desk.conftest import NAME, NOTE, PHONE, DeskBed, make_request

SECRET_WORDS = "Meine Tochter ist krank und ich brauche Hilfe"


def stored_bytes(folder: Path) -> bytes:
    """Every database file (main file, WAL, journal) as raw bytes, like `strings` sees them."""
    return b"".join(p.read_bytes() for p in folder.glob("wegweiser.sqlite3*"))


def readable(data: bytes) -> str:
    return data.decode("utf-8", errors="ignore")


async def full_exchange(bed: DeskBed) -> str:
    ref = await make_request(bed)
    await bed.outbox.run_once()
    await bed.say(SECRET_WORDS)
    desk = Actor(0, "Anna", offices=frozenset({"pirna"}), login="anna")
    await bed.runtime.handoff.relay_to_person(ref, desk, "Rufen Sie mich an, Frau Kowalenko")
    await bed.outbox.run_once()
    return ref


async def test_the_database_files_hold_no_personal_text(desk_bed: DeskBed, tmp_path: Path) -> None:
    ref = await full_exchange(desk_bed)
    request = await desk_bed.runtime.handoff.store.get_request(ref)
    assert request.answers["name"] == NAME  # the bot reads it back
    await desk_bed.runtime.close()
    data = readable(stored_bytes(tmp_path))
    assert ref in data  # the routing columns stay clear: the file was read
    for secret in (
        PHONE.replace(" ", ""),
        PHONE,
        NAME,
        "Kowalenko",
        NOTE,
        SECRET_WORDS,
        "Frau Kowalenko",
    ):
        assert secret not in data, secret


async def test_mydata_and_delete_still_work(desk_bed: DeskBed, tmp_path: Path) -> None:
    await make_request(desk_bed)
    before = len(desk_bed.person_texts())
    await desk_bed.say("/mydata")
    shown = "\n".join(desk_bed.person_texts()[before:])
    assert "Kowalenko" in shown and NOTE in shown
    await desk_bed.say("/delete")
    await desk_bed.press(".yes")
    assert await desk_bed.runtime.handoff.store.requests_of("telegram:7001") == []


async def test_rotation_re_encrypts_with_the_new_key(desk_bed: DeskBed, tmp_path: Path) -> None:
    ref = await full_exchange(desk_bed)
    await desk_bed.runtime.close()
    old = os.environ["WEGWEISER_DATA_KEY"]
    new = Fernet.generate_key().decode()
    counts = rotate_sqlite(
        tmp_path / "wegweiser.sqlite3", load_cipher({"WEGWEISER_DATA_KEY": f"{new},{old}"})
    )
    assert counts["requests"] == 1 and counts["sessions"] == 1
    from bot.crypto import SealedStorage

    only_new = SealedStorage(
        await SqliteStorage.open(tmp_path / "wegweiser.sqlite3"),
        load_cipher({"WEGWEISER_DATA_KEY": new}),
    )
    try:
        row = await only_new.get_request(ref)
        assert row is not None and NAME in row.data
    finally:
        await only_new.close()


def test_a_missing_or_broken_key_is_one_clear_sentence() -> None:
    with pytest.raises(KeyError_, match="WEGWEISER_KEY_FILE"):
        load_cipher({})
    with pytest.raises(KeyError_, match="malformed"):
        load_cipher({"WEGWEISER_DATA_KEY": "not-a-key"})


def test_the_bot_does_not_start_without_a_key(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WEGWEISER_")}
    env |= {"TELEGRAM_BOT_TOKEN": "123:X", "WEGWEISER_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "telegram"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("error: No data key: set WEGWEISER_KEY_FILE"), done.stderr


async def test_inbox_payloads_are_sealed_for_every_way_of_reading_them() -> None:
    from datetime import UTC, datetime, timedelta

    from bot.crypto import SealedStorage
    from bot.storage import MemoryStorage
    from bot.storage.records import InboxEntry

    inner = MemoryStorage()
    sealed = SealedStorage(inner, load_cipher())
    update = '{"message": {"text": "' + SECRET_WORDS + '"}}'
    now = datetime(2026, 11, 30, tzinfo=UTC)
    await sealed.inbox_add(InboxEntry("telegram", "1", update, now, chat="a"))
    (raw,) = await inner.inbox_pending("telegram")
    assert SECRET_WORDS not in raw.payload and raw.payload.startswith("sealed:")
    assert [e.payload for e in await sealed.inbox_pending("telegram")] == [update]
    claimed = await sealed.inbox_claim("telegram", "w1", timedelta(minutes=1))
    assert [e.payload for e in claimed] == [update]


async def test_a_sessions_answers_are_sealed_together_and_old_rows_still_open() -> None:
    from bot.crypto import SealedStorage
    from bot.crypto.sealed import ANSWERS_KEY
    from bot.session import Session
    from bot.storage import MemoryStorage

    inner = MemoryStorage()
    sealed = SealedStorage(inner, load_cipher())
    answers = {"name": NAME, "phone": PHONE, "note": SECRET_WORDS}
    await sealed.save_session(Session("telegram:1", answers=dict(answers)))
    raw = await inner.load_session("telegram:1")
    assert raw is not None and list(raw.answers) == [ANSWERS_KEY]  # one ciphertext
    assert NAME not in raw.answers[ANSWERS_KEY]
    assert (await sealed.load_session("telegram:1")).answers == answers
    # as written before answers were sealed together: one ciphertext per answer
    await inner.save_session(
        Session("telegram:2", answers={k: sealed.seal(v) for k, v in answers.items()})
    )
    assert (await sealed.load_session("telegram:2")).answers == answers


def test_new_data_is_sealed_with_aes_gcm_under_its_own_key() -> None:
    key, other = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    cipher = load_cipher({"WEGWEISER_DATA_KEY": key})
    token = cipher.encrypt(SECRET_WORDS.encode())
    raw = base64.urlsafe_b64decode(token)
    assert raw[0] == 0x91 and SECRET_WORDS.encode() not in raw
    assert cipher.decrypt(token) == SECRET_WORDS.encode()
    assert cipher.encrypt(b"x") != cipher.encrypt(b"x")  # a fresh nonce each time
    with pytest.raises(InvalidToken):
        load_cipher({"WEGWEISER_DATA_KEY": other}).decrypt(token)
    assert load_cipher({"WEGWEISER_DATA_KEY": f"{other},{key}"}).decrypt(token) == (
        SECRET_WORDS.encode()
    )


@pytest.mark.parametrize("byte", [0, 1, 4, 5, 17, -1])  # version, key id, nonce, text, tag
def test_a_changed_byte_anywhere_in_a_token_is_refused(byte: int) -> None:
    cipher = load_cipher({"WEGWEISER_DATA_KEY": Fernet.generate_key().decode()})
    raw = bytearray(base64.urlsafe_b64decode(cipher.encrypt(SECRET_WORDS.encode())))
    raw[byte] ^= 0x01
    with pytest.raises(InvalidToken):
        cipher.decrypt(base64.urlsafe_b64encode(bytes(raw)))


async def test_rows_sealed_with_fernet_before_still_open_and_rotate_to_aes_gcm(
    tmp_path: Path,
) -> None:
    from bot.crypto import SealedStorage
    from bot.session import Session

    key, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    path = tmp_path / "wegweiser.sqlite3"
    before = SealedStorage(await SqliteStorage.open(path), MultiFernet([Fernet(key)]))
    try:  # as the bot wrote it before AES-GCM: Fernet tokens
        await before.save_session(Session("telegram:1", answers={"name": NAME}))
    finally:
        await before.close()
    now = SealedStorage(await SqliteStorage.open(path), load_cipher({"WEGWEISER_DATA_KEY": key}))
    try:
        assert (await now.load_session("telegram:1")).answers == {"name": NAME}
    finally:
        await now.close()
    rotate_sqlite(path, load_cipher({"WEGWEISER_DATA_KEY": f"{new},{key}"}))
    after = SealedStorage(await SqliteStorage.open(path), load_cipher({"WEGWEISER_DATA_KEY": new}))
    try:
        stored = await after.inner.load_session("telegram:1")
        (token,) = stored.answers.values()
        assert base64.urlsafe_b64decode(token.removeprefix("sealed:"))[0] == 0x91
        assert (await after.load_session("telegram:1")).answers == {"name": NAME}
    finally:
        await after.close()
