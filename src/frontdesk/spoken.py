"""Text as a call speaks it: markdown stripped, words capped, sentences split, numbers said.

One pure module (stdlib and num2words) shared by the brain, the language model, the speech
engines and the voice pipeline, so a reply is shaped the same way wherever it comes from.
Sentence ends skip titles ("Dr. Smith", "St. Louis") and abbreviations followed by a lowercase
word or a digit ("9:30 a.m. tomorrow"); prices and times never contain one ("$1,299.99").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from num2words import num2words

# --- markdown and word cap -----------------------------------------------------------------

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")                       # [text](url) → text
_LINE_MARK = re.compile(r"^[ \t]*(?:#{1,6}\s+|[-*+•]\s+|\d+[.)]\s+|>\s?)", re.M)  # headings, lists
_MARKS = re.compile(r"[*_`#>]+")                                     # bold, em, code, quotes


def strip_markdown(text: str) -> str:
    """``## Hours\\n- **Mon**: 7 AM`` → ``Hours Mon: 7 AM``, whitespace collapsed."""
    text = _LINE_MARK.sub("", _LINK.sub(r"\1", text))
    return " ".join(_MARKS.sub("", text).split())


def cap_words(text: str, max_words: int) -> str:
    """At most ``max_words``: the whole sentences that fit, or, when not even the first one does,
    its first words and a full stop."""
    words = text.split()
    if len(words) <= max_words:
        return " ".join(words)
    kept: list[str] = []
    count = 0
    for sentence in sentences(text):
        count += len(sentence.split())
        if count > max_words:
            break
        kept.append(sentence)
    return " ".join(kept) if kept else " ".join(words[:max_words]).rstrip(",;:") + "."


# --- sentences ---------------------------------------------------------------------------------

_END = re.compile(r"[.!?][\"'”’)\]]*(\s+)")
_NEVER_END = frozenset({"mr", "mrs", "ms", "dr", "prof", "st", "mt", "rev", "fr", "sgt", "capt",
                        "lt", "col", "gen", "gov", "sen", "hon", "vs", "e.g", "i.e", "approx"})
"""Words whose full stop never ends a sentence: a title comes before a name, "e.g." before more."""
_MAY_END = frozenset({"a.m", "p.m", "etc", "inc", "ltd", "co", "corp", "llc", "jr", "sr", "ave",
                      "blvd", "rd", "hwy", "ln", "ct", "ft", "mi", "min", "mins", "hr", "hrs",
                      "sec", "oz", "lb", "lbs", "mo", "yr", "yrs", "dept", "est", "no", "ext",
                      "apt", "ste", "tel"})
"""Abbreviations that end a sentence only when the next word does not go on in lowercase or
with a digit ("9 a.m. Bring…" ends, "9 a.m. tomorrow" does not); so does any dotted word."""


def _word_before(text: str, end: int) -> str:
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end].lstrip("\"'“‘([").lower()


def _ends(text: str, *, final: bool = True) -> Iterator[tuple[int, int]]:
    """``(end, next_start)`` of each sentence end in ``text``. Not ``final`` (text still
    streaming in): stop at an abbreviation whose next word has not arrived yet."""
    for match in _END.finditer(text):
        if text[match.start()] == ".":
            word = _word_before(text, match.start())
            if word in _NEVER_END:
                continue
            if word in _MAY_END or "." in word:
                if match.end() == len(text):
                    if not final:
                        return
                elif text[match.end()].islower() or text[match.end()].isdigit():
                    continue
        yield match.start(1), match.end()


def sentences(text: str) -> list[str]:
    """``Dr. Smith will see you at 9:30 a.m. Bring your keys.`` → two sentences."""
    text = text.strip()
    out: list[str] = []
    start = 0
    for end, resume in _ends(text):
        out.append(text[start:end].strip())
        start = resume
    out.append(text[start:])
    return [s for s in out if s]


_PLAIN_WORDS = frozenset({"a", "an", "and", "are", "at", "for", "in", "is", "it", "of", "on", "or",
                          "our", "the", "to", "we", "you", "your", "us", "that", "this", "with"})


def _told_words(sentence: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9$']+", sentence.lower()) if w not in _PLAIN_WORDS}


def _told_in(sentence: str, other: str) -> bool:
    """A statement whose words another, fuller sentence of the reply all says but one (that one no
    figure): "We serve Austin, Round Rock and Cedar Park." beside "Hutto is outside our service
    area; we cover Austin, Round Rock and Cedar Park."."""
    mine, theirs = _told_words(sentence), _told_words(other)
    missing = mine - theirs
    return (not sentence.rstrip().endswith("?") and len(mine) >= 5 and len(theirs) > len(mine)
            and len(missing) <= 1 and not any(any(c.isdigit() for c in w) for w in missing))


def said_once(text: str) -> str:
    """A sentence two parts of one reply both told ("We're closed on Thursday, November 25 for
    Thanksgiving." from the hours answer and again from the offer of other days) is said once:
    the first time it comes; a statement a fuller sentence of the same reply already tells (the
    areas we serve, answered as an aside and again by the main answer) is left out."""
    seen: set[str] = set()
    kept: list[str] = []
    for sentence in sentences(text):
        key = " ".join(sentence.lower().split())
        if key not in seen:
            seen.add(key)
            kept.append(sentence)
    return " ".join(s for s in kept if not any(o is not s and _told_in(s, o) for o in kept))


FIRST_CHUNK_CHARS = 45
"""A first sentence longer than this is split at its first clause: the caller hears sooner."""
_FIRST_CLAUSE = re.compile(r"(?<=[,:;])(?<!\d[,:;])\s+")
"""A comma, colon or semicolon, but not one after a digit ("5 1 2, 5 5 5" is one number)."""


def tts_pieces(text: str) -> list[str]:
    """Pieces to synthesise one at a time, so the first plays while the next is made.

    Sentences, except that a long first sentence gives up its first clause as a piece of its
    own ("Let me confirm:" / "an oil change on …"): time to first audio follows the first piece.
    """
    pieces = sentences(text)
    if pieces and len(pieces[0]) > FIRST_CHUNK_CHARS:
        head, *rest = _FIRST_CLAUSE.split(pieces[0], maxsplit=1)
        if rest and 8 <= len(head) < len(pieces[0]) - 8:
            pieces[0:1] = [head, rest[0]]
    return pieces


# --- a model's stream --------------------------------------------------------------------------

MIN_CHARS = 10
MAX_CHARS = 200
MAX_WORDS = 150
_CLAUSE_END = re.compile(r"(?<=[,;:—])\s+")


class SentenceChunker:
    """Model tokens → speakable sentences: markdown stripped, 10–200 characters, 150 words at most.

    Sentence boundaries first, then clause boundaries, then words: a sentence is released as
    soon as it is complete, so a voice can start on it while the model is still writing the next.
    """

    def __init__(self, min_chars: int = MIN_CHARS, max_chars: int = MAX_CHARS,
                 max_words: int = MAX_WORDS) -> None:
        self._buffer = ""
        self._min = min_chars
        self._max = max_chars
        self._words_left = max_words

    @property
    def exhausted(self) -> bool:
        """The word cap is reached: ignore the rest of the stream."""
        return self._words_left <= 0

    def feed(self, text: str) -> list[str]:
        self._buffer += text
        out: list[str] = []
        while not self.exhausted:
            piece = self._next_piece()
            if piece is None:
                break
            out.extend(self._emit(piece))
        return out

    def flush(self) -> list[str]:
        rest, self._buffer = self._buffer, ""
        return self._emit(rest) if not self.exhausted else []

    def _next_piece(self) -> str | None:
        for end, resume in _ends(self._buffer, final=False):
            if end >= self._min:
                return self._take(end, resume)
        if len(self._buffer) <= self._max:
            return None
        window = self._buffer[: self._max]
        clauses = [m for m in _CLAUSE_END.finditer(window) if m.start() >= self._min]
        if clauses:
            return self._take(clauses[-1].start(), clauses[-1].end())
        space = window.rfind(" ")
        cut = space if space >= self._min else self._max
        return self._take(cut, cut)

    def _take(self, end: int, resume: int) -> str:
        piece, self._buffer = self._buffer[:end], self._buffer[resume:].lstrip()
        return piece

    def _emit(self, piece: str) -> list[str]:
        text = strip_markdown(piece)
        if not text:
            return []
        words = text.split()
        if len(words) > self._words_left:
            text = " ".join(words[: self._words_left]).rstrip(",;:") + "."
            words = words[: self._words_left]
        self._words_left -= len(words)
        return [text]


# --- numbers, prices, times and phone numbers said in words --------------------------------

_PRICE_RANGE = re.compile(r"\$(\d[\d,]*)(?:\.(\d\d))?\s+to\s+\$(\d[\d,]*)(?:\.(\d\d))?")
_PRICE = re.compile(r"\$(\d[\d,]*)(?:\.(\d\d))?")
_PHONE = re.compile(r"\b(\d{3})-(\d{3})-(\d{4})\b")
_TIME = re.compile(r"\b(\d{1,2})(?::(\d{2}))?\s?(AM|PM)\b")


def _words(number: str) -> str:
    """``24,500`` → ``twenty-four thousand five hundred``: no comma for a clause to split at."""
    return num2words(int(number.replace(",", ""))).replace(",", "")


def _dollars(whole: str, cents: str | None) -> str:
    text = f"{_words(whole)} dollars"
    if cents and int(cents):
        text += f" and {_words(cents)} cents"
    return text


def _time(match: re.Match[str]) -> str:
    hour, minute, meridiem = match.group(1), match.group(2), match.group(3)
    spoken = _words(hour)
    if minute and minute != "00":
        spoken += " " + (f"oh {_words(minute)}" if minute.startswith("0") else _words(minute))
    return f"{spoken} {' '.join(meridiem)}"


def speakable(text: str) -> str:
    """How a voice should read ``text``: "$49 to $89" → "forty-nine to eighty-nine dollars";
    "9:30 AM" → "nine thirty A M"; "512-555-0199" → "5 1 2, 5 5 5, 0 1 9 9" (digit groups, as
    a person reads a number back)."""
    text = _PHONE.sub(lambda m: ", ".join(" ".join(group) for group in m.groups()), text)
    text = _PRICE_RANGE.sub(lambda m: f"{_words(m.group(1))} to {_dollars(m.group(3), m.group(4))}",
                            text)
    text = _PRICE.sub(lambda m: _dollars(m.group(1), m.group(2)), text)
    text = _TIME.sub(_time, text)
    return text.replace("&", " and ")
