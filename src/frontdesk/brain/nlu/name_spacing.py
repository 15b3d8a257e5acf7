"""A surname put right in its spacing ("Renee Dubois. oh, wait, it's actually two words. Du Bois",
"Ana De La Cruz — one word actually, Delacruz"): the words said the second time take the place of
the first, and what was said after the correction (the letters, "everybody squishes it
together") is not read for the name."""

from __future__ import annotations

import re

from frontdesk.brain.nlu.spelling import respelled
from frontdesk.brain.nlu.text import CORRECTION, Utterance

_NOTE = re.compile(r"\b(?:(?:two|three|2|3|separate) words|one word|no space|with a space|apart|"
                   r"together|split)\b")
"""What a caller says of the spacing itself."""
_TRAILING = re.compile(r"(?:[\s,.;:—–-]|\b(?:well|oh|uh|um|so|and|no|it'?s|its)\b)*$", re.I)
"""What leads into the correction ("… Vanderberg. well, actually …")."""
SAID_HYPHEN = re.compile(r"(?i)\b([a-z']{2,})\s+(?:dash|hyphen)\s+([a-z']{2,})\b")
"""Two words joined by a hyphen said as a word ("Okonkwo hyphen Baptiste")."""
_WORD = re.compile(r"[A-Za-zß-öø-ÿ']+")


def respaced(raw: str) -> tuple[str, str] | None:
    """``raw`` with a word said again in other spacing put in place of the first one and cut at
    the correction, and the words put in; None when no word is said again so."""
    if not (CORRECTION.search(raw.lower()) or _NOTE.search(raw.lower())):
        return None
    words = list(_WORD.finditer(raw))
    low = [w.group(0).lower() for w in words]
    runs: dict[str, list[tuple[int, int]]] = {}  # letters → (first word, how many words)
    for i in range(len(words)):
        for size in (1, 2, 3):
            if i + size <= len(words) and len(joined := "".join(low[i: i + size])) >= 5:
                runs.setdefault(joined, []).append((i, size))
    for (i, size), (j, again) in sorted(
            (first, later) for said in runs.values() for first in said for later in said
            if later[0] >= first[0] + first[1] and later[1] != first[1]):
        end = words[i + size - 1].end()
        between = raw[end: words[j].start()].lower()
        fixes = [m.start() for m in (CORRECTION.search(between), _NOTE.search(between)) if m]
        if fixes:
            put = " ".join(w.group(0)[:1].upper() + w.group(0)[1:] for w in words[j: j + again])
            return f"{raw[: words[i].start()]}{put}{_TRAILING.sub('', raw[end: end + min(fixes)])}", put
    return None


def respaced_name(text: str, known: str) -> str | None:
    """The name on file with a part of it said again in other spacing ("Renee Dubois" … "the
    last name is actually two words, Du Bois" → "Renee Du Bois"); None when no part is."""
    parts = known.split()
    said = [w.group(0) for w in _WORD.finditer(text)]
    low = [w.lower() for w in said]
    for i in range(len(parts)):
        for size in (1, 2, 3):
            joined = "".join(parts[i: i + size]).lower()
            if i + size > len(parts) or len(joined) < 5:
                continue
            for j in range(len(said)):
                for again in (1, 2, 3):
                    if again != size and "".join(low[j: j + again]) == joined and j + again <= len(said):
                        put = [w[:1].upper() + w[1:] for w in said[j: j + again]]
                        return " ".join(parts[:i] + put + parts[i + size:])
    return None


def name_put_right(u: Utterance, known: str) -> str | None:
    """The name on file put right by the caller's letters or spacing; None when it is not."""
    return respelled(u, known) or respaced_name(u.raw, known)


def hyphened(u: Utterance, name: str) -> str:
    """The name with the hyphen the caller said between two of its parts ("fatima al sayed … al
    dash s a y e d": Fatima Al-Sayed; "okonkwo hyphen baptiste")."""
    parts = name.split()
    for i in range(len(parts) - 2, -1, -1):
        first, then = parts[i].lower(), parts[i + 1].lower()
        if re.search(rf"\b{re.escape(first)}\W+(?:dash|hyphen|hyphenated)\W+(?:{re.escape(then)}|"
                     rf"{' '.join(map(re.escape, then))})\b", u.lower):
            parts[i: i + 2] = [f"{parts[i]}-{parts[i + 1][:1].upper()}{parts[i + 1][1:]}"]
    return " ".join(parts)
