"""Re-encrypt everything stored with the first data key (after a new key was put first).

Works on the embedded SQLite database, in one transaction; other backends re-encrypt the same
columns (sessions' answers, requests' data, outbox and inbox payloads). Afterwards the old key
can be removed from the key setting.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from cryptography.fernet import MultiFernet

from bot.crypto.sealed import PAYLOAD_KEY, PREFIX


def _rotated(cipher: MultiFernet, text: str) -> str:
    if not text.startswith(PREFIX):
        return PREFIX + cipher.encrypt(text.encode()).decode()
    return PREFIX + cipher.rotate(text.removeprefix(PREFIX).encode()).decode()


def rotate_sqlite(path: Path, cipher: MultiFernet) -> dict[str, int]:
    """Re-encrypt every sealed value in the SQLite file at `path`; counts per table."""
    counts = {"sessions": 0, "requests": 0, "outbox": 0, "inbox": 0}
    with sqlite3.connect(path) as db:
        for user, data in db.execute("SELECT user, data FROM sessions").fetchall():
            session = json.loads(data)
            answers = session.get("answers", {})
            session["answers"] = {k: _rotated(cipher, v) for k, v in answers.items()}
            db.execute(
                "UPDATE sessions SET data = ? WHERE user = ?",
                (json.dumps(session, ensure_ascii=False, separators=(",", ":")), user),
            )
            counts["sessions"] += 1
        for ref, data in db.execute("SELECT ref, data FROM requests").fetchall():
            db.execute("UPDATE requests SET data = ? WHERE ref = ?", (_rotated(cipher, data), ref))
            counts["requests"] += 1
        for item_id, payload in db.execute("SELECT id, payload FROM outbox").fetchall():
            value = json.loads(payload)
            if isinstance(value, dict) and isinstance(value.get(PAYLOAD_KEY), str):
                value[PAYLOAD_KEY] = _rotated(cipher, value[PAYLOAD_KEY])
                db.execute(
                    "UPDATE outbox SET payload = ? WHERE id = ?", (json.dumps(value), item_id)
                )
                counts["outbox"] += 1
        rows = db.execute("SELECT rowid, payload FROM inbox WHERE payload != ''").fetchall()
        for rowid, payload in rows:
            db.execute(
                "UPDATE inbox SET payload = ? WHERE rowid = ?", (_rotated(cipher, payload), rowid)
            )
            counts["inbox"] += 1
    return counts
