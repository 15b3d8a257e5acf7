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
                          r"[ap]\.?m\b\.?|[ap] m\b))")
_BEFORE_PART = re.compile(r"\b(yeah|yes|yep|okay|ok|sure|like|say|maybe|then|um|uh) (to|too|for|fore|ate|won)"
                          r"(?= in the (?:morning|afternoon|evening)\b)")
"""("yeah to in the afternoon thats fine": two, said alone before the part of the day)"""


_BEFORE_SPAN = re.compile(r"\b(in|like|about|maybe|around|or|next|within|the|another) (to|too|for|fore)"
                          r"(?= (?:months?|weeks?|years?)\b)")
"""("she's moving in with us in like to months": two months)"""
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_BEFORE_TENS = re.compile(r"\b(budget|max|maximum|top|tops|like|about|around|maybe|approved|afford|spend|is|"
                          r"'s|uh|um|make it|how about|what about) "
                          rf"(to|too|for|fore)(?= {_TENS}\b(?![- ](?:\w+[- ])?(?:minutes?|mins?|people|"
                          r"years?|days?|percent|miles?|seconds?)\b))")
"""("budget is like for fifty", "my max is to seventy five": four fifty, two seventy-five, where a
price is said)"""
_SAID_TWICE = re.compile(rf"\b(to|too|for|fore) ({_TENS}(?:[- ](?:one|two|three|four|five|six|seven|eight|"
                         r"nine))?) (?:to|too|for|fore) \2\b")
"""("… to seventy five to seventy five": a figure said twice, its first word heard as "to")"""


def number_homophones(text: str) -> str:
    """Speech recognition writes a number by its sound ("tuesday at to thirty", "tomorrow at
    for", "pre-approved for for hundred"): a word that sounds like a number where only a
    number can stand (after "at", before "hundred" or "o'clock") is that number."""
    text = _AT_HOMOPHONE.sub(lambda m: f"{m.group(1) or m.group(3)} {_SOUNDS_LIKE[m.group(2) or m.group(4)]}",
                             text)
    text = _BEFORE_PART.sub(lambda m: f"{m.group(1)} {_SOUNDS_LIKE[m.group(2)]}", text)
    text = _BEFORE_SPAN.sub(lambda m: f"{m.group(1)} {_SOUNDS_LIKE[m.group(2)]}", text)
    text = _SAID_TWICE.sub(lambda m: f"{_SOUNDS_LIKE[m.group(1)]} {m.group(2)}", text)
    text = _BEFORE_TENS.sub(lambda m: f"{m.group(1)} {_SOUNDS_LIKE[m.group(2)]}", text)
    return _BEFORE_UNIT.sub(lambda m: _SOUNDS_LIKE[m.group(1)], text)
