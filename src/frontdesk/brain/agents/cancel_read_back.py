"""A cancel read back answered with a "no" that is not to the cancel: the caller asked to cancel in
so many words, and the "no" is to anything more, or to a new day ("nah, not right now")."""

from __future__ import annotations

import re

from frontdesk.brain.agents.appointment_words import (
    _ASKED_CANCEL,
    _CLOSING_NO,
    _KEEP,
    _NO_AND_MORE,
    NOT_NOW,
    _keeps,
)
from frontdesk.brain.nlu.understanding import Understanding
from frontdesk.brain.state import ConversationState

CANCEL_ASKED_IN_CALL = re.compile(r"\b(?:go ahead and|you can|please|just|so) cancel\b|"
                                  r"\bcancel (?:it|that(?: one)?) (?:for me|for us|please)\b")
"""The cancel told to us in so many words ("go ahead and cancel it"), somewhere in the call."""


def asked_to_cancel(s: ConversationState) -> bool:
    """Did the caller ask, in so many words, to cancel, in the message before this one?"""
    said = [m.content.lower() for m in s.messages if m.role == "user"]
    return len(said) >= 2 and _ASKED_CANCEL.search(said[-2]) is not None and not _KEEP.search(said[-2])


def no_to_something_else(s: ConversationState, said: str, u: Understanding) -> bool:
    """A "no" to the cancel read back that is to something else, the cancel having been asked in
    so many words: "can you cancel that for us?" … "nah, we'll keep poking around on our own" (a
    new one, anything more); "go ahead and cancel it" … "nope, don't need anything else, we're
    good"; "go ahead and cancel the appraisal" … (pre-approval answered) … "nah not right now
    thanks" (not now to the offer)."""
    before = " ".join(m.content.lower() for m in s.messages[:-1] if m.role == "user")
    asked, closing = CANCEL_ASKED_IN_CALL.search(before), _CLOSING_NO.match(said)
    keeps = _keeps(said, "cancel")
    # ("… we've decided to hold off on selling for now. so I need to cancel that" … "no, not right
    # now, thank you. maybe in the fall": not now to selling, said of the cancel asked for)
    wanted = asked or _CANCEL_WANTED.search(before)
    # ("we need to cancel our consultation on Saturday" … (asked once more) … "no, that's
    # everything": no more; the first such "no" is asked about once more)
    return bool((asked_to_cancel(s) and _NO_AND_MORE.match(said) and not (
        keeps or u.date or u.time or closing)) or (asked and closing) or (
        wanted and closing and not keeps and s.ask_repeats > 0) or (
        wanted and NOT_NOW.search(said) and not keeps))


_CANCEL_WANTED = re.compile(r"\b(?:i|we) (?:really |just )?(?:need|want|have|got|'?d like|would like) to "
                            r"cancel\b|\b(?:i|we) (?:wanna|gotta) cancel\b")
