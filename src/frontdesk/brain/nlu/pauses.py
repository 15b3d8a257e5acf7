"""A pause the caller asks for ("sorry, one second", "hold on a minute"): no "second" of a list
of choices, no "minute" of a time."""

from __future__ import annotations

import re

A_MOMENT = re.compile(r"\b(?:one|a|1|just a|wait a|hold on a|give me a|gimme a|half a|for a)\s+"
                      r"(?:sec(?:ond)?|minute|moment)s?\b|\bsecond thought\b")
"""A pause asked for ("sorry, one second"): no "second" of a list of choices."""


def without_pauses(text: str) -> str:
    """The text with pauses asked for taken out, for reading an ordinal choice."""
    return A_MOMENT.sub(" ", text)
