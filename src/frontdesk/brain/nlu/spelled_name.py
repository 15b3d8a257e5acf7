"""A name the phone line mangled, then spelled: "name is shiv on murphy shiv on is spelled s i o b h
a n", "gertrude oak a four its o k a f o r okafor", "its dash on deshawn d e s h a w n williams",
"name is on tran thats a n h tran t r a n". The letters are the name; the words that sound like a
spelled word are what the line made of it and go; the other name words (a surname said but not
spelled) stay, each part where it was first said."""

from __future__ import annotations

import re
from functools import cache

from rapidfuzz import fuzz, process

from frontdesk.brain.nlu.lexicon import lexicon
from frontdesk.brain.nlu.sounds import sounds
from frontdesk.brain.nlu.spelling import SPELLED_OUT, notes_out
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
    lower = re.sub(r"\s+apostrophe\s+", " ", notes_out(lower))
    runs = [(m.start(), m.end(), re.sub(r"[^a-z]", "", m.group(0))) for m in SPELLED_OUT.finditer(lower)]
    # (not "S-E-A-N, not S-H-A-W-N": letters said to be wrong)
    runs = [r for r in runs if len(r[2]) >= 3 and not re.search(r"\bnot\W+$", lower[: r[0]])]
    if not runs or CORRECTION.search(lower, runs[0][1]):
        return None  # ("J-O-N. no wait, sorry, it's J-O-H-N": letters put right, read as such)
    if len(runs) == 2 and (given := re.search(r"\bfirst name(?:'s| is)? ([a-z]+)\b", lower)) and (
            given.end() <= runs[1][0] and runs[1][2] == given[1]) and given.start() > runs[0][1]:
        # "its win nuh win n g u y e n first name is linh l i n h": the surname spelled, then the
        # first name said and spelled
        heard = frozenset(w for w in re.findall(r"[a-z']+", lower[: runs[0][0]]) if w not in _NOT_PARTS)
        return (f"{runs[1][2].capitalize()} {runs[0][2].capitalize()}", heard, frozenset(r[2] for r in runs))
    words = [(m.start(), m.group(0).replace("'", ""), m.group(0)) for m in re.finditer(r"[a-z']+", lower)
             if not any(start <= m.start() < end for start, end, _ in runs)]
    split = [part for run in runs for part in _split_in_two(run, words)]
    runs = [(start, end, spelled) for start, end, spelled, _ in split]
    anchor = {spelled: start for start, _, spelled in runs}
    # (what the line made of each half of a run split in two: those words, whatever they sound like)
    windows = [(101, -len(said), said.start, spelled) for _, _, spelled, said in split if said]
    for _, _, spelled in runs:
        for size in (1, 2, 3):
            for i in range(len(words) - size + 1):
                span = range(i, i + size)
                if any(words[i][0] < start < words[i + size - 1][0] for start, _, _ in runs) or (
                        all(words[j][1] in _NOT_PARTS for j in span) and (size > 1 or len(words[i][1]) > 2)):
                    continue  # (words said together, no spelling between; not "is on", the words around)
                heard = "".join(words[j][1] for j in span)
                # ("lewis fernandez no l u i s": the words right before the letters, by a looser ear)
                right_before = any(words[i + size - 1][0] < at and len(
                    [w for w in words[i + size:] if w[0] < at]) <= 2 for at, _, sp in runs if sp == spelled)
                if (_sounds_like(heard, spelled) or (right_before and near(heard, spelled, 75))) and not any(
                        words[j][2].endswith("'s") for j in span):
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
            and plain not in _NOT_PARTS and (
                plain in known.first_names or plain not in known.everyday_words or (
                # "k e i s h a washington": the surname said right after the letters, a word or not
                plain not in known.common_words and any(end < at <= end + 1 for _, end, _ in runs)))
            and not _PUT_RIGHT_BY_LETTERS.match(lower, at + len(raw))]
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
    given = [sp for sp, at in anchor.items() if sp in known.first_names and not any(
        words[j][0] == at for j in taken)]
    if len(given) == 1 and len(anchor) == 1 and kept and all(
            at < anchor[given[0]] and plain not in known.first_names for at, plain in kept):
        # "walking morales its j o a q u i n": a first name spelled after the surname, heard as
        # no name, goes first
        anchor[given[0]] = -1
    elif len(anchor) == 1 and len(kept) == 1 and kept[0][1] in known.first_names and (
            next(iter(anchor)) not in known.first_names) and kept[0][0] > max(end for _, end, _ in runs):
        # "in grid how gun h a u g e n ingrid": the surname spelled, the first name said after it
        kept = [(-1, kept[0][1])]
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


_PUT_RIGHT_BY_LETTERS = re.compile(r"\W+(?:(?:no|sorry|nope|oops|wait|actually|i mean)\W+)+"
                                   r"(?=[a-z](?:\W+[a-z]){2,}\b)")
"""A word put right by the letters after it ("vulcan no sorry d m i t r i"): not part of the name."""


def _loose(word: str) -> str:
    """A word as a bad line lets it through: consonants that sound alike made one and each run of
    vowels one "a" ("joe" and C-H-O, "row" and R-A-O, "okay k" and O-K-E-K-E, "win" and N-G-U-Y-E-N)."""
    key = re.sub(r"^ngu(?=[aeiouy])", "w", word)  # "win" for N-G-U-Y-E-N
    key = re.sub(r"tl$", "l", re.sub(r"^x(?=[aeiou])", "s", key))  # "so cheel" for X-O-C-H-I-T-L
    key = re.sub(r"ch|j|g(?=[eiy])|dg", "j", key)
    key = re.sub(r"ph", "f", key)
    key = re.sub(r"ck|c(?![eiy])|q", "k", re.sub(r"c(?=[eiy])", "s", key))
    key = re.sub(r"[wh](?![aeiouy])", "", key.replace("z", "s"))
    return re.sub(r"([a-z])\1+", r"\1", re.sub(r"[aeiouy]+", "a", key))


def near(heard: str, spelled: str, least: int) -> bool:
    """Is ``heard`` what a phone line makes of ``spelled``, by the ear or by a looser one?"""
    return _sounds_like(heard, spelled) or fuzz.ratio(_loose(heard), _loose(spelled)) >= least


def _split_in_two(run: tuple[int, int, str], words: list[tuple[int, str, str]]
                  ) -> list[tuple[int, int, str, range | None]]:
    """A run of letters that spells two words, heard just before it as sound-alikes of both ("shavon
    mcgrath thats s i o b h a n m c g r a t h", "a qua mensa a k u a m e n s a h", "marissa joe no
    m a r i s a c h o", "its and jolly row thats a n j a l i r a o"): the two spelled words, the
    first at the run's start, each with the words it stands for. A run spelling the words as said
    ("de la cruz d e l a c r u z") or one given name ("christina") stays one."""
    start, end, spelled = run
    plain = [w[1] for w in words]
    before = [i for i, w in enumerate(words) if w[0] < start]
    groups = [(i, size, "".join(plain[i: i + size])) for size in (1, 2, 3) for i in before
              if i + size - 1 in before and (size > 1 or plain[i] not in _NOT_PARTS)]
    known = lexicon()
    after = [w[1] for w in words if w[0] > start][:2]
    if len(spelled) < 6 or spelled in known.first_names or any(
            heard == spelled for _, _, heard in groups) or any(
            w not in _NOT_PARTS and w not in known.everyday_words for w in after):
        # (nor one with a surname said after it: "rosh and ross shawn r o s h a n patel")
        return [(start, end, spelled, None)]
    best: tuple[float, int, range, range] | None = None  # (how well both halves fit, cut, words)
    for j, size, surname in groups:
        if plain[j + size - 1] in _NOT_PARTS or (size == 1 and plain[j] in _NOT_PARTS) or any(
                plain[k] not in _NOT_PARTS for k in before if k >= j + size):
            continue  # (the surname is the last name word said before the letters; "okay k" for O-K-E-K-E)
        for cut in range(3, len(spelled) - 1):
            head, tail = spelled[:cut], spelled[cut:]
            # as heard nearly as spelled ("mensa" of M-E-N-S-A-H), or by a looser ear when the letters
            # start with a given name and nothing name-like was said before the words for it ("marissa
            # joe no m a r i s a c h o"; not "wade tibba doe … t h i b o d e a u x", a surname in pieces)
            strict = len(spelled) >= 7 and len(surname) >= 4 and size == 1 and (
                fuzz.ratio(surname, tail) >= 80 and abs(len(tail) - len(surname)) <= 1)
            if not (strict or (_a_given_name(head) and near(surname, tail, 67))):
                continue
            for i, first_size, heard in groups:
                if i + first_size == j and (
                        (_sounds_like(heard, head) or head in known.first_names) if strict
                        else near(heard, head, 70)) and (
                        strict or not any(plain[k] not in _NOT_PARTS and plain[k] not in known.everyday_words
                                          for k in before if k < i)):
                    fit = (fuzz.ratio(_loose(heard), _loose(head)) + fuzz.ratio(_loose(surname), _loose(tail))
                           + fuzz.ratio(heard, head) / 10 + fuzz.ratio(surname, tail) / 10
                           + 15 * _a_given_name(head)  # (a first name first)
                      - 10 * (plain[j] in {"er", "uh", "um", "ah"}))  # (a surname begun by a pause)
                    if best is None or fit > best[0]:
                        best = (fit, cut, range(i, j), range(j, j + size))
    if best is None:
        return [(start, end, spelled, None)]
    return [(start, start + 1, spelled[: best[1]], best[2]), (start + 1, end, spelled[best[1]:], best[3])]


@cache
def _a_given_name(word: str) -> float:
    """1 for a first name, less for one spelled another way ("aleksander" for Aleksandr), 0 else."""
    if word in lexicon().first_names:
        return 1.0
    return 0.3 if len(word) >= 6 and process.extractOne(
        word, _sorted_names(), scorer=fuzz.ratio, score_cutoff=84) is not None else 0.0


@cache
def _sorted_names() -> tuple[str, ...]:
    return tuple(sorted(lexicon().first_names))


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


_LAST_TWO = re.compile(r"\b([a-z][a-z'-]+) ([a-z][a-z'-]+)\W*$")
_LABELLED = re.compile(r"\bfirst name(?:'s| is)?,?\s+(?P<first>(?:[a-z]\s+){2,}[a-z])\b.*?"
                       r"\b(?:last|sur|family) ?name(?:'s| is)?,?\s+(?P<last>(?:[a-z]\s+){1,}[a-z])\b|"
                       r"\b(?:last|sur|family) ?name(?:'s| is)?,?\s+(?P<last2>(?:[a-z]\s+){1,}[a-z])\b.*?"
                       r"\bfirst name(?:'s| is)?,?\s+(?P<first2>(?:[a-z]\s+){2,}[a-z])\b")


def said_whole_after(lower: str) -> str | None:
    """A name spelled, then said whole and plain at the end ("name is bill uh will yum hack it h a c k
    e t t william hackett", "… n g o z i o k a f o r ngozi okafor"), or spelled part by part under
    its labels ("… first name o l u w a s e u n last name a d e y e m i"): that name."""
    if (labelled := _LABELLED.search(lower)) is not None:
        first = re.sub(r"\s", "", labelled["first"] or labelled["first2"])
        last = re.sub(r"\s", "", labelled["last"] or labelled["last2"])
        return f"{first.capitalize()} {last.capitalize()}"
    runs = [m for m in SPELLED_OUT.finditer(lower) if len(re.sub(r"[^a-z]", "", m[0])) >= 3]
    letters = [re.sub(r"[^a-z]", "", m[0]) for m in runs]
    if len(runs) == 1 and not lower[runs[0].end():].strip(" .,!?") and (
            before := _LAST_TWO.search(lower, 0, runs[0].start())) and before[2] == letters[0] and (
            before[1] in lexicon().first_names) and before.start() > 0:
        # "on jolly met uh anjali mehta m e h t a": the name said clearly after the line mangled it,
        # its surname then spelled
        return f"{before[1].capitalize()} {before[2].capitalize()}"
    said = _LAST_TWO.search(lower)
    if not runs or said is None or said.start() < runs[-1].end() or any(
            w in _NOT_PARTS or len(w) < 2 for w in said.groups()):
        return None
    first, last = said.groups()
    plain = [w.replace("'", "") for w in (first, last)]
    if any(word in letters for word in plain) or "".join(letters) == "".join(plain):
        return f"{first.capitalize()} {last.capitalize()}"
    return None
