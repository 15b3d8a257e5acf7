"""What a model's words may claim: only facts that are in the business's own data.

A *fact* here is something a caller would act on: a number (price, time, count, date), a
weekday or month, a capitalised name. Numbers written as words are read as digits first
("forty-five dollars" is 45), times are normalised ("9:00 AM" is 9), money loses its symbol
and thousands separators. Checks are deliberately strict: a rejected answer falls back to the
deterministic one, which is always safe.
"""

from __future__ import annotations

import re

from text_to_num import alpha2digit

from frontdesk.spoken import sentences

_NUMBER = re.compile(r"\d[\d,]*(?:[.:]\d+)?")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_CALENDAR = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
             "january", "february", "march", "april", "may", "june", "july", "august",
             "september", "october", "november", "december", "today", "tomorrow", "tonight"}
_NOT_NAMES = {"i", "i'm", "i'll", "i've", "i'd", "ok", "okay", "yes", "no", "sure", "great",
              "thanks", "thank", "hello", "hi", "sorry", "please", "we", "we're", "we'll", "you",
              "our", "the", "a", "an", "and", "but", "so", "if", "for", "it", "it's", "that",
              "this", "there", "here", "what", "when", "how", "is", "are", "am", "pm", "a.m.",
              "p.m.", "usd", "tv", "faq", "just", "let", "absolutely", "of", "in", "on", "at",
              "your", "my", "they", "unfortunately", "however", "also", "feel", "good", "all"}


def _digits(text: str) -> str:
    try:
        return alpha2digit(text, "en")
    except Exception:  # text2num is conservative; never let it break a check
        return text


def numbers(text: str) -> set[str]:
    found = set()
    for raw in _NUMBER.findall(_digits(text)):
        value = raw.replace(",", "")
        value = re.sub(r"[.:]00$", "", value)
        value = value.lstrip("0") or "0"
        found.add(value)
    return found


def facts(text: str) -> set[str]:
    """Numbers, calendar words and capitalised names mentioned in ``text``."""
    found = numbers(text)
    for sentence in sentences(text):
        words = _WORD.findall(sentence)
        for i, word in enumerate(words):
            lower = word.lower()
            if lower in _CALENDAR or (i > 0 and word[0].isupper() and lower not in _NOT_NAMES):
                found.add(lower)
    return found


def unsupported(answer: str, sources: str) -> set[str]:
    """Facts in ``answer`` that ``sources`` does not contain (empty: the answer is grounded)."""
    source_facts = facts(sources)
    source_words = {w.lower() for w in _WORD.findall(sources)}
    missing = set()
    for fact in facts(answer):
        if fact in source_facts or (not fact[0].isdigit() and fact in source_words):
            continue
        missing.add(fact)
    return missing


def keeps_facts(original: str, reworded: str, allowed: str = "") -> bool:
    """A rewording keeps every fact of the original and adds none (``allowed``: persona words
    such as the business's and the agent's names)."""
    return facts(original) <= facts(reworded) and not unsupported(reworded,
                                                                   f"{original} {allowed}")
