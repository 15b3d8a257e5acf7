"""A name put right after it was said: by an aside between dashes ("John — well, Jon, J-O-N, no H
— Pruitt"), or by a correction of one part ("No, it's Mike, not Mark")."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from frontdesk.brain.nlu.lexicon import lexicon
from frontdesk.brain.nlu.name_spacing import hyphened
from frontdesk.brain.nlu.names import _CAPITALISED, _NEVER_NAME, _plausible_name_word, corrected_in_turn
from frontdesk.brain.nlu.sounds import sounds
from frontdesk.brain.nlu.spelled_name import near
from frontdesk.brain.nlu.spelling import NOT_THESE_LETTERS, SPELLED_OUT, spelled_parts
from frontdesk.brain.nlu.text import Utterance

_ASIDE = re.compile(r"(?:—|–|\s--?\s)(?P<aside>[^—–]{3,90}?)(?:—|–|\s--?\s)\s*"
                    r"(?P<last>" + _CAPITALISED + r")\b")
"""A name broken by an aside between dashes, the surname after it ("John — well, Jon, J-O-N,
no H — Pruitt")."""
_SPELLED_CAPS = re.compile(r"\b(?:[A-Za-z]-){1,}[A-Za-z]\b")


def settled(u: Utterance, name: str) -> str:
    """The name read from a whole message, with what the rest of it says of the name: a part put
    right in the same breath ("Jon. Actually, Jonathan"), what an aside between dashes puts right
    ("John — well, Jon … — Pruitt"), and a hyphen said ("al dash s a y e d": Al-Sayed)."""
    return hyphened(u, after_aside(u, corrected_in_turn(u, name)))


def after_aside(u: Utterance, name: str) -> str:
    """The name with what an aside between dashes puts right: a part spelled inside it ("well,
    Jon, J-O-N, no H"), and the surname said after it ("… — Okafor"); or with the letters said
    after "spelled" (:func:`.spelling.spelled_parts`: "… but the last name is spelled n g u y e n")."""
    if (spelled := spelled_parts(u.lower, name)) is not None:
        return spelled
    name = spelled_last(u, joined_pieces(name))
    found = _ASIDE.search(u.raw)
    # the name begun before the aside ("Jon — well, John …", "Marybeth — sorry, Mary Beth …")
    if found is None or len(name.split()) > 2 or not re.search(
            r"\b" + re.escape(name.split()[0][:2]), u.raw[: found.start("aside")], re.IGNORECASE):
        return name
    parts = name.split()
    for spelled in _SPELLED_CAPS.finditer(found.group("aside")):
        word = spelled.group(0).replace("-", "").lower()
        for k, part in enumerate(parts):
            if word != part.lower() and word[:2] == part.lower()[:2] and fuzz.ratio(word, part.lower()) >= 75:
                parts[k] = word.capitalize()  # "John — well, Jon, J-O-N, no H": spelled, it is Jon
    last = found.group("last")
    if last.lower() not in (p.lower() for p in parts) and _plausible_name_word(last.lower()) and (
            last.lower() not in _NEVER_NAME):
        parts.append(last)
    return " ".join(parts)


_SURNAME_ENDINGS = frozenset({"quist", "qvist", "strom", "ski", "sky", "wicz", "witz", "ovich", "opoulos",
                              "akis", "escu"})
"""Endings of surnames a transcript may hear as a word of their own, and that are none."""


def joined_pieces(name: str) -> str:
    """A name a transcript heard in pieces ("jon athan pierce", "patricia lind quist"): a first
    name split in two that the list knows whole (not "Mary Ann Lee": Ann is a name of its own), a
    surname's ending heard as a word."""
    parts = name.split()
    words = lexicon()
    if len(parts) >= 3 and (parts[0] + parts[1]).lower() in words.first_names and not (
            {parts[1].lower()} & (words.first_names | words.everyday_words)):
        parts = [parts[0] + parts[1].lower(), *parts[2:]]
    if len(parts) >= 3 and parts[-1].lower() in _SURNAME_ENDINGS:
        parts = [*parts[:-2], parts[-2] + parts[-1].lower()]
    return " ".join(parts)


def corrected_name(known: str, said: str) -> str:
    """The name after the caller corrects part of it: "No, it's Mike, not Mark" for Mark Hollis
    is Mike Hollis. A single word replaces the part it sounds most like (the first name unless
    it is closer to the surname); a fuller name replaces the whole."""
    parts = known.split()
    if sorted(p.lower() for p in parts) == sorted(p.lower() for p in said.split()):
        return known  # "Greer. G-R-E-E-R. Walter.": the same name, surname first
    if len(parts) < 2 or len(said.split()) != 1:
        return said
    if said.lower() in (p.lower() for p in parts):
        return known
    first, *rest = parts
    if fuzz.ratio(said.lower(), rest[-1].lower()) > max(60, fuzz.ratio(said.lower(), first.lower())):
        return " ".join([first, *rest[:-1], said])
    return " ".join([said, *rest])


def said_as(clause: str, name: str | None) -> bool:
    """Is the clause a name said as one ("Manuel Ortega.", "this is Tobias Engel, I'm calling …"), not a
    question ("Lakeside Realty?") or words a name was read from ("It's so loud in here.")?"""
    if not name:
        return False
    lower = clause.lower()
    words = [w for w in re.sub(r"[^\w\s'-]", " ", lower).split() if w not in {
        "and", "oh", "uh", "um", "so", "yeah", "yes", "hi", "hello", "hey"}]
    if lower.rstrip().endswith("?"):
        return False
    if re.search(rf"\b(?:this is|it'?s|i'?m|my name'?s|my name is)\s+{re.escape(name.lower())}\b", lower):
        return True  # "yeah hi, this is Tobias Engel, I'm calling for my dad."
    # (not "Guten Tag, hello.": no name cued, and no first name)
    return words == name.lower().split() and name.split()[0].lower() in lexicon().first_names


_SPELL_CUE = re.compile(r"\bspell|\bit'?s\b|\bwith an?\b|\bwait\b|\bno\b|\bsorry\b|\bactually\b")


def spelled_last(u: Utterance, name: str) -> str:
    """The name as the one spelling said after it writes it (not letters said to be wrong: "not
    J-A-M-I-E"): a part said one way and spelled another ("it's Caitlin Moore — oh wait … It's
    K-A-T-E-L-Y-N": Katelyn Moore), or a surname the letters broke into words ("Priscilla
    Onwuachi. I'll spell it: O-N-W-U-A-C-H-I", read "Onwuac Hi": Priscilla Onwuachi)."""
    runs = [m for m in SPELLED_OUT.finditer(u.lower) if not NOT_THESE_LETTERS.search(u.lower, 0, m.start())]
    if len(runs) != 1 or len(word := re.sub(r"[^a-z]", "", runs[0].group(0))) < 3:
        return name
    parts = name.split()
    low = [p.lower().replace("'", "") for p in parts]
    said = re.findall(r"[a-z']+", u.lower[: runs[0].start()])
    said_before = set(said)
    heard = said_before | {"".join(said[i: i + n]) for n in (2, 3) for i in range(len(said) - n + 1)}
    if word in low or (len(low) > 1 and word == "".join(low) and len(low[-1]) >= 2
                       and any(fuzz.ratio(low[-1], w) >= 80 or near(w, low[-1], 67) for w in heard)):
        # (first and last name spelled in one run: "a nan ya krishnan its a n a n y a k r i …",
        # "marissa joe no m a r i s a c h o")
        return name
    for k in range(len(parts)):
        if "".join(low[k:]) == word and not set(low[k:]) <= said_before:  # (not "kavya rao k a v y a r a o")
            first = re.search(rf"\b([a-z'-]+) {word}\b", u.lower)
            given = first.group(1) if first and first.group(1) in lexicon().first_names else None
            kept = parts[:k] if k or given is None else [given.capitalize()]
            return " ".join([*kept, word.capitalize()])
    scores = [fuzz.ratio(word, p) for p in low]
    best = max(range(len(parts)), key=scores.__getitem__)
    said = re.search(rf"\b{re.escape(parts[best].lower())}\b", u.lower)
    close = scores[best] >= 55 or sounds(word) == sounds(low[best])
    if close and said and said.end() <= runs[0].start() and _SPELL_CUE.search(
            u.lower, said.end(), runs[0].start()):
        parts[best] = word.capitalize()
    return " ".join(parts)
