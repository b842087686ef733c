"""The Telegram channel: updates in as `Inbound`, `Reply` objects out as Bot API calls.

Modules: `settings` (environment), `convert` (Update -> Inbound), `render` (Reply -> messages),
`sender` (delivery, also for pushed messages), `adapter` (the handlers), `port` (what the
adapter needs of the conversation), `ordering` (one chat in order, chats concurrently),
`transport` (HTTP pool), `redact` (what may be logged), `app` (the PTB Application),
`polling`/`webhook` (runners), `cli` (`python -m bot telegram`).
"""

import os

# PTB 22 reports time periods (e.g. RetryAfter.retry_after) as int with a deprecation warning
# unless this opt-in to the coming `timedelta` behaviour is set; we use the coming behaviour.
os.environ.setdefault("PTB_TIMEDELTA", "true")
