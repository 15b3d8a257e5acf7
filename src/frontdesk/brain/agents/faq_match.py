"""Which of the business's FAQ entries a question asks about: keyword hits (exact, with a word
between, or near on a bad line), the usual words for a topic added to the caller's own, and a
fuzzy likeness to the entry's question second."""

from __future__ import annotations

import re
from functools import cache

from rapidfuzz import fuzz

from frontdesk.brain.nlu.lexicon import lexicon
from frontdesk.brain.nlu.said import LATE_FOR_IT
from frontdesk.brain.nlu.text import as_for_me, normalise, word_pattern
from frontdesk.knowledge.profile import BusinessProfile, FaqEntry

MIN_SCORE = 60.0
"""Below this, no entry answers the question."""


def _windows(text: str) -> set[str]:
    """1- to 3-word windows with spaces removed ("loan or" → "loanor", near "loaner")."""
    words = re.findall(r"[a-z0-9']+", text)
    return {"".join(words[i: i + n]) for n in (1, 2, 3) for i in range(len(words) - n + 1)}


@cache
def _with_a_word_between(keyword: str) -> re.Pattern[str]:
    return re.compile(r"\b" + r"(?:\s+\w+)?\s+".join(re.escape(w) for w in keyword.split()) + r"\b")


def _keyword_hits(keyword: str, text: str, windows: set[str]) -> float:
    """1 for an exact hit; 0.9 for a near one (speech slips: "loner cars" for "loaner cars")."""
    if word_pattern(keyword).search(text):
        return 1.0
    words = keyword.split()
    if 1 < len(words) <= 4 and _with_a_word_between(keyword).search(text):
        return 0.9  # "where exactly are you" for "where are you"
    # Only distinctive single words ("loaner", "shuttle"): short or multi-word phrases made of
    # common words ("hours" ~ "house", "when are you" ~ "where are you") would match anything.
    if " " in keyword or len(keyword) < 6:
        return 0.0
    if any(fuzz.ratio(keyword, w) >= 84 for w in windows if abs(len(w) - len(keyword)) <= 1):
        return 0.9
    return 0.0


def with_topics(lowered: str) -> str:
    """The question plus the usual words for what it is about ("put it on plastic" → "payment
    credit card"), so a business's keywords meet a caller's everyday words."""
    lowered = as_for_me(lowered)  # "run him home" is the keyword "run me home"
    topics = [words for words, pattern in lexicon().topics.items() if pattern.search(lowered)]
    if LATE_FOR_IT.search(lowered):  # "I'm sitting on 35 behind a wreck, not moving at all"
        topics.append("running late")
    return f"{lowered} {' '.join(topics)}" if topics else lowered


_CALLERS_ADDRESS = re.compile(r"\b(?:give|tell|send|text) (?:you|y'?all|the agent|him|her|them)(?: guys)? "
                              r"(?:the |my |our )?(?:full |exact |street )?address|"
                              r"\b(?:my|our|the house'?s|the home'?s) (?:full |exact |street )?address|"
                              r"\bdo (?:you|y'?all) need (?:my|our|the) (?:\w+ )?address")
"""The caller's own address spoken of ("do I have to give you the full address right now?"), not ours."""


def _scored(text: str, entries: list[FaqEntry], places: frozenset[str]) -> list[tuple[float, FaqEntry]]:
    """Every entry scored for a question, best first: keyword hits first, fuzzy question
    similarity second. A place's name is no near miss of a keyword ("do y'all do Leander?" asks
    nothing of a lender)."""
    lowered = with_topics(normalise(text).lower)  # "pre proved", "yall": heard words put right
    lowered = _SET_ASIDE.sub(" ", lowered)  # "if I don't get a loaner, does somebody drive you home?"
    windows = _windows(lowered) - places
    scored: list[tuple[float, FaqEntry]] = []
    for entry in entries:
        hits = _hits(entry, lowered, windows)
        keyword_score = min(100.0, 70.0 + sum(10.0 * w for _, w in hits) + 2.0 * max(
            (len(k) * w for k, w in hits), default=0)) if hits else 0.0
        fuzzy = fuzz.token_set_ratio(lowered, entry.question.lower()) * 0.8
        scored.append((max(keyword_score, fuzzy), entry))
    scored.sort(key=lambda item: item[0], reverse=True)
    return scored


_SET_ASIDE = re.compile(r"\bif (?:i|we) (?:don'?t|do not|can'?t|cannot) (?:get|have|take) "
                        r"(?:a |an |the |one )?\w+|\binstead of (?:a |an |the )?\w+")
"""A thing the question is asked in place of: no topic of it."""


def _hits(entry: FaqEntry, lowered: str, windows: set[str]) -> list[tuple[str, float]]:
    return [(k, w) for k in entry.keywords if (w := _keyword_hits(k.lower(), lowered, windows)) > 0]


def place_words(profile: BusinessProfile) -> frozenset[str]:
    """The places a caller may name, as the scorer's windows hold them (no spaces)."""
    return frozenset(p.lower().replace(" ", "") for p in (
        *profile.service_areas, *profile.nearby_areas, *profile.area_aliases))


def best_faq(text: str, entries: list[FaqEntry], places: frozenset[str] = frozenset()
             ) -> tuple[FaqEntry | None, float]:
    """The best entry for a question and its score (0–100)."""
    scored = _scored(text, entries, places)
    return (scored[0][1], scored[0][0]) if scored else (None, 0.0)


def faq_answers(text: str, entries: list[FaqEntry], places: frozenset[str] = frozenset()) -> list[FaqEntry]:
    """The entries a question asks about: the best one, and up to two more when the caller
    asked about several things at once ("a loaner or the shuttle?", "open Sundays, where are
    you, and do you take Amex?") and each is a clear hit."""
    if _CALLERS_ADDRESS.search(text.lower()):
        entries = [e for e in entries if e.category != "location"]
    scored = _scored(text, entries, places)
    if not scored or scored[0][0] < MIN_SCORE:
        return []
    best = [scored[0][1]]
    for score, entry in scored[1:]:
        if score >= 80 and len(best) < 3 and all(entry.answer != b.answer for b in best):
            best.append(entry)
    # "credit" in "you take the credit card?" asks about paying, not about financing
    kept = [e for e in best if not any(other is not e and _within(e, other, text) for other in best)]
    return kept or best[:1]


def _within(second: FaqEntry, first: FaqEntry, text: str) -> bool:
    """Every word that matched ``second`` is part of a longer one that matched ``first``
    ("credit" in "you take the credit card?" asks about paying, not about financing)."""
    lowered = with_topics(normalise(text).lower)  # "pre proved", "yall": heard words put right
    windows = _windows(lowered)
    taken = [k.lower() for k, _ in _hits(first, lowered, windows)]
    hits = [k.lower() for k, _ in _hits(second, lowered, windows)]
    def joined(words: str) -> str:
        return re.sub(r"[\s-]", "", words)

    # ("do I need to be pre-approved before I look?": "preapproval", heard near "pre-approved",
    # is part of the longer hit too)
    return bool(hits) and all(any(h != t and (word_pattern(h).search(t) or fuzz.ratio(h, t) >= 84
                                              or (len(joined(h)) <= len(joined(t))
                                                  and fuzz.partial_ratio(joined(h), joined(t)) >= 90))
                                  for t in taken) for h in hits)
