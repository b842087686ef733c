"""Logging set-up: levels and format; message text never reaches a log line."""

from __future__ import annotations

import logging
import os

from bot.privacy import silence_chatty_loggers


def setup_logging(*, quiet: bool = False) -> None:
    level = os.environ.get("WEGWEISER_LOG_LEVEL", "WARNING" if quiet else "INFO").upper()
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    silence_chatty_loggers()
