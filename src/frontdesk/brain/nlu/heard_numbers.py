"""Numbers a phone line writes by their sound ("tuesday at to thirty", "tomorrow at for",
"pre-approved for for hundred"), read as the numbers they are where only a number can stand."""

from __future__ import annotations

import re

_SOUNDS_LIKE = {"to": "two", "too": "two", "for": "four", "fore": "four", "ate": "eight", "won": "one"}
_AT_HOMOPHONE = re.compile(r"\b(at) (to|too|for|fore|ate|won)\b"
                           r"(?! (?:the|a|an|my|your|our|least|all|once|first|me|you|us|it|that|this|"
                           r"work|home|night|many|much|late|early|soon|bad|far|long|busy)\b)"
                           # "about to walk into a meeting" is no time; "around to thirty" is
                           r"|\b(around|about|till|until) (to|too|for|fore|ate|won)\b(?=\s*(?:$|[,.;!?]|"
                           r"(?:ten|twenty|thirty|fifteen|forty|forty-five|fifty|sixty|seventy|eighty|ninety|hundred|"
                           r"thousand|grand|k|o'?clock|oclock|[ap]\.?m\b|in the|ish|or|then|"
                           r"tomorrow|today|tonight|on|if|works?)\b))")
_BEFORE_UNIT = re.compile(r"\b(to|too|for|fore|ate|won)(?= (?:(?:hundred|thousand|o'?clock|oclock)\b|"
                          r"[ap]\.?m\b\.?))")
_BEFORE_PART = re.compile(r"\b(yeah|yes|yep|okay|ok|sure|like|say|maybe|then|um|uh) (to|too|for|fore|ate|won)"
                          r"(?= in the (?:morning|afternoon|evening)\b)")
"""("yeah to in the afternoon thats fine": two, said alone before the part of the day)"""


def number_homophones(text: str) -> str:
    """Speech recognition writes a number by its sound ("tuesday at to thirty", "tomorrow at
    for", "pre-approved for for hundred"): a word that sounds like a number where only a
    number can stand (after "at", before "hundred" or "o'clock") is that number."""
    text = _AT_HOMOPHONE.sub(lambda m: f"{m.group(1) or m.group(3)} {_SOUNDS_LIKE[m.group(2) or m.group(4)]}",
                             text)
    text = _BEFORE_PART.sub(lambda m: f"{m.group(1)} {_SOUNDS_LIKE[m.group(2)]}", text)
    return _BEFORE_UNIT.sub(lambda m: _SOUNDS_LIKE[m.group(1)], text)
