"""How words sound, roughly: a key that two spellings of one heard word share ("seeder park" and
"cedar park", "lynn" and L-I-N-H)."""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=8192)
def sounds(words: str) -> str:
    """A rough key of how words sound: consonants as heard, vowels and doubles dropped
    ("seeder park" and "cedar park" are both "sdr prk")."""
    key = re.sub(r"c(?=[eiy])", "s", words)
    for spelled, heard in (("ph", "f"), ("ck", "k"), ("dg", "j"), ("gh", ""), ("qu", "kw"), ("c", "k"),
                           ("z", "s"), ("x", "ks"), ("w(?![aeiouy])", ""), ("h(?![aeiouy])", "")):
        key = re.sub(spelled, heard, key)
    key = re.sub(r"(?<=[a-z])[aeiouy]+", "", key)
    return re.sub(r"([a-z])\1+", r"\1", key)
