"""Who the caller says they are: a name, only from the words that give one.

A name comes from a name-giving construction ("my name is …", "this is …", "put it under …"),
from a short answer when the agent asked for it, or from a message that is nothing but a name
(a known first name, or written as one). Fillers, common words, cars and places are never names;
spelling notes ("Jon, no H") are dropped and a surname spelled out beside a first name joins it.
Split from :mod:`.entities`, which finds the other facts.
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from itertools import pairwise

from rapidfuzz import fuzz

from frontdesk.brain.nlu.lexicon import lexicon
from frontdesk.brain.nlu.message_name import as_introduced
from frontdesk.brain.nlu.name_cues import NAME_CUE, STRONG_CUE
from frontdesk.brain.nlu.name_frames import (
    _AFTER_NAME,
    _NAME_WORD,
    _PIECE_FILLER,
    SURNAME_PARTICLES,
    first_names,
    listed_name,
    name_frames,
    name_size,
)
from frontdesk.brain.nlu.name_spacing import SAID_HYPHEN, respaced
from frontdesk.brain.nlu.not_names import not_a_name
from frontdesk.brain.nlu.spelled_name import name_from_spelling, said_whole_after
from frontdesk.brain.nlu.spelling import (
    SPELLED_OUT,
    SPELLING_NOTE,
    notes_out,
    spelled_anew,
    spelled_in_place,
    split_then_spelled,
)
from frontdesk.brain.nlu.text import CORRECTION, Utterance, correction_tails, normalise, word_pattern

_FILLED = r"(?:(?:uh+|um+|er)[,\s]+)?"
""""darnell and uh tasha price": a filler between the names of a couple."""
_CAPITALISED = r"(?:Ma?c|O')?[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ']+(?:-[A-Za-zÀ-ÖØ-Þß-öø-ÿ][a-zß-öø-ÿ']+)?(?![\w-])"
""""Okonkwo-Baptiste", "D'Amico": a capitalised name word, a second capital after its hyphen."""

_PAUSE_AFTER_CUE = re.compile(r"(?i)\b(this is|it's|it is|i'm|i am|my name is|my name's|name's)[,\s]+"
                              r"(?:(?:uh+|um+|er|ah|oh)[,.\s]+)+")
_SOMEONES_ROLE = re.compile(r"\b(?:i'?m|i am|this is)\s+(?:(?:mr|mrs|ms|dr)\.?\s+)?[A-Za-z'-]+'s\s+"
                            r"(?:assistant|secretary|wife|husband|son|daughter|mother|mom|dad|father|office|nurse|"
                            r"driver|tenant|landlord|neighbor|caregiver|grandson|granddaughter)\b", re.I)
"""Who the caller is to someone else ("I'm Mr. Okafor's assistant"): no name of the caller's."""
_NAME_HERE = re.compile(r"(?:^|\b(?:hi|hello|hey|yes|yeah|sure|sure thing|okay|ok)[,\s]+)"
                        r"(" + _NAME_WORD + r"\s+" + _NAME_WORD + r") here\b")
""""Hi, Ann Lee here": a first and last name announced without a cue."""
_NAME_ALONE = re.compile(r"(?:^|[.!?]\s+|\s[—–]\s*)(" + _CAPITALISED + r"(?:\s+" + _CAPITALISED + r"){1,2})"
                         r"(?:,?\s+(?:by the way|here|calling|btw))?"
                         # ("… this afternoon? Greg Oyelaran, and this number's fine.")
                         r"(?:,?\s+(?:and )?(?:this|that|the same|my) (?:number|phone|cell)[^.?!]*)?"
                         r"\s*[.!]?\s*$")
"""A capitalised first and last name said as a sentence of its own at the end of a message."""


_NAME_SENTENCE = re.compile(r"(?:^|[.!?]\s+)(?:(?:[Yy]eah|[Yy]es|[Oo]kay|[Oo]k|[Ss]ure|[Uu]m+|[Uu]h+|[Ww]ell|"
                            r"[Hh]i|[Hh]ello|[Hh]ey),?\s+)*(" + _CAPITALISED + r"(?:\s+" + _CAPITALISED
                            + r"){1,2})\s*[.!]\s")
"""A capitalised first and last name said as a sentence of its own within a message ("yeah, okay,
Lorenzo Bautista. I'm off work Monday")."""
_NAME_OPENING = re.compile(r"\W*(?:(?:hi|hey|hello|yeah|yes|um+|uh+|good|morning|afternoon|evening|there)"
                           r"[,.!\s]+)*"
                           r"(" + _NAME_WORD + r" " + _NAME_WORD
                           + r"(?: (?!and\b|calling\b|here\b)" + _NAME_WORD + r")?)"
                           r"(?: calling| here)?"  # "hi, Ethan Cho calling. my dad's got …"
                           r"(?:\s*[,.]\s+"
                           r"(?:and )?(?:(?:i|i'm|im|i'd|i've|we|we're|we'd|calling|need|needing|looking|can|"
                           # "hi, Kenji Watanabe. my father-in-law scheduled …"
                           r"my|our|his|her|so|"
                           # "hi, Darnell Lee, buying, Pflugerville, …": a lead's facts in a list
                           r"buying|selling|relocating|moving|interested|first[- ]time|"
                           r"could|wanted|want|wanting|got|have|my (?:number|phone|cell)|"
                           # "Sofia Marchetti, put it under her": the one the booking goes under
                           r"put (?:it|that|the \w+)|book (?:it|that)|"
                           r"it'?s (?:her|his|their) (?:car|truck|house)|"
                           # "Renata Salazar, if you need it": the name, offered
                           r"if (?:you|y'?all) need (?:it|that|them|a name|my name)|"
                           r"in case you need (?:it|that))\b|"
                           r"\(?\d{3}\b)|"
                           # "jimmy ortega my number's eight thirty…": no stop in speech-recognition text
                           r"\s+(?:and )?(?:my|the) (?:number|phone|cell)(?:'s| is)?\b)")
"""A first and last name said first, then the request or the number ("Nadia Brooks, I need an
oil change", "Hi, Tom Reyes, 737 555 3401, Tuesday at 9 for a tire rotation")."""


def _plausible_name_word(word: str) -> bool:
    """A word that can be part of a person's name: not a stop word, filler or common word."""
    if re.sub(r"(.)\1", r"\1", word) in _SPELLED_NOW.get():
        return True  # spelled out by the caller in this message: a name, whatever it looks like
    lex = lexicon()
    if "-" in word:  # "Reyes-Little": a name with an everyday word in it; not "check-up"
        parts = [part for part in word.split("-") if part]
        return any(map(_plausible_name_word, parts)) and not any(
            part in lex.name_stopwords or part in _NEVER_NAME or len(part) < 2 for part in parts)
    return (len(word) >= 2 and word not in lex.name_stopwords and word not in lex.common_words
            and word not in _NEVER_NAME
            and not (len(word) > 5 and word.endswith("ing"))
            # "I'm embarrassed", "I'm really worried", "honestly": how the caller feels, not who
            and not (len(word) > 6 and word.endswith(("ed", "ly", "ful", "ous"))
                     and word not in lex.first_names)
            and not re.search(r"'(?:s|m|re|ve|ll|d|t)$", word))


_NEVER_NAME = frozenset({"cause", "cuz", "because", "since", "coz", "cos", "'cause", "loan", "loans", "fha",
                         "mortgage", "usda",
                         "yes", "yet", "yeah", "yep", "no", "nope", "sure", "actually", "okay", "ok", "so",
                         "po", "opo", "ji",  # politeness ("the surname po", "Sharma ji")
                         "ya", "yah", "yea", "yup", "sry", "thx", "pls", "plz",
                         "shoot", "dang", "darn", "shucks", "gosh", "geez", "jeez", "bummer", "dangit",
                         "drat", "rats", "welp",
                         "well", "um", "uh", "please", "thanks", "thank", "here", "calling", "and",
                         "the", "a", "an", "i", "im", "i'm", "it", "its", "it's", "is", "my", "me",
                         "hi", "hello", "hey", "just", "like", "from", "with", "at", "in", "on", "first",
                         "for", "about", "again", "speaking", "this", "that", "by", "but", "or",
                         # "yeah, that's fine, go ahead": consent, not a name
                         "go", "ahead", "fine", "alright", "right", "cool", "whatever",
                         # "Mm-hm, that's fine." asked for a name; "Whenever, you pick."
                         "mm", "mmm", "hm", "hmm", "mhm", "mmhm", "mmhmm", "huh", "uh-huh", "whenever",
                         "anytime", "wherever",
                         # "put it under hers: Dolores Whitfield": whose, not a name
                         "his", "hers", "theirs", "mine", "ours", "yours", "him", "her", "them"})


_SURNAME_TOO = frozenset({"dang"})
"""Words never a name alone ("dang, that's late") that are surnames after a first name."""


def _everyday(name: str) -> bool:
    """A name made of everyday words only ("it's worth it", "I'm way past due", "it's total
    chaos"): words of a sentence, not a name, unless one is a known first name or was spelled."""
    lex = lexicon()
    return all(w in lex.everyday_words and w not in lex.first_names and w not in lex.given_names
               and w not in _SPELLED_NOW.get() for w in re.split(r"[\s-]+", name.lower()) if w)


_PHRASAL = re.compile(r"[a-z'-]+ (?:down|off|up|out|over|away|back|through)\b")
""""it's calmed down now", "I'm worn out": a verb and its particle after the cue, not a name."""


def _unknown_word_alone(u: Utterance, name: str) -> bool:
    """"its loud im at work": one word after "it's" that is no first name anyone has, written in
    lower case and not spelled: how things are, not who is calling."""
    lex = lexicon()
    word = name.lower()
    return (" " not in word and word not in lex.first_names and word not in lex.given_names
            and word not in _SPELLED_NOW.get() and not re.search(rf"\b{re.escape(name)}\b", u.raw))


def _day_not_name(name: str) -> bool:
    """"Wait. Monday.", "Ten next Saturday." to the name question: an everyday word, then a day;
    not "Augusta Monday"."""
    words = name.lower().split()
    if len(words) >= 2 and words[-1] in {"day", "eve"} and words[0] not in lexicon().first_names:
        return True  # "it's MLK Day, I'm off": a holiday, not "Mlk Day"
    return _everyday(words[0]) and any(_CALENDAR.fullmatch(w) for w in words)


def _cased(u: Utterance, words: list[str]) -> list[str]:
    """The words as the caller wrote them (capitals kept)."""
    cased = {w.lower(): w for w in re.findall(r"[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'-]*", u.raw)}
    return [cased.get(w, w) for w in words]


def _clean_name(words: list[str], raw: list[str] | None = None) -> str | None:
    """The name in the words after a cue, up to the first word that is no name. A word that is
    also an everyday word ("Will", "June", "Friday") is still a name where the caller wrote it
    as one — capitalised, in a name with another name word ("Will Summers", "Dawn Friday")."""
    kept: list[str] = []
    for i, word in enumerate(words):
        if word in {"uh", "um", "er", "erm"} and kept and i + 1 < len(words):
            # "keisha gr uh keisha grant", "lupe uh guadalupe serrano": the name said again, in full
            again = _clean_name(words[i + 1:], raw[i + 1:] if raw is not None else None)
            if again and len(again.split()) >= max(2, len(kept)):
                return again
            if again and len(kept) == 1 and len(again.split()) == 1 and fuzz.ratio(
                    kept[0], again.lower()) < 60:
                continue  # "john uh smith": a pause before the surname
            break
        if word in _SURNAME_TOO and kept and kept[-1].lower() in lexicon().first_names and (
                words[i + 1: i + 2] != ["it"]):  # (not "tom dang it")
            kept.append(word)  # "Christopher Dang": after a first name, a surname
            continue
        capital = raw is not None and i < len(raw) and raw[i][:1].isupper() and (
            raw[i][1:].islower() or len(raw[i]) == 1)
        if not _plausible_name_word(word) and not (
                capital and word not in _NEVER_NAME and len(word) >= 2
                and not re.search(r"'(?:s|m|re|ve|ll|d|t)$", word)
                and (kept or (i + 1 < len(words) and _plausible_name_word(words[i + 1])))):
            break
        kept.append(word)
    if not kept or (raw is not None and len(kept) == 1 and not _plausible_name_word(kept[0])):
        return None
    kept = _unrepeated([w.lower() for w in kept]) if len(kept) >= 3 else kept
    said = " ".join("-".join(p[:1].upper() + p[1:] for p in w.split("-")) for w in first_names(kept))
    return re.sub(r"\b([OD])'([a-z])", lambda m: f"{m[1]}'{m[2].upper()}", said)  # O'Connor, D'Amico


def _with_surname_after(u: Utterance, name: str) -> str:
    """"it's priya by the way, priya raman": a first name said again with its surname later; "ray
    and donna kessler … put it under donna", "priscilla and ben moreno": a couple's one surname."""
    if " " in name:
        return name
    first = re.escape(name.lower())
    if (whole := re.search(rf"\b{first}[,\s]+({_NAME_WORD}) {first}\b", u.lower)) and _plausible_name_word(
            whole.group(1)) and (given := _clean_name([whole.group(1)])):
        return f"{given} {name}"  # "my name is Yamamoto, Takeshi Yamamoto": the surname, then the whole name
    for way in (rf"\b{first}[,\s]+({_NAME_WORD})\b",
                rf"\b{first} (?:and|&) {_FILLED}{_NAME_WORD} ({_NAME_WORD})\b",
                rf"\b{_NAME_WORD} (?:and|&) {_FILLED}{first} ({_NAME_WORD})\b"):
        for again in re.finditer(way, u.lower):
            if _plausible_name_word(again.group(1)) and (
                    surname := _clean_name([again.group(1)])):
                return f"{name} {surname}"
    return name


_EMAIL_NEXT = re.compile(r"\s*(?:@|\.\w|_|\s*\bdot\b|\s*\bunderscore\b|\s+at\s+\w+\s*(?:\.|dot)\s*\w)")
"""What follows words that are an email address, not a name ("it's june dot park at gmail")."""
def _unrepeated(words: list[str]) -> list[str]:
    """"tasha tasha greenleaf" → "tasha greenleaf"; "lindgren, abe lindgren" → "abe lindgren";
    a word cut off and said again whole ("bri brianna castellanos", "kiara whit whitfield")
    is said once; a first name said again at the end ("carlos mendoza carlos") is said once."""
    kept = [w for i, w in enumerate(words) if i == 0 or w != words[i - 1]]
    if len(kept) >= 3:
        kept = [w for i, w in enumerate(kept)
                if not (i + 1 < len(kept) and len(w) >= 2 and kept[i + 1].startswith(w))]
    if len(kept) >= 3:  # "Russell — Russ — Deaver": the short form said after the name, once
        kept = [w for i, w in enumerate(kept) if not (i > 0 and len(w) >= 3 and kept[i - 1].startswith(w))]
    if len(kept) == 3 and kept[0] == kept[2]:
        first = lexicon().first_names
        # ("kristen hollis kristen, with a k": both could be given names, the first said first)
        kept = kept[1:] if kept[0] not in first and kept[1] in first else kept[:2]
    return kept


_LAST_NAME = re.compile(r"\b(?:last name|surname|family name)(?:'s| is| would be| should be|:)?,?\s+"
                        r"(?:(?:um+|uh+|it's|its|just|only|simply)[,\s]+)*"
                        # ("that last name is just n g": two letters, spelled)
                        r"(?:(?P<letters>[a-z](?:[ -][a-z])+)\b(?![ -][a-z]{2})|(" + _NAME_WORD + r"))")
_FIRST_NAME = re.compile(r"\b(?:first name|given name)(?:'s| is| would be| should be|:)?,?\s+"
                         r"(?:(?:um+|uh+|it's|its)[,\s]+)*(" + _NAME_WORD + r")")


_ECHO_SPELLED = re.compile(r"\b(?P<word>[A-Za-z']{2,})\W+(?:that'?s|that is|it'?s|spelled)?\W*"
                           r"(?P<letters>(?:[A-Za-z]-){2,}[A-Za-z])[\s,—–-]+(?=[A-Z])")
"""A word, then its spelling, then more of the name ("Siobhan — that's S-I-O-B-H-A-N — McAllister")."""
_SPELLED_NOW: ContextVar[frozenset[str]] = ContextVar("spelled_now", default=frozenset())
"""The words the caller spelled out in the message being read."""


_NO_THEN_AGAIN = re.compile(r"\b([a-z']{2,}),? (?:no|nope|sorry|i mean|uh+|um+),? (?=([a-z']{2,})\b)")
"""A name word put right at once ("ann no anne", "tom uh thomas"): the second is the one."""
_SPELLED_WHOLE = re.compile(r"\b(?:i'?ll|ill|let me|lemme|i can|i'?ll just) spell "
                            r"(?:it|that|them)(?: for you| out)?"
                            # (the two apart by a word or a pause, not one run: "O-L-U-W-A-S-E-U-N")
                            r"\W+((?:[a-z][- ]){1,}[a-z])\b(?: [a-z']{2,}\W+|\s*[,.;:—–]\W*)"
                            r"((?:[a-z][- ]){1,}[a-z])\b"
                            r"(?: [a-z']{2,})?\W*$")
"""The caller spells first name and surname, one after the other, saying each word again or not."""


_THATS_ME = re.compile(r"(?i)[\s,.—-]+(?:that'?s|thats|this is|it'?s|its) me\W*$|[\s,.—-]+speaking\W*$")


def extract_name(u: Utterance, *, expecting: bool = False) -> str | None:
    """A caller's name, only from a name-giving construction ("my name is …", "this is …",
    "… here") or, when the agent asked for the name, from a short answer made of name-like
    words. Fillers and common words ("Actually", "Sure", "Probably") are never names.

    A surname said as one ("last name's Nguyen, N-G-U-Y-E-N") joins the first name said with it
    ("this is Linh", "first name Chidi"); said alone it is returned alone, and
    :func:`surname_only` tells the brain to add it to the first name it already has."""
    if (fixed := respaced(u.raw)) is not None and (name := extract_name(
            normalise(fixed[0]), expecting=expecting)) and fixed[1].lower() in name.lower():
        return name  # "Renee Dubois. oh, wait, it's actually two words. Du Bois. D-U, then B-O-I-S"
    if (joined := SAID_HYPHEN.sub(r"\1-\2", u.raw)) != u.raw:
        u = normalise(joined)  # "Grace Okonkwo hyphen Baptiste": one surname
    # letters said twice are heard once ("m a t t i n g l y" reads "m a t i n g l y")
    said = u
    spelled = frozenset(re.sub(r"(.)\1", r"\1", re.sub(r"[^a-z]", "", m.group(0)))
                        for m in SPELLED_OUT.finditer(u.lower))
    if (note := re.search(r"\bwith an? ([a-z]) (?=\1 [a-z] )", u.lower)) is not None:
        # "with a k k a i t l y n": the letter named, then the spelling it begins
        u = normalise(u.lower[: note.start()] + u.lower[note.end():])
    heard_then_spelled = name_from_spelling(u.lower)
    u = split_then_spelled(spelled_in_place(normalise(spelled_anew(u.raw) or u.raw)))
    if (paused := _PAUSE_AFTER_CUE.sub(r"\1 ", u.raw)) != u.raw:
        u = normalise(paused)  # "this is, uh, Harold Lindqvist": the name, after a pause
    if (echo := _ECHO_SPELLED.search(u.raw)) and re.sub(r"[^a-z]", "", echo["letters"].lower()) == (
            echo["word"].lower().replace("'", "")):
        # "my name's Siobhan — that's S-I-O-B-H-A-N — McAllister": the spelling of the word
        # before it, said in the middle of the name
        u = normalise(f"{u.raw[: echo.start()]}{echo['word']} {u.raw[echo.end():]}")
    if (again := _NO_THEN_AGAIN.search(u.lower)) and again[1] != again[2] and (
            fuzz.ratio(again[1], again[2]) >= 60):
        u = normalise(u.lower[: again.start()] + u.lower[again.end():])  # "its ann no anne …": anne
    if (put_right := re.search(r"\bnot [a-z]+,? ((?:it'?s|its) [a-z])", u.raw, flags=re.I)) is not None:
        # "sorry not derek its darrell holloway": a name put right is a name given, in so many words
        u, expecting = normalise(u.raw[put_right.start(1):]), True
    if (role := _SOMEONES_ROLE.search(u.raw)) is not None:  # "I'm Mr. Okafor's assistant": no name of theirs
        u = normalise(u.raw[: role.start()] + u.raw[role.end():])
    if (turn := re.search(r"\b(?i:but) (?=(?i:(?:just )?(?:put|book|use) (?:it|my name|me|this))\b"
                          r"[^,.]{0,20},\s*[A-Z][a-z]+ [A-Z][a-z]+)", u.raw)):
        u = normalise(u.raw[turn.end():])  # "registered to the company, …, but put my name on it, Rudy"
    if (dictated := as_introduced(u.raw)) is not None:
        u = normalise(dictated)  # "tell him it's Vivian Tran", "just tell him Jesse Villanueva called"
    if rank := _RANK_THEN_NAME.search(u.raw):
        # "Afternoon, ma'am. Staff Sergeant Andre Whitaker.": a rank said before a name gives it
        u = normalise(f"{u.raw[: rank.start(1)]}this is {u.raw[rank.end():]}")
    if expecting and (plainly := said_whole_after(said.lower)) is not None:
        return plainly  # "… h a c k e t t william hackett": spelled, then said whole
    if expecting and (whole := _SPELLED_WHOLE.search(u.lower) or _SPELLED_WHOLE.search(said.lower)):
        # "its no gozi add a yemi ill spell it n g o z i adeyemi a d e y e m i": what the line made
        # of the name does not matter; the letters are the name
        return " ".join(w[:1].upper() + w[1:] for w in (re.sub(r"[^a-z]", "", whole[i]) for i in (1, 2)))
    if expecting and (me := _THATS_ME.search(u.raw)) and me.start() > 0:
        u = normalise(u.raw[: me.start()])  # "dustin hale thats me": the name, and who it is
    token = _SPELLED_NOW.set(spelled)
    try:
        name = _read_name(u, expecting=expecting)
    finally:
        _SPELLED_NOW.reset(token)
    name = None if name is None else not_a_name(u, name, expecting=expecting)
    # (a spelled word alone, "Dunleavy is D-U-N-L-E-A-V-Y", is read as before: a surname said alone)
    if heard_then_spelled and " " in heard_then_spelled[0] and (expecting or name) and (
            name is None or _misses_the_letters(
            name, heard_then_spelled[2], heard_then_spelled[1]) or (
            "'" in heard_then_spelled[0] and "'" not in name) or (  # ("o apostrophe l e a r y")
            # ("tina joe no t i n a j o": the letters in the two words heard, not one)
            " " not in name and name.lower() == heard_then_spelled[0].replace(" ", "").lower())):
        return heard_then_spelled[0]  # "name is shiv on murphy shiv on is spelled s i o b h a n"
    return name if name is not None or expecting else listed_name(said, _name_said_alone)


def _misses_the_letters(name: str, spelled: frozenset[str], sound_alikes: frozenset[str]) -> bool:
    """Does the name read leave out a word the caller spelled, or keep what the line made of one
    ("Shy Anne Cheyenne" for "shy anne cheyenne c h e y e n n e")?"""
    joined = re.sub(r"[^a-z]", "", name.lower())
    return any(len(w) >= 3 and w not in joined for w in spelled) or any(
        w in sound_alikes and not any(w in s or s in w for s in spelled) for w in name.lower().split())


_RANK_THEN_NAME = re.compile(r"(?i)(?:^|[.!?,]\s+)((?:(?:staff|master|first|gunnery) )?(?:sergeant|sgt\.?|"
                             r"captain|capt\.?|lieutenant|lt\.?|major|colonel|specialist|spc\.?|corporal|cpl\.?|"
                             r"private|officer|deputy|detective|pastor|reverend|coach|doctor|dr\.?))\s+"
                             r"(?=[A-Z][a-z'-]+\s+[A-Z][a-z'-]+\b)")
"""A rank or title said right before a first and last name ("Staff Sergeant Andre Whitaker")."""
_SURNAME_THEN_FIRST = re.compile(r"\b(?:it'?s|its|mr\.?|mrs\.?|ms\.?|that'?s)\s+([a-z'-]{2,}),?\s+"
                                 r"(?:his |her |my )?first name(?:'s| is)?\s+([a-z'-]{2,})\b")
"""The surname, then the first name said after it ("it's Delgado, first name Hector")."""


def _read_name(u: Utterance, *, expecting: bool) -> str | None:
    if (turned := _SURNAME_THEN_FIRST.search(u.lower)) and all(
            _plausible_name_word(w) for w in turned.groups()):
        return _clean_name([turned.group(2), turned.group(1)])  # "it's Delgado, first name Hector"
    if expecting and SPELLING_NOTE.search(u.raw):
        u = normalise(notes_out(u.raw))  # "jon, no h", "Mac with an a", "V as in Victor"
    last = _LAST_NAME.search(u.lower)
    said_last = (re.sub(r"[ -]", "", last["letters"]) if last["letters"] else last.group(2)) if last else ""
    if last and (last["letters"] or _plausible_name_word(said_last)):
        surname = _clean_name([said_last]) if not last["letters"] else said_last.capitalize()
        first = _FIRST_NAME.search(u.lower)
        given = _clean_name([first.group(1)]) if first and _plausible_name_word(first.group(1)) else None
        if given is None:
            other = _extract_name(normalise(u.lower[: last.start()]), expecting=expecting)
            if other and surname and len(other.split()) > 1 and other.split()[-1].lower() == surname.lower():
                return other  # "priscilla ng that last name is just n g": the whole name, said before
            given = other if other and len(other.split()) == 1 else None
        if given is None:
            # "the last name's Kowalczyk — K-O-W-A-L-C-Z-Y-K. I'm Brianne": the first name after it
            other = _extract_name(normalise(u.raw[last.end():]), expecting=False)
            if other and surname and len(other.split()) > 1 and other.split()[-1].lower() == surname.lower():
                return other  # "Last name's D'Amico. Francesca D'Amico.": the whole name, said after
            given = other if other and len(other.split()) == 1 and other.lower() != surname.lower() else None
        if given is None and (named := re.search(r"\b(?:first |given )?name(?:'s| is|:)?,?\s+(" + _NAME_WORD
                                                 + r")\W*$", u.lower[last.end():])) and (
                _plausible_name_word(named[1])):
            given = _clean_name([named[1]])  # "surname is Kuznetsova, K-U-Z-N-E-T-S-O-V-A. name Oksana"
        if given is None and (rest := re.fullmatch(r"\W*([a-z'-]+)\W*", u.lower[last.end():])) and (
                rest[1] in lexicon().first_names):
            given = rest[1].capitalize()  # "last name's Haskins, Glen"
        if surname:
            return f"{given} {surname}" if given else surname
    name = _extract_name(u, expecting=expecting)
    said = word_pattern(name.split()[-1].lower()).search(u.lower) if name else None
    restart = _RESTATED.search(u.lower, said.end()) if said else None
    if name and restart and restart.start() - said.end() <= 10:
        # "its gus its august pellegrino": the name said again right after, in full
        again = _extract_name(normalise(u.lower[restart.start():]), expecting=expecting)
        if again and len(again.split()) >= len(name.split()):
            name = again
    if expecting and name and " " not in name and (head := re.split(r"[,.;]", u.raw, maxsplit=1)[0]) != u.raw:
        # "Dana Kessler, it's me and my husband Roy but put it under Dana": Dana, the one said
        fuller = _extract_name(normalise(head), expecting=True)
        if fuller and fuller.split()[0].lower() == name.lower():
            name = fuller
    if name is None and (_UNDER_A_NAME.search(u.lower) or expecting) and (
            end := _NAME_AT_END.search(u.lower)):
        # "put it under my name cause I'm the one bringing it in … its mike dunaway", asked for
        # it "terrence its terrence okafor", "ok good its lorraine tate": the name comes at the end
        name = _clean_name(end.group(1).split())
        name = name if name and len(name.split()) >= 2 else None
    head = re.split(r"(?<=[.;!?])\s", u.raw, maxsplit=1)[0]
    if name is None and expecting and head != u.raw and (
            first := _extract_name(normalise(head), expecting=True)) and " " in first and re.fullmatch(
            r"\W*(?:(?:it'?s|i'?m|this is|(?:my )?name'?s)\s+)?" + re.escape(first.lower()) + r"\W*",
            head.lower()):
        name = first  # "Kim Duarte. You can put both under my name" (not "Wait. Monday.")
    if name is None and _UNDER_A_NAME.search(u.lower) and (
            last := re.search(r"\b([a-z'-]+) ([a-z'-]+)\W*$", u.lower)) and all(
            _plausible_name_word(w) and w not in _NEVER_NAME for w in last.groups()):
        name = _clean_name(list(last.groups()))  # "put it under his name its his truck ryan mcallister"
    if name is None and (framed := _MANGLED_THEN_CLEAR.search(u.lower)) and (
            framed["first"] in lexicon().first_names and _plausible_name_word(framed["last"])) and not (
            {framed["first"], framed["last"]} & lexicon().everyday_words):
        # "hey this is a dula rah heemy abdullah rahimi uh i need a oil change": the line mangled
        # it, then the name said clearly: a first name and the word after it
        name = _clean_name([framed["first"], framed["last"]])
    if expecting and name and len(parts := name.lower().split()) == 2 and (
            last := re.search(r"[—–,.;:-]\s*([a-z'-]+) ([a-z'-]+)\W*$", u.lower)) and (
            list(last.groups()) == parts[::-1]):
        name = _clean_name(list(last.groups()), u.raw.split()[-2:])  # "It's Hollis — Dwayne Hollis."
    if name and (later := _named_after_correction(u, name, expecting=expecting)):
        name = later  # "Put it under his name, Tyler Whitcomb. Actually, no, … Gail Whitcomb."
    return _renamed(u, corrected_in_turn(u, _with_surname_after(u, name))) if name else None


_MANGLED_THEN_CLEAR = re.compile(r"\b(?:this is|my name is|my name'?s|the name'?s|it'?s)\s+"
                                 r"(?:(?!(?:my|his|her|our|their|for|about|with|calling|regarding)\b)[a-z'-]+\s+){2,5}?"
                                 r"(?P<first>[a-z'-]{3,}) (?P<last>[a-z'-]{3,})"
                                 r"(?=\W*(?:$|[,.]|\b(?:uh|um|and|i|i'?m|calling|here)\b))")
"""A name frame, a few words the line mangled, then the name said clearly."""

_NOW_NAMED = re.compile(r"(?:\b(?:well|actually|it'?s|i'?m)\W+(?P<first>" + _CAPITALISED + r") (?P<last>"
                        + _CAPITALISED + r") now\b|\b(?:so |just )?(?:use|go with|put down) (?P<only>"
                        + _CAPITALISED + r")\b)")
"""The name the caller says to use now ("I'm Ashley Tran — well, Ashley Nguyen now, I just
got married, so use Nguyen")."""


def _renamed(u: Utterance, name: str) -> str:
    parts = name.split()
    found = _NOW_NAMED.search(u.raw)
    if found is None or len(parts) != 2:
        return name
    if found["only"]:
        word = found["only"]
        if word.lower() in (p.lower() for p in parts) or not _plausible_name_word(word.lower()) or (
                word.lower() in _NEVER_NAME):
            return name
        return f"{parts[0]} {word}"
    if found["first"].lower() == parts[0].lower() and _plausible_name_word(found["last"].lower()) and (
            found["last"].lower() not in _NEVER_NAME):
        return f"{parts[0]} {found['last']}"
    return name


_UNDER_A_NAME = re.compile(r"\b(?:put|book|make|have) (?:it|that|this) under "
                           r"(?:my|his|her|hers|our|the|theirs)\b")
_NAME_AT_END = re.compile(r"\b(?:its|it's|it is|i'm|im|this is|name's|"
                          r"name is)\s+([a-z'-]+(?: [a-z'-]+){1,2})\W*$")


def _named_after_correction(u: Utterance, name: str, *, expecting: bool) -> str | None:
    """Another whole name said after a self-correction that follows the name read."""
    said = u.lower.find(name.split()[0].lower())
    for tail in correction_tails(u.lower):
        if said < 0 or len(u.lower) - len(tail) <= said:
            continue
        later = _extract_name(normalise(u.raw[len(u.raw) - len(tail):] if len(u.raw) == len(u.lower)
                                        else tail), expecting=True)
        if later is None and _UNDER_A_NAME.search(tail) and (end := _NAME_AT_END.search(
                SPELLED_OUT.sub(" ", tail).rstrip(" .,!"))):
            later = _clean_name(end.group(1).split())  # "… under my wife's name … its brenda kowal k o w a l"
        if later and len(later.split()) >= 2 and later.lower() != name.lower() and not _everyday(later) and (
                all(_plausible_name_word(w) for w in later.lower().split())):
            return later
    return None


def corrected_in_turn(u: Utterance, name: str) -> str:
    """The name with the parts the caller puts right later in the same breath: "Jon Peterson.
    Actually, put the full thing, Jonathan. And it's Petersen with an e-n" → "Jonathan
    Petersen". Only a capitalised name word close to one part of the name (a longer form of
    it, or one a letter or two apart) corrects it."""
    said = re.search(r"\b" + re.escape(name.split()[0]) + r"\b", u.raw, re.IGNORECASE)
    if said is None:
        return name
    for one, two in pairwise(SPELLED_OUT.finditer(u.lower, said.start())):
        # "Sean Gallagher — S-E-A-N. no, sorry … it's S-H-A-W-N": a part spelled, then spelled again
        # after a correction (not "Ewan is E-W-A-N, and MacLeod is … L, E-O-D": the other part)
        word, again = (re.sub(r"[^a-z]", "", m.group(0)) for m in (one, two))
        if not CORRECTION.search(u.lower, one.end(), two.start()):
            continue
        parts = name.split()
        lowered = [p.lower() for p in parts]
        if word != again and word in lowered and again not in lowered and (
                word[0] == again[0] or fuzz.ratio(word, again) >= 50):  # (not the surname spelled next)
            parts[lowered.index(word)] = again.capitalize()
            name = " ".join(parts)
    parts = name.split()
    if len(parts) == 2 and (again := re.search(
            rf"\b(?:actually|i mean|sorry|no|put|make it|well|rather)\b.*?\b(?<!and )(?<!& )({_CAPITALISED}) "
            rf"{re.escape(parts[1])}\b", u.raw[said.end():], re.IGNORECASE | re.DOTALL)) and (
            again[1][0].isupper() or u.raw.islower()) and (
            again[1].lower() != parts[0].lower() and _plausible_name_word(again[1].lower())
            and again[1].lower() not in _NEVER_NAME):
        return f"{again[1]} {parts[1]}"  # "Tony Marchetti. actually, put Anthony … Anthony Marchetti"
    # the capitalised words past the name as said
    later = list(re.finditer(_CAPITALISED, u.raw[said.start():]))[len(name.split()):]
    for found in later:
        word, low = found.group(0), found.group(0).lower()
        parts = name.split()
        if low in _NEVER_NAME or not _plausible_name_word(low) or low in (x.lower() for x in parts) or (
                re.search(r"\b(?:not|isn'?t|wasn'?t|no)\W+$",
                          u.raw[said.start(): said.start() + found.start()], re.IGNORECASE)):
            continue  # "Maria Delgado. Not Mario, that's me": the one said not to be it
        for k, part in enumerate(parts):
            # ("Catherine … oh, wait, it's Katherine with a K": a first letter heard alike)
            if (low.startswith(part.lower()) and len(part) >= 3) or (
                    len(low) >= max(4, len(part) - 1) and (low[:2] == part.lower()[:2] or (
                        len(low) >= 5 and low[1:3] == part.lower()[1:3]))
                    and fuzz.ratio(low, part.lower()) >= (75 if min(len(low), len(part)) >= 5 else 85)):
                parts[k] = word
                name = " ".join(parts)
                break
    return name


_COUPLE = re.compile(rf"\b({_NAME_WORD}) (?:and|&) {_FILLED}({_NAME_WORD}) ({_NAME_WORD})\b")
"""Two given names and the surname they share ("Ruth and Walter Finch")."""
_RESTATED = re.compile(r"\b(?:it'?s|i'?m|this is|my name is|name'?s|the name is)\b")


def surname_only(u: Utterance, name: str) -> bool:
    """Is ``name``, read from this text, a surname said as one, with no first name ("last
    name's Okafor")?"""
    return _LAST_NAME.search(u.lower) is not None and " " not in name


_NAME_ONLY_FILLER = re.compile(r"^(?:(?:yes|yeah|yep|sure|ok|okay|oh|um+|uh+|so|well|hi|hello|it's|its|cool|"
                               r"great|good|awesome|alright|perfect|"
                               r"it is|this is|that's|thats|name's|names|my name's|my name is)[,.\s]+)+")


_SURNAME_MAKES = {"ford", "lincoln", "dodge", "morgan"}
"""Makes that are family names too ("Jasmine Ford")."""


def _is_vehicle_word(word: str) -> bool:
    lex = lexicon()
    return word in lex.makes or word in {m.lower() for m in lex.models}


_CALENDAR = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|"
                       r"march|april|may|june|july|august|september|october|november|december|today|"
                       r"tomorrow|morning|afternoon|evening|noon|next|this|spring|\d+(?:st|nd|rd|th)|first|second|"
                       r"third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\w+teenth|\w+tieth|"
                       r"summer|fall|winter)\b")
"""Words of a day or a time: "june tenth", "april first" are dates, not names."""


def _name_said_alone(u: Utterance) -> str | None:
    """A message that is nothing but a name, however it is typed ("hannah castellanos", "Gary
    Lindqvist. L-I-N-D-Q-V-I-S-T."), wherever in the call: a known first name, then a surname."""
    text = _NAME_ONLY_FILLER.sub("", SPELLED_OUT.sub(" ", u.lower).strip())
    text = re.sub(r"[,.]?\s*(?:thanks|thank you|please)?\W*$", "", text)
    # "priscilla ng that last name is just n g": what is said of the name after it
    text = re.sub(r"[,.]?\s+(?:that|the|and the|my) (?:last|first|sur) ?name(?:'s| is| was)?\b.*$", "", text)
    words = _unrepeated(re.findall(_NAME_WORD, text))
    if not 2 <= name_size(words) <= 3 or re.search(r"[^a-z'\s,.-]", text) or (
            {"dash", "hyphen"} & set(words)):  # ("Fatima Al-Sayed. Al, dash, S-A-Y-E-D.": spelling it)
        return None
    lex = lexicon()
    cased = _cased(u, words)
    known_first = words[0] in lex.first_names or words[0] in lex.given_names
    written_as_name = all(w[:1].isupper() and w[1:].islower() for w in cased)  # "Olena Kovalenko."
    if (known_first or written_as_name) and not _CALENDAR.search(text) and all(
            _plausible_name_word(w) and not _is_vehicle_word(w) for w in words):
        return " ".join(w[:1].upper() + w[1:] for w in words)
    return None


_INTRODUCED = re.compile(r"\b(?:i'?m|im|i am|this is|my name is|my name's|name's)\s+(" + _NAME_WORD + r")\s+"
                         r"((?:(?:" + "|".join(SURNAME_PARTICLES) + r")\s+)*" + _NAME_WORD + r")(\W*$)?")


def _introduced_mid_run(u: Utterance) -> str | None:
    """"its me and my wife im arjun mehta": an introduction inside an unpunctuated run, trusted
    when the first name is a known one or the two words end the message."""
    lex = lexicon()
    for match in _INTRODUCED.finditer(u.lower):
        first, last, at_end = match.groups()
        if (first in lex.first_names or at_end is not None) and _plausible_name_word(first) and (
                not _everyday(f"{first} {last}")) and (
                _plausible_name_word(last)) and not _is_vehicle_word(last) and not _CALENDAR.search(last):
            return " ".join(w.capitalize() for w in f"{first} {last}".split())  # "im carlos de la cruz"
    return None


def _with_spelled_surname(u: Utterance, name: str) -> str:
    """"It's K-O-W-A-L-C-Z-Y-K. Walter.": a first name and a surname spelled out beside it."""
    if " " in name:
        return name
    for run in SPELLED_OUT.finditer(u.lower):
        word = re.sub(r"[^a-z]", "", run.group(0))
        if len(word) >= 3 and word != name.lower() and _plausible_name_word(word):
            if run.end() <= u.lower.find(name.lower()) and word in lexicon().first_names and (
                    name.lower() not in lexicon().first_names):
                # "C-A-T-H-E-R-I-N-E. Duval, D-U-V-A-L.": the first name, spelled before the surname
                return f"{word[:1].upper()}{word[1:]} {name}"
            return f"{name} {word[:1].upper()}{word[1:]}"
    return name


def _clause_end(text: str, match: re.Match[str]) -> int:
    """Where the name said after a cue can end: the end of its clause, when a filler is inside
    the words caught ("keisha gr uh keisha grant", "derek d e r e k lindgren"); else its words."""
    if not re.search(r"\b(?:uh|um|er|erm)\b", match.group(1)) and not SPELLED_OUT.match(
            text, match.end(1) + 1):
        return match.end(1)
    stop = re.search(r"[,.;!?]", text[match.end(1):])
    return match.end(1) + stop.start() if stop else len(text)


def _unspelled(said: str, raw: str) -> tuple[list[str], list[str] | None]:
    """The words after a name cue without the letters spelled among them ("derek d e r e k
    lindgren" → derek lindgren); the raw words only where nothing was taken out."""
    kept = SPELLED_OUT.sub(" ", said)
    return kept.split(), (raw.split() if kept == said else None)


def opening_name(u: Utterance) -> str | None:
    """A first and last name said first in a message, before the request or the number."""
    opening = _NAME_OPENING.match(u.lower)
    if not opening:
        return None
    words = opening.group(1).split()
    said = u.raw[opening.start(1): opening.end(1)].split()
    # a known first name, a word no everyday one, or the name written as one ("Nadia Brooks")
    if (not _everyday(words[0]) or all(w[:1].isupper() for w in said)) and not any(
            _is_vehicle_word(w) for w in words) and all(_plausible_name_word(w) for w in words):
        name = _clean_name(words)
        if name and len(name.split()) == len(words) and not _everyday(name):
            return name
    return None


def _extract_name(u: Utterance, *, expecting: bool = False) -> str | None:
    if expecting:
        u = name_frames(u)
    names = [name for cue in (STRONG_CUE, NAME_CUE) for match in cue.finditer(u.lower)
             if not _EMAIL_NEXT.match(u.lower, match.end(1))
             and (name := _clean_name(*_unspelled(u.lower[match.start(1): _clause_end(u.lower, match)],
                                                  u.raw[match.start(1): _clause_end(u.lower, match)])))
             and (cue is STRONG_CUE or not (_everyday(name) or (_PHRASAL.match(u.lower, match.start(1))
                                              and name.split()[0].lower() not in lexicon().first_names)
                                              or _unknown_word_alone(u, name)))]
    if expecting:
        spelled = SPELLED_OUT.sub(" ", re.sub(r"\S+@\S+", " ", u.lower))  # "k-o-w-a-l-s-k-i" (an email's
        # dots are no sentence ends: "it's priya.raman@example.com" gives no "raman example")
        pieces = re.split(r"[,.;!?]|\s[—–]\s", spelled)  # ("sry bad signal — Derrick Boone")
        # "ten, yes. heather. lindquist.": a first name and a surname said as two pieces
        pieces += [f"{a} {b}" for a, b in pairwise(pieces)
                   if len(a.split()) == 1 and len(b.split()) == 1 and a.strip() in lexicon().first_names
                   and not a.strip().startswith(b.strip())]  # ("Russell — Russ — Deaver": what he goes by)
        pieces.append(" ".join(pieces))  # "lindgren. abe lindgren", "um, tasha. tasha greenleaf"
        for i, piece in enumerate(pieces):  # a piece that is a whole name: "Siobhan Doyle"
            if i == len(pieces) - 1 and any(len(n.split()) > 1 for n in names):
                break  # "Ewan MacLeod, Mac with an a": a whole name said; the rest is spelling
            piece = _AFTER_NAME.sub("", _PIECE_FILLER.sub("", piece.strip()))
            words = _unrepeated(re.findall(_NAME_WORD, piece))
            if any(_is_vehicle_word(w) for w in words) and not (
                    # "jasmine ford": a first name, then a make that is a surname too
                    len(words) == 2 and words[0] in lexicon().first_names and not _is_vehicle_word(words[0])
                    and words[1] in _SURNAME_MAKES):
                continue  # "it's a kia soul": the car, not the caller
            if words and _everyday(words[0]) and not _everyday(" ".join(words[1:]) or words[0]):
                continue  # "Everyone writes Shivon": a sentence about the name, not one
            if 2 <= name_size(words) <= 3 and all(_plausible_name_word(w) for w in words) and not (
                    _everyday(" ".join(words))):  # "three-fifty, yeah. final answer.": no name
                names.append(_clean_name(words) or "")
            elif 2 <= name_size(words) <= 3 and (name := _clean_name(words, _cased(u, words))) and (
                    len(name.split()) == len(words)) and not (
                    _everyday(name) and not all(w[:1].isupper() for w in _cased(u, words))):
                # "Will Summers", "Augusta Monday" (not "Final answer.")
                names.append(name)
            elif 2 <= name_size(words) <= 3 and words[0] in lexicon().given_names and all(
                    _plausible_name_word(w) for w in words[1:]):
                names.append(" ".join(w[:1].upper() + w[1:] for w in words))  # "will summers"
    names = [name for name in names if name and not _day_not_name(name)]
    if names:  # "it's Siobhan, S-I-O-B-H-A-N, Siobhan Doyle": the fullest form
        fullest = [n for n in names if len(n.split()) == max(len(m.split()) for m in names)]
        if len(set(fullest)) > 1 and CORRECTION.search(u.lower):
            # "this is Siobhan Mc— sorry, force of habit … so it's Siobhan Delacroix now": the
            # later puts the earlier right
            fullest.sort(key=lambda n: u.lower.rfind(n.lower()))
            return _with_surname_after(u, fullest[-1])
        return _with_surname_after(u, fullest[0])
    if expecting and (couple := _COUPLE.search(u.lower)) and all(map(_plausible_name_word, couple.groups())):
        # "Ruth and Walter Finch, well, Ruth is fine": the one named again, else the first, and
        # the surname they share
        first, second, surname = couple.groups()
        later = u.lower[couple.end():]
        again = re.search(rf"\b{second}\b", later) and not re.search(rf"\b{first}\b", later)
        chosen = second if again else first
        if name := _clean_name([chosen, surname]):
            return name
    alone = _name_said_alone(u) or _introduced_mid_run(u)
    if alone:
        return alone
    here = _NAME_HERE.search(u.lower)
    if here:
        name = _clean_name(here.group(1).split())
        if name and not _everyday(name):
            return name
    if opening := opening_name(u):  # "Nadia Brooks, I need an oil change…": a name said first
        return opening
    alone = _NAME_ALONE.search(u.raw)
    if alone:  # "… Wednesday at ten. Otis Grant." / "Gus Albright, by the way."
        words = alone.group(1).lower().split()
        lex = lexicon()
        if not any(w in lex.makes or w in {m.lower() for m in lex.models} for w in words):
            # (as written, when it opens with a first name: "Roger Fleming"; not "Under Carl Jennings")
            name = _clean_name(words, alone.group(1).split() if words[0] in lex.first_names else None)
            if name and len(name.split()) == len(words):
                return name
    for sentence in _NAME_SENTENCE.finditer(u.raw):  # "… tomorrow morning. Vernon Tuckett. This number."
        words = sentence.group(1).lower().split()
        # (a name the list lacks, said as the message's first sentence: "Agnieszka Nowak. Is about my car")
        opens = sentence.start() == 0 and all(_plausible_name_word(w) for w in words) and not (
            _everyday(" ".join(words)) or any(_is_vehicle_word(w) for w in words))
        name = _clean_name(words) if words[0] in lexicon().first_names or opens else None
        if name and len(name.split()) == len(words):
            return name
    if expecting:
        text = re.sub(r"^(?:(?:yes|yeah|yep|sure|ok|okay|oh|um+|uh+|so|well|it's|its|it is|"
                      r"the name is|name's|that's|thats|that is|that's fine|that's ok|that's okay|"
                      r"no problem|fine|alright|all right)[,.\s]+|(?:good|great|perfect)[,.!]+\s*)+", "",
                      SPELLED_OUT.sub(" ", u.lower))
        text = re.sub(r"[,.]?\s*(?:thanks|thank you|please)\W*$", "", text)
        words = re.findall(_NAME_WORD, text)
        if 2 <= name_size(words) <= 3 and words[0] in lexicon().given_names and all(
                _plausible_name_word(w) for w in words[1:]):
            return " ".join(w[:1].upper() + w[1:] for w in words)  # "it's will summers"
        if 1 <= name_size(words) <= 3 and not any(_is_vehicle_word(w) for w in words):
            name = _clean_name(words, _cased(u, words))  # not "it's a kia soul"
            if name and len(name.split()) < len(words) and _everyday(name):
                return None  # "hang on. thursday.": a sentence, cut short at its second word
            return _with_spelled_surname(u, name) if name and not _day_not_name(name) else None
    return None


_NAME_BY_NUMBER = re.compile(r"(?:^|[—–,:;]\s*|\b(?:hi|hey|hello|yeah|yes|quick|this is|it'?s)\W+)"
                             r"([A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,2}),?\s+"
                             r"(?:(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b|"
                             # "Travis Kubiak, eight-three-oh, five-five-five, …": the number said
                             r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)[\s,-]+"
                             r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)\b)")
"""A name said right before the caller's number, as a hurried caller gives both."""


def before_number(u: Utterance) -> str | None:
    """"Hi yeah, quick — Dale Hutchins, 830-555-8954, state inspection …": the name said right
    before the number."""
    given = _NAME_BY_NUMBER.search(u.raw)
    return extract_name(normalise(given.group(1)), expecting=True) if given else None
