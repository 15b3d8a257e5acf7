"""A caller's contact details said in a message: a phone number however it is said (digits one by
one, "double five", "eight-thirty" in the middle of a number), parsed by ``phonenumbers``, and an
email address. Read through :mod:`.entities` as ``ex.extract_phone`` and the like."""

from __future__ import annotations

import re

import phonenumbers

from frontdesk.brain.nlu.text import Utterance, correction_tails

_PHONE_SPAN = re.compile(r"(?:\+?\d[\d\s().,-]{6,}\d)")


def extract_phone(u: Utterance, region: str = "US") -> str | None:
    """The first plausible phone number, in E.164, from any common written or spoken form; the
    last where the caller corrects it ("512 555 0134, no wait, 737 555 0134")."""
    text = re.sub(r"\barea code\s+", "", u.numeric)
    text = re.sub(r"(\d)\s*,?\s+(?:and then|then|and)\s+(?=\d)", r"\1 ", text)  # "512, then 555…"
    found = [number for span in _PHONE_SPAN.findall(text) if (number := _phone_number(span, region))]
    if not found:  # "eight thirty, five five five, thirty three sixteen": read as digits, not times
        # ("… five-one-six-two — no wait, I flipped it. five-one-two-six. eight-three-oh, …, five-one-
        # two-six": the four put right, then the whole number again, heard as one run)
        found = [number for run in _SPOKEN_DIGITS.finditer(u.lower)
                 if (number := next(filter(None, (_phone_number(digits, region) or (
                     _phone_number(digits[-10:], region)
                     if 10 < len(digits) <= 14 and correction_tails(u.lower) else None)
                     for digits in _digits_of(run.group(0)))), None))]
    if not found:  # "… nine oh five eight. nine oh five eight.": the end said again; the number before
        found = [number for run in _SPOKEN_DIGITS.finditer(u.lower)
                 if (number := next(filter(None, (_phone_number(digits[:10], region)
                                                  for digits in _digits_of(run.group(0))
                                                  if len(digits) > 10)), None))]
    if len(found) > 1 and correction_tails(u.lower):
        return found[-1]
    if len(found) == 1 and (tail := correction_tails(u.lower)):
        # "… two six zero five — no, wait, two six five zero": the last four put right
        for said in tail:
            # (the first run of digits said after it, and only four: "it's 737, sorry, 512-555-0177"
            # gives the whole number again)
            run = re.match(r"[\s,—–-]*(?:(?:\d+|\b(?:" + "|".join([*_UNIT_DIGIT, *_FILLERS]) + r")\b)"
                           r"[\s,—–-]*)*", said)
            words = [w for w in re.findall(r"[a-z]+|\d+", run.group(0)) if w not in _FILLERS]
            digits = "".join(_UNIT_DIGIT.get(w, w) for w in words)
            if re.fullmatch(r"\d{4}", digits) and found[0][-4:] != digits:
                return found[0][:-4] + digits
    return found[0] if found else None


_FILLERS = frozenset({"i", "mean", "meant", "its", "it", "s", "is", "um", "uh", "like", "sorry", "so"})
_UNIT_DIGIT = {w: str(i) for i, w in enumerate(("zero", "one", "two", "three", "four", "five", "six", "seven",
                                                "eight", "nine"))} | {"oh": "0", "o": "0"}
_TEEN_DIGITS = {w: str(i + 10) for i, w in enumerate(("ten", "eleven", "twelve", "thirteen", "fourteen",
                                                     "fifteen", "sixteen", "seventeen", "eighteen",
                                                     "nineteen"))}
_TENS_DIGIT = {w: str(i + 2) for i, w in enumerate(("twenty", "thirty", "forty", "fifty", "sixty", "seventy",
                                                   "eighty", "ninety"))}
_SPOKEN_DIGITS = re.compile(r"\b(?:(?:" + "|".join([*_UNIT_DIGIT, *_TEEN_DIGITS, *_TENS_DIGIT, "double",
                                                      "triple", "hundred", r"\d+"])
                            + r")\b[\s,.-]*){7,}")
"""Number words said for a phone number, in whatever groups ("eight thirty, five five five,
thirty three sixteen")."""


def _digits_of(run: str) -> list[str]:
    """The digits of number words said as a phone number, each way they can be heard: "thirty
    three" → 33, or 30 and 3 ("eight thirty, five five five" is 830 555); "sixteen" → 16,
    "double five" → 55, "eight hundred" → 800. A reading whose words fall in the groups of a
    number (3, 3, 4) comes first, then those that join a ten and a unit."""
    words = re.findall(r"[a-z]+|\d+|,", run)  # (a comma is where the caller paused: "thirty, five")

    def readings(i: int, times: int) -> list[list[str]]:
        if i >= len(words):
            return [[]]
        word = words[i]
        if word == ",":
            return readings(i + 1, times)
        if word in {"double", "triple"}:
            return readings(i + 1, 2 if word == "double" else 3)
        if word == "hundred":
            return [["00", *rest] for rest in readings(i + 1, 1)]
        if word in _TENS_DIGIT:
            unit = words[i + 1] if i + 1 < len(words) else ""
            split = [[_TENS_DIGIT[word] + "0", *rest] for rest in readings(i + 1, 1)]
            if unit in _UNIT_DIGIT and unit not in {"zero", "oh", "o"}:
                return [[_TENS_DIGIT[word] + _UNIT_DIGIT[unit], *rest] for rest in readings(i + 2, 1)] + split
            return split
        return [[(_UNIT_DIGIT.get(word) or _TEEN_DIGITS.get(word) or word) * times, *rest]
                for rest in readings(i + 1, 1)]

    def grouped(tokens: list[str]) -> bool:
        ends, at = set(), 0
        for token in tokens:
            at += len(token)
            ends.add(at)
        skip = 1 if "".join(tokens).startswith("1") and at == 11 else 0
        return {3 + skip, 6 + skip} <= ends

    if sum(w in _TENS_DIGIT for w in words) > 6:
        return []  # not a phone number anyone says
    heard = readings(0, 1)
    return ["".join(t) for t in sorted(heard, key=lambda t: not grouped(t))]


def _phone_number(span: str, region: str) -> str | None:
    digits = re.sub(r"\D", "", span)
    if len(digits) == 11 and digits.startswith("0"):
        digits = digits[1:]  # "oh, 512 555 0199": the "oh" was a sound, not a zero
    if len(digits) not in (10, 11) or (len(digits) == 11 and not digits.startswith("1")):
        return None
    try:
        number = phonenumbers.parse(digits if len(digits) == 10 else "+" + digits, region)
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_possible_number(number):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return None


def normalise_phone(value: str, region: str = "US") -> str | None:
    """E.164 form of a phone number given by a client, or None when it is not one."""
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


_EMAIL = re.compile(
    r"([a-z0-9][a-z0-9._%+-]*)\s*(?:@|\bat\b)\s*([a-z0-9-]+(?:\s*(?:\.|\bdot\b)\s*[a-z0-9-]+)*)"
    r"\s*(?:\.|\bdot\b)\s*(com|net|org|edu|io|us|co|gov|info|biz)\b"
)


def extract_email(u: Utterance) -> str | None:
    """An email address, written or spoken ("tom dot becker at gmail dot com")."""
    text = re.sub(r"(\w)\s+dot\s+(\w)", r"\1.\2", u.lower)
    match = _EMAIL.search(text)
    if not match:
        return None
    user, domain, tld = match.groups()
    domain = re.sub(r"\s*(?:\.|\bdot\b)\s*", ".", domain)
    return f"{user}@{domain}.{tld}".replace(" ", "")


_HERE = (r"(?:this|the same|the|my) (?:number|line|phone|one|cell)"
         r"(?: (?:i'?m|i am) (?:calling|on)(?: (?:you )?from)?| (?:i|we) called from)?")
THIS_NUMBER = re.compile(
    # ("and if you need anything just call me at this number": where, said with when)
    r"(?:\b(?:and |so |but |or )?(?:if (?:you|y'?all) need (?:anything|me|to reach me),? )?"
    r"(?:you|y'?all|ya|they|he|she|somebody|someone|the (?:shop|agent|office))? ?"
    r"(?:can|could|should|may|will|'ll)? ?(?:always |just |also |best |go ahead and |feel free to )*"
    rf"(?:call|reach|text|get|contact|ring|get (?:a )?hold of) (?:me|us) (?:on|at|through|using|via) {_HERE}"
    r"(?: (?:for anything|for whatever|anytime|any time|if (?:you|y'?all) need (?:me|anything|to)|"
    r"(?:is|'s) (?:fine|best|good)))?"
    r"|\b(?:just |you can |go ahead and )?(?:use|put down|go with) "
    rf"(?:(?:this|the same) (?:number|one|line|phone)|{_HERE})(?: (?:here|for (?:me|that|it)))?"
    r"|\b(?:or )?(?:you can |just )?reach me (?:right )?here\b(?! (?:at|on|after|before|between|until|till))"
    r"|\bi'?m calling (?:you )?(?:from|on) it\b"
    r"|\b(?:it'?s|that'?s|it is) the (?:one|number|line) (?:i'?m|i am) (?:on|calling (?:you )?(?:from|on))\b)"
    r"(?:\s*,?\s*(?:either(?:'s| is| one'?s)? fine|or (?:here|this one)|"
    # "just use my number, the one I'm calling from"
    r"the (?:one|number|line) (?:i'?m|i am) (?:on|calling (?:you )?(?:from|on)))?)"
    r"[.,!]?")
"""Where to reach the caller said as the number they call from ("you can reach me on this
number", "just use this one", "call me on this line for anything"): the caller's number, no call
asked for (the caller ID is already the booking's number)."""


def without_this_number(text: str) -> str | None:
    """``text`` without its "you can reach me on this number" (None when it says none); a call
    asked for at a time ("call me on this number tomorrow at nine") is a call, not where."""
    said = None
    for said in THIS_NUMBER.finditer(text.lower()):
        # (a sentence of its own says where; the next one may say anything: "… the one I'm calling
        # from. If you call him it goes straight to voicemail.")
        if not said.group(0).endswith((".", "!")) and re.match(
                r"\s*(?:at|after|before|around|tomorrow|tonight|later|this (?:evening|afternoon|morning)|"
                r"on (?:mon|tues|wednes|thurs|fri|satur|sun)day|between|in the|when|once|if|in case|"
                r"should)\b",
                text[said.end():].lower()):
            return None
    if said is None:
        return None
    for said in reversed(list(THIS_NUMBER.finditer(text.lower()))):
        # (the two sides kept apart: "… under his name, Brandon Yates, but text me at this number —
        # his phone's always dead" runs no name into what follows)
        before, after = text[: said.start()].rstrip(" ,—-"), text[said.end():].lstrip(" ,—-")
        joined = before and after and before[-1].isalnum()
        text = f"{before}, {after}" if joined else f"{before} {after}".strip()
    return text
