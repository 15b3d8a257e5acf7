"""Loads the NLU lexicon (``lexicon.yaml``) once and compiles its patterns."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

_LEXICON_FILE = Path(__file__).with_name("lexicon.yaml")
_FIRST_NAMES_FILE = Path(__file__).with_name("first_names.txt")
_MORE_FIRST_NAMES_FILE = Path(__file__).with_name("first_names_more.txt")
_EVERYDAY_FILE = Path(__file__).with_name("everyday_words.txt")


def _compile(patterns: list[str]) -> re.Pattern[str]:
    bad = [p for p in patterns if not isinstance(p, str)]
    if bad:
        raise ValueError(f"lexicon patterns must be strings (quote them in YAML): {bad}")
    return re.compile("|".join(f"(?:\\b{p}\\b)" for p in patterns))


@dataclass(frozen=True, slots=True)
class Lexicon:
    intents: dict[str, re.Pattern[str]]
    yes: re.Pattern[str]
    no: re.Pattern[str]
    name_stopwords: frozenset[str]
    common_words: frozenset[str]
    """Everyday words that are never a name ("actually", "probably", "sure")."""
    makes: dict[str, str]
    """Spoken make alias → canonical make."""
    models: dict[str, str]
    """Canonical model → make."""
    models_with_make: dict[str, str]
    """Models named like everyday words or people ("Focus", "Sierra"): a car only with a make or
    a year said."""
    topics: dict[str, re.Pattern[str]]
    """The usual words for a question's topic → the everyday ways callers name it."""
    given_names: frozenset[str] = frozenset()
    """Given names that are also everyday words ("will", "june", "grace")."""
    other_services: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Kinds of work a business may not list ("wheel alignments") → the words that name them."""
    service_objects: frozenset[str] = frozenset()
    """The parts of a car service work is done on ("the oil and the tires"): said alone, each
    names the one service of a business that works on it."""
    first_names: frozenset[str] = frozenset()
    """Common first names (``first_names.txt``): a message of one and a surname is a name."""
    pickups: frozenset[str] = frozenset()
    """Pickup models, lower case, as said ("f-150", "silverado"): what "the truck" is."""
    everyday_words: frozenset[str] = frozenset()
    """Frequent English words that are no common name (``everyday_words.txt``): a name read from
    a weak cue ("it's worth it", "I'm way past due") is never made of these alone."""


@cache
def lexicon() -> Lexicon:
    """The compiled lexicon; loaded on first use and shared by every conversation."""
    raw = yaml.safe_load(_LEXICON_FILE.read_text(encoding="utf-8"))
    anchored = lambda words: re.compile(  # noqa: E731 - tiny local helper
        r"^(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b"
    )
    makes = {alias: make for make, aliases in raw["vehicle_makes"].items() for alias in aliases}
    return Lexicon(
        intents={name: _compile(pats) for name, pats in raw["intents"].items()},
        yes=anchored([str(w) for w in raw["affirm"]]),
        no=anchored([str(w) for w in raw["deny"]]),
        name_stopwords=frozenset(raw["stopwords_for_names"].lower().split()),
        common_words=frozenset(raw["common_words"].lower().split()),
        makes=makes,
        models=dict(raw["vehicle_models"]),
        models_with_make={str(m): mk for m, mk in raw["vehicle_models_with_make"].items()},
        topics={words: _compile(pats) for words, pats in (raw.get("topics") or {}).items()},
        service_objects=frozenset(str(w) for w in raw.get("service_objects") or []),
        given_names=frozenset(str(w) for w in raw.get("given_names_also_words") or []),
        first_names=frozenset(_words(_FIRST_NAMES_FILE) + _words(_MORE_FIRST_NAMES_FILE)),
        everyday_words=frozenset(_words(_EVERYDAY_FILE)),
        pickups=frozenset(str(w).lower() for w in raw.get("pickup_models") or []),
        other_services={name: tuple(str(w) for w in words)
                        for name, words in (raw.get("other_services") or {}).items()},
    )


def _words(path: Path) -> list[str]:
    """A word list: one word a line, ``#`` comments."""
    return [line.strip() for line in path.read_text("utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
