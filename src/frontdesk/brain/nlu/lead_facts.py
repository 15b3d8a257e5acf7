"""A real-estate lead's facts read from one clause: the price, when, where, how they pay, why.

A figure can be money or a time of day ("around three twenty-five"), and a home's price is said
in shorthand ("four to four-fifty", "six to seven hundred", "three twenty five is the top"): the
words around it and the question asked (``awaiting``) decide which it is. :func:`read_lead_facts`
fills those facts in on the clause's :class:`~frontdesk.brain.nlu.understanding.Understanding`
after the rest of it is read, and takes a figure read as a time back when it was the price.
"""

from __future__ import annotations

import re
from datetime import date

from frontdesk.brain.nlu import budget_bounds, clock, financing, lead, timeline, when
from frontdesk.brain.nlu.cues import ANOTHER_TIME
from frontdesk.brain.nlu.lead_intent import LOOKING, extract_lead_intent
from frontdesk.brain.nlu.lexicon import lexicon
from frontdesk.brain.nlu.places import extract_location, intent_here, moves_away
from frontdesk.brain.nlu.text import CORRECTION, MONTH, WEEKDAY, Utterance, normalise
from frontdesk.brain.nlu.understanding import Understanding
from frontdesk.knowledge.profile import BusinessProfile

_LEAD_ASKED = {"timeline", "financing", "motivation", "location", "intent"}

_TIME_TALK = re.compile(r"\b(?:months?|years?|weeks?|days?|today|tomorrow|tonight|morning|afternoon|evening|"
                        r"am|pm|a\.m|p\.m|o'?clock|noon|spring|summer|fall|autumn|winter|christmas|holidays?|"
                        r"asap|soon|now|yesterday|ago|\d+(?:st|nd|rd|th)|earlier|later|sooner|slide|move|"
                        r"push|bump|reschedul\w*|appointment|consultation|showing|meeting|"
                        + WEEKDAY + "|" + MONTH + r")\b|\d:\d\d")
_NOT_A_HOME_PRICE = re.compile(r"\b(?:rent|payments?|a month|per month|monthly|sold (?:it |theirs |for)|"
                               r"salary|"
                               r"make|makes|making|raise|income|square|sq|bucks|percent|down|saved|savings)\b|%")
"""A figure of something else (rent, a monthly payment, pay, savings): not a home's price."""


_MONEY_AFTER = re.compile(r"\b[1-9](?: ?\d{2})?(?:k| thousand)?,? (?:absolute(?:ly)? )?(?:tops|max\b|"
                          r"to work with|(?:is|'s) (?:my|our|the) (?:number|top|limit|ceiling|cap)|"
                          r"(?:and )?that'?s (?:the|my|our) (?:top|limit|max)|hard (?:stop|cap|limit)|"
                          r"at (?:the )?most)")
"""A figure said to be the most ("two-fifty's my number, hard stop", "one forty-five absolute tops")."""
_MONEY_BEFORE = re.compile(r"\b(?:(?:lender|bank) (?:said|says|approved)(?: (?:us|me|we can|we could|i can)"
                           r"(?: go| do| get)?)?(?: up to| for)?|"
                           r"approved (?:us )?(?:(?:last|this) (?:week|month) |yesterday |already )?"
                           r"(?:for|up to)|"
                           # "around four hundred, but not a penny over four twenty-five"
                           r"not (?:a (?:penny|dime|cent|dollar|nickel) |one (?:penny|dime|cent|dollar) )?"
                           r"(?:over|more than|above)) "
                           r"(?:like |about )?(?=[1-9]\b|[1-9] ?\d{2}\b)")
"""Words a price follows ("the lender said one-sixty", "approved for three-fifty")."""
_CLOCK_WORD = re.compile(r"\b(?:o'?clock|morning|afternoon|evening|tonight|noon)\b|\d\s*[ap]\.?m\b|"
                         r"(?<!we're )(?<!were )(?<!we are )(?<!i'm )(?<!im )(?<!i am )"
                         r"(?<!started )(?<!starting )"
                         r"\bat (?:like |about )?\d")


def _money_answer(u: Utterance, awaiting: str | None) -> bool:
    """Asked where, how soon, or buy or sell, a figure in the hundreds with no time, rent or pay
    around it is the price ("I was thinking five hundred, and that's a hard cap" to "how soon?"):
    a lead answers the questions in their own order ("eleven-ish?", "like five thirty" are hours)."""
    hundreds = re.search(r"\b(?:hundred|thousand|grand)\b", u.lower) or re.search(
        r"(?<![\d:])\b[1-9] ?\d\d\b(?![\d:])", u.numeric)
    return awaiting in {"timeline", "intent", "location"} and hundreds is not None and not (
        _TIME_TALK.search(u.lower) or _NOT_A_HOME_PRICE.search(u.lower)
        or re.search(r"\bno(?:pe)?\b", u.lower))

_PRICE_SPAN = re.compile(r"\b(?:between|from)\b(?:(?!\b(?:months?|years?|weeks?|days?|am|pm|o'?clock|"
                         r"morning|afternoon|evening|kids?|miles?|minutes?|hours?)\b).)*"
                         r"\b(?:and|to)\s+(?:like\s+|maybe\s+)?(?:one|two|three|four|five|six|seven|eight|nine)"
                         r"[- ](?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\b")
"""A span of home prices in shorthand ("somewhere between like three and three-fifty"), said
while a lead question was asked: no time or count is said that way there."""

_HUNDREDS_SPAN = re.compile(r"\b(?:between|from)\s+(?:like\s+|about\s+|around\s+)?\$?[1-9]\d{2}k?\s+"
                            r"(?:and|to|-|(?:and )?up to)\s+(?:like\s+|maybe\s+)?"
                            r"\$?[1-9](?:\d{2}| \d{2})k?\b")
"""A span of three-figure amounts ("anywhere from 500 to 800"): home prices in thousands."""

_LOOSE_FIGURE = re.compile(r"\b(?:about|around|maybe|like|up to|roughly|say)\s+[1-9] \d{2}\b(?! \d)|"
                           r"\b[1-9] \d{2},?\s+(?:or so|ish|give or take|or thereabouts)\b")
""""maybe three eighty-five", "two-ninety-five or so": a figure said the way home prices are."""

_SHORT_SPAN = re.compile(r"\b[1-9] (?:to|or|-) [1-9]00\b"
                         r"(?!\s*(?:miles?|square|sq|feet|acres?|people|%|a month|"
                         r"dollars a|bucks a))")
""""Six to seven hundred": a span of hundreds with the first said short, home prices in thousands."""

_SPOKEN_SPAN = re.compile(r"\b[1-9](?: \d{2}|\d{2}) (?:to|-) (?:like |maybe )?[1-9](?: \d{2}|\d{2})\b"
                          r"(?!\s*(?:miles?|square|sq|feet|acres?|minutes?|hours?|days?|weeks?|months?|years?|"
                          r"people|%|am|pm))")
"""Figures said the way prices are, "two fifty to three hundred": a budget given unasked."""
_SPAN_ALONE = re.compile(r"\W*(?:(?:like|about|around|maybe|um+|uh+|say|probably|oh|so|somewhere)\W+)*"
                         + _SPOKEN_SPAN.pattern + r"\W*")
"""Such a span said alone ("uhh three hundred to three-fifty?"): no day or time is said that way."""

_FIGURE_IS_TOP = re.compile(r"\b[1-9](?: ?\d{2})?\s+(?:is|'s) (?:the|our|my|his|her) "
                            r"(?:top|max(?:imum)?|ceiling|limit|most|cap)\b")
"""A figure said to be the most ("three twenty five is the top")."""

_WE_CAN_SPEND = re.compile(r"\b(?:we|i) (?:can|could|'?d|would|will|'?ll) (?:probably |maybe |only )?"
                           r"(?:go|spend|afford|swing|stretch)(?: up)? to\b")
"""What the caller can spend, said with its ceiling ("we can go up to about three seventy-five")."""
_CEILING_FIGURE = re.compile(r"\b(?:up to|under|no more than|max(?:imum)?(?: of)?|capped at|"
                             r"topping out at)\s+"
                             r"(?:about |around |like |maybe )?\$?[1-9](?: ?\d{2}| and a (?:half|quarter))\b"
                             r"(?!\s*(?:am|pm|a\.m|p\.m|"
                             r"o'?clock|miles?|minutes?|mins?|hours?|people|years?|months?|weeks?|days?|k\b|"
                             r"thousand|grand|percent|%))")

_FIGURES_SPAN = re.compile(r"\b(?:between )?\$?[1-9](?: \d{2}|\d{2})(?: ?k)?,?\s+(?:(?:to|and|-|or|maybe|"
                           r"or maybe)\s+)?(?:like |maybe )?\$?[1-9](?: \d{2}|\d{2})\b(?! \d)|"
                           # "four to four-fifty": the hundreds, then a figure within them
                           r"\b([1-9]) (?:to|-) (?:like |maybe )?\1 \d{2}\b(?! \d)|"
                           # "two seventy-five to three": a figure, then the round one above it
                           r"\b[1-9] \d{2},? (?:to|-|or) (?:like |maybe )?[1-9]\b(?![ :]\d)"
                           r"(?!\s*(?:am|pm|a\.m|p\.m|o'?clock|in the))")
"""Two figures said the way home prices are, a span or a figure and its stretch ("seven hundred
to eight-fifty", "two seventy-five, two ninety tops")."""

_SAID_AS_CLOCK = re.compile(r"(?<!looking )(?<!look )\b(?:at|o'?clock|a\.?m\.?|p\.?m\.?|morning|afternoon|"
                            r"evening|tonight)\b|\d:\d")
"""Words that make a figure a time of day, whatever money is talked about around it."""

_DAY_THEN_HOUR = re.compile(r"\b(?:" + when.WEEKDAY + r"|today|tomorrow)\W+"
                            r"(?:like |around |about |at |maybe |say )?(1[0-2]|[1-9])(?: ?ish| o'?clock)?\b"
                            r"(?! ?(?:k\b|thousand|hundred|grand|\d))")
""""wednesday like six ish": the hour of a day, not a price."""
_HOME_TALK = re.compile(r"\b(?:buy|buying|purchase|house|home|condo|townhome|place|budget|pre-?approved|"
                        r"looking (?:in|at|around|for))\b")
""""looking to buy in Round Rock, up to about four twenty-five": a ceiling said of a home is money."""

_FUNDS_FROM = re.compile(r"(?i)\b(?:from|with|out of) (?:the )?(?:sale|selling|proceeds)(?: (?:of|from))? "
                         r"(?:our|my|the|his|her|their) (?:old )?(?:house|home|place|condo|townhome|property)"
                         r"(?: (?:(?:up|down|back|over) )?(?:in|there|here) ?[a-z]*(?: [a-z]+)?)?"
                         # "we're selling our place in Houston, so that's the down payment"
                         r"|\b(?:we'?re|we are|i'?m|i am|we'?ll be|we will be) selling "
                         r"(?:our|my|the) (?:old )?"
                         r"(?:house|home|place|condo|townhome|property)(?: (?:up|down|back|over))?"
                         r"(?: (?:in|there|here) [a-z]+(?: [a-z]+)?)?"
                         r"(?=[^.?!]{0,40}\b(?:down ?payment|pay for|pays for|fund|cash for|"
                         r"put (?:it|that) toward))"
                         # "we'd pay cash once we sell our place in Houston": the sale pays for the buy
                         r"|\b(?:pay(?:ing)?|cash|buy(?:ing)?)\b[^.?!]{0,30}\b(?:once|after|when|as soon as) "
                         r"(?:we|i) (?:sell|close on|unload) (?:our|my|the) (?:old )?(?:house|home|place|"
                         r"condo|townhome|property)(?: (?:up|down|back|over))?"
                         r"(?: (?:in|there|here) [a-z]+(?: [a-z]+)?)?"
                         # "we'll be paying cash once our place up there sells"
                         r"|\b(?:once|after|when|as soon as) (?:our|my|the) (?:old )?(?:house|home|place|"
                         r"condo|townhome|property)"
                         r"(?: (?:up|down|back|over) (?:there|here|home|north|east|west))?"
                         r"(?: (?:in|there|here) [a-z]+(?: [a-z]+)?)? (?:sells|is sold|closes|gets sold)\b")
"""Money that comes from selling a home elsewhere: how the caller pays."""

_ROUGH_FIGURE = re.compile(r"\b(?:something|somewhere|anything|around|about|roughly|like)\s+"
                           r"(?:around\s+|about\s+|like\s+|in the\s+)?\$?([1-9]) ?(?!00|15|30|45)(\d{2})\b"
                           r"(?!\s*(?:\d|am|pm|a\.m|p\.m|o'?clock|in the|tonight|tomorrow|today|ish|miles?|"
                           r"minutes?|mins?|hours?|people|years?|months?|weeks?|days?|percent|%))")
""""looking in Round Rock, something around four fifty", with no day said: a home's price, not
ten to five."""

_BARE_FIGURE = re.compile(r"\W*(?:(?:like|about|around|maybe|um|uh|say|probably|oh|a)\W+)*"
                          r"\$?[1-9](?: ?\d{2})(?:,000)?"
                          r"\s*(?:k|thousand|grand|tops|max)?\W*")
""""four hundred", "four twenty-five" said alone to a question about the move: only a price is
said that way (a time is said with months or a season)."""


_A_FIGURE_HOME = re.compile(r"\ban? (?:like |about |around |roughly )?\$?[1-9](?: \d{2}|\d{2})?"
                            r"(?:k| thousand)?(?: dollar)? (?:house|home|place|condo|townhome|townhouse)\b")
""""works out to about a three-sixty house": the price of a home."""


def _rough_figure(numeric: str, lower: str, awaiting: str | None) -> re.Match[str] | None:
    """A rough figure said of a home with no day around it ("something around four fifty")."""
    if awaiting in {"time", "date", "pick_alternative", "callback_time", "confirm_booking"} or (
            when.DATE_SPAN.search(lower) or not _HOME_TALK.search(lower)):
        return None
    return _ROUGH_FIGURE.search(numeric)


CHECKS_FACT = re.compile(r"\b(?:enough|doable|realistic|reasonable|possible|too (?:much|little|low|high|"
                         r"far|late|early|small|big)|(?:gonna|going to) cut it|get (?:us|me) (?:something|"
                         r"anything|a (?:house|home|place)))\b")
"""A question that checks the caller's own fact ("is four hundred enough?"), not the business."""

_BUYS = re.compile(r"\b(?:get|buy|afford|find)\b")
"""With a figure checked for being enough, what it buys makes it money."""


_PART_OF_DAY = re.compile(r"\b(?:morning|mornin|afternoon|evening|evenin|tonight|noon|lunch|after work|"
                          r"o'?clock|tomorrow|today)\b")
_MONEY_WORD = re.compile(r"\b(?:k|grand|thousand|hundred|million|mil|dollars?|bucks|budget|price|afford|"
                         r"spend|max|tops)\b|\$")
"""Figures no bigger than twelve said beside a day or a part of it are hours, unless money is
named with them."""


_FIGURE_PUT_RIGHT = re.compile(r"\b(?:i|we) (?:said|told you|mentioned|gave you) \d[\d ,]*(?: thousand|k)?\b"
                               r"[^.?!]{0,30}?\b(?:actually|now|instead|really|more like)\b[^.?!]{0,12}?\d")
"""A figure said before put right ("I said four hundred, but it's actually four-fifty now")."""

def read_lead_facts(u: Utterance, result: Understanding, profile: BusinessProfile, today: date,
                    awaiting: str | None) -> None:
    """Fill in the lead's facts said in ``u``; a figure read as a time that was the price is money."""
    if profile.kind != "real_estate":
        return
    rough = _rough_figure(u.numeric, u.lower, awaiting)
    result.budget = lead.extract_budget(u, expecting=awaiting == "budget" or (
        CHECKS_FACT.search(u.lower) is not None and _BUYS.search(u.lower) is not None) or (
        (awaiting in _LEAD_ASKED or _HOME_TALK.search(u.lower)) and (
            _PRICE_SPAN.search(u.lower) is not None)) or (
        _HUNDREDS_SPAN.search(u.numeric) is not None) or _SHORT_SPAN.search(u.numeric) is not None or (
        awaiting in _LEAD_ASKED and _SPOKEN_SPAN.search(u.numeric) is not None) or (
        awaiting in _LEAD_ASKED | {"date", "pick_alternative"}  # no day is said "four hundred"
        and (_BARE_FIGURE.fullmatch(u.numeric) or _SPAN_ALONE.fullmatch(u.numeric)) is not None) or (
        awaiting in _LEAD_ASKED and any(  # "Austin. Two-fifty." asked where: the price too
            _BARE_FIGURE.fullmatch(piece) for piece in re.split(r"(?<=[.;!?])\s+", u.numeric))) or (
        _CEILING_FIGURE.search(u.numeric) is not None and (
            _HOME_TALK.search(u.lower) is not None or awaiting in _LEAD_ASKED
            or _WE_CAN_SPEND.search(u.lower) is not None)) or (
        _FIGURE_IS_TOP.search(u.numeric) is not None) or (
        _FIGURES_SPAN.search(lead.said_once(u).numeric) is not None and (
            _HOME_TALK.search(u.lower) is not None or awaiting in _LEAD_ASKED)
        and not _SAID_AS_CLOCK.search(u.lower)) or (
        rough is not None) or _A_FIGURE_HOME.search(u.numeric) is not None or (
        _FIGURE_PUT_RIGHT.search(u.numeric) is not None))
    figures = re.findall(r"\d+", re.sub(r"\b\d+(?:st|nd|rd|th)\b", " ", u.numeric))
    if result.budget and figures and all(1 <= int(f) <= 12 for f in figures) and (
            result.date or _PART_OF_DAY.search(u.lower)) and not _MONEY_WORD.search(u.lower):
        # "could we sit down with somebody tomorrow late mornin like eleven ish": only hours said
        result.budget = None
    if result.budget is None and _money_answer(u, awaiting):
        result.budget = lead.extract_budget(u, expecting=True)
    spoken = re.sub(r"\b([1-9]):(\d\d)\b", r"\1 \2", u.numeric)  # ("one forty-five" is no time here)
    if (cue := _MONEY_BEFORE.search(spoken) or _MONEY_AFTER.search(spoken)) is not None and not (
            _CLOCK_WORD.search(u.numeric) or result.date or when.DATE_SPAN.search(u.numeric)):
        # "two seventy-five to work with, that's the top", "two-fifty's my number, hard stop", "we
        # were at one-forty, no, the lender said one-sixty", "a buck forty, one forty-five absolute
        # tops": the figure those words are said of is the price, whatever was asked
        said = spoken[cue.end():] if cue.re is _MONEY_BEFORE else spoken[cue.start(): cue.end()]
        figure = lead.extract_budget(Utterance(raw=said, lower=said, numeric=said), expecting=True)
        # (a figure said after it puts it right: "three hundred max. well, actually … so four hundred")
        after = spoken[cue.end():] if cue.re is _MONEY_AFTER else re.sub(r"^\D*\d[\d ,.]*", "", said)
        if figure is not None and figure[1] and (result.budget is None or not re.search(r"\d", after)):
            low = result.budget[0] if result.budget and (result.budget[0] or 0) < figure[1] else None
            result.budget, result.time = (figure[0] or low, figure[1]), None
    if result.budget and result.date and (hour := _DAY_THEN_HOUR.search(u.numeric)) is not None and (
            result.budget[1] == int(hour[1]) * 100_000):
        # "could we sit down with somebody wednesday like six ish", asked the price range: a time
        result.budget, result.time = None, clock.extract_time(u) or clock.clock(int(hour[1]), 0, None)
    if rough is not None and result.budget and result.time == clock.clock(int(rough[1]), int(rough[2]),
                                                                          None):
        result.time = None  # the figure was the price, not a time
    _bounds(u, result)
    result.timeline = timeline.extract_timeline(u, today, expecting=awaiting == "timeline")
    # "we're paying cash from selling our place in Houston": how they pay, not a home to sell
    # nor where they look
    said = normalise(_FUNDS_FROM.sub(" ", u.raw)) if _FUNDS_FROM.search(u.lower) else u
    result.location = extract_location(said, profile, expecting=awaiting == "location")
    if result.location and awaiting == "name" and result.location[0].lower() in lexicon().first_names and (
            re.search(rf"\b[a-z]+ (?:and|&) {re.escape(result.location[0].lower())} [a-z]+", u.lower)):
        result.location = None  # "ashley and kyle brenner, put it under ashley": Kyle, not the town
    result.financing = financing.extract_financing(u, expecting=awaiting == "financing")
    result.motivation = extract_motivation(u, expecting=awaiting == "motivation")
    result.lead_intent = extract_lead_intent(said)
    if result.lead_intent is None and LOOKING.search(said.lower):
        # "we're looking in Cedar Park, that's the short version": a buyer, unless known otherwise
        result.lead_intent = "buy"
        result.flags.add("looking")
    result.lead_intent = intent_here(result.lead_intent, u.lower, profile)
    if result.lead_intent == "sell" and result.location and not result.location[1] and (
            away := moves_away(u.lower, profile)):
        # "relocating to Dallas … sell my condo downtown": the home sold is here, not in Dallas
        result.location = extract_location(normalise(u.lower.replace(away, " ")), profile,
                                           expecting=awaiting == "location")
    if result.budget is None and not _SAID_AS_CLOCK.search(u.lower) and (
            (result.time and result.time.minute % 15) or (result.time is None and (_LOOSE_FIGURE.search(
                u.numeric) or any(_BARE_FIGURE.fullmatch(piece) for piece in re.split(r",\s+", u.numeric)))
            )) and (result.location or result.timeline or awaiting in _LEAD_ASKED):
        # ("we're buying in Austin, three fifty, pre-approved": a bare figure in a list of the facts)
        # "Austin, around Mueller. About four twenty-five. Within six months.": no one meets
        # at 4:25 ("maybe three eighty-five" is no time at all); said with where and when,
        # it is the price
        result.budget = lead.extract_budget(u, expecting=True)
        result.time = None if result.budget else result.time
    if result.budget and awaiting == "budget" and not (result.date and _SAID_AS_CLOCK.search(u.lower)):
        # "around three twenty-five" asked for a budget is money, not 3:25 (not "around five-fifty.
        # can we meet Monday the 26th, like six in the evening?": a day and its hour, said too)
        result.time = None
    elif result.budget and result.time and result.time.minute and any(
            figure == ((result.time.hour % 12 or 12) * 100 + result.time.minute) * 1000
            for figure in result.budget):
        result.time = None  # "around three-twenty-five, three-fifty": the price, not 3:25
    elif result.budget and result.time and not _SAID_AS_CLOCK.search(u.lower) and (
            {figure // 1000 for figure in result.budget if figure} & {
                (result.time.hour % 12 or 12) * 100 + result.time.minute, (result.time.hour % 12 or 12) * 100,
                (result.time.hour % 12 or 12)}
            or (re.search(r"\b(?:budget|afford|spend|price range)\b", u.lower) and not result.date)):
        # "looking in austin, around three fifty", "budget um somewhere around four maybe four
        # fifty": the same words, read as money (not "tuesday at three works, budget is 300k", nor
        # "budget's like two seventy-five. could you pencil me in for Saturday around eleven?")
        result.time = None
    if result.time and result.budget is None and not result.date and (
            awaiting in _LEAD_ASKED | {"budget"}) and (
            re.search(r"\b[1-9]00\b", u.numeric) and CORRECTION.search(u.lower)) and not re.search(
            r"\b(?:at|o'?clock|am|pm|a\.m|p\.m|morning|afternoon|evening|tonight)\b", u.lower):
        # "three hundred — no, wait, she's telling me three-thirty": a price put right, said
        # the way a time is
        figure = ((result.time.hour % 12 or 12) * 100 + result.time.minute) * 1000
        if 100_000 <= figure <= 2_000_000:
            result.budget, result.time = (None, figure), None


def _bounds(u: Utterance, result: Understanding) -> None:
    """Which end of the range the figure said is: a low end said alone ("bottom of my range is
    two-fifty") is flagged ``budget_floor``; a low end and a top said together are the range; a
    lender's figure the caller will not spend is no budget."""
    if result.budget is None:
        return
    if budget_bounds.only_what_is_allowed(u):
        result.budget = None  # "the letter says four-sixty but we're not touching that"
        return
    floor = budget_bounds.floor_of(u)
    if floor is None:
        return
    if (top := budget_bounds.top_after_floor(u, floor)) is not None:
        result.budget = floor, top  # "we start around three hundred … three-sixty's the ceiling"
    elif result.budget[1] == floor:
        result.flags.add("budget_floor")


_MOTIVATION = re.compile(
    r"\b(?:relocat\w*|new job|job|transfer(?:red)?|growing family|baby|expecting|more (?:space|room)|"
    r"bigger|downsiz\w*|retir\w*|divorce|closer to|school|schools|commute|first (?:home|house)|"
    r"tired of renting|stop renting|upgrade|investment|invest\w*|moving|family|kids|married|"
    r"empty nest\w*|smaller)\b"
)


def extract_motivation(u: Utterance, *, expecting: bool = False) -> str | None:
    """Why the caller wants to move, kept in their words (a short clause)."""
    match = _MOTIVATION.search(u.lower)
    if match:
        start = max(u.raw.rfind(".", 0, match.start()) + 1, 0)
        end = u.raw.find(".", match.end())
        return u.raw[start: end if end > 0 else None].strip(" ,.")[:200]
    if expecting and len(u.lower.split()) >= 3 and not lexicon().no.match(u.lower) and not (
            ANOTHER_TIME.search(u.lower)):  # "sorry I'm driving, call me back later": no reason
        return u.raw.strip(" .")[:200]
    return None


def from_asides(main: Understanding, asides: list[Understanding]) -> None:
    """A lead's facts said inside a question beside the rest of the message are the lead's too:
    the place ("… a hundred and twenty tops. is that even realistic in Georgetown?"), the money
    ("… maybe around four hundred thousand, and I was wonderin' — how …"), and a side ("what would
    my place in Teravista sell for? … and I'll probably need to buy something after": both; "do you
    guys even work with people buying their first house?": a buyer, who said something after all)."""
    if main.location is None and (place := next((a.location for a in asides if a.location), None)):
        main.location = place
    if main.budget is None and (said := next((a.budget for a in asides if a.budget), None)):
        main.budget = said
    sides = {main.lead_intent, *(a.lead_intent for a in asides)} - {None}
    if sides == {"buy", "sell"} or (main.lead_intent in {"buy", "sell"} and "both" in sides):
        main.lead_intent = "both"
    elif main.lead_intent is None and len(sides) == 1:
        main.lead_intent = sides.pop()
        if main.intent in {"greeting", "chitchat", "unknown"}:
            main.intent = "provide_info"
