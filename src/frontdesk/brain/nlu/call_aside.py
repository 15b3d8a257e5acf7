"""A call from the team asked for beside something else the caller is doing ("… Friday at ten.
And I need someone on the service side to call me about whether my warranty covers the rotors";
"seven-thirty, perfect. And, sorry, one more thing, can somebody call me back about the
battery's warranty?"; "could you have Sarah give me a call? She was gonna price out tires for
me"): where the call's words start, so the rest of the message goes on with what is under way
and the call is set up after it, not in its place.

A call asked *instead of* the booking ("could somebody just call me back to set something up",
"actually, just have someone call me") is not an aside: the caller puts the booking off.
"""

from __future__ import annotations

import re

_WHO = (r"(?:somebody|someone|some ?one|you|y'?all|you guys|the agent|an agent|your agent|"
        r"one of (?:your|y'?all'?s?|the) \w+|(?:the |your |a |an )?(?:sales|service|finance|shop|parts) "
        r"(?:guy|gal|person|people|team|desk|department|manager|advisor|writer|rep|representative)|"
        r"(?:a |an |the |your )?(?:salesperson|salesman|saleswoman|sales rep)|"
        r"(?:the |your |a )?(?:manager|supervisor|owner|boss|general manager|gm)|"
        # ("I'd love for a salesperson to call me", "tell Sarah in service to give me a call")
        r"(?:(?:a|an|the|your) )?(?!(?:i|we|it|that|this|they|he|she|not|never|also|just|please)\b)[a-z]+)"
        r"(?: or (?:somebody|someone|anybody|anyone))?"  # "could Marcus or somebody in sales call me"
        r"(?: (?:from|in|on|at|over (?:in|on|at)) (?:the |your )?\w+(?: (?:side|department|team|desk|"
        r"office|people|folks|guys))?)?")
"""Who is to call: someone of the team, or one of them by name ("have Sarah", "can Marcus")."""
_CALL = r"(?:(?:call|ring|phone) (?:me|us)|give (?:me|us) a (?:call|ring|buzz|shout)|get back to (?:me|us))"
_ASKED = re.compile(
    # "can somebody call me", "could you have Sarah give me a call", "can Marcus call me tonight"
    r"\b(?:can|could|would)(?: you)?(?: (?:please|maybe|also))? (?:have |get |ask )?" + _WHO
    + r" (?:please |also |maybe |just |to )?" + _CALL + r"\b|"
    # "have Jordan call me", "get someone to give me a call", "tell Sarah in service to give me a call"
    r"\b(?:have|get|ask|tell) " + _WHO + r" (?:to )?(?:please |also |just )?" + _CALL + r"\b|"
    # "somebody needs to call me about my bill", "someone should give me a call", "somebody in sales
    # oughta call me about trading the truck in"
    r"\b(?:" + _WHO + r"|one of (?:you|y'?all|your guys)) (?:needs to|has to|should|gotta|"
    r"ought to|oughta|better) (?:please |also |probably |maybe )?" + _CALL + r"\b|"
    # "I need someone on the service side to call me", "I'd really like Jordan to call me"
    r"\b(?:i|we)(?:'d| would)? (?:really |also |just )?(?:need|want|like|love|appreciate)(?: it)?"
    r"(?: (?:for|if))? " + _WHO + r" (?:to |could |would )?(?:please |also )?" + _CALL + r"\b")
"""A call from the team asked for, in so many words."""
_OF_ITS_OWN = re.compile(
    r"\b(?:about|regarding|whether|if (?:i|we|it|they|the|my|our)|to (?:explain|tell|talk|go over|discuss|"
    r"walk me|walk us|price|quote|let me know)|and (?:explain|tell|talk|go over|walk|let me know)|"
    r"on the \w+ side|for (?:my|our|the) (?:trade|warranty|loan|financing|paperwork|papers)|"
    r"when (?:it'?s|its|it is|they'?re|the \w+ is) (?:done|ready|finished)|"
    r"once (?:it'?s|its|it is|they'?re) (?:done|ready|finished))\b")
"""What that call is to be about: another matter of its own."""
_LEAD_IN = re.compile(r"(?:^|\W)(?:and|also|plus|oh|separately|one more thing|one other thing|before that|"
                      r"while i'?ve got you|while i have you|too)\W*$|^\W*(?:and|also|plus)\b")
"""The call brought in as one more thing ("And, sorry, one more thing, can somebody …")."""
_INSTEAD = re.compile(r"\b(?:instead|rather(?! not\b)|never ?mind|forget (?:it|that|the)|"
                      r"just (?:have|call|get|give|ring)|"
                      r"to confirm|or is (?:this|that) it|talk (?:it|this|that) (?:through|over)|"
                      r"not ready|hold off|for now|don'?t (?:want|need) to book|to (?:set (?:something|it|"
                      r"that|one|a time|a day|an appointment) up|schedule|book|find a time)|"
                      r"(?:don'?t|do not|never|no need to|not) (?:\w+ )?(?:call|ring|phone)|"
                      r"(?:don'?t|do not|no) (?:need|want|have) to (?:bring|come|book|drop|schedule)|"
                      r"no need to (?:bring|come|book|drop)|not (?:bringing|coming) (?:it )?in|"
                      r"before (?:i|we) (?:bring|come|book|drop|decide|commit)|"
                      # "I don't know her schedule this week. Can I check with her and have somebody call
                      # me back?": the call in place of the day not known yet
                      r"(?:know|check) (?:my|our|her|his|their) (?:work )?schedule|"
                      r"check with (?:her|him|them|my \w+|the \w+)|"
                      r"(?:talk to|ask) (?:her|him|them|my \w+) first)\b")
"""The call in place of what is under way, or no call at all."""
_OPENS_AS_MORE = re.compile(r"\W*(?:(?:and|also|plus|oh|so|um+|uh+|sorry|wait)\W+){0,4}(?:one more thing|"
                            r"(?:one|the) other thing|another thing|second thing|the second|"
                            r"while i'?ve got you|while i have you|separately)\b")
"""A message that opens as one more thing, beside what is under way."""
_YES_AND = re.compile(r"\W*(?:yes|yeah|yep|yup|sure|correct|perfect|great|right)\b[^.?!,—]{0,12}[.?!,—–-]+\W*"
                      r"(?:(?:oh|um+|uh+)\W+)?(?:and|also|plus)\b")
"""A read back said yes to, and one more thing after it ("yes. and — could somebody call me back
about tires? … I want a price before I commit"): the call is its own matter, whatever it says."""
_REALLY_INSTEAD = re.compile(r"\b(?:instead|rather(?! not\b)|never ?mind|forget (?:it|that|the))\b")
_CLAUSE_END = re.compile(r"[.?!;]+\s+|\s+[—–-]+\s+|,\s+(?=(?:and|also|plus|oh|but)\b)")


def asked(text: str) -> bool:
    """A call from the team asked for in so many words ("could you have Jordan call me")."""
    return _ASKED.search(text.lower()) is not None


def split(text: str) -> tuple[str, str] | None:
    """(what comes before the call's words, the call's words to the end of the message) when the
    message asks a call from the team beside something else; None otherwise."""
    said = text.lower()
    asked = _ASKED.search(said)
    more = re.match(r"\W*(?:(?:oh|um+|uh+)\W+)?(?:and|also|plus)\b", said) is not None
    if asked is None or (_INSTEAD.search(re.sub(r"\bjust\b", " ", said) if more else said) and not (
            (_OPENS_AS_MORE.match(said) or _YES_AND.match(said)) and not _REALLY_INSTEAD.search(said))):
        # (a message that opens as one more thing speaks of a matter of its own: "and — sorry,
        # one more thing — y'all did my transmission last fall … I don't need to book that yet, I
        # just want somebody to call me about the warranty" leaves the booking read back standing)
        return None
    start = max((m.end() for m in _CLAUSE_END.finditer(said, 0, asked.start())), default=0)
    # ("please cancel it and have someone call me next week": from the "and" on)
    start = max((m.start() for m in re.finditer(r"\b(?:and|but|also|plus)\b", said[:asked.start()])
                 if m.start() >= start), default=start)
    if not more and not _YES_AND.match(said) and re.fullmatch(
            r"[\W_]*(?:(?:okay|ok|yeah|yes|yep|sure|alright|all right|well|hmm+|hm+|right|gotcha|i see|oh|"
            r"um+|uh+|ah+|got it|i understand|understood|no worries|that'?s fine|fair enough)\b[\W_]*)+",
            said[:start]):
        return None  # ("okay, yeah. could one of your agents call me back about it?"): the call, alone
    if re.fullmatch(r"[\W_]*(?:(?:and|but|also|plus|so|oh|um+|uh+|okay|ok)\b[\W_]*)*", said[:start]):
        start = 0  # ("And also I'd really like Jordan to call me …": nothing before it)
    before, call = text[:start], text[start:]
    lead_in = said[start: asked.start()]
    after = said[asked.end():]
    marked = bool(_LEAD_IN.search(lead_in) or _LEAD_IN.search(said[:start][-30:])
                  or _OPENS_AS_MORE.match(said) or more)
    if not (marked or (_OF_ITS_OWN.search(after) and said[:start].strip(" ,;—–-"))):
        # ("can somebody call me Monday? … I'll know my schedule by then", asked a day: the call
        # instead; only the call said is beside something only when brought in as one more thing)
        return None
    return before.strip(" ,;—–-"), call.strip(" ,;—–-")


_NEXT_CLAUSE = re.compile(r"[.?!;]+\s+|\s+[—–-]+\s+|,?\s+(?=(?:(?:oh|um+|uh+),?\s+)?(?:and|also|plus)\b)")


def cuts_after_call(text: str) -> list[int]:
    """Where a message that opens with a call asked for may go on to something else ("could you
    have her give me a ring this afternoon? It's about the estimate … Oh and while I've got you I
    need the tires rotated, Wednesday around two?"): each clause start after the call's words;
    none when the message does not open with the call."""
    said = text.lower()
    call = _ASKED.search(said)
    if call is None or (_CLAUSE_END.search(said, 0, call.start()) is not None and re.search(
            r"\b(?:book|schedule|appointment|come in|bring)\b", said[: call.start()])):
        return []  # (a booking asked before the call is the booking, the call after it: elsewhere)
    return [m.end() for m in _NEXT_CLAUSE.finditer(said, call.end())]
