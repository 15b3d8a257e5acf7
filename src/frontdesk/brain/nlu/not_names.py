"""Words a name reader finds that are no name: a place ("Cedar Park"), a month ("it's
September now"), a title alone ("my neighbor, Mrs. Ferguson"); and a surname said alone that the
same message then gives whole ("it's Reyes now … Siobhan Reyes")."""

from __future__ import annotations

import re

from frontdesk.brain.nlu.lexicon import lexicon
from frontdesk.brain.nlu.text import Utterance

_PLACE_WORD = frozenset({"creek", "park", "ranch", "hills", "heights", "village", "lake", "lakes",
                         "crossing", "springs", "estates", "pointe", "glen", "meadows", "trails", "trail",
                         "woods", "oaks", "station", "square", "plaza", "commons", "street", "road", "drive",
                         "avenue", "boulevard", "parkway", "circle", "bend", "valley", "ridge", "landing",
                         "cove"})


_SURNAME_TOO = frozenset({"park", "lake", "lakes", "woods", "ridge", "glen", "station"})


def a_place(name: str) -> bool:
    """"Cedar Park. Buttercup Creek": a neighbourhood or street, not a person (a known first name
    or a hyphened one before it keeps it a name: "Linda Lake", "Min-jun Park"; a word that is also
    a surname needs an everyday word before it: "Cedar Park")."""
    words = name.lower().split()
    if len(words) < 2 or words[-1] not in _PLACE_WORD or words[0] in lexicon().first_names or "-" in words[0]:
        return False
    return words[-1] not in _SURNAME_TOO or words[0] in lexicon().everyday_words


_MONTHS = frozenset(("january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december"))
_MONTHS_NAMED = frozenset(("april", "may", "june", "august"))
"""Months that are also first names: one of these alone is a name only when asked for."""
_TITLES = frozenset(("mr", "mrs", "ms", "miss", "mister", "missus", "dr", "sir", "madam", "ma'am"))
_ADDRESSED = frozenset(("young lady", "young man", "sweetheart", "sweetie", "honey", "hon", "dear", "darling",
                        "buddy", "pal", "my friend", "my dear", "ma'am", "sir", "miss"))
"""What a caller calls the agent ("thank you, young lady"): no one's name."""


def not_a_name(u: Utterance, name: str, *, expecting: bool) -> str | None:
    """``name`` as read, or ``None`` when it is no one's name; a surname alone made whole when
    the message says it after a first name too."""
    words = name.lower().split()
    if a_place(name) or (words[0].rstrip(".") in _TITLES and len(words) == 1) or (
            " ".join(words) in _ADDRESSED):
        return None
    if len(words) == 1 and words[0] in _MONTHS and (words[0] not in _MONTHS_NAMED or not expecting):
        return None  # "they pushed it, it's September now": the month, not who is calling
    if len(words) == 1 and (whole := re.search(rf"\b([A-Z][a-z'-]+) {re.escape(name)}\b", u.raw)) and (
            whole[1].lower() in lexicon().first_names):
        return f"{whole[1]} {name}"  # "no, it's Reyes now, I just got married. Siobhan Reyes."
    return name
