"""Text as it should be spoken: prices, times and phone numbers read naturally.

"$49 to $89" → "forty-nine to eighty-nine dollars"; "9:30 AM" → "nine thirty A M";
"512-555-0199" → "5 1 2, 5 5 5, 0 1 9 9" (digit groups, as a person reads a number back).
"""

from __future__ import annotations

import re

from num2words import num2words

_PRICE_RANGE = re.compile(r"\$(\d[\d,]*)(?:\.(\d\d))?\s+to\s+\$(\d[\d,]*)(?:\.(\d\d))?")
_PRICE = re.compile(r"\$(\d[\d,]*)(?:\.(\d\d))?")
_PHONE = re.compile(r"\b(\d{3})-(\d{3})-(\d{4})\b")
_TIME = re.compile(r"\b(\d{1,2})(?::(\d{2}))?\s?(AM|PM)\b")
_NUMBER = re.compile(r"\b\d[\d,]*\b")


def _words(number: str) -> str:
    return num2words(int(number.replace(",", "")))


def _dollars(whole: str, cents: str | None) -> str:
    text = f"{_words(whole)} dollars"
    if cents and int(cents):
        text += f" and {num2words(int(cents))} cents"
    return text


def _time(match: re.Match[str]) -> str:
    hour, minute, meridiem = match.group(1), match.group(2), match.group(3)
    spoken = num2words(int(hour))
    if minute and minute != "00":
        spoken += " " + (f"oh {num2words(int(minute))}" if minute.startswith("0")
                         else num2words(int(minute)))
    return f"{spoken} {' '.join(meridiem)}"


def speakable(text: str) -> str:
    text = _PHONE.sub(lambda m: ", ".join(" ".join(group) for group in m.groups()), text)
    text = _PRICE_RANGE.sub(lambda m: f"{_words(m.group(1))} to {_dollars(m.group(3), m.group(4))}",
                            text)
    text = _PRICE.sub(lambda m: _dollars(m.group(1), m.group(2)), text)
    text = _TIME.sub(_time, text)
    return text.replace("&", " and ")
