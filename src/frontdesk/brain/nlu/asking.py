"""Whether a clause really asks something, and what a question points back at ("how does that
work?" said after a fact: of that fact)."""

from __future__ import annotations

import re

from frontdesk.brain.nlu.understanding import Understanding

ECHO = re.compile(r"\W*(?:(?:oh|uh|um|huh|wait|what)\W+)*(?:the |my |our |a |an |this |that )?"
                  r"[a-z'-]+(?: [a-z'-]+)?\s*\?+")
"""A word or two said back as a question ("The houses?", "Lakeside?"), no question word in it."""


STATEMENT = re.compile(r"\W*(?:(?:and|so|oh|but|well)\W+)*(?:that'?s|that is|it'?s|it is|this is|there'?s|"
                       r"i'?m|we'?re|i have|we have|i got|we got)\b")


def asks(r: Understanding) -> bool:
    """A clause that really asks something (not a statement the classifier read as one)."""
    if STATEMENT.match(r.text.lower()) and not r.text.rstrip().endswith("?") and (
            "price_question" not in r.flags):
        return False  # "That's how it is on the account.": said, not asked
    if (r.act is not None and r.act.label == "question" and r.act.confidence >= 0.8) or (
            "price_question" in r.flags):
        return True
    if ECHO.fullmatch(r.text.strip().lower()) and not (
            {"faq_topic", "price_question", "inventory_question", "staff_question"} & r.flags):
        return False  # "the houses?": what we said, said back while it sinks in; nothing asked
    return r.text.rstrip().endswith("?") or re.match(
        r"(?:\W*(?:so|and|also|oh|um|uh|like|okay|ok|hi|hey|hello|yeah|yes|well|sorry|alright)\W+)*"
        r"(?:what|whats|when|where|wheres|how|hows|why|which|who|"
        # ("do the battery instead of the brakes" tells, it does not ask)
        r"do(?= (?:you|y'?all|ya|i|we|they|he|she|it|u|not|any)\b)|"
        r"does|did|is|are|can|could|will|would|should)\b", r.text.lower()) is not None


OF_THAT = re.compile(r"\W*(?:(?:so|and|but|um+|uh+|ok(?:ay)?|well)\W+)*(?:how|what)\b[^?]{0,30}?"
                     r"\b(?:that|it|this|all that|any of that)\b[^?]{0,30}\?")
"""A question of what was just said ("so how does that part work?", "what does that involve?")."""
