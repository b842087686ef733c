"""Free-text understanding: life area, emergency, small talk and language of a message.

Word lists live in `knowledge/understanding/*.yaml` (staff-editable); this package only
holds the matching machinery.
"""

from bot.understand.lexicon import LexiconError
from bot.understand.normalize import normalize
from bot.understand.understander import Understander, Understood

__all__ = ["LexiconError", "Understander", "Understood", "normalize"]
