"""A name the phone line mangled, then spelled: "name is shiv on murphy shiv on is spelled s i o b h
a n", "gertrude oak a four its o k a f o r okafor", "its dash on deshawn d e s h a w n williams",
"name is on tran thats a n h tran t r a n". The letters are the name; the words that sound like a
spelled word are what the line made of it and go; the other name words (a surname said but not
spelled) stay, each part where it was first said."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from frontdesk.brain.nlu.lexicon import lexicon
from frontdesk.brain.nlu.sounds import sounds
from frontdesk.brain.nlu.spelling import SPELLED_OUT, SPELLING_NOTE
from frontdesk.brain.nlu.text import CORRECTION

_NOT_PARTS = frozenset({
    "name", "names", "name's", "my", "is", "its", "it's", "it", "that", "thats", "that's", "this",
    "spelled", "spelt", "spell", "spelling", "sorry", "no", "nope", "wait", "uh", "um", "er", "oh",
    "ok", "okay", "yes", "yeah", "yep", "hi", "hello", "hey", "and", "the", "a", "an", "of", "on", "in",
    "last", "first", "sir", "maam", "ma'am", "with", "like", "so", "i'm", "im", "i", "me", "call",
    "calling", "just", "actually", "mean", "said", "say", "says", "mr", "mrs", "ms", "miss", "dr"})
"""Words of the answer around a name that are never part of it."""


def _skeleton(word: str) -> str:
    """The consonants of a word as heard, all vowels dropped and near sounds made one ("on" and
    A-N-H are both "n", "may of" and M-A-E-V-E "mf", "shiv on" and S-I-O-B-H-A-N "sfn")."""
    key = re.sub(r"[aeiouyh]", "", sounds(re.sub(r"[cs]h", "s", word)))
    return re.sub(r"([a-z])\1+", r"\1", re.sub(r"[bv]", "f", key).replace("j", "g"))


def _sounds_like(heard: str, spelled: str) -> bool:
    """Is ``heard`` (one to three words run together) what a phone line makes of ``spelled``?"""
    if heard == spelled or fuzz.ratio(heard, spelled) >= 70:
        return True
    a, b = _skeleton(heard), _skeleton(spelled)
    return bool(a) and (a == b or (len(b) >= 3 and fuzz.ratio(a, b) >= 80))


def name_from_spelling(lower: str) -> tuple[str, frozenset[str], frozenset[str]] | None:
    """The name the spelled words give, with the other name words said beside them; the words set
    aside as sound-alikes of a spelled one; and the spelled words. None when nothing of three letters
    or more is spelled, or the letters are put right."""
    # ("jon no h j o n", "with a k k a i t l y n", "o apostrophe m a l l e y": notes on the letters)
    marked = {re.sub(r"[^a-z]", "", m[0].replace("apostrophe", ""))
              for m in re.finditer(r"\b[a-z] apostrophe (?:[a-z] )+[a-z]\b", lower)}
    lower = re.sub(r"\s+apostrophe\s+", " ", SPELLING_NOTE.sub(" ", lower))
    runs = [(m.start(), m.end(), re.sub(r"[^a-z]", "", m.group(0))) for m in SPELLED_OUT.finditer(lower)]
    # (not "S-E-A-N, not S-H-A-W-N": letters said to be wrong)
    runs = [r for r in runs if len(r[2]) >= 3 and not re.search(r"\bnot\W+$", lower[: r[0]])]
    if not runs or CORRECTION.search(lower, runs[0][1]):
        return None  # ("J-O-N. no wait, sorry, it's J-O-H-N": letters put right, read as such)
    words = [(m.start(), m.group(0).replace("'", ""), m.group(0)) for m in re.finditer(r"[a-z']+", lower)
             if not any(start <= m.start() < end for start, end, _ in runs)]
    runs = [part for run in runs for part in _split_in_two(run, words)]
    anchor = {spelled: start for start, _, spelled in runs}
    windows = []  # (how well it fits, size, first word, spelled word)
    for _, _, spelled in runs:
        for size in (1, 2, 3):
            for i in range(len(words) - size + 1):
                span = range(i, i + size)
                if any(words[i][0] < start < words[i + size - 1][0] for start, _, _ in runs) or (
                        all(words[j][1] in _NOT_PARTS for j in span) and (size > 1 or len(words[i][1]) > 2)):
                    continue  # (words said together, no spelling between; not "is on", the words around)
                heard = "".join(words[j][1] for j in span)
                if _sounds_like(heard, spelled) and not any(words[j][2].endswith("'s") for j in span):
                    windows.append((fuzz.ratio(heard, spelled), -size, i, spelled))
    taken: set[int] = set()
    known = lexicon()
    for _, size, i, spelled in sorted(windows, reverse=True):
        span = set(range(i, i - size))
        if not taken & span:  # the best fit first ("jones" itself, not "sam jones")
            before = words[i - 1][1] if i > 0 and i - 1 not in taken else ""
            heard = "".join(words[j][1] for j in range(i, i - size))
            key = _skeleton(spelled)
            if before and before not in _NOT_PARTS and fuzz.ratio(_skeleton(before + heard), key) > (
                    fuzz.ratio(_skeleton(heard), key)) and not (
                    before in known.first_names and before not in known.everyday_words):
                i, span = i - 1, {i - 1, *span}  # "see omara" for X-I-O-M-A-R-A: its first sound too
            taken |= span
            anchor[spelled] = min(anchor[spelled], words[i][0])
    kept = [(j, at, plain) for j, (at, plain, raw) in enumerate(words) if j not in taken and len(plain) >= 2
            # ("my mom's name, carol donnelly …": whose, not who; "you're", "they'd": no names)
            and not re.search(r"'(?:s|re|d|ll|ve|m|t)$", raw)
            and plain not in _NOT_PARTS and (plain in known.first_names or plain not in known.everyday_words)]
    # every other name word is said beside the letters, a sound-alike, or another such word (not
    # "kia soul and its jacqueline m b e k i"); a short form of another is that one ("Russell —
    # Russ — Deaver")
    named = set(taken)
    while more := {j for j, _, _ in kept if j not in named and _next_named(words, j, named, runs)}:
        named |= more
    if any(j not in named for j, _, _ in kept):
        return None
    kept = [(at, plain) for _, at, plain in kept  # ("obi uh oh bee nah … o b i n n a": its start)
            if not any(other != plain and other.startswith(plain) for _, _, other in kept)
            and not any(spelled != plain and spelled.startswith(plain) for spelled in anchor)]
    parts: list[str] = []
    for _, word in sorted([*kept, *((at, spelled) for spelled, at in anchor.items())]):
        if word not in parts:
            parts.append(word)
    if len(parts) > 3:
        return None  # more than a name: a sentence with a spelling in it
    # ("o apostrophe l e a r y": O'Leary)
    cased = [f"{p[:1].upper()}'{p[1:2].upper()}{p[2:]}" if p in marked else p[:1].upper() + p[1:]
             for p in parts]
    return (" ".join(cased), frozenset(words[j][1] for j in taken),
            frozenset(spelled for _, _, spelled in runs))


def _split_in_two(run: tuple[int, int, str], words: list[tuple[int, str, str]]) -> list[tuple[int, int, str]]:
    """A run of letters that spells two words, heard just before it as a sound-alike of the first
    and then nearly the second ("shavon mcgrath thats s i o b h a n m c g r a t h", "a qua mensa a
    k u a m e n s a h", "lock she narayan l a k s h m i n a r a y a n"): the two spelled words, the
    first at the run's start. A run spelling the words as said ("de la cruz d e l a c r u z")
    stays one."""
    start, end, spelled = run
    plain = [w[1] for w in words]
    groups = [(i, size, "".join(plain[i: i + size])) for size in (1, 2, 3)
              for i in range(len(plain) - size + 1)
              if (size > 1 or plain[i] not in _NOT_PARTS) and words[i + size - 1][0] < start]
    if len(spelled) < 7 or any(heard == spelled for _, _, heard in groups):
        return [run]
    best: tuple[int, int] | None = None  # (how well both halves fit, where to cut)
    for j, surname in enumerate(plain):
        if len(surname) < 4 or surname in _NOT_PARTS or words[j][0] > start:
            continue
        at = len(spelled) - len(surname)  # (the surname's letters nearly as heard: "mensa" of M-E-N-S-A-H)
        for cut in (at - 1, at, at + 1):
            head, tail = spelled[:cut], spelled[cut:]
            if len(head) < 3 or fuzz.ratio(surname, tail) < 80:
                continue
            for i, size, heard in groups:
                if i + size == j and _sounds_like(heard, head):
                    fit = fuzz.ratio(heard, head) + fuzz.ratio(surname, tail) + (  # (a first name first)
                        50 * (head in lexicon().first_names))
                    best = max(best or (0, cut), (fit, cut))
    if best is None:
        return [run]
    return [(start, start + 1, spelled[: best[1]]), (start + 1, end, spelled[best[1]:])]


def _next_named(words: list[tuple[int, str, str]], j: int, taken: set[int],
                runs: list[tuple[int, int, str]]) -> bool:
    """Is word ``j`` said right beside a spelled word or a sound-alike of one, the words around a
    name aside ("its dash on deshawn d e s h a w n williams", "l e i f and erickson")?"""
    at = words[j][0]
    for step in (-1, 1):
        k = j + step
        while 0 <= k < len(words) and words[k][1] in _NOT_PARTS and k not in taken:
            k += step
        if 0 <= k < len(words) and k in taken:
            return True
        edge = words[k][0] if 0 <= k < len(words) else (-1 if step < 0 else 10**9)
        lo, hi = sorted((at, edge))
        if any(lo < start < hi for start, _, _ in runs):
            return True
    return False
