"""Which of several values a caller settles on: affirmed, ruled out, or only mentioned.

Callers turn from one day or time to another in many ways, and the word that turns is not
always right before the value wanted: "Thursday, no wait, actually Friday works better", "can
we do Friday instead of Thursday?", "not Tuesday — Wednesday", "Thursday's no good for me, how
about the day after?", "I'd rather do Tuesday than Wednesday". One rule covers them all: a
value the caller rules out is never chosen, wherever else it is named ("instead of Wednesday
… my wife has the car Wednesday"), and of the values left, the last one the caller affirms
wins. A mention is affirmed by what comes before it (a proposal or a self-correction: "how
about", "can we do", "make it", "actually", "no,") or after it ("Friday works", "eleven's
better", "Friday then"). The extractors (:mod:`.when`) apply this to the mentions they find.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from frontdesk.brain.nlu.day_blocked import ruled_out_after
from frontdesk.brain.nlu.text import CORRECTION, ONLY_PART_OF_IT, WEEKDAY, ruled_out

V = TypeVar("V", bound=Hashable)

_AFFIRM_BEFORE = re.compile(
    r"(?:\bhow about|\bwhat about|\b(?:can|could|would) (?:we|you|i|y'?all) (?:do|make it|go with|try|"
    r"switch to|move it to|push it to)|\blet'?s (?:do|say|go with|make it|try)|\bmake (?:it|that)|"
    r"\bgo with|\bi'?d prefer|\bprefer|\bi'?d rather(?: do| go with| have)?|\brather(?: do| have)?|"
    r"\bactually|\bno,? wait|\bwait,? no|\bi mean|\bi meant|\bscratch that|\bon second thought|"
    r"\bbetter make it|\bno\b|\bnah|\bso|\bthen|\bmaybe|\bok(?:ay)?|\binstead,?|\bi'?ll take|"
    # "wednesday or thursday either one honestly well thursday"
    r"(?<=\S)\W+well|\bhonestly|"
    # "they'll be down the week of the seventh. could we all sit down with an agent thursday the tenth"
    r"\b(?:can|could|would) (?:we|i|you|y'?all)(?: all)? (?:come in|come by|sit down|meet|get together|"
    r"stop by|swing by)\b(?: with (?:an? |the |one of (?:your|y'?all'?s) )?\w+(?: \w+)?)?|"
    r"\bworks? better is|\bswitch (?:it )?to|\bmove it to|\bpush it to|"
    # "is Sarah in today? … could she call me back sometime tomorrow morning?": when to call
    r"\b(?:call|ring|reach|try) (?:me|us)(?: back)?(?: (?:sometime|anytime|later|again))?|"
    r"\b(?:best|better|safest|easiest) (?:bet|time|day|chance)(?:'s| is| would be)?|\bbest is)"
    r"(?:\W+(?:on|the|just|like|um|uh|er|maybe|we|do|say|a|for|at|it|that|to|then|you know|hang on|"
    r"hold on|wait))*\W*$")
"""Words right before a value that propose or correct to it ("how about Friday", "no, Friday")."""
_AFFIRM_AFTER = re.compile(
    r"^\W*(?:(?:at|around|about) (?:\d{1,2}(?::\d{2})?\s*(?:am|pm)?|noon)\W*)?"  # "saturday at 10 instead"
    r"(?:(?:'s|is|are|would|will|should|might)\s+)?(?:(?:be|work|look)s?\s+)?(?:actually\s+|"
    r"probably\s+|much\s+|way\s+|a lot\s+)?(?:works?|better|best|good|great|fine|perfect|ideal|"
    r"easier|safer|then|instead|it is|for sure|is good|would be (?:great|better|best|good|perfect))"
    r"\b(?!\s+(?:for (?:my|his|her|their) |than))")
"""Words right after a value that settle on it ("Friday works better", "eleven's better")."""
_PREFERENCE_AGAINST = re.compile(r"\b(?:rather|prefer|better|sooner|more)\b[^.?!]{0,40}\bthan\s+(?:on\s+)?$")
"""The value after "than" in a preference is the one not wanted ("rather Tuesday than Wednesday")."""

_TAKEN = re.compile(
    r"^\W*(?:'s|is|i'?ve got|i have|we'?ve got|we have|i got)\s+(?:(?:my|our|his|her|the|a|an)\s+"
    r"(?:[\w']+\s+){0,3}?)?(?:thing|appointment|appt|game|party|meeting|shift|class|surgery|doctor|"
    r"dentist|trip|recital|practice|holiday|birthday|wedding|funeral|conference|flight|interview|"
    r"jury duty|court|work|concert|graduation|show|play|tournament|exam|test|ceremony|event|"
    r"performance|fundraiser|reunion|game day|thanksgiving|christmas(?: eve)?|new year'?s(?: eve| day)?|"
    r"easter|memorial day|labor day|independence day|the fourth)s?\b"
    r"(?![^.?!]{0,40}\b(?:so|but)\b[^.?!]{0,20}\b(?:after|before) (?:that|it|then)\b)"
    rf"{ONLY_PART_OF_IT}")
"""A day taken by something else ("tomorrow's my mom's doctor thing", "Wednesday I've got the
dentist", "Thursday's Thanksgiving")."""
_BUSY_BEFORE = re.compile(
    r"\b(?:i'?m|i am|we'?re|we are|he'?s|she'?s|they'?re)\s+(?:back |still |usually )?"
    r"(?:working|busy|slammed|booked|swamped|"
    r"away|traveling|travelling|tied up|out of town|in (?:a )?meetings?|in class|at work|on shift)"
    r"(?:\s+(?:late|early|all day|again|on|most|every|all|pretty much))*\s*$")
"""A day the caller is busy on, said before it ("I'm working late Tuesday"); "I'm off Friday" is a
day free of work."""
_CANT_BEFORE = re.compile(r"\b(?:can'?t|cannot|won'?t|couldn'?t|can not)\s+(?:(?:really|actually|possibly|"
                          r"realistically|even)\s+)?(?:(?:do|make|manage|come|"
                          r"swing|get in|make it)\s+)?(?:it\s+)?(?:on\s+)?$")
"""A day the caller cannot do, said before it ("I can't do Tuesday", "I can't Tuesday")."""
_NO_AFTER = re.compile(r"^\W*(?:no|nah|nope)\b(?!\s+(?:problem|worries|rush|later|earlier|sooner|more|"
                       r"less|matter))")
"""A value the caller says no to right after naming it, before naming another ("Thursday? no,
that's the holiday. Friday"); with nothing after it, the "no" corrects something else ("to
Friday, no, let's say 5")."""
_FALLBACK = re.compile(r"\b(?:if (?:so|not)|otherwise|failing that|or else|if that'?s (?:too|taken|full|"
                       r"booked|not)[^,.?!]{0,15})\W+(?:(?:at|on|then|maybe|like|the)\W+)*$")
"""A value offered only in case the first is not possible ("otherwise Saturday")."""
_BUT = re.compile(r"\bbut(?:\s+(?:on|in|the|a|an|really|quite|so|too|near|that|like))*\s*$")
_ANY_BUT = re.compile(r"\b(?:anything|anywhere|any ?day|any ?time|anytime|all|everything|whatever)\s+but\b")
"""A plain "but" turns to a value ("Tuesday's bad but Friday works"); "anything but" rules it out."""


def clause_before(text: str, start: int) -> str:
    """The words of the clause that leads up to ``start`` ("… so anytime after 9" → "anytime")."""
    cut = max((found + len(sep) for sep in (",", ".", "?", "!", " so ", " but ", " then ", ";", " and ",
                                            " — ", " – ")
               if (found := text.rfind(sep, 0, start)) >= 0), default=0)
    return text[cut: start]


@dataclass(slots=True, frozen=True)
class Mention(Generic[V]):
    """One value named in the text, with where it is said."""

    start: int
    end: int
    value: V


def is_ruled_out(text: str, start: int, end: int, next_start: int | None = None) -> bool:
    """The mention at ``start:end`` is one the caller does not want: "not Tuesday", "instead of
    Thursday", "rather Tuesday than Wednesday", "Tuesday's no good", "Tuesday I'm slammed".
    Words after it that name another value in the same clause (``next_start``: "Wednesday, I'm
    working late Tuesday") rule out that one, not this."""
    before = text[max(0, start - 40): start]
    only_but = _BUT.search(before) is not None and _ANY_BUT.search(before) is None
    blocked_after = ruled_out_after(text, end) or _TAKEN.match(text[end:]) is not None
    if blocked_after and re.fullmatch(r"\d{1,2}(?::\d\d)?(?:\s*[ap]\.?m\.?)?", text[start:end].strip()) and (
            re.match(r"[^.?!;]{0,40}?\b(?:at|from|till|until|around)\s+(?:\d|noon)", text[end:])):
        blocked_after = False  # "make that 11 a.m. i got a doctor thing at 10": the errand has its own hour
    if blocked_after and next_start is not None:
        lead_in = text[end:next_start].lstrip(" ,.;-")
        if not re.search(r"[,.;!?—-]|\b(?:so|but|then|how about|what about|instead|can we|could we|"
                         r"maybe|or)\b", lead_in):
            blocked_after = False  # "Wednesday, I'm working late Tuesday": about Tuesday
    return ((ruled_out(text, start) and not only_but) or blocked_after
            or _BUSY_BEFORE.search(before) is not None or _CANT_BEFORE.search(before) is not None
            or (_NO_AFTER.match(text[end:]) is not None and next_start is not None)
            or _PREFERENCE_AGAINST.search(text[max(0, start - 60): start]) is not None)


def is_affirmed(text: str, start: int, end: int) -> bool:
    """The mention at ``start:end`` is proposed or settled on ("how about Friday", "Friday
    works", "no, Friday")."""
    return (_AFFIRM_BEFORE.search(text[max(0, start - 40): start]) is not None
            or _AFFIRM_AFTER.match(text[end:]) is not None)


def _superseded(text: str, mention: Mention[V], left: Sequence[Mention[V]]) -> bool:
    """A self-correction after the mention turns to another value ("let's say Wednesday. wait,
    … Friday"): the affirmation no longer stands."""
    return any(m.start > cue.end() and m.value != mention.value
               for cue in CORRECTION.finditer(text, mention.end) for m in left
               # "make that Wednesday instead, … my wife needs the car Tuesday": the "instead"
               # right after the value settles on it; it turns from nothing
               if not (cue.group(0) in {"instead", "rather"} and cue.start() - mention.end <= 2))


def _is_fallback(text: str, mention: Mention[V]) -> bool:
    return _FALLBACK.search(text[max(0, mention.start - 40): mention.start]) is not None


_ONLY_FILLER = re.compile(r"(?:[\s,.!?—–-]|\b(?:no|nah|nope|hang on|hold on|wait|um+|uh+|sorry|well|oh|shoot|"
                          r"dang|darn|shucks)\b)*")


def _said_again_to_refuse(text: str, mentions: Sequence[Mention[V]], ruled: set[int]) -> set[int]:
    """"monday the 30th uh wait no monday i got jury duty tuesday the 1st": a value set aside and
    named again first after the correction, before another value that stands, is named to say
    why not, not chosen again."""
    found: set[int] = set()
    for cue in CORRECTION.finditer(text):
        before = {m.value for m in mentions if m.end <= cue.start()}
        after = [m for m in mentions if m.start >= cue.end()]
        if (after and after[0].value in before and _ONLY_FILLER.fullmatch(text[cue.end(): after[0].start])
                and any(m.value != after[0].value and m.start not in ruled for m in after[1:])):
            found.add(after[0].start)
    return found


_BOUNDARY = re.compile(r"[.!?;]+\s|\.\.\.|…|\s[—–-]+\s")
_BARE = re.compile(
    r"(?:[\s,.!?:—–-]|\d|\b(?:at|around|about|like|maybe|say|let'?s|then|yeah|yes|yep|ok(?:ay)?|um+|uh+|er|"
    r"so|well|the|on|in|of|this|next|coming|week|morning|afternoon|evening|noon|o'?clock|[ap]\.?m\.?|please|"
    r"early|late|first thing|half|past|quarter|thirty|fifteen|forty|oh|to|i guess|i think|probably|"
    rf"fine|good|sure|{WEEKDAY}s?|tomorrow|today)\b)*")
"""A piece said with nothing but the value ("Wednesday. Wednesday around eleven, yeah", "… right?
eight"): a decision, not a reason or an errand."""


def _decided_last(text: str, mentions: Sequence[Mention[V]], excluded: set[V]) -> V | None:
    """Thinking aloud through several values ("Wednesday? no... Tuesday? ugh, let me think.
    Wednesday. Wednesday around eleven", "nine... oh no, I have my hair appointment at nine.
    eleven? no, … after lunch. one thirty"): the value said last, in a piece of its own with
    nothing else in it, is the one decided on. (Asked as a question it decides only when said
    twice: "Saturday? Sunday?" offers both.)"""
    last = mentions[-1]
    cut = max((b.end() for b in _BOUNDARY.finditer(text, 0, last.start + 1)), default=0)
    piece = text[cut:]
    if last.value in excluded or not _BARE.fullmatch(piece) or len({m.value for m in mentions}) < 2:
        return None
    twice = [m for m in mentions if m.start >= cut and m.value == last.value]
    if piece.rstrip().endswith("?") and len(twice) < 2 and not (
            len(mentions) > 1 and mentions[-2].value == last.value):
        return None
    return last.value


def settle(text: str, mentions: Sequence[Mention[V]], found: V | None) -> V | None:
    """The value the caller settles on, given every mention and what the extractor found alone.

    A value ruled out anywhere is never chosen; of the values left, the last affirmed wins;
    without an affirmed one, ``found`` stands unless it was ruled out, and then the last value
    left does.
    """
    starts = [m.start for m in mentions]
    ruled = {m.start for m in mentions if is_ruled_out(
        text, m.start, m.end, next((x for x in starts if x > m.start), None))}
    ruled |= _said_again_to_refuse(text, mentions, ruled)
    # a value is out when its last mention is ("thursday at ten? no … friday at ten": ten stands)
    last = {m.value: m.start for m in mentions}
    excluded = {value for value, start in last.items() if start in ruled}
    left = [m for m in mentions if m.value not in excluded]
    if mentions and (decided := _decided_last(text, mentions, excluded)) is not None:
        return decided
    if len({m.value for m in mentions}) > 1:
        affirmed = [m for m in left if is_affirmed(text, m.start, m.end)
                    and not _superseded(text, m, left) and not _is_fallback(text, m)]
        if affirmed:
            return max(affirmed, key=lambda m: m.start).value
    if (found is not None and found in excluded) or (found is None and excluded and left):
        return left[-1].value if left else None  # "not this saturday, the one after"
    first_choice = [m for m in left if not _is_fallback(text, m)]
    fallback = {m.value for m in left if _is_fallback(text, m)}
    if first_choice and found in fallback and found not in {m.value for m in first_choice}:
        return first_choice[-1].value  # "five, or is that too late? if so four thirty": five
    return found
