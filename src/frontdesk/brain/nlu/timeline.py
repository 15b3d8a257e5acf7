"""How soon a lead wants to move, from the caller's words: a span ("in the next six months"), a
month or a season ("by June", "over spring break"), an event ("once school lets out", "when my lease
is up", "once the divorce is final, which should be February"), or none set. A span in the past
("we bought it twelve years ago") or a rent is not a timeline; a figure put right is the one kept.
Split from :mod:`.lead` (money, financing, motivation) along the facts it reads.
"""

from __future__ import annotations

import re
from datetime import date

from frontdesk.brain.nlu.stance import clause_before
from frontdesk.brain.nlu.text import Utterance, correction_tails, ruled_out
from frontdesk.brain.nlu.when import MONTH, parse_date

NO_TIMELINE = "no set timeline"
"""What "just looking, no rush" says of when: no time at all (scored as far off as it gets)."""
_UNIT_MONTHS = {"day": 1 / 30, "week": 0.25, "month": 1.0, "year": 12.0}
_COUNT_WORDS = {"a": 1, "an": 1, "one": 1, "a few": 3, "few": 3, "a couple of": 2, "a couple": 2,
                "couple of": 2, "couple": 2, "several": 4}
_SEASON_MONTH = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}


_COUNTED = re.compile(r"\b(?:within|in|next|about|around|like|over|the next)?\s*"
                      # "in two, three weeks", "two three months": the longer
                      r"(?:\d+\s*(?:,|or|to|-)\s*|\d+\s+(?=\d))?"
                      r"(\d+(?:\.\d+)?|a few|few|a couple of|a couple|couple of|couple|several|an|a|one)\s+"
                      r"(day|week|month|year)s?\b")
_SO_FAR = re.compile(r"\b(?:'ve|have|has|had|we|i) (?:been|lived|owned|had|rented|stayed|kept)\b|"
                     r"\bbeen (?:in|at|here|there|living|renting|owning)\b|\b(?:going|coming up) on\s*$")
"""How long something has gone on so far ("we've been in the house going on fifteen years")."""


_PAST_EVENT = re.compile(r"\b(?:passed(?: away)?|died|(?<!\bbe )(?<!\bbe all )(?<!\bhopefully )(?<!\bget )"
                         r"moved(?: in| here| out)?|"
                         r"bought (?:it|the \w+)|"
                         r"started|retired|got married|got divorced|was born|inherited it|"
                         r"(?:was|were|went|got|became) (?:final|finali[sz]ed|official|done|over|signed)|"
                         r"closed on (?:it|the \w+)|sold (?:it|the \w+)|happened|back|ago|last|"
                         # "my son turns sixteen in March": a birthday, not the move
                         r"turn(?:s|ing)? (?:\d+|[a-z]+(?:-[a-z]+)?)|birthday(?: is)?|"
                         # "our youngest graduates from UT in May": the graduation, not the move
                         r"graduat(?:es|ing|ed|e)(?: from [\w&.' ]{1,25}?)?)\s*$")
"""A month after a past event ("she passed in October") dates the event, not the move."""


def _looks_back(text: str, match: re.Match[str]) -> bool:
    after = text[match.end(): match.end() + 12]
    before = text[max(0, match.start() - 30): match.start()]
    ahead = re.match(r"\s*(?:within|in|next|the next)\b", match.group(0))
    counted = _COUNTED.fullmatch(match.group(0).strip())
    years = int(counted[1]) if counted and counted[2] == "year" and counted[1].isdigit() else 0
    if years >= 5 and not ahead:
        return True  # "I sold my landscaping business last fall, thirty one years": a span lived
    if _SO_FAR.search(clause_before(text, match.start())) and not re.match(
            r"\s*(?:within|in|next|the next)\b", match.group(0)):
        return True  # a span up to now, not one ahead
    # ("I'm not moving boxes eight months pregnant": how far along, not how soon)
    if re.match(r"\s*now\b", after) and re.search(r"\b(?:more|closer to|rather)\s+(?:like\s+)?$",
                                                 text[max(0, match.start() - 15): match.start()] + "like "
                                                 if match.group(0).startswith("like") else before):
        return False  # "it's more like two months now": the span put right, ahead
    return bool(re.match(r"\s*(?:ago|old|back|now|already|and counting|so far|pregnant|along)\b", after)
                or re.search(
        r"\b(?:for|been|past|last|since|lived|owned|had|bought|had it|spent|took|took us)"
        r"(?:\s+(?:it|there|here|the|about|almost|over|nearly|like))*\s*$", before) or re.search(
        # "had the same tenants eight years": how long something has been, not how soon
        r"\b(?:had|owned|lived in|rented|kept)\s+(?:[a-z']+\s+){0,2}[a-z']+\s*$", before) or re.search(
        # "rather than pay rent four years we'd buy her a condo": how long she would rent, not how soon
        r"\b(?:pay(?:ing)? rent|rent(?:ing)?|lease)\s*(?:for\s+)?(?:the\s+)?(?:next\s+)?$", before))


def extract_timeline(u: Utterance, today: date, *, expecting: bool = False) -> tuple[float, str] | None:
    """How soon the caller wants to move, in months, plus the phrase it came from. A span in
    the past ("we bought it twelve years ago") is not a timeline; one put right ("like a year, no
    sooner, like six months") is the one it was put right to."""
    said = _timeline(u.numeric, today, expecting=expecting)
    last = re.split(r"(?<=[.!?])\s+", u.numeric.strip())[-1]
    if said is not None and last != u.numeric.strip() and _SO_THEN.match(last) and (
            settled := _timeline(last, today, expecting=True)) is not None:
        return settled  # "… wait till the baby comes in April. okay, … after the baby. so May, June"
    if said is not None and not expecting and any(
            said[1] in sentence and _MEETING_WHEN.search(sentence)
            for sentence in _sentences_and_next(u.numeric)):
        return None  # "I don't think we're ready to meet with anybody yet. maybe after the new year"
    if said is not None and _NO_TIMELINE.search(u.numeric) and re.match(_EVENTS, said[1]) and not (
            re.search(rf"\b(?:before|by|after|once|around) (?:the |our |my |her |his )?{_EVENTS}",
                      u.numeric)):
        return None  # "honestly no timeline at all, my daughter's wedding is in June": the wedding's month
    # ("maybe in like three months — well, realistically six": the span said again, settled)
    settled = [u.numeric[m.end():] for m in reversed(list(_REALISTICALLY.finditer(u.numeric)))]
    for tail in [*correction_tails(u.numeric), *settled]:
        # a month put right is the timeline though said bare ("August, no, wait, it's September now")
        if (put_right := _timeline(tail, today, expecting=expecting or said is not None)) is not None:
            return put_right
        unit = re.search(r"\b(month|week|year)s?\b", said[1]) if said else None
        if unit and (bare := _BARE_COUNT.search(tail)):
            # "about six months — no, sorry, more like three, tops": three of the same
            months = int(bare[1]) * {"month": 1, "week": 0.25, "year": 12}[unit[1]]
            return months, f"{bare[1]} {unit[1]}s"
    return said


_REALISTICALLY = re.compile(r"\b(?:realistically|honestly|more like|probably more like|truthfully)\b,?\s*")
"""A span said again as the real one ("three months — well, realistically six")."""
_NO_TIMELINE = re.compile(r"\bno (?:real |set |particular )?(?:timeline|time ?frame|rush|deadline)\b|"
                          r"\bnothing urgent\b")
_EVENTS = r"(?:wedding|baby|due date|transfer|start date|deployment|retirement|graduation)"


_SO_THEN = re.compile(r"\W*(?:(?:ok(?:ay)?|alright|yeah|fine|well|right|good)\W+)*(?:so|which means|meaning|"
                      r"that means)\b")
"""A last sentence that draws the conclusion ("so May, June"): the timeline settled on."""
_BARE_COUNT = re.compile(r"(?<![:\d])\b(\d{1,2})\b"
                         r"(?!:\d|\s*(?:%|k\b|thousand|grand|am|pm|a\.m|p\.m|o'?clock))")
"""A number said bare after a correction (not a clock time: "Saturday, eleven thirty?")."""


def _sentences_and_next(text: str) -> list[str]:
    """Each sentence joined to the one after it (a time said just after the meeting it is of)."""
    sentences = re.findall(r"[^.?!]+[.?!]*", text)
    return [a + b for a, b in zip(sentences, [*sentences[1:], ""], strict=True)]


_MEETING_WHEN = re.compile(r"\b(?:(?:not|n'?t) (?:\w+ )?ready to (?:meet|sit down|talk)|"
                           r"(?:we'?ll|i'?ll) (?:call|reach out|get back))\b")
"""A time said of a meeting or of calling back, not of the move ("not ready to meet anybody yet,
maybe after the new year")."""


_BY_MONTH = re.compile(rf"\b(?:by|in|before|around|until|till|after|early|late|mid|end of|next|for|"
                       # "the builder says March, so we'd list around then"
                       rf"(?:builder|lender|contractor|agent|he|she|they) says|"
                       rf"start of|beginning of|(?:first|last|second) (?:week|half) of|"
                       # "i start at the hospital may first", "our lease is up september first":
                       # the day the move has to be done by
                       rf"(?:i|we|she|he) (?:start|begin|report)(?:s)?(?: \w+){{0,7}}?(?: on)?|"
                       rf"lease (?:is |'s )?(?:up|over|done|out)(?: on| in)?|"
                       rf"lease (?:ends|runs out|renews)(?: on| in)?|"
                       # "once the divorce is final, which should be February"
                       rf"(?:which|that|it) (?:should|will|would|'?ll|is supposed to|is gonna) be|"
                       # "before the wedding, which is in May", "the baby's due in March"
                       rf"(?:which|that) (?:is|'s) in|(?:wedding|baby|due date|transfer|start date|"
                       rf"deployment|retirement|graduation)(?:'s| is)(?: due)? in|"
                       # "HR said the start date was August"
                       rf"start date (?:is|was|'s|will be|got moved to|is now)|"
                       # "our youngest graduates in May, and after that we'd like to sell"
                       rf"(?:graduates?|retires?|finishes|deploys|gets? out|starts? school) in)[\s,]+"
                       rf"(?:(?:like|about|around|maybe|probably|early|late|mid|next),? |"
                       rf"(?:early|late|mid)-)?"
                       rf"(?:the (?:\w+|\d+(?:st|nd|rd|th)) of )?"  # "by the first of April"
                       rf"({MONTH})\b(?! (?:be|have|i|we|not)\b)|\b({MONTH})(?:-| )ish\b|"
                       rf"\b({MONTH}) or (?:maybe )?{MONTH}\b")
"""A month the move is by or in ("by June", "lease is up september first", "june or july")."""


_MEETING = re.compile(r"\b(?:meet|meeting|sit down|come (?:in|by|out|over)|stop by|appointment|consult\w*|"
                      r"showings?|show (?:us|me)|tour|walk ?through|available|free|open(?:ings?)?|slots?)\b")
"""Words of a meeting: a week said beside them is when to meet."""


def sentence_of(text: str, at: int) -> str:
    """The sentence of ``text`` that holds position ``at``."""
    start = max(text.rfind(mark, 0, at) for mark in ".?!") + 1
    ends = [i for i in (text.find(mark, at) for mark in ".?!") if i >= 0]
    return text[start: min(ends) if ends else len(text)]


def _timeline(text: str, today: date, *, expecting: bool) -> tuple[float, str] | None:
    urgent = re.search(r"\b(?:asap|as soon as possible|(?:as )?soon as (?:we|i) (?:can|possibly can)|"
                       r"right away|immediately|urgent(?:ly)?|"
                       r"(?:need|want|looking|ready|buy|sell|move|list)\w*\b[^,.]{0,25}\bright now)\b",
                       text)  # "we're renting right now" says how things are, not how soon
    # "like, yesterday. we just need it gone"
    urgent = urgent or re.search(r"(?:^|\blike,? |\bby |(?:timeline|when|how soon)\W+)yesterday\b|"
                                 r"\bneed (?:it|this|the house) (?:gone|sold)\b", text)
    if urgent and not ruled_out(text, urgent.start()) and not re.search(
            r"\b(?:nothing|not|no(?:thing)? real(?:ly)?)\s+$", text[: urgent.start()]):  # ("nothing urgent")
        return 0.5, "as soon as possible"
    if re.search(r"\b(?:a|the|one|next) month or (?:two|2)\b", text):
        return 2.0, "a month or two"  # "within the month or two"
    if re.search(r"\b(?:within|in) the (?:next )?month\b(?!\s*or\b(?! so\b))|\bthis month\b|"
                 r"\bby the end of the month\b", text):
        return 1.0, "within the month"  # "within the month, hopefully"
    # "we bought it twelve years ago", "300 bucks a month" are no timeline; one said after them
    # may be ("we've lived there 20 years and want to sell in 6 months")
    counted = next((found for found in _COUNTED.finditer(text) if not (
        _looks_back(text, found)
        or re.search(r"(?:bucks|dollars|\d,?|per|each|every)\s*$", text[: found.start()].rstrip())
        # ("olu wa shay and a day yemi": a name the line broke, no move "in a day")
        or (found.group(2) == "day" and found.group(1) in {"a", "an", "one"} and not re.match(
            r"\s*(?:within|in|next|the next)\b", found.group(0)))
        # "a week from today": a day for the visit, not how soon they move
        or (found.group(2) in {"week", "day"} and re.match(
            r"\s*from (?:today|tomorrow|this|next|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
            text[found.end():])))), None)
    if counted:
        raw_count, unit = counted.groups()
        count = _COUNT_WORDS.get(raw_count) or float(raw_count)
        return float(count) * _UNIT_MONTHS[unit], counted.group(0).strip()
    if re.search(r"\bnext year\b", text) and not re.search(r"\bearly (?:in )?next year\b", text):
        return 12.0, "next year"
    if (within := re.search(r"\b(?:within|in|inside|sometime in|over) (?:the )?(?:next )?"
                            r"(?:year|twelve months|12 months)\b", text)) and not _looks_back(text, within):
        return 12.0, within.group(0)  # "sometime within the year, we're not in a huge rush"
    soon = re.search(r"\b(?:next|this) (week|month)\b(?! for (?:a|the|my|work)\b)", text)
    if soon and _MEETING.search(sentence_of(text, soon.start())):
        soon = None  # "could we meet with an agent next week?": when to meet, not when to move
    if soon:  # ("in Austin this week for a conference": where the caller is, not when they move)
        months = 0.25 if soon.group(1) == "week" else 1.0
        return (months if soon.group(0).startswith("next") else months / 2), soon.group(0)
    year = re.search(r"\b(?:this year|end of (?:the )?year|by (?:the )?new year)\b", text)
    if year and not re.search(
            # ("Halloween's a Sunday this year": when a day falls, not a move)
            r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|falls?(?: on)?|lands?(?: on)?|(?:a |real )?day)"
            r"\s+$",
            text[max(0, year.start() - 20): year.start()]):
        # ("Tuesday the 29th — that's a real day this year, right? leap year?": the date's)
        return max(1.0, 12.0 - today.month + 0.5), "by the end of the year"
    if first := re.search(r"\b(?:(?:the )?(?:first|start|beginning|turn) of (?:the|next) year|"
                          r"early (?:next year|in (?:the|next) (?:new )?year)|"
                          r"(?:after|around|in|at) (?:the )?new year(?:'?s)?)\b", text):
        return float(13 - today.month), first.group(0)  # "transferring me to Austin first of the year"
    if later := re.search(r"\bnot (?:(?:moving|buying|selling|listing|looking|going|planning)(?: \w+)? )?"
                          r"(?:for|until|till|before) (?:another |at least |about |around |like |maybe )?"
                          r"(a|one|two|three|\d+)"
                          r"(?: or (?:two|three|four|\d+))? (year|month)s?\b", text):
        # "probably not for a year or two": at least that long
        count = {"a": 1, "one": 1, "two": 2, "three": 3}.get(later[1]) or float(later[1])
        return float(count) * (12 if later[2] == "year" else 1), later.group(0)
    season = re.search(r"(?:^|[.,;!?]\s*)(spring|summer|fall|autumn|winter),? (?:probably|maybe|likely|"
                       r"hopefully|i think|i'?d say|ish)\b|"  # "Spring, probably"
                       r"\b(?:this|next|by|in the|by the|probably|maybe|likely|prob(?:ly)?|around|till|until|"
                       r"after|come|over(?: the)?|during(?: the)?|before(?: the)?|"  # "over spring break"
                       r"sometime in(?: the)?|early|late|mid|(?:hoping|planning) for|(?:the )?(?:end|start|"
                       r"beginning|middle) of(?: the)?)\s+(?:the\s+)?"  # ("not till the fall")
                       r"(spring|summer|fall|autumn|winter)\b(?! (?:camp|vacation|trip|job))", text)
    if season and _PAST_EVENT.search(clause_before(text, season.start())):
        season = None  # "my dad passed in the spring": when it happened, not the move
    # a season, the school year and a month can all be said of one move: the first of season or
    # school year stands, unless a month is named after it ("… so by June or so")
    said: list[tuple[int, tuple[float, str]]] = []
    if season:
        named = season.group(1) or season.group(2)
        month = _SEASON_MONTH[named] + (2 if re.search(r"\b(?:end|late)\b", season.group(0)) else 0)
        months = (month - today.month) % 12 or 12
        said.append((season.start(), (float(months), season.group(0).lstrip(".,;!? "))))
    school = re.search(r"\b(?:after|once|when|end of|by|before|until|till)\s+(?:the\s+)?"
                       r"(?:kids\s+(?:are|get)\s+out|"
                       r"(?:(?:the |our |my )?(?:kids'?|\w+'s) )?school(?:'s| is| lets| gets)?\s*out|"
                       r"(?:(?:the |our |my )?(?:kids'?|\w+'s) )?school year|"
                       r"semester ends|summer break|(?:the )?(?:kids|they|she|he|our \w+|my \w+) "
                       r"(?:finish|finishes|are done with|get out of|graduate from) (?:the )?(?:school|year|"
                       r"semester))", text)
    if school:  # "after the school year", "once school lets out": June
        said.append((school.start(), (float((6 - today.month) % 12 or 12), school.group(0))))
    starts = re.search(r"\b(?:by|before)\s+(?:the time\s+)?(?:the\s+)?(?:new\s+)?school(?:\s+year)?\s+"
                       r"(?:starts|begins|starts back|is back|gets going)\b|"
                       r"\bbefore (?:the )?(?:first day of|start of) school\b|\bback to school\b", text)
    if starts:  # "in by the time school starts": mid August
        said.append((starts.start(), (float(max((8 - today.month) % 12, 0.5) or 12), starts.group(0))))
    # (not "my grandma passed in october": something that happened, not the move)
    by_month = next((m for m in _BY_MONTH.finditer(text)
                     if not _PAST_EVENT.search(clause_before(text, m.start()))), None)
    if by_month is None and expecting and not said:
        # "June, probably", asked how soon; "May." alone too (elsewhere "may" is a verb)
        by_month = re.search(rf"\b(?!may\b)({MONTH})\b", text) or re.fullmatch(r"\W*(may)\W*", text) or (
            # "next May after the youngest graduates", "so like May, realistically"
            re.search(r"\b(?:next|like|maybe|probably|around|say|early|late|mid|in|by) (may)\b"
                      r"(?! (?:i|we|be|have)\b)", text))
    if by_month:
        month_word = next(g for g in by_month.groups() if g)
        parsed = parse_date(f"{month_word} 1", today)
        if parsed:
            months = (parsed.year - today.year) * 12 + parsed.month - today.month
            if months < 0:
                months += 12
            # ("which should be February": "by February")
            named_as = re.sub(r"^(?:which|that|it) (?:should|will|would|'?ll|is supposed to|is gonna) be\W+|"
                              r"^(?:which|that) (?:is|'s) in\W+", "by ", by_month.group(0))
            said.append((by_month.start(), (float(max(months, 0.5)), named_as)))
    month_said = said.pop() if said and by_month is not None and said[-1][0] == by_month.start() else None
    if said and month_said and month_said[0] > said[0][0]:
        return month_said[1]  # "over the summer, before school starts, so by June or so"
    if said:
        return said[0][1]  # "likely spring, once the kids are done with school": spring
    if month_said:
        return month_said[1]
    holiday = re.search(r"\b(?:by|before|after|around|until|till|over|for)\s+(?:the\s+)?"
                        r"(christmas|the holidays|holidays|new year'?s?|thanksgiving|labor day|"
                        r"halloween)\b", text)
    if holiday and re.match(r"[^.?!]{0,30}\b(?:told|said|was|were|happened|came|visited|asked|decided|"
                            # (not "… like january were downsizing": "we're", heard without its mark)
                            r"realized|found out)\b(?! \w+ing\b)", text[holiday.end():]):
        holiday = None  # "over the holidays the landlord told us he might sell": what happened then
    if holiday:
        month = {"thanksgiving": 11, "christmas": 12, "labor day": 9, "halloween": 10}.get(
            holiday.group(1), 13)
        after = holiday.group(0).startswith("after")
        months = (month - today.month) % 12 + (1 if after else 0)
        return float(max(months, 0.5)), holiday.group(0)
    if re.search(r"\bnot (?:\w+ )?(?:selling|buying|moving|listing|ready|looking to (?:sell|buy|move))"
                 r"(?: \w+)? yet\b", text):
        return 18.0, "not yet"  # "we're not selling yet, just curious": later, not never
    if re.search(r"\b(?:just (?:looking|browsing|curious)|no rush|someday|eventually|"
                 r"not in (?:a|any) (?:rush|hurry)|(?:don'?t|do not) (?:really )?know when|"
                 r"whenever the right (?:one|place|house|home)|depends (?:on )?what'?s out there|"
                 r"no hurry|no timeline)\b", text):
        return 18.0, NO_TIMELINE
    # ("got a job in Austin, starts June first": the job's start, said without who starts)
    starts = re.search(rf"\b(?:(?:i|we|he|she|it)(?: \w+)? )?(?:start|begin)(?:s|ing)?"
                       rf"(?: (?:work|the (?:new )?job|my (?:new )?job|there))?(?: on)? (?:the )?"
                       rf"({MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b", text)
    if starts and re.search(r"\b(?:job|transferr\w*|relocat\w*|moving|move|company|position|work|hired)\b",
                            text):
        # "my company's transferring me … I start February first": the move is due by then
        day = parse_date(f"{starts.group(1)} {starts.group(2)}", today)
        if day is not None and day > today:
            return max(0.5, round((day - today).days / 30, 1)), f"by {starts.group(1)} {starts.group(2)}"
    dated = re.search(rf"\b({MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b", text)
    if dated and re.search(r"\b(?:by|before) (?:then|that (?:time|date|point))\b", text):
        # "I start at Dell on January 4th, and we'd like to be in a house by then"
        day = parse_date(f"{dated.group(1)} {dated.group(2)}", today)
        if day is not None:
            return max(0.5, round((day - today).days / 30, 1)), f"by {dated.group(0)}"
    return None
