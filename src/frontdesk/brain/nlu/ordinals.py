"""Ordinals said on a call: "the first one" is a choice among what was offered, "December first",
"on the third" and "the third, at ten" are days of the month."""

from __future__ import annotations

import re

ORDINAL_NUMERAL = {"1st": "first", "2nd": "second", "3rd": "third"}
_ORDINAL_WORD = re.compile(r"\b(first|second|third|fourth)\b")
_MONTH_WORDS = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")


def protect_choice_ordinals(text: str) -> str:
    """Keep "the first one" a choice, not the 1st of the month: ordinals stay words unless they
    follow a month ("December first") or precede "of" ("the first of December")."""

    def keep(match: re.Match[str]) -> str:
        before = text[: match.start()].split()[-2:] or [""]
        after = text[match.end():].split()[:2] or [""]
        if before[-1] in _MONTH_WORDS or (after[0] == "of" and after[1:2] not in (
                ["those"], ["them"], ["these"], ["the"], ["the"], ["your"])) or (
                before[-1] == "the" and re.fullmatch(
                    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day,?|on", before[0])):
            return match.group(0)  # "December first", "Tuesday the first", "on the third"
        if before[-1] == "the" and match.group(0) != "first" and re.match(
                r"\W*at (?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon)\b",
                text[match.end():]):
            return match.group(0)  # "the next one, the third, at ten": a day and its hour
        said = re.search(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b((?:\W+\w+){0,3})\W+the\s*$",
                         text[max(0, match.start() - 40): match.start()])
        if said and not re.search(r"\bor\b", said.group(1)) and (
                re.match(r"\s*(?:[?.!,]|$)", text[match.end():])):
            return match.group(0)  # "is next tuesday any good? the first?": that Tuesday's date
        return "choicex" + match.group(0)

    return _ORDINAL_WORD.sub(keep, text)
