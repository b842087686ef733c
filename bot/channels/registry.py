"""The person channels `python -m bot serve` knows: one line each.

A channel is a module with `NAME`, `configured(environ) -> bool` and
`async start(core) -> StartedChannel` (see `bot.compose`). Adding a third channel means
writing its package and adding its line here; nothing else changes.
"""

from __future__ import annotations

CHANNELS: dict[str, str] = {
    "telegram": "bot.channels.telegram.plugin",
    "whatsapp": "bot.channels.whatsapp.plugin",
}
