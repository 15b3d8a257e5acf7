"""Whether a clause really asks something, and what a question points back at ("how does that
work?" said after a fact: of that fact)."""

from __future__ import annotations

import re
from dataclasses import replace

from frontdesk.brain.nlu.cues import QUESTION_START
from frontdesk.brain.nlu.understanding import Understanding

ECHO = re.compile(r"\W*(?:(?:oh|uh|um|huh|wait|what)\W+)*(?:the |my |our |a |an |this |that )?"
                  r"[a-z'-]+(?: [a-z'-]+)?\s*\?+")
"""A word or two said back as a question ("The houses?", "Lakeside?"), no question word in it."""


_RHETORICAL_TAG = re.compile(
    r"[,.;\s]*(?:(?:and |but |i mean |like )?(?:ya|you|y'?|u) ?know"
    r"(?: what i mean| what i'?m sayin'?g?| how it is)?|know what i mean|know what i'?m sayin'?g?|"
    r"if (?:that|this) makes (?:any )?sense|(?:does )?that make sense|"
    r"(?:ya|you) feel me|(?:ya|you) see|right|am i right|(?:ya|you) get me)\W*\?+\W*$")
INDIRECT_ASK = re.compile(r"\b(?:find out|(?:i'?m |i was |just )?wonder(?:ing|ed)?|"
                          r"want(?:ed)? to know|wanna know|(?:like|need|love) to know|"
                          r"(?:could|can|would) (?:you|y'?all) (?:tell|let) (?:me|us)|"
                          r"(?:i'?m|i was) curious) (?:what|when|where|how|if|whether|which|who)\b|"
                          # "no idea where y'all are"
                          r"\b(?:no idea|not sure|don'?t (?:really )?know) where\b")
"""A question put as a statement ("I just wanted to find out what time your service people open")."""


def said_with_a_tag(text: str) -> bool:
    """A statement whose only question mark belongs to a tag that asks nothing ("I'm just tired
    of throwing money away on rent, ya know?", "the car's been making this noise, know what I
    mean?"): what was said is the statement. Not a question put with a tag ("is it open Saturday,
    you know?"), a tag said alone, nor an indirect question ("I was wondering what it costs, you
    know?")."""
    tag = _RHETORICAL_TAG.search(text)
    if tag is None or tag.start() == 0 or "?" in text[:tag.start()]:
        return False
    last = re.split(r"[.!;]\s", text[:tag.start()])[-1]  # the sentence the tag ends
    return not (QUESTION_START.match(text) or QUESTION_START.match(last) or INDIRECT_ASK.search(text) or (
        tag.group().strip(" ,.;?").endswith("right") and not _WE_SAY.match(last)))


_WE_SAY = re.compile(r"\W*(?:(?:yeah|so|and|but|um+|uh+|like|well|oh|honestly)\W+)*"
                     r"(?:i'?m|i am|i'?ve|i|we'?re|we|we'?ve|my|our)\b(?! (?:was told|heard|read|saw))")
"""A tag "right?" asks nothing only after what the caller says of themselves ("I'm just sick of
paying rent, right?"); after a fact of the business ("you open at seven, right?") it checks it."""


TOLD_IN_CASE = re.compile(r"[,.;\s]+(?:if (?:that|it) (?:matters|helps)(?: at all)?|fwiw|"
                          r"just so you know|fyi|in case (?:that|it) (?:matters|helps))\W*$")
"""A fact told in case it helps ("we're pre-approved, if that matters"): told, nothing asked."""


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
        r"(?:\W*(?:so|and|also|oh|um|uh|like|okay|ok|hi|hey|hello|yeah|yes|well|sorry|alright|honestly|"
        r"seriously|look|listen)\W+)*"
        r"(?:what|whats|when|where|wheres|how|hows|why|which|who|"
        # ("do the battery instead of the brakes" tells, it does not ask)
        r"do(?= (?:you|y'?all|ya|i|we|they|he|she|it|u|not|any)\b)|"
        r"does|did|is|are|can|could|will|would|should)\b", r.text.lower()) is not None


OF_THAT = re.compile(r"\W*(?:(?:so|and|but|um+|uh+|ok(?:ay)?|well)\W+)*(?:how|what)\b[^?]{0,30}?"
                     r"\b(?:that|it|this|all that|any of that)\b[^?]{0,30}\?")
"""A question of what was just said ("so how does that part work?", "what does that involve?")."""


_HOLD_IT = re.compile(r"\W*(?:(?:oh|um+|uh+|ok(?:ay)?|actually|sorry|so|well)\W+)*"
                      r"(?:wait|hold on|hang on|hold up|one sec(?:ond)?|just a sec(?:ond)?|"
                      r"before you (?:do (?:that|it)|go ahead|cancel|book|move|change) ?"
                      r"(?:it|that|anything)?)\b")
"""The read back stopped ("actually, wait …", "hold on, before you do that …")."""


def held_to_ask(u: Understanding, awaiting: str | None) -> Understanding:
    """The read back stopped for a question ("actually, wait. I was going to cancel because we're
    not pre-approved yet. do we need to be pre-approved first?"): the question is the message,
    answered before the change or booking is read back again; the reason told on the way there is
    no yes to it ("wait, yes that's right. do you have loaners?" is a yes, and the question; "no,
    wait, don't cancel it. can I just come later? like noon, is noon open?" changes it).
    Otherwise ``u`` as it is."""
    if awaiting not in {"confirm_change", "confirm_booking"} or u.affirm or u.deny or u.date or u.time or (
            u.window) or not _HOLD_IT.match(u.text.lower()):
        return u
    if not any(a.is_question and asks(a) for a in u.acts):
        return u
    # the whole message is the question: what it points back at ("is that something we need?") is
    # in the reason told before it
    return replace(u, intent="faq", is_question=True, affirm=False, deny=False, acts=[],
                   flags={*u.flags, "question"})


IF_OPEN = re.compile(r"\bif (?:that'?s|it'?s|that is|it is|you'?re|y'?all are) (?:still )?"
                     r"(?:open|available|free)\b")
"""A time asked for "if that's open": the slot, not the business's hours."""


WHICH_DAY_ASKED = re.compile(r"\b(?:which|what) (?:day|time|date)(?:'s| is| was)(?: it| that| this)\b")
"""Which day a booking just told is, asked again ("oh, okay. so which day is it?")."""
HELP_WITH_IT = re.compile(r"\b(?:is (?:that|this|it) (?:something|anything|a thing)|"
                          r"(?:do|can|could|would|will) (?:you|y'?all)(?: guys| all| folks)? (?:even |also )?"
                          r"(?:help|do|handle|work|deal)(?: (?:with|on))? "
                          r"(?:that|this|it|those|me|people like)\b)")
"""A question of whether we help with what the caller just told ("is that something you all help
with?"): what is said to the rest of the message answers it."""
