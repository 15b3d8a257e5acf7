"""Clock times and parts of the day, as callers say them.

"half past two", "ten-thirty", "saturday morning 9"; a time that belongs to something else ("I
drop the kids at eight", "I'm off at three") or bounds a window ("after nine") is not the
appointment's; of several, the one settled on wins (:mod:`.stance`); windows ("after work",
"before lunch", "first thing") stay windows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

from frontdesk.brain.nlu import stance
from frontdesk.brain.nlu.cues import HOME_PRICE_BEFORE
from frontdesk.brain.nlu.stance import clause_before
from frontdesk.brain.nlu.text import Utterance, correction_tails, ruled_out
from frontdesk.brain.nlu.when import DATE_SPAN

_TIME_AMPM = re.compile(r"\b(\d{1,2})(?:[:.\s](\d{2}))?\s*(a\.?\s?m\.?|p\.?\s?m\.?)(?=\W|$)")
_TIME_AT = re.compile(
    r"\b(?:at|around|about|by|for|say)\s+(?:like\s+|maybe\s+|about\s+|around\s+)?"
    r"(\d{1,2})(?:[:\s](\d{2}))?\b(?![.,]\d)"
    r"(?!\s*(?:%|(?:percent|k|thousand|million|dollars|bucks|months?|years?|days?|weeks?|miles|"
    r"people|persons?|of us|of them|adults?|kids|guests|cars|vehicles|bedrooms?|beds?|baths?|"
    r"bathrooms?|hours?|minutes?|mins?|hrs?|weekends?|nights?|times?|trips?|stor(?:y|ies)|acres?|"
    r"houses?|homes?|units?|rooms?|floors?|of)\b))"
)
_TIME_PART_OF_DAY = re.compile(
    r"(?<!that )(?<!this )(?<!the )(?<!which )(?<!rav )(?<!model )(?<!f )(?<!cx )"
    r"\b(?:(\d{1,2})(?:[:\s](\d{2}))?(?:\s*o'?clock)?\s+"
    r"(?:(?:in the|this|tomorrow) (morning|afternoon|evening)|(?=tonight\b))"
    r"|(morning|afternoon|evening),?\s+(?:at\s+|like\s+|say\s+|around\s+)?(\d{1,2})(?::(\d{2}))?"
    r"(?!\s*(?:\d|(?:am|pm|and|cars?|vehicles?|people|kids|of|bedrooms?|hours?|minutes?|days?|weeks?)\b)))\b"
)
""""10 30 in the morning", "four this afternoon", "saturday morning 9": the part of the day says AM
or PM."""
_ASKED_THAT_PART = re.compile(r"(?:(?<=\bdo )|(?<=\btry )|(?<=\bmake it )|(?<=\bthen )|(?<=\bsay )|"
                              r"(?<=\bhow about )|(?<=\bwhat about ))(\d{1,2})(?::(\d{2}))? "
                              r"that (morning|afternoon|evening)\b")
"""An hour asked for on the day already said ("could we do eleven that morning instead?", "only till
noon? ok then 10 that morning")."""
_ON_THAT_DAY = re.compile(r"\b(\d{1,2})(?::(\d{2}))?(?:\s*o'?clock|\s*ish)?,? (?:on )?(?:that|the) same "
                          r"day\b|"
                          r"\b(\d{1,2})(?::(\d{2}))?(?:\s*o'?clock|\s*ish)?,? (?:on )?that day\b"
                          r"(?! (?:before|after))")
"""An hour on the day just said ("like eleven that same day?")."""
_TIME_BARE = re.compile(
    r"^(?:how about |what about |maybe |let's do |ok |okay )?(\d{1,2})(?::(\d{2}))?(?: o'?clock)?\??$"
    # "ten is good", "9:30 works for me", "eleven would be perfect": an hour said to suit
    r"|^(?:(?:um|uh|er|oh|ok|okay|yeah|so|well|and),? )*(\d{1,2})(?::(\d{2}))?(?: o'?clock)?,? "
    r"(?:works|would work|could work|(?:is|it'?s|that'?s) (?:good|fine|great|perfect|best|ok|okay)|"
    r"(?:would|'?d) be (?:good|fine|great|perfect|best|ideal)|sounds (?:good|great|fine|perfect))\b"
)


_EVENING_SAID = re.compile(r"\b(?:tonight|tonite|evenings?|at night|afternoons?|after work|"
                           r"after (?:dinner|supper|school)|(?:dinner|supper) ?time|"
                           r"after (?:i|we) (?:eat|get home|put the kids down))\b")
_LATE_SAID = re.compile(r"\b(?:tonight|tonite|evenings?|at night|after work|after (?:dinner|supper|school)|"
                        r"(?:dinner|supper) ?time|after (?:i|we))\b")
"""The part of the day that may have an eight, nine, ten or eleven in it (not the afternoon)."""
_OWN_DAY = re.compile(r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|today|tonight)\b")
_MORNING_SAID = re.compile(r"\b(?:this morning|in the morning|tomorrow morning|"
                           r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday) morning)\b")


def _day_part_meridiem(text: str) -> str | None:
    """``p`` when the caller says evening, tonight or afternoon, ``a`` for morning; None when
    neither or both are said."""
    text = re.sub(r"\b(?:good|g'?) ?(?:morning|afternoon|evening)\b", " ", text)  # a greeting, no time
    evening, morning = (any(not _BUSY_IN.search(text[: m.start()]) for m in said.finditer(text))
                        for said in (_EVENING_SAID, _MORNING_SAID))  # not "a dentist thing in the afternoon"
    if evening == morning:
        return None
    return "p" if evening else "a"


def clock(hour: int, minute: int, meridiem: str | None) -> time | None:
    if minute > 59:
        return None
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem.startswith("p") else 0)
    elif hour > 23:
        return None
    elif 1 <= hour <= 6:
        hour += 12  # "at 2" in business talk is 2 PM
    return time(hour, minute)


_OTHER_ACTIVITY = re.compile(
    r"\b(?:drop(?:s|ped|ping)? (?:off )?(?:the |my |our |his |her )?(?:kids?|son|daughter|boys|girls)|"
    # ("friday sorry my kids are yelling friday four thirty": the noise on the line, no errand)
    r"kids?(?!'?s? (?:are |is |'re )?(?:yelling|screaming|crying|fighting|shouting|loud|being loud|"
    r"going (?:crazy|nuts)|making (?:a lot of )?noise|in the background))|"
    r"school|shift|swim|soccer|football|baseball|softball|ballet|karate|daycare|lessons?|"
    r"(?<!would )(?<!could )(?<!should )(?<!might )(?<!will )(?<!that )(?<!it )(?<!this )(?<!after )"
    r"(?<!before )work|"
    r"(?:he|she|they|i|we) (?:works|working|work) (?:till|until|til)|"
    # ("I'm off work Monday the sixth … like eight in the morning?": a day off, free at eight)
    r"(?:i'm|im|i am|we're|she's|he's|gets?|get|getting) off(?!(?: work)? (?:on |this |next |that )?"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|today|that day))|"
    r"(?:wife|husband|wifes|husbands|partner|boss|mom|dad|son|daughter)(?:'s| is)? off|"
    # "i have pilates at eight thirty": the caller's own thing at that time
    r"(?:i|we) (?:have|got|'ve got) (?!time\b|an? opening|free\b|availability|nothing|something|anything|"
    r"it\b|one\b|that\b|to\b|(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|today|tonight|"
    r"appointments?\b|plans?\b)[a-z]+(?=(?: at)?\s*$)|"
    r"(?:i|we|he|she|they) (?:start|starts|begin|begins|clock in|clocks in)(?: work)?|"
    r"get off|gets? out|class|practice|meeting|(?<!on my )(?<!during my )(?<!on our )lunch break|church|"
    r"(?:my|our|his|her) lunch(?:'s| is)|"  # "my lunch is at twelve thirty"
    r"gym|flight|train|bus|leav(?:e|es|ing) (?:the house|home|for work|work)|head(?:s|ing)? out|"
    r"(?:(?<!could )(?<!can )(?<!would )(?<!may )(?:i|we|i'?ve|we'?ve|she|he|she'?s|he'?s|"
    # "my husband's got a thing till two thirty"
    r"(?:husband|wife|son|daughter|boss|mom|dad|partner|kid)(?:'s| has)?)) (?:have|has|got) "
    r"(?:a|an|my|our|his|her|the) [\w-]+(?: [\w-]+)?(?=(?: at| till| until| til)?\s*$)|"
    # "she has physical therapy till two thirty", "he's got PT at nine"
    r"(?:she|he|they|she'?s|he'?s) (?:has|have|got) (?!time\b|an? opening|free\b|availability|nothing|"
    r"something|anything|it\b|one\b|that\b|to\b)[\w-]+(?: [\w-]+)?(?= (?:at|till|until|til)\s*$)|"
    # "I've gotta pick up the ham at noon", "I have to get the kids at three": an errand's time
    r"(?:gotta|got to|have to|need to|has to) (?:pick up|pick|grab|get|drop off|run|go to) "
    r"[\w' -]{1,25}(?=(?: at)?\s*$)|"
    # "his ride can't get him there till ten fifteen"
    r"ride|(?:can'?t|cannot|won'?t|couldn'?t) (?:get|drop|bring|take|pick) (?:him|her|me|us|them|it)"
    r"(?: off| up| there| in| here| over)?|"
    # "oh you close at seven, ok then six": the business's hours, not the visit
    r"(?:you|y'?all|you guys|they) (?:close|closes|open|opens|shut)(?: at| till| until| around| by)?(?=\s*$)|"
    r"doctor|dentist|wake up|sleep|naps?|napping|nap ?time|bed|dinner|desk|game|concert|recital|rehearsal|"
    r"tournament|party|"
    r"funeral|wedding|"
    # "so I'm back at my desk by one", "I have to be at the office by nine"
    r"(?:i'?m|i am|we'?re|be|get|gotta be|got to be|have to be|need to be) (?:usually |normally |always )?"
    r"(?:back|home)|"
    r"(?:gotta|got to|have to|need to|must|supposed to) be (?:at|in|there|on)|"
    r"pick(?:s|ing)? up (?:the |my |our )?(?:kids?|son|daughter|wife|husband)|"
    r"pick(?:s|ing)? (?:the |my |our )?(?:kids?|son|daughter|wife|husband) up)\b")
"""What a time may belong to instead of the appointment ("I drop the kids at eight")."""


_MONEY_BEFORE = re.compile(
    r"\b(?:approved|afford|budget(?:ed)?|spend|stretch|priced?|worth|offer(?:ed)?|asking|"
    r"listed|sell (?:it )?|sold (?:it )?|loan|mortgage|max(?:imum)?|ceiling|tops? out|max(?:es)? out|"
    r"cap(?:ped)?)\b(?:'s)?"
    r"(?:\s+(?:us|me|it|for|to|at|of|is|was|about|around|maybe|like|up))*\s*$|"
    # "for the new place we're thinking around five-fifty": the price of the home, not an hour
    r"\bfor (?:the|a|our) (?:new |next |other |bigger |smaller )?(?:place|house|home|condo|townhouse)\b,? "
    r"(?:we'?re |we are |i'?m |i am )?(?:thinking|looking at|hoping for|figuring|aiming for)"
    r"(?:\s+(?:about|around|like|maybe|somewhere|in the))*\s*$|"
    # "the house we bought in 2018 for like three-ten": what was paid once
    r"\b(?:bought|paid|purchased)\b[^.?!]{0,40}?\bfor(?:\s+(?:like|about|around|only|just))*\s*$|"
    + HOME_PRICE_BEFORE)
"""Words that make the figure after them money ("approved us for four twenty-five", "budget's
about three fifty")."""


_KEPT_BEFORE = re.compile(r"\b(?:keep(?:ing)?|leave|leaving|still want|don'?t (?:cancel|move|lose)) "
                          r"(?:the|my|our|that)\s+$")
_KEPT_AFTER = re.compile(r"(?:\s*o'?clock)?(?: one| appointment| showing| slot| visit)?"
                         r"\s+(?:too|also|as well)\b")
"""A time named as a booking that stays ("keep the ten o'clock too"), not one asked for."""


def _times(text: str) -> list[tuple[int, time]]:
    """Every clock time in the text, with where it starts."""
    found: list[tuple[int, time]] = []
    taken: list[tuple[int, int]] = []

    def add(match: re.Match[str], value: time | None) -> None:
        if _KEPT_BEFORE.search(text, 0, match.start()) and _KEPT_AFTER.match(text, match.end()):
            return  # "yes, keep the ten o'clock too": the booking that stays, no time asked
        if value is not None and not any(a < match.end() and match.start() < b for a, b in taken):
            found.append((match.start(), value))
            taken.append(match.span())

    for match in re.finditer(r"\b(?:noon|midday|12 noon)\b", text):
        add(match, time(12, 0))
    for match in _TIME_AMPM.finditer(text):
        add(match, clock(int(match.group(1)), int(match.group(2) or 0), match.group(3)[0]))
    for match in _TIME_PART_OF_DAY.finditer(text):
        hour, minute, part = ((match.group(1), match.group(2), match.group(3)) if match.group(1)
                              else (match.group(5), match.group(6), match.group(4)))
        if part == "morning" and not 5 <= int(hour) <= 12:
            continue  # "in the morning, 2 cars" counts cars
        add(match, clock(int(hour), int(minute or 0), "a" if part == "morning" else "p"))
    for match in _ASKED_THAT_PART.finditer(text):  # "could we do eleven that morning instead?"
        if match.group(3) != "morning" or 5 <= int(match.group(1)) <= 12:
            add(match, clock(int(match.group(1)), int(match.group(2) or 0),
                             "a" if match.group(3) == "morning" else "p"))
    # A clock time without AM/PM reads as the part of the day said around it ("tonight at 10",
    # "7 tomorrow morning"); without one, as business hours (see :func:`clock`).
    whole = _day_part_meridiem(text)
    sentences = list(re.finditer(r"[^.?!]+[.?!]*", text))

    def plain(hour: str, minute: str | None, at: int = 0) -> time | None:
        h = int(hour)
        # the part of the day said in the time's own sentence ("… a soccer game Saturday morning.
        # How about Friday at six instead?": six in the evening)
        own = next((m.group(0) for m in sentences if m.start() <= at < m.end()), text)
        said = _day_part_meridiem(own)
        if said is None and not _OWN_DAY.search(own):
            said = whole  # "tomorrow morning. like nine?": the part of the day said before it
        if said == "a" and 1 <= h <= 5:  # "wouldn't start this morning … today like one thirty"
            return clock(h, int(minute or 0), None)
        if said == "p" and 8 <= h <= 11 and not _LATE_SAID.search(own) and not re.search(
                r"\b\d{1,2}\b", text[:at]):
            # "see the house Saturday at ten, and have someone look at her condo that afternoon": no
            # afternoon has a ten in it; the afternoon is the other visit's (not so an hour said after
            # another: "Wednesday at two? my OB appointment's at eleven that morning")
            return clock(h, int(minute or 0), None)
        return clock(h, int(minute or 0), said if said and 1 <= h <= 12 else None)

    for match in _TIME_AT.finditer(text):
        if re.match(r"for\s+1\s*(?:[?.!]|$)", match.group(0) + text[match.end():match.end() + 2]) and not (
                re.search(r"\b(?:o'?clock|pm|p\.m\.|afternoon)\b", text)):
            continue  # "if I come in for one?": one of them, not one o'clock
        add(match, plain(match.group(1), match.group(2), match.start()))
    for match in re.finditer(r"\b(?:like|maybe)\s+(\d{1,2})(?::(\d{2}))?"
                             r"(?=\s*(?:(ish\b|o'?clock\b|\?)|[.!]|$|"
                             r",\s*(?:if|unless|or|whatever|is that|would that|(?:that |the )?same|"
                             # "Tuesday, early, like eight, before work": the visit's hour, and why
                             r"(?:before|after) (?:work|school|class|my shift|lunch|the kids))\b|"
                             # "what about today then like three is today possible"
                             r"\s+(?:is|would|does|could|can|will) (?:that|it|today|tomorrow|this|there)\b))",
                             text):  # "maybe next Monday? like nine?"; "we have like 2." is no time
        if match.group(3) or DATE_SPAN.search(text) or re.search(
                # "that morning… like nine"; "right after? like eleven", of the visit on file
                r"\b(?:morning|afternoon|evening|tonight|right (?:after|before)|same day)\b", text):
            add(match, plain(match.group(1), match.group(2), match.start()))
    for match in re.finditer(r"(?<=[.?!,—–-] )(\d{1,2})(?::(\d{2}))?\s*\?", text):
        if re.search(r"\b(?:after work|morning|afternoon|evening|tonight|(?:mon|tues|wednes|thurs|fri|satur|"
                     r"sun)day|tomorrow|today|(?:the )?same day|that day|right (?:after|before))\b",
                     text[: match.start()]):
            # "thursday, after work? six?", "same day, right after, eleven?"
            add(match, plain(match.group(1), match.group(2), match.start()))
    for match in re.finditer(r"(?:^|(?<=[.?!,—–]\s))(\d{1,2})(?::(\d{2}))?,?\s+(?:maybe|or so|or thereabouts|"
                             r"if (?:you (?:have|got) (?:it|one|room|something)|possible|you can|"
                             r"(?:that'?s|it'?s) (?:possible|open|free|available)|"
                             r"there'?s (?:room|space|one)|y'?all (?:have|got) it)|"
                             r"preferably|ideally|hopefully)\b", text):
        if DATE_SPAN.search(text) or re.search(r"\b(?:morning|afternoon|evening|tonight|(?:mon|tues|wednes|"
                                               r"thurs|fri|satur|sun)day|tomorrow|today)\b", text) or (
                match.start() == 0 and re.fullmatch(r"[\s.?!]*", text[match.end():])):
            # "saturday the 27th? nine, maybe?", "saturday, late morning — eleven maybe?"; alone, the
            # whole of what is said ("… tuesday afternoon. three, if you can.")
            add(match, plain(match.group(1), match.group(2), match.start()))
    for match in re.finditer(r"\b(\d{1,2})(?::(\d{2}))?\s*ish\b(?!\s*(?:k\b|thousand|grand|dollars|bucks|"
                             r"miles|people|years|months|weeks|days))", text):
        if 1 <= int(match.group(1)) <= 12:  # "push it to one-ish", "after lunch, 1ish"
            add(match, plain(match.group(1), match.group(2), match.start()))
    for match in re.finditer(r"\b(\d{1,2})\s*o'?clock\b", text):  # "one o'clock"
        add(match, plain(match.group(1), None, match.start()))
    for match in re.finditer(r"\b(\d{1,2}):(\d{2})\b", text):  # "10:30's safer"
        add(match, plain(match.group(1), match.group(2), match.start()))
    for match in re.finditer(r"(?:day|tomorrow|today)\W{1,3}(?:(?:like|say|maybe|around|about)\s+)?"
                             r"(\d{1,2})(?::(\d{2}))?\b"
                             # (not "today! three-ninety, a bit over asking": a price)
                             r"(?!\s*(?:[6-9]\d\b|\d{3}|st|nd|rd|th|%|/|k\b|thousand|dollars|bucks|miles|bed|bath|br\b|people|"
                             r"kids|cars|hours?|minutes?|days?|weeks?|months?|years?|"
                             # ("this saturday, one on kelly lane and one on pecan": one of them)
                             r"(?:on|of|in|for|with|that|which|near|off|by)\s+"
                             r"(?!the (?:morning|afternoon|evening))[a-z]))", text):
        add(match, clock(int(match.group(1)), int(match.group(2) or 0), None))  # "wed. 10"
    for match in re.finditer(r"(?:(?<=\bso )|(?<=\bthen )|(?<=\bso like )|(?<=\bso maybe ))"
                             r"(\d{1,2})(?::(\d{2}))?"
                             r"\s+(?:is|'s|works|would (?:be|work))\b"
                             r"(?:\s+(?:good|fine|great|perfect|best|better|ok|okay))?", text):
        # "… drops the boys at soccer at 9 so 10 is good"
        add(match, plain(match.group(1), match.group(2), match.start()))
    for match in re.finditer(r"\bso,?\s+(?:like\s+|maybe\s+|say\s+|around\s+)?(\d{1,2})(?::(\d{2}))?"
                             r"(?=\s*(?:o'?clock|ish)?\s*(?:[.?!]|$))", text):
        # "i get off at five, half hour drive, so six"
        add(match, plain(match.group(1), match.group(2), match.start()))
    for match in re.finditer(r"\b(?:can|could) (?:we|you|y'?all|i) (?:do|try)\s+(?:like\s+|maybe\s+|say\s+)?"
                             r"(\d{1,2})(?::(\d{2}))?(?=\s*(?:o'?clock|ish)?\s*(?:[.?!,]|$|instead|then|please))",
                             text):
        # "a dentist thing at 3, could we do 10?"
        add(match, plain(match.group(1), match.group(2), match.start()))
    for match in re.finditer(r"\b(?:earlier|later|sooner)\W{1,3}(?:(?:like|say|maybe|around|about|to)\s+)+"
                             r"(\d{1,2})(?::(\d{2}))?\b(?!\s*(?:minutes?|mins?|hours?|days?|weeks?|%|k\b))",
                             text):
        # "could we start it earlier like ten same day"
        add(match, plain(match.group(1), match.group(2), match.start()))
    for match in re.finditer(r"\b(?:slide|move|push|bump|shift|switch|change|scoot|put)\s+"
                             r"(?:me|us|it|that|this|them|the \w+(?: \w+)?)\s+"
                             r"(?:back |up |over |down )?(?:to|till|until)\s+"
                             r"(?:like\s+|about\s+|around\s+)?(\d{1,2})(?::(\d{2}))?\b" + _NOT_AN_HOUR, text):
        # "there's no way I make three. could you slide me to five?"
        add(match, plain(match.group(1), match.group(2), match.start()))
    for match in _ON_THAT_DAY.finditer(text):
        # "like eleven that same day?": an hour on the day just said
        k = 1 if match.group(1) else 3
        if not re.match(r"\s*(?:st|nd|rd|th)\b", text[match.end(k):]):
            add(match, plain(match.group(k), match.group(k + 1), match.start()))
    for match in _HOUR_CHOSEN.finditer(text):
        # "okay, um, eleven then. eleven saturday", "in the morning um ten": an hour said as the choice
        k = next(k for k in (1, 3, 5) if match.group(k))
        add(match, plain(match.group(k), match.group(k + 1)))
    bare = _TIME_BARE.search(text.strip())
    if bare and not found:
        hour, minute = (bare.group(1), bare.group(2)) if bare.group(1) else (bare.group(3), bare.group(4))
        add(bare, clock(int(hour), int(minute or 0), None))
    return sorted(found, key=lambda item: item[0])


_NOT_AN_HOUR = (r"(?!\s*(?:st|nd|rd|th|%|/|k\b|thousand|dollars|bucks|miles|bed|bath|people|kids|cars|"
                r"hours?|minutes?|days?|weeks?|months?|years?|of\b))")
_HOUR_CHOSEN = re.compile(
    r"(?:^|[,.!?]\s*|\b(?:um+|uh+|okay|ok|so|yeah)\W+)(\d{1,2})(?::(\d{2}))?(?=,? then\b)|"
    r"(?:^|[,.!?]\s*|\b(?:um+|uh+|okay|ok|so|yeah)\W+)(\d{1,2})(?::(\d{2}))?" + _NOT_AN_HOUR
    + r"(?=,? (?:on )?(?:this |next )?(?:mon|tues|wednes|thurs|fri|satur|sun)day\b)|"
    r"\b(?:morning|afternoon|evening)\W+(?:(?:um+|uh+|like|say|maybe)\W+)+(\d{1,2})(?::(\d{2}))?\b"
    + _NOT_AN_HOUR)
"""An hour said bare as the one chosen: "eleven then", "eleven saturday", "in the morning um ten"."""


_BARE_CORRECTION = re.compile(
    r"\W*(?:(?:make (?:it|that)|let'?s (?:say|do)|more like|say|like|maybe|around|about)\s+)?(?:at\s+)?"
    r"(\d{1,2})(?::(\d{2}))?"
    r"(?:\s*o'?clock)?\s*(?:[,.;!?—-]|$|instead\b|then\b|please\b|if\b|because\b|cause\b|'cause\b|"
    r"since\b|i\b|'s\b|is\b|works?\b|would\b|sounds?\b|better\b|my\b|we\b|our\b|they\b|she\b|he\b|"
    r"sorry\b|"  # "ten no wait eleven sorry"
    r"(?:like|as) (?:i|we) (?:thought|said|asked|wanted|had it)\b|"  # "make it two like I thought"
    r"was (?:right|correct|it|better|fine)\b|"  # "no, sorry, two was right"
    r"and (?:while|also|can|could|then)\b|"  # "can we make it one and while it's in there …"
    # "no make it ten, nine is too early": the hour given up, named again with why
    r"(?=\d{1,2}(?::\d{2})?\s*(?:o'?clock\s*)?(?:is|'s|was|would be)\b))")
"""A bare hour right after a self-correction ("make that one, I just remembered…"), whatever the
caller says after it; a number with a unit ("sorry, 2 people") is no time."""


_THINKING = re.compile(r"\.\.\.|…|\b(?:well|no|wait|actually|hmm+|ugh|let me (?:think|see))\b")
_SAID_TWICE_LAST = re.compile(r"[.!?…]\s+(?:(?:um+|uh+|so|ok(?:ay)?|well|then|like|yeah|at|say)\W+)*"
                              r"(\d{1,2})(?::(\d{2}))?\W*$")


def extract_time(u: Utterance) -> time | None:
    """The clock time asked for: "2 pm", "9:30 am", "nine thirty", "at 3", "noon". A time that
    belongs to something else ("I drop the kids at eight") or bounds a window ("after 3") is
    not taken; with several, the one that is not ruled out ("not 9, 10") wins."""
    text = u.numeric
    if (last := _SAID_TWICE_LAST.search(text)) and _times(text) and (len(re.findall(
            rf"(?<![\d:$]){re.escape(last[1])}(?![\d:%])", text)) >= 2 or _THINKING.search(text)):
        # "drop it off at seven thirty... well, eight, the shuttle's not running that early, right?
        # eight": an hour said again, alone, at the end is the one decided on
        return clock(int(last[1]), int(last[2] or 0), None)
    if (this := _THIS_NOT_THAT.search(text)) and not for_other_activity(text, this.start()):
        return clock(int(this[1]), int(this[2] or 0), this[3])  # "make that 3 not 2"
    # the words after the last correction that says something ("make that 3 instead": not "")
    # (latest first; "make it ten, not nine thirty, sorry, I've got a call": the last correction
    # names no time, the one before it does)
    for tail in correction_tails(text):
        if tail == text or not re.search(r"\w", tail):
            continue
        if (other := _said_again_to_refuse(text[: len(text) - len(tail)], tail)) is not None:
            return other
        made = re.search(r"\bmake (?:it|that)\s*$", text[: len(text) - len(tail)])
        if made and (first := next(iter(_times(tail)), None)) and not tail[: first[0]].strip(" ,"):
            return first[1]  # "make it noon, I've got a meeting that morning": the hour asked, and why
        bare = _BARE_CORRECTION.match(tail)
        if bare and not made and _SET_ASIDE_AFTER.match(tail, bare.end(2) if bare.group(2) else bare.end(1)):
            bare = None  # "wait, no, sorry. at ten I have work. better is three": why not ten
        # "… at eight — no, make it ten." / "make that nine, we've got brunch at ten": the hour
        # right after the correction is the one meant, whatever time follows it
        later = (clock(int(bare.group(1)), int(bare.group(2) or 0), None) if bare
                 else extract_time(Utterance(raw=tail, lower=tail, numeric=tail)))
        if later is not None:
            return later
    if (best := _PREFERRED.search(text)) and not ruled_out(text, best.start()) and _HOUR_SAID.search(
            text, 0, best.start()):  # (one of several said: "after 7's better" alone is the evening's)
        return clock(int(best[1]), int(best[2] or 0), best[3])  # "4 or 4:30. 4 would be better"
    candidates: list[tuple[int, time]] = []
    for start, value in _times(text):
        # ("the inspection right after at eight thirty": after the other one, at that hour)
        bounded = (re.search(r"\b(?:after|before|until|till|past|from|between)\s*"
                             r"(?:like\s+|about\s+|around\s+)?$", text[:start]) and not text.startswith(
            "at ", start)) or re.search(
            # "oil change, Wednesday, eight a.m., and it better be done by eight thirty": when it
            # ends, not when it starts
            r"\b(?:done|finished|ready|wrapped up|out of (?:here|there)|through|back on the road)"
            r"\s+(?:by\s+)?$",
            text[:start]) or any(
            m.start() <= start < m.end() for m in SPAN.finditer(text))
        # the few words right before the time say what it is for ("I get off work at 5"); words
        # further back in an unpunctuated run do not ("on the way to work can you look at it at 2")
        score = re.search(r"\b\d{1,2} $", text[:start]) and re.match(r"(?:for|of|out of) \d", text[start:])
        # ("every five thousand miles and I'm at like seven": the odometer, no time)
        reading = re.search(r"\b(?:i'?m|it'?s|we'?re|she'?s|he'?s) (?:(?:at|up to|over|past) )?$",
                            text[:start]) and re.search(r"\b(?:miles?|mileage|odometer)\b", text)
        # ("gonna be like ten minutes late maybe fifteen": more minutes, no hour)
        minutes = re.search(r"\b\d{1,2} (?:minutes?|mins?)\b(?: (?:late|early|behind))?\W*"
                            r"(?:or|maybe|like|probably|possibly|\W)*$", text[:start]) and (
            not text.startswith("at ", start))
        if bounded or for_other_activity(text, start) or score or reading or minutes:
            continue  # (… "he went three for four by the way": a score, no time)
        lead_in = re.match(r"(?:(?:for|at|around|about|like|maybe|say)\s+)*", text[start:])
        if _MONEY_BEFORE.search(text[: start + lead_in.end()]):
            continue  # "the bank approved us for four twenty-five" is money, not 4:25
        if ruled_out(text, start) or _SET_ASIDE_AFTER.match(text, start + len(_clock_text(text, start))):
            continue  # "… no make it ten, nine is too early for me", "ten is the wife's doctor appointment"
        candidates.append((start, value))
    candidates = [c for c, after in zip(candidates, [*candidates[1:], None], strict=False)
                  if after is None or not _restarted(text, c, after)]
    found = candidates[0][1] if candidates else None
    first = candidates[0][0] if candidates else 0
    if len(candidates) > 1 and not _cued(text, first) and _said_roughly(text, first) and (
            cued := [value for start, value in candidates if _cued(text, start)]):
        found = cued[0]  # "around three-fifty … could we do Thursday at five thirty?": said as a time
    if len(candidates) > 1 and re.search(r"\b(?:so|then|instead|make it|rather|but|or|maybe)\b|"
                                         # "it's at ten … is there anything later that day, like five?"
                                         r"\b(?:safer|better|later|earlier|sooner)\b",
                                         text[candidates[0][0]:]):
        found = candidates[-1][1]  # "standup at 8, so make it 10"; "10 or 10:30, 10:30's safer"
    # "not 9 — how about 10?", "rather 2 than 3": a time ruled out anywhere is never the one
    return stance.settle(text, [stance.Mention(start, start + len(_clock_text(text, start)), value)
                                for start, value in _times(text) if (start, value) in candidates
                                or ruled_out(text, start)], found)


_CUE_BEFORE = re.compile(r"(?:\b(?:at|@)|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|\btomorrow|\btoday)\s+"
                         r"(?:at\s+)?(?:like\s+|about\s+|around\s+|say\s+)?$")
_ROUGH_WORD = r"(?:around|about|roughly|like|maybe|up to|under|over)\s"
_ROUGHLY_BEFORE = re.compile(rf"\b{_ROUGH_WORD}+$")
_ROUGHLY_AT = re.compile(_ROUGH_WORD)


def _said_roughly(text: str, start: int) -> bool:
    """A figure said roughly ("around three-fifty"): a price more often than an hour."""
    return bool(_ROUGHLY_BEFORE.search(text[:start]) or _ROUGHLY_AT.match(text, start))


_CUE_AFTER = re.compile(r"\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m|p\.m|o'?clock)\b")


def _cued(text: str, start: int) -> bool:
    """A number said as a clock time: after "at" or a day, or with AM, PM or o'clock."""
    return bool(_CUE_BEFORE.search(text[:start]) or _CUE_AFTER.match(text, start))


_THIS_NOT_THAT = re.compile(r"(?<!till )(?<!until )(?<!after )(?<!before )"
                            r"\b(\d{1,2})(?::(\d{2}))?(?:\s*(am|pm))?,? not (?:at )?\d{1,2}(?::\d{2})?\b"
                            r"(?!\s*(?:people|minutes|hours|days))")
"""A time said with the one it replaces ruled out right after ("make that 3 not 2")."""
_PREFERRED = re.compile(r"\b(\d{1,2})(?::(\d{2}))?(?:\s*(am|pm))?\s+(?:would be|is|'s|works|sounds) "
                        r"(?:even |much |a lot |a little |a bit )?(?:better|best|ideal|preferable)\b")
"""The hour said to suit best, of those named ("4 or 4:30. 4 would be better, actually")."""
_SET_ASIDE_AFTER = re.compile(r"\s*(?:o'?clock\s*)?(?:is|'s|was|would be|will be)\s+"
                              r"(?:just |way |a little |a bit )?"
                              r"(?:too (?:early|late|soon|tight)|no good|not good|bad|out|taken|"
                              r"(?:the|my|our|his|her|when|during) (?:\w+(?:'?s)? ){0,3}"
                              r"(?:appointment|appt|thing|meeting|class|practice|shift|pickup|drop ?off))\b|"
                              # "at ten I have work", "nine we've got the dentist": taken by the caller's own
                              r"\s*(?:o'?clock\s*)?,?\s*(?:i|we|he|she)\s*"
                              r"(?:have|has|got|'ve got|'ve|am|'m|are|'re)\s+(?:got\s+)?"
                              r"(?:(?:a|an|the|my|our|his|her|to go to|to be at)\s+)?(?:\w+\s+)?"
                              r"(?:work|job|meeting|appointment|appt|class|school|shift|dentist|doctor|call|"
                              r"practice|pick ?up|interview|church|court)\b"
                              r"(?![^.?!;]{0,12}\b(?:at|till|until|from|by|around)\s+(?:\d|noon|midday|lunch))"
                              # (not "one o'clock, I have my hair appointment in the morning", "ten-thirty,
                              # I've got a school drop-off first": another hour's, said why this one)
                              r"(?![^.?!;]{0,25}\b(?:in the (?:morning|afternoon|evening)|this morning|first|"
                              r"before(?:hand)?|earlier)\b)")
"""Words after a time that set it aside ("nine is too early for me", "ten is the wife's doctor
appointment")."""


def _said_again_to_refuse(head: str, tail: str) -> time | None:
    """"at ten, no wait, ten I've got a call, eleven": the hour set aside, named again first after
    the correction, says why not; the next other time said is the one wanted."""
    said = [(m.start(), clock(int(m[1]), int(m[2] or 0), m[3])) for m in _HOUR_SAID.finditer(tail)]
    said = [(start, value) for start, value in said if value is not None]
    before = [clock(int(m[1]), int(m[2] or 0), m[3]) for m in _HOUR_SAID.finditer(head)]
    if not said or re.search(r"\w", re.sub(r"\b(?:at|um|uh)\b", "", tail[: said[0][0]])) or not any(
            value is not None and value.hour % 12 == said[0][1].hour % 12 for value in before[-1:]):
        return None
    return next((value for start, value in said[1:] if value.hour % 12 != said[0][1].hour % 12
                 and not ruled_out(tail, start) and not for_other_activity(tail, start)), None)


_HOUR_SAID = re.compile(r"\b(\d{1,2})(?::(\d{2}))?(?:\s*(am|pm))?\b"
                        r"(?!\s*(?:st|nd|rd|th|%|dollars|bucks|k)\b)")


_RESTART = re.compile(r"\b(\d{1,2})(?::\d{2})?(?:\s*(?:am|pm|o'?clock))?"
                      r"([\s—–,.…-]*(?:(?:uh|um|er|ah|i mean|sorry|like|make (?:it|that))[\s—–,.…-]+)*)$")
"""A time said just before another that replaces it, and what lies between: a restart or a
refinement ("like two — two thirty", "at nine uh nine fifteen")."""


def _restarted(text: str, said: tuple[int, time], then: tuple[int, time]) -> bool:
    """Is ``then`` said right after ``said`` in its place: the same hour made exact, or a time
    taken back with a dash or a filler (not "9, 10", a list)?"""
    before = _RESTART.search(text, said[0], then[0])
    return before is not None and int(before[1]) % 12 == said[1].hour % 12 and (
        said[1].hour == then[1].hour or bool(re.search(r"[—–-]|\w", before[2])))


def _clock_text(text: str, start: int) -> str:
    """The words of the clock time said at ``start`` ("at 10:30 am")."""
    match = re.match(r"(?:noon|midday|12 noon|(?:(?:at|around|about|by|for|say|like|maybe)\s+)*"
                     r"(?:like\s+|maybe\s+|about\s+|around\s+)?\d{1,2}(?:[:\s]\d{2})?"
                     r"(?:\s*(?:a\.?\s?m\.?|p\.?\s?m\.?|o'?clock|in the \w+))?)", text[start:])
    return match.group(0) if match else text[start:start + 1]


@dataclass(slots=True, frozen=True)
class TimeWindow:
    """A span of the day the caller prefers, as times (inclusive start, exclusive end)."""

    start: time
    end: time
    label: str
    """How to say it back: "in the evening", "after 3 PM", "before noon"."""

    @property
    def part_of_day(self) -> str:
        if self.end <= time(12, 0):
            return "morning"
        if self.start >= time(16, 0):
            return "evening"
        if self.start >= time(12, 0):
            return "afternoon"
        return "morning" if self.start < time(11, 0) and self.end <= time(13, 0) else "afternoon"


_WINDOWS = (
    # (not "first thing I want to know is …": the first thing asked, no hour)
    (r"\bfirst thing\b(?! (?:i|we|you|they|he|she|is|was|to|that (?:i|we|you|they)|"
     r"on (?:the|my|our) (?:list|agenda))\b)|"
     r"\bas early as (?:possible|you can)\b|\bearliest\b|\b(?:when|whenever|as soon as|"
     r"right when) (?:you|y'?all|you guys|(?:your|the) doors?) (?:open|opens)\b",
     (time(0, 0), time(10, 0), "first thing in the morning")),
    (r"\bbefore (?:lunch|noon|midday)\b|\bin the morning\b|\bmornings?\b|"
     # ("I'm off early that day" is no morning, nor "this is really early, I'm just poking around")
     r"(?<!off )(?<!leave )(?<!leaving )(?<!out )(?<!this is )(?<!this is really )(?<!it's still )"
     r"(?<!its still )"
     # (nor "paying off my loan early", "out of the lease early": the money's early, not the hour)
     r"(?<!loan )(?<!balance )(?<!lease )(?<!mortgage )(?<!note )(?<!payment )(?<!bill )"
     # (nor "is it too early to be talking to somebody?": too soon in the move, no hour)
     r"(?<!too )\bearly\b(?! (?:days|stages?|on|in the (?:process|search|game))\b)"
     r"(?!,? (?:i'?m|we'?re) just\b)",
     (time(0, 0), time(12, 0), "in the morning")),
    (r"\blate (?:in the )?afternoon\b", (time(15, 0), time(18, 0), "late in the afternoon")),
    (r"\bafter lunch\b", (time(13, 0), time(17, 0), "after lunch")),
    (r"\b(?:around lunch|lunch ?time|over lunch)\b",
     (time(11, 30), time(14, 0), "around lunchtime")),
    (r"\bin the afternoon\b|\bafternoons?\b", (time(12, 0), time(17, 0), "in the afternoon")),
    (r"\bafter (?:work|five|5|my shift)\b|\bin the evening\b|\bevenings?\b|\btonight\b|"
     r"\blate (?:in the )?day\b|\bend of (?:the )?day\b",
     (time(17, 0), time(21, 0), "in the evening")),
)


def extract_window(u: Utterance) -> TimeWindow | None:
    """A part of the day asked for, kept as a window: "after work", "before lunch", "after 3",
    "first thing", "evening" — used to choose slots and callback times."""
    # "Morning. I'm an investor …", "good afternoon!": a greeting, no part of the day asked for
    text = re.sub(r"^\W*(?:(?:hi|hello|hey|yes|yeah|oh)\W+)?(?:good\s+)?"
                  r"(?:morning|afternoon|evening)\s*[.,!]",
                  " ", u.numeric)
    if (span := _span(text)) is not None:
        return span
    # (not the end of the caller's own busy stretch: "I'm on till five … call me after five thirty")
    bound = next((b for b in re.finditer(r"\b(after|before|past|until|till|earlier than|sooner than|"
                                         r"later than)\s+(?:like\s+|about\s+|around\s+)?"
                                         r"(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?(?=\W|$)", text)
                  if not (b.group(1) in {"until", "till"} and _BUSY_TILL.search(text[: b.start()]))), None)
    if (on := _FROM_ON.search(text)) and not _OTHER_ACTIVITY.search(clause_before(text, on.start())):
        at = clock(int(on["hour"]), int(on["minute"] or 0), on["meridiem"][0] if on["meridiem"] else (
            _day_part_meridiem(text)))
        if at is not None:  # "anytime from two on", "three or later"
            return TimeWindow(at, time(23, 0), f"after {_say(at)}")
    if bound and not _OTHER_ACTIVITY.search(clause_before(text, bound.start())):
        word, hour, minute, meridiem = bound.groups()
        at = clock(int(hour), int(minute or 0), meridiem[0] if meridiem else (
            _day_part_meridiem(text) if 1 <= int(hour) <= 12 else None))  # "this evening, after 7"
        later = word in {"after", "past", "later than"}
        if re.search(r"\b(?:not|no|nothing)\s+$", text[: bound.start()]):
            later = not later  # "not before ten", "no earlier than 10": from ten on
        elif word in {"earlier than", "sooner than", "later than"}:
            at = None  # "later than usual" bounds nothing said
        if at is not None:
            if later:
                return TimeWindow(at, time(23, 0), f"after {_say(at)}")
            return TimeWindow(time(0, 0), at, f"before {_say(at)}")
    text = re.sub(r"\b(?:good|g'?) ?(?:morning|afternoon|evening)\b", " ", text)  # greetings
    for tail in correction_tails(text):
        # "tomorrow morning? oh wait, no, I've got a closing tomorrow morning. tomorrow afternoon":
        # the part after the correction; one set aside and named again first says why not
        said = _windows_in(tail)
        if not said:
            continue
        before = {w.label for w in _windows_in(text[: len(text) - len(tail)])}
        if said[0].label in before:
            return next((w for w in said[1:] if w.label != said[0].label), said[0])
        return said[0]
    found = _windows_in(text)
    order = [label for _, (_, _, label) in _WINDOWS]
    return min(found, key=lambda w: order.index(w.label)) if found else None


_FROM_ON = re.compile(r"\b(?:(?P<from>from|starting(?: at)?)\s+(?:like\s+|about\s+|around\s+)?)?"
                      r"(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s*(?P<meridiem>a\.?m\.?|p\.?m\.?)?\s*"
                      r"(?:o'?clock\s+)?(?:(?(from)on|(?!))|onwards?|or (?:later|after))(?=\W|$)"
                      r"(?!\s+(?:the|a|my|\w+day))")
"""A time from which on anything works ("anytime from two on", "three or later")."""
_FREE_FROM = re.compile(
    r"\b(?:till|until|'?til|(?:back|home|free|off|done|out|available|around)"
    r"(?:\s+(?:at|by|around|about|after|from|till|until|'?til))*|after|not before)\s+"
    r"(?:like\s+|about\s+|around\s+|maybe\s+|roughly\s+|after\s+)*"
    r"(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s*(?P<meridiem>a\.?m\.?|p\.?m\.?)?(?=\W|$)"
    r"(?!\s*(?:evening|morning|afternoon|night|day|week|month|of|more|last|other))")


def free_from(u: Utterance) -> TimeWindow | None:
    """When someone who is busy now can be reached, said as the end of what keeps them ("I'm
    in a meeting until three", "he won't be home till after six", "she's off at 5:30"): the
    window from then on, for a callback. Only for a callback: asked for a visit, "I'm at work
    till five" is what the visit must avoid, not a time asked for."""
    found = _FREE_FROM.search(u.numeric)
    if found is None:
        return None
    hour, minute, meridiem = int(found["hour"]), int(found["minute"] or 0), found["meridiem"]
    at = clock(hour, minute, meridiem[0] if meridiem else _day_part_meridiem(u.numeric))
    return TimeWindow(at, time(23, 0), f"after {_say(at)}") if at is not None else None


def _windows_in(text: str) -> list[TimeWindow]:
    """The parts of the day named and not ruled out, in the order said."""
    found: list[tuple[int, int, TimeWindow]] = []
    for pattern, (start, end, label) in _WINDOWS:
        for match in re.finditer(pattern, text):
            if not ruled_out(text, match.start()) and not _BUSY_IN.search(text[: match.start()]) and not (
                    re.match(r"s?\s+(?:till|until|'til)\b", text[match.end():])) and not (
                    _GONE_THIS.search(text[: match.start()])) and not (
                    # "a puddle under my car every morning when i back out": when it happens
                    re.search(r"\b(?:every|each)\s+$", text[: match.start()])
                    and re.match(r"s?\s+(?:when|while|as soon as|once)\b", text[match.end():])):
                found.append((match.start(), match.end(), TimeWindow(start, end, label)))
    # "this afternoon's no good … tomorrow morning would be better", "scratch tonight":
    # a part of the day turned down is not asked for, when another is
    found.sort(key=lambda f: f[0])
    # (words after one that speak of the next one said are that one's: "Wednesday, I'm working late
    # Tuesday")
    refused = {w.label for i, (start, end, w) in enumerate(found) if stance.is_ruled_out(
        text, _with_its_day(text, start), end, found[i + 1][0] if i + 1 < len(found) else None)}
    if refused and any(w.label not in refused for _, _, w in found):
        found = [f for f in found if f[2].label not in refused]
    return [w for _, _, w in found]


def _with_its_day(text: str, start: int) -> int:
    """Where a part of the day starts with the day said before it ("not *this* morning")."""
    day = re.search(r"\b(?:this|tomorrow|today|in the|that)\s+$", text[max(0, start - 12): start])
    return start - len(day.group(0)) if day else start


_GONE_THIS = re.compile(r"\b(?:had to|gave|died|noticed|happened|broke|quit|went (?:dead|out|off)|"
                        r"wouldn'?t|didn'?t|couldn'?t|stalled|jumped|came on|lit up|"
                        r"started (?:making|acting|smoking))\b"
                        r"[^.?!,—]{0,30}\bthis\s+$")
"""Something that happened earlier today ("my neighbor had to give me a jump this morning"):
that part of the day is gone by, not asked for."""
_BUSY_TILL = re.compile(r"\b(?:i'?m|im|i am|we'?re|we are|she'?s|he'?s|i work|i'?m working|i'?ll be)\b"
                        r"[^.?!,]{0,30}$")
"""The caller's own busy stretch, up to its end ("I'm on", "I'm at the clinic every morning")."""
_BUSY_IN = re.compile(r"\b(?:in (?:meetings?|class|court|surgery)|busy|working|at work|tied up|slammed|"
                      r"stuck|swamped|asleep|sleeping|out|gone|on shift|"
                      # "I'm on a job site all morning": where the caller is taken up
                      r"on (?:a |the )?(?:job ?site|site|job|call|calls|road|clock|the phone|line)|"
                      # "he's at the VA all morning": somewhere else the whole stretch (not at home)
                      # ("I'm out at properties all afternoon")
                      r"(?:i'?m|he'?s|she'?s|we'?re|they'?re|i am|he is|she is) (?:out )?(?:at|in|on) "
                      r"(?:the |a |his |her |my )?"
                      r"(?!home\b|house\b|town\b)[\w-]+(?= (?:all|every|the whole))|"
                      r"(?:got|have|having|has) (?:[\w-]+ )?(?:aerobics|yoga|gym|choir|rehab|physio|"
                      r"bible study|lessons?|classes)|"
                      # "I'll have the kids all evening"
                      r"(?:got|have|having|has|watching) (?:the |my |our )?(?:kids|grandkids|baby|twins)|"
                      # "I've got a dentist thing in the afternoon"
                      r"(?:got|have|having|has) (?:a |an |my |the |his |her )?(?:[\w-]+ ){0,2}(?:thing|"
                      r"appointment|appt|meeting|class|practice|shift|doctor|dentist|therapy|pt|surgery|work|"
                      r"school|church)"
                      r"(?: thing)?(?: in)?)"
                      r"(?: all| every| the whole| most of the| in)?(?: the)?\s*$")
"""A part of the day the caller is taken up in ("I'm in meetings all morning") is not the one
asked for."""


def for_other_activity(text: str, start: int) -> bool:
    """The few words right before a time say it is for something else ("I get off work at 6"),
    unless the time is said as the one after it ("today after school like four thirty")."""
    if _AFTER_IT.search(text[max(0, start - 40): start]) or _PROPOSED.search(text[max(0, start - 40): start]):
        return False
    if re.search(r"\b(?:yesterday|last (?:night|week|month|time)|the other day)\b",
                 " ".join(clause_before(text, start).split()[-5:])):
        return True  # "then yesterday at like four thirty my boss calls": a time gone by
    words = clause_before(text, start).split()
    near = " ".join(words[-6:])
    if (other := _OTHER_ACTIVITY.search(near)) is None:
        return False
    if _SET_UP_WITH_US.search(" ".join(words[-10:])):
        return False  # "let's set up a meeting with an agent Friday at three": the visit itself
    if "lunch" in other.group(0) and re.search(r"\b(?:around|over|during|on (?:my|our|a)) lunch\b|"
                                               r"\blunch ?time\b", text):
        return False  # "around lunch? I get my lunch break at twelve-thirty": the visit is on it
    # "tuesdays I got the kids, wednesday at ten": the activity is the day set aside's; the day
    # said after it, with the time, is another
    said_after = _WEEKDAY_WORD.findall(near[other.start():])
    said_before = _WEEKDAY_WORD.findall(" ".join(words[:-6][-4:]) + " " + near[: other.start()])
    return not (said_after and said_before and said_after[-1][:5] != said_before[-1][:5])


_SET_UP_WITH_US = re.compile(r"\b(?:set up|schedule|book|arrange|get|grab|do|have) (?:a|an|the) (?:\w+ )?"
                             r"(?:meeting|appointment|appt|consultation|sit-?down)\b")
"""A meeting asked of us: its time is the visit's, not another errand's."""
_WEEKDAY_WORD = re.compile(r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?s?\b")


_FILLER_BEFORE_TIME = r"(?:(?:like|say|maybe|so|probably|um|uh|ish)\b[\s,]*)"
_PROPOSED = re.compile(r"\b(?:how about|what about|(?:can|could) (?:we|you|y'?all) (?:do|try)|"
                       r"let'?s (?:do|say|try)|"
                       # "could we start it earlier like seven thirty": the visit's start moved
                       r"(?:start|begin|move|bump|push|put) (?:it|that|this|them)(?: (?:up|back|over|in))?"
                       r"(?: (?:earlier|later|sooner|instead))?(?: to)?|"
                       r"make (?:it|that))\s+(?:at\s+)?" + _FILLER_BEFORE_TIME + r"*$")
"""A time proposed ("I drop the kids at eight, how about nine thirty") is the visit's."""
_AFTER_IT = re.compile(r"\b(?:after|once|when) (?:(?:i get off|i'?m off|i'?m done|i'?m out)\b[\s,]*"
                       + _FILLER_BEFORE_TIME + r"+|(?:school|work|class|church|practice|the gym|my shift|"
                       r"lunch)"
                       r"(?:'?s out| lets out| is out)?\b[\s,]*" + _FILLER_BEFORE_TIME + r"*)$")
"""A time said as the one after the activity named ("after work, say 5:30"), not the activity's
own ("after I get off at five")."""


_SPAN_END = r"(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?|(noon|midday|lunch(?:time)?)"
SPAN = re.compile(r"\b(?:between|from|after)\s+(?:like\s+|about\s+|around\s+)?"
                  rf"(?:{_SPAN_END})(?:\s+(?:but\s+)?(?:and|to|till|until|before)\s+|\s*-\s*)"
                  r"(?:like\s+|about\s+|around\s+)?"
                  rf"(?:{_SPAN_END})(?=\W|$)")
"""A span of the day with both ends ("between lunch and three", "from 1 to 3", "after lunch
but before three")."""


def _span(text: str) -> TimeWindow | None:
    match = SPAN.search(text)
    if match is None or _OTHER_ACTIVITY.search(clause_before(text, match.start())):
        return None
    h1, m1, p1, w1, h2, m2, p2, w2 = match.groups()
    meal = {"noon": time(12, 0), "midday": time(12, 0)}
    start = (meal.get(w1, time(13, 0)) if w1  # "after lunch": lunch is over at one
             else clock(int(h1), int(m1 or 0), p1[0] if p1 else None))
    end = (meal.get(w2, time(12, 0)) if w2
           else clock(int(h2), int(m2 or 0), p2[0] if p2 else None))
    if start is None or end is None:
        return None
    if end <= start and end.hour < 12 and not p2:
        end = time(end.hour + 12, end.minute)  # "between 10 and 2"
    if end <= start:
        return None
    return TimeWindow(start, end, f"between {_say(start)} and {_say(end)}")


def extract_time_of_day(u: Utterance) -> str | None:
    """Morning, afternoon or evening, when the caller names a part of the day."""
    window = extract_window(u)
    if window is not None and not window.label.startswith(("after ", "before ")):
        return window.part_of_day
    if re.search(r"\b(?:midday)\b", u.lower):
        return "afternoon"
    return None


def _say(at: time) -> str:
    hour = at.hour % 12 or 12
    suffix = "AM" if at.hour < 12 else "PM"
    return f"{hour}:{at.minute:02d} {suffix}" if at.minute else f"{hour} {suffix}"


