"""Ways of handing over a name that wrap it in other words ("put it under Jeffrey Lowry", "first
name Lionel, last name Fair", "The appointment's for her — Marisol Ortega"): the frames taken off an
answer to the name question before the name is read (:func:`.names.extract_name`)."""

from __future__ import annotations

import re
from collections.abc import Callable

from frontdesk.brain.nlu.lexicon import lexicon
from frontdesk.brain.nlu.text import Utterance, normalise

_NAME_WORD = r"[a-zß-öø-ÿ][a-zß-öø-ÿ'-]+"
"""A word of a name, accents included ("Díaz", "Peña", "Müller")."""


SURNAME_PARTICLES = frozenset({"van", "von", "der", "den", "de", "del", "della", "la", "las", "los", "le",
                               "da", "das", "dos", "du", "di", "ter", "ten", "bin", "ibn", "al", "el"})
"""Words inside a surname ("De La Cruz", "van der Berg", "Du Bois", "al Rashid"): they come with
the surname and do not make a name longer ("Carlos De La Cruz" is a first name and a surname)."""


def _double_given(words: list[str]) -> bool:
    """Two given names said first ("Jose Luis Hernandez Soto", "Mary Ann …"): one first name."""
    lex = lexicon()
    return (len(words) >= 4 and words[0].lower() in lex.first_names and words[1].lower() in lex.first_names
            and not {w.lower() for w in words[2:4]} & lex.everyday_words)  # (not "beau tran silver frontier")


def name_size(words: list[str]) -> int:
    """How many names ``words`` hold: a particle between two of them is part of the next, and
    two given names before two more are one ("Jose Luis Hernandez Soto" is three)."""
    return sum(1 for i, w in enumerate(words)
               if not (0 < i < len(words) - 1 and w.lower() in SURNAME_PARTICLES)) - _double_given(words)


def first_names(words: list[str], most: int = 3) -> list[str]:
    """The words of at most ``most`` names, each with the particles before it ("Maria van der
    Berg" whole); particles left dangling at the end go."""
    kept: list[str] = []
    names = 0
    most += _double_given(words)
    for word in words:
        if not kept or word.lower() not in SURNAME_PARTICLES:
            if names == most:
                break
            names += 1
        kept.append(word)
    while len(kept) > 1 and kept[-1].lower() in SURNAME_PARTICLES:
        kept.pop()
    return kept


_WORD = (r"(?!(?:my|the|and|is|his|her|our|a|an|yes|yeah|sure|ok|okay|so|well|uh|um|it's|its|name)\b)"
         r"(" + _NAME_WORD + r")")
"""A word that can be a name in a frame ("Hector, last name …"; not "sure, my last name …")."""
_NAME_FRAMES = (
    # "first name Lionel, last name Fair", "Hector, last name is Ybarra", "it's noor last name haddad"
    (re.compile(r"\bfirst name(?: is|'s)?[,:\s]+(" + _NAME_WORD + r")[,.\s]+(?:and |uh |um )*(?:my |the )?"
                r"last name(?: is|'s)?[,:\s]+", re.I), r"\1 "),
    (re.compile(rf"\b{_WORD}[,.\s]+(?:and |uh |um )*(?:my |the )?last name(?: is|'s)?[,:\s]+", re.I),
     r"\1 "),
    # "last name Brandt, first name Lottie", "Ferreira, first name Gus": the given name first
    (re.compile(r"\blast name(?: is|'s)?[,:\s]+(" + _NAME_WORD + r")[,.\s]+(?:and |uh |um )*(?:my |the )?"
                r"first name(?: is|'s)?[,:\s]+(" + _NAME_WORD + r")", re.I), r"\2 \1"),
    (re.compile(rf"\b{_WORD}[,.\s]+(?:(?:[a-z][\s-]){{2,}}[a-z][,.\s]+)?(?:and |uh |um )*(?:my |the )?"
                r"first name(?: is|'s)?[,:\s]+"
                r"(" + _NAME_WORD + r")", re.I), r"\2 \1"),
    (re.compile(r"\b(?:my )?first name(?: is|'s)?[,:\s]+(?=[a-z])", re.I), ""),  # "first name Gus"
    # "yeah you can put it under Mehmet Yilmaz", "it'd be under Lena Fischer", "just put Ken Adams"
    (re.compile(r"^.*?\b(?:(?:put|book|schedule) (?:it |that |this |me |us )?(?:down )?(?:under|as|for)|"
                r"(?:it'?d|it would|it'?ll|it will|it'?s|that'?d|that would|should) (?:be|go) (?:under|for)|"
                # "the appointment's for her — Marisol Ortega", "her name, please: Gloria Estrada"
                r"(?:the )?(?:appointment|booking|visit|meeting|showing)(?:'s| is) for (?:her|him|them)\b"
                r"[\s,:—–-]*|"
                r"^\W*(?:her|his|their) name(?:,? please)?[:,]|"
                r"under (?:the name )?|(?:you can |can you |just |go ahead and )+put(?: down)?)"
                r"(?:\s+(?:his|her|my|our|their|the) name(?: is|'s)?[,:]?)?"
                # "put it under me, Brent Hollis" (not "… under me since I'll be there")
                r"(?:\s+(?:me|myself)\b,?(?!\s+(?:since|cause|because|as|so|and|i|i'?m|i'?ll|if|when)\b)|"
                r"\s+(?:him|her|them),(?=\s+(?-i:[A-Z])))?"
                # ("Sofia Marchetti, put it under her": the name was said before it)
                r"\s+(?!(?:me|it|that|us|the|a|an|my|your|down|in|off|for|her|him|them)\b)", re.I),
     ""),
    # "Jo March, but everybody calls me Jo": the nickname follows the name
    (re.compile(r"[,.]?\s*(?:but |and )?(?:everybody|everyone|people|folks|my friends|friends|they|"
                r"most people|y'all can|you can) (?:calls?|call) me\b.*$", re.I), ""),
    # "Hector Salinas, that's S-A-L-I-N-A-S": the spelling that follows
    (re.compile(r"[,.]?\s*(?:that's|that is|thats|spelled|spelt)\s+(?:[a-z][- ]){2,}[a-z]\b.*$", re.I), ""),
    # "caleb whitfield is the name c a l e b", "oh and its omar farouk": the frame around it
    (re.compile(r"\s+(?:is|'s) (?:the|my) name\b.*$", re.I), ""),
    # "Eugene Hollis is who it's for, he's the owner"
    (re.compile(r",?\s+is (?:who|the one) (?:it'?s|this is|the appointment'?s|it is) for\b.*$", re.I), ""),
    (re.compile(r"^\W*(?:oh,? )?and (?=(?:it'?s|its|my name|this is|i'?m) )", re.I), ""),
)
"""Ways of handing over a name that wrap it in other words (asked for the name only)."""
_AFTER_NAME = re.compile(r"\s+(?:(?:and|but|sorry|so|i'm|im|i|i've|we|from|calling)\s.*|"
                         # "tonya mayfield this number is fine": the number, not the name
                         r"(?:this|that|the|same|my|you can|you could|y'?all can|best|call|text|reach) "
                         r"(?:(?:\w+ ){0,2})(?:number|phone|cell|line|me)\b.*|"
                         r"(?:it'?s|its) (?:the|a|an|my|for)\s.*|"  # "derek pham, its the mazda three"
                         # "priscilla ng that last name is just n g": said of the name after it
                         r"(?:that|the|and the|my) (?:last|first|sur) ?name\b.*|"
                         r"(?:on|for) (?:it|that|this|the \w+)|please|thanks|thank you|here)$")
"""What follows a name said first in a piece ("gloria benitez and it's for my car")."""
_PIECE_FILLER = re.compile(r"^(?:(?:yes|yeah|yep|sure thing|sure|ok|okay|oh|um+|uh+|so|well|sorry|right|hi|"
                           r"cool|great|awesome|perfect|"
                           r"hello|hmm+|ah|alright|it's|its|it is|this is|my name's|name's|names|my names|"
                           r"name is|my name is)\s+)+")


def name_frames(u: Utterance) -> Utterance:
    """The answer with its name-giving frame taken off ("put it under X" → "X")."""
    raw = u.raw
    for frame, replacement in _NAME_FRAMES:
        raw = frame.sub(replacement, raw, count=1)
    return u if raw == u.raw else normalise(raw)


def listed_name(u: Utterance, said_alone: Callable[[Utterance], str | None]) -> str | None:
    """A first name and surname, capitalised, as one item of a list of facts ("tire rotation
    Wednesday at seven-thirty, Tomasz Nowak, it's the gray Tacoma"); not someone else's."""
    pieces = re.split(r"\s*[,;]\s*|(?<=[.!?])\s+", u.raw)
    for before, piece in zip(["", *pieces], pieces, strict=False):
        words = piece.strip(" .!?").split()
        if len(words) == 2 and all(w[:1].isupper() and w[1:].islower() for w in words) and (
                words[0].lower() in lexicon().first_names) and not _LISTED_NOT_ME.search(before.lower()) and (
                not _LISTED_NOT_ME.search(piece.lower())) and (alone := said_alone(normalise(piece))):
            return alone
    return None


_LISTED_NOT_ME = re.compile(r"\b(?:my|our|his|her|their|the) \w+\W*$|\b(?:street|st|road|rd|avenue|ave|lane|"
                            r"ln|drive|dr|way|court|ct|boulevard|blvd|trail|circle|place|parkway|loop)\b")
