"""Car model names as speech recognition bends them ("cam ray", "for runner", "tack oma")."""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz, process

from frontdesk.brain.nlu.lexicon import lexicon


@lru_cache(maxsize=4096)
def squash(text: str) -> str:
    """A name with only its letters and digits ("CR-V" → "crv")."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


@lru_cache(maxsize=64)
def _long_names(names: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The names of five letters or more, and each squashed (computed once per model list)."""
    kept = tuple(name for name in names if len(squash(name)) >= 5)
    return kept, tuple(squash(name) for name in kept)


_LITTLE_WORDS = frozenset({"the", "a", "an", "for", "to", "in", "on", "at", "of", "and", "or", "my", "it",
                           "is"})


def model_misheard(text: str, models: dict[str, str]) -> str | None:
    """A model name as speech recognition splits or bends it ("cam ray", "for runner", "tack
    oma"): one or two words that, run together, are within a letter of the model's name."""
    words = re.findall(r"[a-z0-9]+", re.sub(r"\b(?:for|four)\s+(?=runner)", "4", text.lower()))
    names, squashed = _long_names(tuple(models))
    common, first_names = lexicon().common_words, lexicon().first_names
    for size in (2, 1):
        for i in range(len(words) - size + 1):
            said = "".join(words[i:i + size])
            # ("Camryn Lowe": a first name, a letter off the Camry, is the caller's)
            if len(said) < 5 or (size == 1 and (said in common or said in first_names)) or (
                    size == 2 and {words[i], words[i + 1]} & _LITTLE_WORDS):
                continue  # ("in for the oil change": "for the" is no Forte)
            found = process.extractOne(said, squashed, scorer=fuzz.ratio, score_cutoff=88)
            if found is not None and squashed[found[2]][0] == said[0]:
                return names[found[2]]
    return None
