"""Model tokens → speakable sentences: markdown stripped, 10–200 characters, 150 words at most.

Sentence boundaries first, then clause boundaries, then words: a sentence is released as soon
as it is complete, so a voice can start on it while the model is still writing the next.
"""

from __future__ import annotations

import re

MIN_CHARS = 10
MAX_CHARS = 200
MAX_WORDS = 150

_MARKDOWN = [
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),          # [text](url) → text
    (re.compile(r"(\*\*|__|\*|_|`+)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # **bold**, _em_, `code`
    (re.compile(r"^\s{0,3}(#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s?)", re.M), ""),  # headings, lists
    (re.compile(r"[*_`#]+"), ""),                           # stray markers
]
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+")
_CLAUSE_END = re.compile(r"(?<=[,;:—])\s+")


def strip_markdown(text: str) -> str:
    for pattern, replacement in _MARKDOWN:
        text = pattern.sub(replacement, text)
    return re.sub(r"\s+", " ", text).strip()


def cap_words(text: str, max_words: int = MAX_WORDS) -> str:
    """At most ``max_words``, cut at the last sentence end inside the limit when there is one."""
    words = text.split()
    if len(words) <= max_words:
        return text.strip()
    head = " ".join(words[:max_words])
    cut = max(head.rfind(". "), head.rfind("? "), head.rfind("! "))
    return head[: cut + 1] if cut > len(head) // 2 else head.rstrip(",;:") + "."


class SentenceChunker:
    """Feed streamed text in; take speakable sentences out."""

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
        for match in _SENTENCE_END.finditer(self._buffer):
            if match.start() >= self._min:
                return self._take(match.start(), match.end())
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
