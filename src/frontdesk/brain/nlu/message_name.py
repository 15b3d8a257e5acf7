"""The caller's name said inside a message left for someone ("tell him it's Vivian Tran", "just
tell Marcus Jesse Villanueva called"): who is calling, said the way a message is dictated."""

from __future__ import annotations

import re

_TELL = r"\b(?:just |please |can you |could you )?(?:tell|let) (?:him|her|them|[a-z]+)(?: know)?(?: that)?"
_ITS = re.compile(_TELL + r",? (?:it'?s|its|it was|this is)\s+(?=[a-z'-]+ [a-z'-]+)", re.I)
_CALLED = re.compile(_TELL + r",? (?=(?P<name>[a-z'-]+ [a-z'-]+) "
                              r"(?:called|calling|rang|phoned|(?:is |was )?returning)\b)", re.I)


def as_introduced(raw: str) -> str | None:
    """The message with the name said as a caller introduces themselves ("… this is Vivian Tran
    …"), for the name reader; None when no name is dictated in it."""
    if (its := _ITS.search(raw)) is not None:
        return f"{raw[: its.start()]} this is {raw[its.end():]}"
    if (called := _CALLED.search(raw)) is not None:
        return f"{raw[: called.start()]} this is {called['name']}. {raw[called.end('name'):]}"
    return None
