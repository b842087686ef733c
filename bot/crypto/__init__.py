"""Encryption at rest: personal fields are sealed above the storage backends.

`keys` reads the data key (a file or an environment variable, never the database), `sealing`
turns sessions, request data, outbox and inbox payloads into ciphertext and back, and
`SealedStorage` applies it to any `Storage` backend without the backend knowing.
"""

from bot.crypto.keys import KeyError_, load_cipher, new_key
from bot.crypto.sealed import SealedStorage

__all__ = ["KeyError_", "SealedStorage", "load_cipher", "new_key"]
