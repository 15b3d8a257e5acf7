"""Dates as callers say them.

Dates are resolved against the business's today and never land in the past; of several, the one
settled on wins; a date that belongs to something else (a job that starts, a visit already
made) is not the appointment's. Parsing of a date span is ``dateparser``'s. Clock times and
parts of the day are :mod:`.clock`'s.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from itertools import pairwise

import dateparser

from frontdesk.brain.nlu import stance
from frontdesk.brain.nlu.day_blocked import ruled_out_after
from frontdesk.brain.nlu.holidays import HOLIDAY, holiday_date
from frontdesk.brain.nlu.other_days import belongs_elsewhere
from frontdesk.brain.nlu.stance import clause_before
from frontdesk.brain.nlu.text import (
    CORRECTION,
    DATE_SPAN,
    MONTH,
    WEEKDAY,
    Utterance,
    correction_tails,
    ruled_out,
    weekday_index,
)


@lru_cache(maxsize=2048)
def parse_date(span: str, today: date) -> date | None:
    base = datetime.combine(today, time(12, 0))
    parsed = dateparser.parse(
        span.replace("next ", "").replace("coming ", "").replace("this ", "").replace(" the ", " "),
        languages=["en"],
        settings={"PREFER_DATES_FROM": "future", "RELATIVE_BASE": base},
    )
    if parsed is None:
        return None
    # "next Tuesday" means the coming Tuesday, as most callers use it.
    return parsed.date()



def _day_of_month(day: int, today: date, weekday: int | None = None, months: int = 3) -> date | None:
    """"the 3rd": the next 3rd of a month that is today or later (and falls on ``weekday``, when
    given, within ``months``)."""
    year, month = today.year, today.month
    for _ in range(months):
        try:
            candidate = date(year, month, day)
        except ValueError:
            candidate = None
        if candidate is not None and candidate >= today and weekday in {None, candidate.weekday()}:
            return candidate
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


def _weekday_of_month(weekday: int, day: int, today: date) -> date | None:
    """"Tuesday the 7th": the next 7th of a month that falls on a Tuesday (within a year)."""
    return _day_of_month(day, today, weekday, months=12)


_DAY_NUMBER_AFTER = re.compile(r",?\s+(?:(?:before|after|following)(?:,?\s+(?:then|that),?|,)\s+)?(?:the\s+)?"
                               r"(\d{1,2})(?:st|nd|rd|th)\b")
"""The day of the month said right after a weekday ("Thursday the 3rd", "the Tuesday before, the
22nd"): the calendar date says it exactly."""
_BARE_ORDINAL = re.compile(r"\bthe\s+(\d{1,2})(?:st|nd|rd|th)\b(?!\s+of\b)")


_NEXT_TO_IT = re.compile(r"\bthe day (after|before)(?=\s*(?:[,.!?;]|$|then\b|,?\s*(?:on )?(?:mon|tues|wednes|"
                         r"thurs|fri|satur|sun)day\b))")
"""The day after or before the one just talked about, said alone ("the day after then, Wednesday")."""


def near_focus(u: Utterance, found: date | None, today: date, focus: date | None, *,
               offered: bool = False) -> date | None:
    """"The 26th" said while a day weeks ahead is under discussion (Christmas Day was just
    offered) means the 26th nearest that day, not the next 26th from today; ``found`` stands
    otherwise (a month or weekday named, no focus, or a focus within the month)."""
    # the one weekday named, alone: "oh good, Monday works", "yeah eleven on tuesday that's fine"
    # ("uh tuesday lets just do tuesday mornin": one weekday, said twice)
    # (a weekday of the caller's own errand is not one of them: "… say Wednesday, I'm getting my hair
    # done Tuesday")
    bare_day = len({m.group(0)[:3] for m in re.finditer(WEEKDAY, u.numeric)
                    if not belongs_elsewhere(u.numeric, m.start())}) == 1 and not re.search(
        rf"{MONTH}|\b\d{{1,2}}(?:st|nd|rd|th)\b|\bweeks?\b", u.numeric)
    if (bare_day and focus is not None and found is not None and found < focus
            and found.weekday() == focus.weekday() and (focus - today).days <= 60
            and not re.search(r"\b(?:this|next|tomorrow|today)\b", u.numeric)):
        return focus  # "the first? is that a Monday?" … "oh good, Monday works": that Monday
    if (bare_day and focus is not None and found is not None and (focus - today).days <= 120
            and (side := re.search(rf"\bthe {WEEKDAY} (before|after)\b(?=\s*(?:[,.?!;]|$|then\b|that\b|"
                                   r"like\b|at\b|around\b|say\b|maybe\b|\d|in the\b))", u.numeric))):
        # "oh, it's a holiday? the saturday before, then?": that weekday before the day asked about
        step = ((focus.weekday() - found.weekday()) % 7 or 7) if side[1] == "before" else -(
            (found.weekday() - focus.weekday()) % 7 or 7)
        if (day := focus - timedelta(days=step)) >= today:
            return day
    if focus is not None and not offered and (focus - today).days <= 120 and (side := _NEXT_TO_IT.search(
            u.numeric)) and (
            (day := focus + timedelta(days=1 if side[1] == "after" else -1)) >= today) and (
            found is None or found.weekday() == day.weekday()):
        return day  # "I'm off on the Fourth, you open?" … "the day after then, Wednesday": the fifth
    if (bare_day and offered and focus is not None and found is not None and (focus - today).days <= 60
            and found < (week := focus - timedelta(days=focus.weekday())) and week > today
            and not re.search(r"\b(?:this|tomorrow|today)\b", u.numeric)):
        # "sometime next week?" … "Monday, May 24 I have …" … "Tuesday's fine": that week's
        return week + timedelta(days=found.weekday())
    ordinal = _BARE_ORDINAL.search(u.numeric)
    if (focus is None or found is None or ordinal is None or focus <= today
            or re.search(rf"{MONTH}\s+\d|{WEEKDAY}", u.numeric)
            or found != _day_of_month(int(ordinal.group(1)), today)):
        return found
    day = int(ordinal.group(1))
    options = []
    for shift in (-1, 0, 1):
        month = (focus.month - 1 + shift) % 12 + 1
        year = focus.year + (focus.month - 1 + shift) // 12
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    options = [d for d in options if d >= today]
    return min(options, key=lambda d: abs((d - focus).days)) if options else found


_WEEK_FROM = re.compile(rf"\b(?P<n>a|one|1|two|2|three|3) weeks? from (?:this (?:coming )?|the coming )?"
                        rf"(?P<start>today|tomorrow|now|{WEEKDAY})\b|"
                        rf"\b(?:the )?(?P<after_next>{WEEKDAY}) after next\b|"
                        rf"\b(?P<week_on>{WEEKDAY}) week\b|"  # "thursday week": a week on thursday
                        r"\bin (?:a|one|1) week(?:'s time)?\b(?! from)|\bthis time next week\b")
_PAST = re.compile(r"\b(?:died|happened|was|were|did|broke|went|had|been|started|stalled|quit|"
                   # not "we already got a meeting with y'all next week": one on the books, to come
                   r"failed|twice|once|times|already(?! (?:got|have|has|booked|scheduled|set|on)\b)|ago)\b")
_OTHER_DOING = re.compile(r"(?:'re|'m|'s|\bare|\bam|\bis|\bbe)\s+(?:\w+\s+)?(?:out of town|away|"
                          r"(?!(?:coming|bringing|dropping|stopping|hoping|looking|wanting|trying|thinking|"
                          r"planning|going to|gonna|able|free|open|available|around)\b)(?!\w*thing\b)"
                          r"[a-z]+ing)\b")
"""Another thing the caller does that week ("we're talking to a lender this week", "we're getting
rid of the landline next week"); not a visit ("we're hoping to come in next week")."""
_NO_TIME = re.compile(r"\b(?:don'?t|do not|won'?t|can'?t|cannot) (?:have|get|find|make) (?:the |any )?time\b|"
                     r"\b(?:no time|too (?:busy|slammed|swamped))\b")
_DECISION = re.compile(r"\b(?:maybe|probably|let'?s say|let'?s (?:do|go with|make it)|go with|"
                       r"i'?ll take|make it|better|safer|to be safe)\b")


_THAT_PART = re.compile(r"\bthat (?:same )?(?:morning|afternoon|evening|day|night)\b")


def _all_dates(text: str, today: date) -> list[date]:
    found = []
    for match in DATE_SPAN.finditer(text):
        if ruled_out(text, match.start()) or ruled_out_after(text, match.end()) or (
                belongs_elsewhere(text, match.start())):
            continue  # "…, I'm flying in Thursday night": the flight's day
        day = extract_date(Utterance(raw=match.group(0), lower=match.group(0),
                                     numeric=match.group(0)), today, _single=True)
        if day is not None and day not in found:
            found.append(day)
    return found


_TURN_TO = re.compile(r"\b(?:so|then|how about|what about|instead|rather|but|maybe|let'?s try|"
                      r"go for|can (?:we|you|i) do|could (?:we|you|i) do)\W+(?:(?:on|the|just|like|um|"
                      r"uh|maybe|how about|what about|we|do|say)\W+){0,3}$")
"""Words that turn from one day to the one wanted ("Thursday's Thanksgiving, so how about
Friday?", "I was gonna say Thursday but that's the holiday, so Friday")."""


_PICKED = re.compile(r"[.?!…]\s*(?:(?:eh|hmm+|um+|uh+|well|ok(?:ay)?|yeah|so|let'?s see|you know what)\W+)*$")


def _settled_later(text: str, today: date) -> date | None:
    """Of the days named, the one the caller turns to with "so", "then", "how about" (those
    before it were set aside: a holiday, a busy day) and keeps to; ``None`` without a turn."""
    spans = [m for m in DATE_SPAN.finditer(text)
             if not (ruled_out(text, m.start()) or ruled_out_after(text, m.end()))]
    days = [extract_date(Utterance(raw=m.group(0), lower=m.group(0), numeric=m.group(0)), today,
                         _single=True) for m in spans]
    for k in range(len(spans) - 1, 0, -1):
        between = text[spans[k - 1].end(): spans[k].start()]
        # ("Wednesday or Thursday at lunch? eh, Thursday. noon?": one of two, picked in a sentence
        # of its own)
        picked = _PICKED.search(between) and any(re.match(r"\W*or\b", text[a.end(): b.start()])
                                                 for a, b in pairwise(spans[:k + 1]))
        if not (_TURN_TO.search(between) or picked) or (
                re.fullmatch(WEEKDAY, spans[k - 1].group(0))
                and _DAY_NUMBER_AFTER.match(text, spans[k - 1].end())):
            continue  # ("the saturday before then, the fourth": one day, said two ways)
        if days[k] is None or any(d != days[k] for d in days[k:]) or all(
                d in (None, days[k]) for d in days[:k]):
            return None
        follow = re.match(_DAY_NUMBER_AFTER, text[spans[k].end():])
        if follow:  # "what about Monday the 30th?"
            return _day_of_month(int(follow.group(1)), today)
        return days[k]
    return None


_NOT_A_DAY_WANTED = re.compile(r"\b(?:i'?m|i am|we'?re|we are|it'?s been|been|was|were|died|broke|"
                               r"happened|started|had|called|noticed|came on|went|crazy|busy day|"
                               r"all over the place|scatterbrained|frazzled|out of it)\b")
_WANTS = re.compile(r"\b(?:come|coming|bring|get|book|schedule|drop|available|open|any|can|could|"
                    r"hoping|hope|want|wanna|need|fit|squeeze|possible|slot|times?|still|later|"
                    r"appointment|in|by|free|off|around|here|works?|good|ok|okay|fine)\b")
"""With the first, "today" says how the caller's day is going or when something happened; with
the second, it asks for a time today."""


_WITHIN_HOURS = re.compile(r"\b(?:see|come|be there|stop by|swing by|pop in|meet|look at|drop|bring|show)\b"
                           r"[^.?!]{0,60}\b(?:in|within) (?:like |about |around |maybe )?"
                           r"(?:half an hour|an hour|a half hour|(?:an|one|two|a couple(?: of)?) hours?|"
                           r"\d+ minutes|"
                           r"(?:twenty|thirty|forty|fifteen|forty-five|ten) minutes)\b"
                           # ("I need to come in an hour and a half earlier": a move of the booking)
                           r"(?!(?: and a half)? (?:earlier|later|sooner|before|after)\b)")
"""A visit asked for in so many minutes or hours ("could I see it in like half an hour?"): today;
not the caller's own business ("I'm due in court in ten minutes")."""


def extract_date(u: Utterance, today: date, _single: bool = False) -> date | None:
    """The date the caller wants, resolved against ``today`` and never in the past: "a week
    from tomorrow", "the 3rd", "Thursday the 3rd"; of several ("probably Thursday, maybe
    Friday — let's say Friday", "can we do Friday instead of Thursday", "Thursday's no good,
    how about the day after") the one settled on (:func:`.stance.settle`); a day ruled out
    ("not Tuesday") is never it."""
    if not _single and (same := _THE_WEEKDAY_AFTER_IT.search(u.numeric)) and (
            on := _day_of_month(int(same["n"]), today)) is not None and (
            on.weekday() == weekday_index(same["day"])) and not ruled_out(u.numeric, same.start()):
        # "make it the 29th instead, the Wednesday after": the 29th, said again by its weekday
        said = u.numeric[: same.end("said")] + u.numeric[same.end():]
        u = Utterance(raw=said, lower=said, numeric=said)
    if not _single and (after_next := _WEEK_AFTER_NEXT.search(u.numeric)):
        # "could I come in the week after next, on the Wednesday?": that week's day
        monday = today - timedelta(days=today.weekday()) + timedelta(days=14)
        return monday + timedelta(days=weekday_index(after_next[1] or after_next[2]))
    if not _single and (skipped := _NOT_THIS_ONE.search(u.numeric)):
        day = weekday_index(skipped[1] or skipped[2])  # "saturday — not this one, the one after"
        return today + timedelta(days=(day - today.weekday() - 1) % 7 + 1 + 7)
    if (named := _WEEKDAY_THEN_DATE.search(u.numeric)) is not None:
        # "tuesday december 1st": one day said two ways; the calendar date says it exactly
        cut = u.numeric[: named.start()] + u.numeric[named.end():]
        u = Utterance(raw=cut, lower=cut, numeric=cut)
    found = _extract_date(u, today, _single)
    if (of := _of_a_month(u.numeric, today)) is not None:
        found = of  # "the 22nd of next month" (a date parser reads the 22 as a year)
    if not _single and (pinned := _weekday_and_day(u.numeric, today)) is not None and (
            found is None or (found.day == pinned.day and found.weekday() != pinned.weekday())
            or (found.weekday() == pinned.weekday() and found < pinned)  # "that Friday anyway, the 24th"
            or re.search(r"\bweek of\b", u.numeric[: _WEEKDAY_THE_DAY.search(u.numeric).start()])):
        # "we'll be down the week of October eleventh. could we meet Tuesday the twelfth at ten?":
        # a weekday and a day of the month together name one date, the next where both are true
        # (not "the day after Thanksgiving or Monday the 30th", two days said)
        return pinned
    if found is None and _WITHIN_HOURS.search(u.lower):
        return today  # "could I see it in like half an hour?": today
    if found is None and not _single and (that := _THAT_PART.search(u.numeric)):
        # "we're flying in on the twentieth. could we meet that afternoon?": the day just said,
        # whatever it was said for
        said = [d for m in DATE_SPAN.finditer(u.numeric, 0, that.start()) if (d := extract_date(
            Utterance(raw=m.group(0), lower=m.group(0), numeric=m.group(0)), today, _single=True))]
        if said:
            return said[-1]
    if _single:
        return found
    mentions = _mentions(u.numeric, today)
    said_twice = [b.value for a, b in pairwise(mentions) if a.value == b.value
                  and _ORDINAL.fullmatch(u.numeric[a.start: a.end])
                  and re.fullmatch(WEEKDAY, u.numeric[b.start: b.end])]
    if found is not None and said_twice and found != said_twice[-1] and (
            found.weekday() == said_twice[-1].weekday()):
        return said_twice[-1]  # "not the 12th, the 13th. The Friday.": that 13th, not this Friday
    # "what about the 23rd then, the Thursday before?": the weekday said of the day of the month
    its_weekday = [a.value for a, b in pairwise(mentions) if _ORDINAL.fullmatch(u.numeric[a.start: a.end])
                   and re.fullmatch(WEEKDAY, u.numeric[b.start: b.end])
                   and a.value.weekday() == b.value.weekday()
                   and not re.search(r"\b(?:this|next|coming|following)\s+$", u.numeric[: b.start])]
    if found is not None and its_weekday and found.weekday() == its_weekday[-1].weekday():
        return its_weekday[-1]
    if found is not None and holiday_date(u.numeric, today) == found:
        holiday = HOLIDAY.search(u.numeric)
        later = [m for m in mentions if holiday is not None and m.start >= holiday.end()]
        # "is Christmas Eve possible? Thursday afternoon?": the holiday's own weekday, said again
        later = [m for m in later if not (m.value.weekday() == found.weekday() and m.value < found
                                          and re.fullmatch(WEEKDAY, u.numeric[m.start:m.end]))]
        if not later:
            return found
        # "the day before Thanksgiving the roads are a zoo. let's do Friday": the day turned to
        return stance.settle(u.numeric, [stance.Mention(holiday.start(), holiday.end(), found), *later],
                             found)
    anchored = [m for m in mentions if _THAT_DAY.search(u.numeric[max(0, m.start - 14): m.start]) and (
        m.value != extract_date(Utterance(*[u.numeric[m.start: m.end]] * 3), today, _single=True))]
    if found is not None and anchored:
        return anchored[-1].value  # "I fly in on the 3rd … that friday": the Friday after the 3rd
    if found is not None and mentions and found not in {m.value for m in mentions} and (
            _WEEKDAY_SPAN.search(u.numeric)):
        # "no free minute Monday through Friday … this Sunday?": the day said apart from the week
        return stance.settle(u.numeric, mentions, mentions[-1].value)
    if found is not None and found not in {m.value for m in mentions} and (
            found in _days_elsewhere(u.numeric, today)):
        # "we're driving up to Tulsa on Wednesday the 23rd … squeeze me in tomorrow": the trip's
        return stance.settle(u.numeric, mentions, None) if mentions else None
    if found is not None and found not in {m.value for m in mentions}:
        # "a week from today", "the Tuesday after Thanksgiving": no mention says it
        return _checked_by_day_of_month(u.numeric, found, today)
    return _checked_by_day_of_month(u.numeric, stance.settle(u.numeric, mentions, found), today)


def _days_elsewhere(text: str, today: date) -> set[date]:
    """The days named for something else (a trip, a job starting, a visit done)."""
    return {day for match in DATE_SPAN.finditer(text) if belongs_elsewhere(text, match.start())
            and (day := extract_date(Utterance(*[match.group(0)] * 3), today, _single=True)) is not None}


ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
                 "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
                 "seventeenth", "eighteenth", "nineteenth", "twentieth")
"""Days of the month the reader can leave in words ("the saturday after that, the second")."""


def day_in_words(word: str, today: date) -> date | None:
    """"the first" said as a day: the next 1st of a month, today or later."""
    return _day_of_month(ORDINAL_WORDS.index(word) + 1, today)


def _checked_by_day_of_month(text: str, day: date | None, today: date) -> date | None:
    """"next Saturday, same time? that's the 27th, right?": a weekday the caller puts a day of
    the month to is that one's week (said on a Friday, "next Saturday" can be either)."""
    if day is None or not re.search(WEEKDAY, text):
        return day
    # ("saturday the seventeenth — no, sorry, the twenty-fourth": a day taken back checks nothing)
    taken_back = max((len(text) - len(tail) for tail in correction_tails(text)), default=0)
    # (not "the second one", one of several)
    for ordinal in re.finditer(r"\bthe (?:(\d{1,2})(?:st|nd|rd|th)|(" + "|".join(ORDINAL_WORDS) + r"))\b"
                               r"(?!\s+(?:one|1|ones|house|showing|appointment|visit|car|place)\b)", text):
        said = (_day_of_month(int(ordinal.group(1)), today) if ordinal.group(1)
                else day_in_words(ordinal.group(2), today))
        if said is not None and not ruled_out(text, ordinal.start()) and abs((said - day).days) == 7 and (
                ordinal.start() >= taken_back):
            # the same weekday, a week apart
            return said
    return day


_WEEKDAY_THEN_DATE = re.compile(rf"\b{WEEKDAY}(?:,?\s+(?:before|after|following))?,?\s+(?:the\s+)?"
                                r"(?=(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|"
                                r"apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|"
                                r"nov(?:ember)?|dec(?:ember)?)\.?\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\b)")
"""A weekday said before its calendar date ("tuesday december 1st"), not before "maybe"."""
_PAST_TODAY = re.compile(r"\b(?:called|came|was|were|did|had|got|went|tried|left|dropped|spoke|talked|"
                         r"earlier)\b")
"""Said of a part of today gone by: "I called this afternoon"."""


_RELATIVE = re.compile(r"\b(?:the (?:day|one|1) (after|before)|the next day|the following day)\b"
                       r"(?! (?:tomorrow|today|thanksgiving|christmas|new year))")


_THE_WEEKDAY_AFTER_IT = re.compile(rf"(?P<said>\bthe (?P<n>\d{{1,2}})(?:st|nd|rd|th)\b(?:\s+instead)?),\s+"
                                   rf"the (?P<day>{WEEKDAY}) (?:after|following)\b")
"""A day of the month, then the same day as the weekday after another ("the 29th, the Wednesday
after")."""
_WEEKDAY_AFTER = re.compile(rf"\bthe ({WEEKDAY}) (?:after|following)\b(?! (?:next|that|this|\w+ing)\b)")
_THAT_DAY = re.compile(r"(?<!failing )(?<!\bor )(?<!\bif not )\bthat\s+$")
"""A weekday said as "that Friday": the one in the week of a day said before it (not "or
failing that Friday")."""


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_IN_MONTH = re.compile(rf"\b(?:(early|beginning of|start of|first (?:week|part) of|mid|middle of|"
                       rf"(?:the )?second week of|late|end of|(?:the )?last week of)[\s-]+)?(?:in\s+)?"
                       rf"(?<![\d/])({MONTH})\b(?!\s+\d|\s+the\s+\d)")
_AFTER_NEW_YEAR = re.compile(r"\b(?:after (?:the )?(?:holidays|new year'?s?|christmas|the new year|"
                             r"the first of the year)|(?:first|beginning|start) of (?:the|next) year|"
                             r"in the new year)\b")


_GONE_BY = re.compile(r"\b(?:last|since)\s+$")
_WE_CALL_BACK = re.compile(r"\b(?:we|i)(?:'ll| will| might| may| could)? (?:call|ring|phone|get)\w*"
                           r"(?: \w+){0,2} back\s+$")
_CALL_BACK_IN = re.compile(r"\b(?:call|ring|phone|get|reach|try|circle|check)\w*\s+(?:\w+\s+){0,2}back\s+$")
"""A month gone by ("since August", "back in August"), and one a call is asked for ("call me back in")."""


_IN_A_COUPLE = re.compile(r"\bin (?:like |about |maybe |say |another )?(a|an|one|two|three|four|five|six|"
                          r"(?:a )?couple(?: of)?|a few|few) (weeks?|days?|months?)\b")
_HOW_MANY = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
             "a few": 3, "few": 3}


def month_said(text: str, today: date, *, asked: bool = False) -> date | None:
    """A day in a month named without a date ("call me back in January, like mid January",
    "after the holidays"): early a month is its first weekday, mid the 15th, late the 22nd;
    the next such month from today."""
    if (couple := _IN_A_COUPLE.search(text)) is not None and (asked or "couple" in couple[1] or re.search(
            # ("we close in two weeks. I need a person to call me": the closing's, not the call's)
            r"\b(?:call|ring|back|touch|reach|try|contact|follow up)\b[^.?!]{0,25}$",
            text[: couple.start()])):
        # "call me back in a couple of weeks", "in a month or so": so many from today, on a weekday
        # (said of a call only: "my boy's getting married in a couple weeks" dates the wedding)
        count = 2 if "couple" in couple[1] else _HOW_MANY[couple[1]]
        unit = {"d": 1, "w": 7, "m": 30}[couple[2][0]]
        return _weekday_on_or_after(today + timedelta(days=count * unit))
    match = next((m for m in reversed(list(_IN_MONTH.finditer(text))) if (
        m.group(1) or m.group(0).startswith("in") or m.group(2) not in {"may", "march", "mar"})
        # ("the guy that sold me my truck back in August": a month gone by)
        and not _GONE_BY.search(text[: m.start()])
        and not _WE_CALL_BACK.search(text[: m.start()])  # "if we call back in March": the caller's own call
        and not (m.group(0).startswith("in") and re.search(r"\bback\s+$", text[: m.start()])
                 and not _CALL_BACK_IN.search(text[: m.start()]))), None)
    if match is None:
        if _AFTER_NEW_YEAR.search(text):
            day = date(today.year + 1, 1, 4) if today.month >= 11 else None
            return _weekday_on_or_after(day) if day else None
        return None
    month = _MONTHS.index(match.group(2)[:3]) + 1
    year = today.year + (1 if month < today.month else 0)
    part = match.group(1) or ""
    first = 15 if part.startswith(("mid", "middle")) else 8 if "second" in part else 22 if part.startswith((
        "late", "end", "the last", "last")) else 1
    day = date(year, month, first)
    if day <= today:
        return None  # "in November" said in November: no day ahead to call
    return _weekday_on_or_after(day)


def _weekday_on_or_after(day: date) -> date:
    while day.weekday() >= 5 or (day.month, day.day) == (1, 1):
        day += timedelta(days=1)
    return day


def relative_to(text: str, anchor: date) -> date | None:
    """The day "the next day", "the day before" or "the same day" names when nothing said in the
    message anchors it: counted from ``anchor`` (the day of the appointment being moved)."""
    if match := _RELATIVE.search(text):
        return anchor + timedelta(days=-1 if match.group(1) == "before" else 1)
    if re.search(r"\b(?:the )?same day\b", text):
        return anchor
    return None


_ORDINAL = re.compile(r"(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)")


def _of_a_month(said: str, today: date) -> date | None:
    """"the 22nd of next month": that day of next month ("of this month": of this one)."""
    if (of := re.search(r"(\d{1,2})(?:st|nd|rd|th)\s+of\s+(this|next|the)\s+month", said)) is None:
        return None
    first = today.replace(day=1)
    if of[2] == "next":
        first = (first + timedelta(days=32)).replace(day=1)
    try:
        return first.replace(day=int(of[1]))
    except ValueError:
        return None


def _mentions(text: str, today: date) -> list[stance.Mention[date]]:
    """Every day named for the appointment, with where it is said; "the day after" counts from
    the day named before it (ruled out or not: "Tuesday's no good, how about the day after?")."""
    found: list[stance.Mention[date]] = []
    anchor: date | None = None  # the last day said, for whatever ("I fly in on the 3rd")
    for match in DATE_SPAN.finditer(text):
        follow = re.match(_DAY_NUMBER_AFTER, text[match.end():])
        day = (_day_of_month(int(follow.group(1)), today)
               if follow and re.fullmatch(rf"(?:(?:this|next|coming)\s+)?{WEEKDAY}", match.group(0))
               else _of_a_month(match.group(0), today) or extract_date(Utterance(
                   raw=match.group(0), lower=match.group(0), numeric=match.group(0)), today, _single=True))
        if day is not None and anchor is not None and re.fullmatch(WEEKDAY, match.group(0)) and (
                _THAT_DAY.search(text[max(0, match.start() - 14): match.start()])):
            # "I fly in on the 3rd. could we see some places that friday?": the one on or after it
            day = anchor + timedelta(days=(day.weekday() - anchor.weekday()) % 7)
        if day is not None and found and re.fullmatch(WEEKDAY, match.group(0)) and (
                ordinal := _ORDINAL.fullmatch(text[found[-1].start: found[-1].end])) and re.fullmatch(
                r"[\s.,]*(?:the\s+)?", text[found[-1].end: match.start()]) and (
                said := _weekday_of_month(weekday_index(match.group(0)), int(ordinal[1]), today)):
            # "not the 12th, the 13th. The Friday.": the 13th that is a Friday, said twice
            day = said
            found[-1] = stance.Mention(found[-1].start, found[-1].end, said)
        if day is not None and day > today:
            anchor = day
        if day is not None and not belongs_elsewhere(text, match.start()):
            found.append(stance.Mention(match.start(), match.end(), day))
    for match in _WEEKDAY_AFTER.finditer(text):
        # "not tomorrow, the Tuesday after": that weekday after the day said before it
        found = [m for m in found if not (match.start() <= m.start < match.end())]
        before = [m for m in found if m.end <= match.start()]
        weekday = weekday_index(match.group(1))
        base = before[-1].value if before else today + timedelta(days=(weekday - today.weekday()) % 7 or 7)
        found.append(stance.Mention(match.start(), match.end(),
                                    base + timedelta(days=(weekday - base.weekday()) % 7 or 7)))
    for match in _RELATIVE.finditer(text):
        before = [m for m in found if m.end <= match.start()]
        if before and re.fullmatch(r"[\s,]*(?:then[\s,]+)?", text[before[-1].end: match.start()]) and (
                re.fullmatch(WEEKDAY, text[before[-1].start: before[-1].end])):
            continue  # "Saturday then, the day before": the weekday said, told from the one refused
        if before:
            # "next Saturday? not the 28th, the one after": the one after a weekday is a week on
            week = not match.group(0).startswith("the day") and any(
                re.search(WEEKDAY, text[m.start: m.end]) for m in before if m.value == before[-1].value)
            step = timedelta(days=(7 if week else 1) * (-1 if match.group(1) == "before" else 1))
            found.append(stance.Mention(match.start(), match.end(), before[-1].value + step))
    spans = [m.span() for m in _WEEKDAY_SPAN.finditer(text)]
    outside = [m for m in found if not any(a <= m.start < b for a, b in spans)]
    if spans and outside:
        found = outside  # "no free minute Monday through Friday … this Sunday?": the week is no day
    found.sort(key=lambda m: m.start)
    for i, m in enumerate(found):
        if re.fullmatch(rf"next\s+{WEEKDAY}", text[m.start: m.end]) and any(
                e.value == m.value and stance.is_ruled_out(text, e.start, e.end) for e in found[:i]):
            # "Wednesday. Now, not tomorrow. Next Wednesday.": the coming one is ruled out, so
            # the one after it
            found[i] = stance.Mention(m.start, m.end, m.value + timedelta(days=7))
    return found


_WEEKDAY_SPAN = re.compile(rf"\b{WEEKDAY}s?\s*(?:through|thru|-|–)\s*{WEEKDAY}s?\b")
"""A run of weekdays ("Monday through Friday"): when they are busy or open, not a day asked for."""


def _ruled_out_weekdays(text: str) -> set[int] | None:
    """The weekdays a message rules out when it names no day it wants ("next week, but not
    Monday" → {0}, "not Monday or Tuesday" → {0, 1}, "but no Mondays"); ``None`` when it names a
    day it wants."""
    skipped: set[int] = set()
    end = None
    for match in DATE_SPAN.finditer(text):
        listed = end is not None and re.fullmatch(r"\W*(?:or|nor|and|,)\W*", text[end: match.start()])
        named = re.search(WEEKDAY, match.group(0))
        again = named is not None and weekday_index(named.group(0)) in skipped  # "I'm in Dallas Tuesday"
        if not (listed or again or ruled_out(text, match.start()) or ruled_out_after(text, match.end())):
            return None
        end = match.end()
        if named:
            skipped.add(weekday_index(named.group(0)))
    for match in re.finditer(rf"\b(?:no|not|except|but|never)\s+(?:on\s+)?({WEEKDAY})s\b", text):
        skipped.add(weekday_index(match.group(1)))
    return skipped


_GLUE = r"(?:\W+(?:on|say|like|maybe|probably|um|uh|either|or|and|the|of|preferably|ideally)\b)*\W+"
_DAYS_NEXT_WEEK = re.compile(
    rf"\bnext week{_GLUE}({WEEKDAY})\b"
    rf"|\b({WEEKDAY})(?:{_GLUE}{WEEKDAY})*{_GLUE}next week\b")
"""A weekday said with "next week" ("next week Friday", "Friday of next week", "Monday or
Tuesday next week"): a day of the week after this one, not the coming one."""


_LATER_DAY_NEXT_WEEK = re.compile(
    rf"\bnext week\b(?:(?!\bthis\b|\btomorrow\b|\btoday\b|\bbut\b|\bnot\b)[^.?!]){{0,40}}?"
    rf"(?:[.!?]\s+(?:(?:um|uh|so|say|maybe|like|how about|what about)\W+)*)?\b({WEEKDAY})\b")
""""early next week for an oil change, um, monday or tuesday": the days said a few words later
are still that week's."""


def _day_of_next_week(text: str, today: date) -> date | None:
    matches = list(_DAYS_NEXT_WEEK.finditer(text)) or list(_LATER_DAY_NEXT_WEEK.finditer(text))
    for match in matches:
        which = 1 if match.group(1) else 2
        name = match.group(which)
        if ruled_out(text, match.start(which)) or ruled_out_after(text, match.end(which)):
            continue
        monday = today - timedelta(days=today.weekday()) + timedelta(days=7)
        return monday + timedelta(days=weekday_index(name))
    return None


_ANY_BUT = re.compile(r"\b(?:any ?(?:day|thing|time)|whenever|whatever(?: day)?)\b[^.?!]{0,20}?"
                     r"\b(?:but|except|other than|besides|apart from)\b")
"""Any day at all, one or more ruled out ("anything but Wednesday")."""




_WEEK_AFTER_NEXT = re.compile(rf"\bweek after next\b[^.?!\d]{{0,20}}?\b({WEEKDAY})|"
                              rf"\b({WEEKDAY})\b[^.?!\d]{{0,15}}?\bweek after next\b")
"""A weekday of the week after next ("the week after next, on the Wednesday")."""
_NOT_THIS_ONE = re.compile(rf"\bnot (?:this|this coming|the coming) ({WEEKDAY})\W+(?:but )?(?:the )?"
                           rf"(?:next (?:one|1)|(?:one|1) after(?: that)?|following (?:one|1)|next)\b|"
                           rf"\b({WEEKDAY})\W+(?:but )?not (?:this|the coming) (?:one|1)\W+(?:but )?(?:the )?"
                           rf"(?:next (?:one|1)|(?:one|1) after(?: that)?|following (?:one|1))\b")
"""A weekday put a week on ("not this saturday the next one", "Saturday — not this one, the one
after"): the second one to come."""


def _extract_date(u: Utterance, today: date, _single: bool) -> date | None:
    text = re.sub(r"\b(?:the )?following week\b", "next week", u.numeric)  # "same time the following week"
    holiday = None if _single else holiday_date(text, today)
    if holiday is not None and holiday >= today and not (
            (named := HOLIDAY.search(text)) and belongs_elsewhere(text, named.start())):
        return holiday  # (not "the light's been on since christmas eve": the trouble's, gone by)
    week = _WEEK_FROM.search(text)
    if week and not _single:
        base = today
        if named := week.group("after_next") or week.group("week_on"):
            # "Monday after next", "Thursday week": the Monday a week after the coming one
            day = weekday_index(named)
            return today + timedelta(days=(day - today.weekday() - 1) % 7 + 1 + 7)
        if (start := week.group("start")) and start not in {"today", "now"}:
            base = (today + timedelta(days=1) if start == "tomorrow"
                    else extract_date(Utterance(start, start, start), today) or today)
        weeks = {"two": 2, "2": 2, "three": 3, "3": 3}.get(week.group("n") or "", 1)
        return base + timedelta(days=7 * weeks)  # "two weeks from today"
    # "it died on me twice this week" says when it broke, "I'm too slammed this week" when the
    # caller cannot come: neither is when to come
    weeks = [w for w in re.finditer(r"\b(?:(early|later|end of|sometime) )?(next|this) week\b", text)
             if not (_PAST.search(clause_before(text, w.start()))
                     or _NO_TIME.search(clause_before(text, w.start()))
                     or _OTHER_DOING.search(clause_before(text, w.start()))
                     or ruled_out(text, w.start())  # "not this week, the next week thursday"
                     # "the best number after this week is …": when a number holds, no visit
                     or re.search(r"\b(?:number|phone|cell)\b[^.?!]{0,25}$", text[: w.start()]))]
    week = weeks[0] if weeks else None
    if any(w.group(2) == "next" for w in weeks) and not _single and (named := _day_of_next_week(text, today)):
        # "next week Friday", "Monday or Tuesday next week": that week's days ("he has the car
        # all this week, can we do next week thursday": that one too)
        return named
    skipped = _ruled_out_weekdays(text) if week and not _single else None
    if week and skipped is not None:
        # "try me next week" → next Monday; "later this week" → Thursday; "next week but not
        # Monday" → the first day of that week not ruled out
        monday = today - timedelta(days=today.weekday())
        if week.group(2) == "this" and week.group(1) in {"later", "end of"}:
            day = max(today + timedelta(days=1), monday + timedelta(days=3))
        elif week.group(2) == "this":
            day = today + timedelta(days=1)  # "any day this week except Tuesday": the first day left
        else:
            day = monday + timedelta(days=11 if week.group(1) == "end of" else 7)
        while day.weekday() in skipped and day.weekday() < 6:
            day += timedelta(days=1)
        return day
    if not _single and _ANY_BUT.search(text) and (refused := _ruled_out_weekdays(text)):
        day = today + timedelta(days=1)  # "any day but Wednesday, I work Wednesdays": the first other
        while day.weekday() in refused:
            day += timedelta(days=1)
        return day
    if not _single and _DECISION.search(text):
        several = _all_dates(text, today)
        if len(several) > 1:
            return several[-1]
    if not _single and (settled := _settled_later(text, today)) is not None:
        return settled
    for tail in ([] if _single else correction_tails(text)):
        # "Tuesday — no wait, Friday": what comes last wins; "…, no, the day after" counts on
        later = [d for d in (extract_date(Utterance(raw=piece, lower=piece, numeric=piece), today)
                             for piece in re.split(r"(?<=[.?!,])\s+", tail)) if d is not None]
        after = re.search(r"\bthe (?:day|one) after\b(?! tomorrow)", tail)
        if after:  # "tomorrow's no good, can we do the day after?": counted from the day named
            head = text[: len(text) - len(tail) + after.start()]
            named = later[-1] if later else extract_date(
                Utterance(raw=head, lower=head, numeric=head), today, _single=True)
            if named is not None:
                return named + timedelta(days=1)
        if later and (said := re.search(WEEKDAY, tail)) and not re.search(
                r"\b(?:this|today|tomorrow|next)\b|\b\d{1,2}(?:st|nd|rd|th)\b", tail) and (
                re.search(r"\bnext week\b", text[: len(text) - len(tail)])):
            # "any morning next week but monday — actually, wednesday's best": next week's Wednesday
            monday = today - timedelta(days=today.weekday()) + timedelta(days=7)
            return monday + timedelta(days=weekday_index(said.group(0)))
        if later and not re.search(rf"{WEEKDAY}|\d", tail) and re.search(r"\bweek\b", tail) and (
                earlier := extract_date(Utterance(raw=(head := text[: len(text) - len(tail)]), lower=head,
                                                  numeric=head), today)) is not None and (
                0 <= (earlier - later[-1]).days < 7):
            return earlier  # "on the seventh? of july, I mean — next week": the seventh, that week
        if later:
            return later[-1]
    refused: set[int] = set()
    for match in DATE_SPAN.finditer(text):
        span = match.group(0)
        named = re.search(WEEKDAY, span)
        if ruled_out(text, match.start()) or ruled_out_after(text, match.end()) or (
                named and weekday_index(named.group(0)) in refused):
            if named:  # "any day but Tuesday, I'm at work Tuesday": ruled out once is ruled out
                refused.add(weekday_index(named.group(0)))
            continue
        if not _single and belongs_elsewhere(text, match.start()):
            continue  # "my new job starts January 4th" dates the job, not the appointment
        follow = re.match(_DAY_NUMBER_AFTER, text[match.end():])
        if follow and re.fullmatch(rf"(?:(?:this|next|coming)\s+)?{WEEKDAY}", span):
            day = _day_of_month(int(follow.group(1)), today)  # "Thursday the 3rd"
            if day is not None:
                # ("tuesday the seventh", said in July of September's: the 7th that is a Tuesday)
                return _weekday_of_month(weekday_index(named.group(0)), int(follow.group(1)), today) or day
        if span == "today" and not _single and _NOT_A_DAY_WANTED.search(
                clause_before(text, match.start())) and not _WANTS.search(
                clause_before(text, match.start())):
            continue  # "sorry, I'm all over the place today": how the caller's day is going
        if span in {"this afternoon", "this evening"} and _PAST_TODAY.search(
                clause_before(text, match.start())):
            continue  # "I called this afternoon and nobody answered"
        if span in {"tonight", "this afternoon", "this evening"}:
            return today  # "could I see it this afternoon? like four?"
        ordinal = re.fullmatch(r"(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)", span)
        if ordinal:
            day = _day_of_month(int(ordinal.group(1)), today)
            near = re.search(rf"({WEEKDAY})(?:,?\s+(?:before|after|following|then|that))*[\s,]*$",
                             text[: match.start()])
            if day is not None and near and not ruled_out(text, near.start()):
                # "the saturday before then, the fourth": the 4th that is a Saturday
                day = _weekday_of_month(weekday_index(near.group(1)), int(ordinal.group(1)), today) or day
            if day is not None:
                return day
            continue
        day = parse_date(span, today)
        if day is not None:
            if re.fullmatch(rf"(?:this\s+)?{WEEKDAY}", span) and day == today:
                day += timedelta(days=7) if span.startswith("next") else timedelta(0)
            if day < today and re.search(MONTH, span):
                try:
                    day = day.replace(year=day.year + 1)  # "March 3rd" said in November
                except ValueError:
                    continue
            return day
    return None


WEEKDAY_AFTER = re.compile(r"\bthe (?:mon|tues|wednes|thurs|fri|satur|sun)day (?:right |just )?after\b"
                           r"(?!\s+(?:the |that |this )?\w)(?![\s,]+(?:the )?\d)")
"""A weekday said after a day named in another clause ("… the Tuesday right after, at eight")."""


_ORDINAL_SAID = re.compile(r"\b(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b")
_WEEKDAY_THE_DAY = re.compile(rf"\b({WEEKDAY})(?: (?:before|after|following)[,.]|[,.])?"
                              rf"(?: (?:anyway|then|actually|again|too),?)? (?:the )?"
                              r"([1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b(?! of\b)")
"""A weekday said with a day of the month and no month ("Tuesday the 12th", "the Friday after, then,
the twenty-sixth", "the Saturday after. The twenty-seventh.")."""


def _weekday_and_day(numeric: str, today: date) -> date | None:
    """The next date whose day of the month and weekday are both the ones said, within a year;
    None when no weekday and day are said together, or a month is named beside them."""
    said = list(_WEEKDAY_THE_DAY.finditer(numeric))
    if not said or re.search(rf"\b({MONTH})\b[^.?!]{{0,12}}$", numeric[: said[-1].start()]):
        return None
    weekday, day = weekday_index(said[-1][1]), int(said[-1][2])
    if (fixed := CORRECTION.search(numeric, said[-1].end())) and not (
            # ("wednesday the 31st? or thursday... no, wednesday. wednesday at four": that one again)
            {weekday_index(w) for w in re.findall(WEEKDAY, numeric[fixed.end():])} == {weekday}
            and not _ORDINAL_SAID.search(numeric, fixed.end())):
        return None  # ("saturday the twelfth — no sorry, the nineteenth": put right after it)
    year, month = today.year, today.month
    for _ in range(13):
        try:
            candidate = date(year, month, day)
        except ValueError:
            candidate = None
        if candidate is not None and candidate >= today and candidate.weekday() == weekday:
            return candidate
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None
