"""Car model names as speech recognition bends them ("cam ray", "for runner", "tack oma")."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from frontdesk.brain.nlu.lexicon import lexicon


def squash(text: str) -> str:
    """A name with only its letters and digits ("CR-V" → "crv")."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def model_misheard(text: str, models: dict[str, str]) -> str | None:
    """A model name as speech recognition splits or bends it ("cam ray", "for runner", "tack
    oma"): one or two words that, run together, are within a letter of the model's name."""
    words = re.findall(r"[a-z0-9]+", re.sub(r"\b(?:for|four)\s+(?=runner)", "4", text.lower()))
    names = [name for name in models if len(squash(name)) >= 5]
    squashed = [squash(name) for name in names]
    common = lexicon().common_words
    for size in (2, 1):
        for i in range(len(words) - size + 1):
            said = "".join(words[i:i + size])
            if len(said) < 5 or (size == 1 and said in common):
                continue
            found = process.extractOne(said, squashed, scorer=fuzz.ratio, score_cutoff=88)
            if found is not None and squashed[found[2]][0] == said[0]:
                return names[found[2]]
    return None
