"""What start-up loads lives as long as the process: keep it out of the garbage collector's walk.

Start-up loads about 220,000 container objects that stay until the process ends (the content,
the compiled lexicons, python-telegram-bot and the other libraries). CPython's full collection
walks every one of them each time: 70–130 ms on the 2-core benchmark machine, during which the
event loop answers nobody. In `python -m bot.bench.open_load` (1,000 people at 60 % load) one to
three such pauses came in a 15 s run, and every reply queued meanwhile waited for them; frozen,
a full collection takes 3–5 ms.
`gc.freeze()` moves every object tracked so far into a permanent generation that collections
skip; objects that die are still freed by reference counting, only reference cycles among
frozen objects would stay. Start-up leaves none (a `gc.collect()` right after it frees 0), and
the content holds no cycles: content replaced by a reload is freed by reference counting
(checked with a weak reference on the bundled content), so a reload needs no `refreeze`.
Source: Python documentation, `gc.freeze` (CPython 3.7+).

The young generation is collected after `YOUNG_THRESHOLD` container allocations (net of
deallocations) instead of CPython's 700. A turn allocates some hundreds of containers (the
update, the session, the replies), so with 100 people mid-turn the default collected while
most of them were still alive, walked them and promoted them to the older generations, whose
collections then walked them again; with 20,000 most have died by reference counting before a
collection comes. Measured side by side (`python -m bot.bench.compare`, N=100, 2 cores): about
5 % more messages per second, the plain PTB baseline unchanged. Garbage in reference cycles
waits at most 20,000 allocations longer. Source: Python documentation, `gc.set_threshold`.
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 20_000  # container allocations between collections of the young generation


def freeze_loaded() -> int:
    """Call once the service has loaded everything and before it serves: freezes what exists
    and sets the young generation's threshold (`YOUNG_THRESHOLD`; the older two keep
    CPython's). Returns how many objects are now frozen (for the start-up log line)."""
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
    gc.freeze()
    return gc.get_freeze_count()


def refreeze() -> int:
    """After replacing long-lived objects that may hold cycles (a benchmark's next runtime): what
    was frozen is handed back, a full collection frees the replaced objects' reference cycles
    (one pause of the length above), and what is alive is frozen again. Returns the new count."""
    gc.unfreeze()
    gc.collect()
    return freeze_loaded()
