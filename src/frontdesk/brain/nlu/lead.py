"""A lead's budget from a caller's words (financing is :mod:`.financing`, how soon
:mod:`.timeline`, buy or sell :mod:`.lead_intent`).

Money is read the way people say it ("a quarter mil", "mid fours", "up to 450" for a home).
"""

from __future__ import annotations

import re

from frontdesk.brain.nlu.cues import (
    FROM_UP_TO,
    HOME_PRICE,
    HOME_PRICE_BEFORE,
    NO_FIGURE_NEXT,
)
from frontdesk.brain.nlu.heard_numbers import number_homophones
from frontdesk.brain.nlu.spelling import FIGURE_THEN_DIGITS, digits_said_once
from frontdesk.brain.nlu.text import WEEKDAY, Utterance, normalise

_MULTIPLIERS = {"k": 1_000, "thousand": 1_000, "grand": 1_000, "m": 1_000_000, "mil": 1_000_000,
                "million": 1_000_000}
_AMOUNT = r"\$?\s*(\d[\d,]*(?:\.\d+)?)\s*(k|thousand|grand|million|mil|m)?\b"
_RANGE = re.compile(
    rf"(?:between\s+)?{_AMOUNT}(?:\s*(?:to|-|and|or)\s*|,\s+)(?:(?:about|around|like|maybe|a) )?{_AMOUNT}"
)
_SINGLE = re.compile(
    rf"(?:(up to|under|below|max(?:imum)?|no more than|less than|around|about|stretch to|"
    rf"nothing (?:over|above|more than)|not (?:over|above|more than)|no (?:higher|more) than|"
    rf"at (?:the )?(?:very )?most|top out at|tops out at|cap(?:ped)? at|ceiling (?:is|of)|max(?:es)? out at)"
    rf"\s+)?{_AMOUNT}"
)
_CAP_AFTER = re.compile(r"\W{0,3}(?:tops|max(?:imum)?|top|at (?:the )?(?:very |absolute |outside )?most|"
                        r"or (?:less|under|below)|"
                        r"(?:(?:that|which|it|this)\s*)?(?:is|would be|'s) "
                        r"(?:(?:about|pretty much|really|basically|kind of|kinda|probably) )?(?:the|our|my) "
                        r"(?:absolute |hard |very |real |firm )?"
                        r"(?:ceiling|limit|max|cap|top|most)|ceiling|limit)\b")
"""A figure capped by what follows: "three-fifty, tops", "six-fifty is the ceiling"."""
_CAPS = {"up to", "under", "below", "max", "maximum", "no more than", "less than", "stretch to",
         "at most", "at the most", "top out at", "tops out at", "cap at", "capped at",
         "ceiling is", "ceiling of", "max out at", "maxes out at"}
MAX_BUDGET_USD = 1_000_000_000
"""Above this a figure is not a budget anyone has (and would not fit the lead's columns)."""
_MONEY_CUE = re.compile(r"\$|\b(?:budget|afford|price|spend|range|pre-?approved (?:us |me )?for|"
                        # "pre-approved with our credit union for up to three and a half"
                        r"pre-?approved\b[^.?!\d]{0,40}?\b(?:for|up to|to)|"
                        r"approved (?:us |me )?(?:for|up to)|stretch to|tops|ceiling|max(?:imum)?|"
                        r"(?:letter|approval)\b[^?!]{0,30}?\bfor (?:about |around |like |maybe )?\$?[1-9]|"
                        r"thousand|grand|at (?:the )?(?:very )?most|(?:nothing|not) (?:over|above)|"
                        r"cap(?:ped)? at|"
                        # "three and a quarter? that's where we landed after doing the math"
                        r"(?:doing|did|do|ran|run|running|crunch(?:ed|ing)?) the (?:math|numbers)|"
                        r"tops? out|limit|no more than|(?:form|application) (?:says|said)|"
                        r"(?:bumped|moved|raised|upped) (?:it |that |us )?up)\b|" + HOME_PRICE + r"\s*\d|"
                        # "we're looking in austin, around three fifty"
                        r"\blooking (?:in|around|near) [a-z' ]{2,30},?\s+(?:around|about|roughly|maybe|"
                        r"like|under|up to|no more than|somewhere around)\s*\d|"
                        # "we don't wanna go over three-fifty"
                        r"(?:n'?t|\bnot|\bnever) (?:really )?(?:wanna |want to |plan to |like to )?"
                        r"(?:go|spend|pay) (?:over|above|more than|past)\s+\$?\d|"
                        # "cash deals under two fifty": a figure said as hundreds and tens, capped
                        r"\b(?:under|below|up to|no more than|less than)\s+[1-9] \d\d\b")


def _amount(number: str, suffix: str | None) -> float:
    return float(number.replace(",", "")) * _MULTIPLIERS.get(suffix or "", 1)


_SLANG_AMOUNTS = (
    # "half a million": the digit reader writes "half a 1000000"
    (r"\b(?:a )?quarter (?:of a )?(?:mil(?:lion)?|1000000)\b", "250 thousand"),
    (r"\bhalf (?:a |of a )?(?:mil(?:lion)?|1000000)\b", "500 thousand"),
    (r"\b(?:a|one) mil(?:lion)? (\d)\b(?! (?:thousand|hundred))", r"1.\1 million"),
    # ("I have a million questions": many, no money)
    (r"\b(?:a|one) (?:mil(?:lion)?|1000000)\b(?= (?:questions?|things?|times?|reasons?|ways?|people|"
     r"calls?|places?|ideas?|errands?|miles|houses|homes)\b)", "many"),
    (r"\b(?:a|one) (?:mil(?:lion)?|1000000)\b", "1 million"),  # ("under a million": "under a 1000000")
    (r"\b(\d+(?:\.\d+)?) mil\b", r"\1 million"),
    (r"\ba buck (\d{2})\b", lambda m: f"{100 + int(m.group(1))} thousand"),  # a buck seventy-five
    (r"\b(?:a|one) buck\b", "100 thousand"),
)
_ROUGH = {"low": (0, 30), "mid": (40, 60), "high": (70, 99)}


_UNITS = {w: i + 1 for i, w in enumerate(("one", "two", "three", "four", "five", "six", "seven",
                                          "eight", "nine"))}
_TENS = {"ten": 10, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
         "seventy": 70, "eighty": 80, "ninety": 90}
_HYPHENED = re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine)-(ten|twenty|thirty|forty|"
                       r"fifty|sixty|seventy|eighty|ninety)(?:-(one|two|three|four|five|six|seven|"
                       r"eight|nine))?\b")


_AT_A_TIME = re.compile(r"\b(?:at|meet|come|appointment|consultation|showing|today|tomorrow|tonight|morning|"
                        r"afternoon|evening|" + WEEKDAY + r")\b")
"""Words that put a clock time in a sentence ("could we meet tomorrow at 4:30")."""


def _spoken_money(text: str, expecting: bool) -> str:
    """Money said the way people say it, as figures: "a quarter mil" → "250 thousand",
    "three fifty" → "350 thousand" (when a budget was asked), "400 and change" → "400 thousand"."""
    # "six-fifty", "four-twenty-five": number words the digit reader leaves alone
    text = _HYPHENED.sub(
        lambda m: f"{_UNITS[m.group(1)]} {_TENS[m.group(2)] + _UNITS.get(m.group(3) or '', 0)}", text)
    for pattern, replacement in _SLANG_AMOUNTS:
        text = re.sub(pattern, replacement, text)
    if expecting and not _AT_A_TIME.search(text):  # "four-thirty would be the very top": 430 thousand
        text = re.sub(r"(?<!at )\b([1-9]):([1-5][05])\b(?!\s*(?:am|pm|a\.m|p\.m|o'?clock))",
                      lambda m: f"{int(m.group(1)) * 100 + int(m.group(2))}", text)
    if expecting:  # "capped at four-ish": hundreds of thousands
        text = re.sub(r"\b([1-9]) ish\b", r"\g<1>00 ish", text)
    if re.search(r"\b[1-9]\.\d\b|\bmillion\b", text):  # ("around one point two … up to one and a half")
        text = re.sub(r"\b([1-4]) and (?:a |one )?(quarter|half)\b(?! (?:million|mil|m)\b)",
                      lambda m: f"{m.group(1)}.{'25' if m.group(2) == 'quarter' else '5'} million", text)
    if expecting:  # "five and a quarter", "four and a half": hundreds of thousands, and a part
        text = re.sub(r"\b([1-9]) and (?:a |one )?(quarter|half)\b(?! (?:million|mil|m)\b)",
                      lambda m: f"{int(m.group(1)) * 100 + (25 if m.group(2) == 'quarter' else 50)} thousand",
                      text)
    # "three fifty" heard as "3 50" when asked for a budget: 350 thousand
    # "stay around 3-50": the hundreds and the rest, written with a dash
    text = re.sub(r"(?<![\d:/-])\b([1-9])-([1-9][05])\b(?![\d:/-])", r"\1\2", text)
    if expecting:
        text = re.sub(r"\b([1-9]) ([1-9]0|[1-9][1-9]|0[1-9])\b(?!\s*(?:am|pm|a\.m|p\.m))",
                      lambda m: f"{int(m.group(1)) * 100 + int(m.group(2))}", text)
    text = re.sub(r"\b(\d+)\s*(?:k|thousand|grand)?\s*(?:and change|ish|or so|give or take)\b",
                  lambda m: f"about {m.group(1)}" + (" thousand" if int(m.group(1)) < 10_000
                                                      and ("k" in m.group(0) or "thousand" in
                                                           m.group(0) or "grand" in m.group(0)
                                                           or expecting) else ""), text)
    return text


def _rough_range(text: str, expecting: bool) -> tuple[int, int] | None:
    """"mid fours", "low 500s", "high three hundreds": a range around a round figure."""
    match = re.search(r"\b(low|mid|high)(?:dle)?[- ]?(?:to[- ]\w+ )?(\d{1,3})(?:00)?'?s\b|"
                      r"\b(low|mid|high)[- ](one|two|three|four|five|six|seven|eight|nine)e?s\b|"
                      r"\b(low|mid|high)[- ](\d|one|two|three|four|five|six|seven|eight|nine)(?:00)? "
                      r"hundreds\b", text)
    if not match:
        whole = re.search(r"\bin the (one|two|three|four|five|six|seven|eight|nine)e?s\b|"
                          r"\bin the ([1-9])00'?s\b", text)
        if whole:  # "somewhere in the threes": 300 to 400 thousand
            figure = whole.group(1) or whole.group(2)
            base = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                    "eight": 8, "nine": 9}.get(figure) or int(figure)
            return base * 100_000, (base + 1) * 100_000
        return None
    words = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
             "eight": 8, "nine": 9}
    where = match.group(1) or match.group(3) or match.group(5)
    figure = match.group(2) or match.group(4) or match.group(6)
    base = int(words.get(figure, figure) if not str(figure).isdigit() else figure)
    if base < 10:
        base *= 100
    if base < 100 and not expecting:
        return None
    low, high = _ROUGH[where]
    unit = 1_000 if base < 10_000 else 1
    return (base + low) * unit, (base + high) * unit


_NOT_MONEY_AFTER = re.compile(r"\s*(?:miles?|square|sq|feet|ft|acres?|bed|bath|minutes?|hours?|days?|weeks?|"
                              r"months?|years?|people|kids|%|[ap]\.?m\b)")
_YEARS = re.compile(r"(?:between\s+)?(?:19|20)\d\d(?:\s*(?:to|-|and|or)\s*|,\s+)(?:19|20)\d\d")
"""Two years ("2019, 2020"), not a price span."""
_FIGURE_SPAN = re.compile(r"\b[1-9] [1-9]\d(?:,| (?:to|and|or|-))\s*(?:like |maybe |about )?(?:[1-9] [1-9]\d|"
                          r"[1-9]\d\d|half a mil)\b"
                          r"(?!\s*(?:am|pm|a\.m|p\.m|o'?clock|in the|tonight|tomorrow|today))")
"""Two figures said as "two fifty to three hundred", "three twenty-five, three fifty": no clock
says 2:50 to 300, and a span of such figures is a price."""
_HOME_SPAN = re.compile(r"\b(?:budget|houses?|homes?|condos?|townhouses?|townhomes?|places?|property|"
                        r"properties|buy|buying|duplex(?:es)?|fourplex(?:es)?|rentals?|investment)\b"
                        r"[^.?!]{0,60}\b\d{1,3}(?: \d{2})? (?:to|and|-) \d{1,3}\b"
                        r"(?!\s*(?:miles?|square|sq|feet|ft|acres?|bed|bath|minutes?|hours?|days?|weeks?|"
                        r"months?|years?|people|kids|%))")
"""Homes, then a span of small figures: a price range in thousands."""


_SAVED = re.compile(r"(?:\b(?:about|around|like|roughly|maybe)\s+)?\$?\b\d[\d,.]*\s*(?:k|thousand|grand)?\s+"
                    r"(?:saved(?: up)?|in savings|put away|set aside|"
                    r"(?:for|as) (?:a |the )?down(?: payment)?|down)\b|"
                    r"\b(?:saved up|savings of|down payment of|put down)\s+(?:about |around )?\$?"
                    r"\d[\d,.]*\s*(?:k|thousand|grand)?|"
                    # "saved up enough for a down payment, like forty thousand"
                    r"\bdown ?payment\b,?\s+(?:(?:of|is|like|about|around|maybe|so|um|uh),?\s+)*\$?"
                    r"\d[\d,.]*\s*(?:k|thousand|grand)?|"
                    # "whatever ours sells for plus maybe a hundred": an amount added, not the price
                    r"\b(?:plus|minus|on top of (?:that|it))\s+"
                    r"(?:(?:maybe|like|about|around|another|a|an),?\s+)*\$?"
                    r"\d[\d,.]*\s*(?:k|thousand|grand)?")
"""Money saved or put down: a down payment, not the home's price."""


_PAID_ONCE = re.compile(r"\b(?:bought|paid|purchased)\b[^.?!]{0,40}?\bfor\s+"
                        r"(?:(?:like|about|around|only|just)\s+)*"
                        r"\$?\d[\d,.]*(?: \d\d)?\s*(?:k\b|thousand|grand|million)?")
"""What a home cost once ("my sister bought her place for like six hundred thousand", "we bought
it in 2018 for three-ten"): not what the caller will spend now."""


_UPDATED = re.compile(r"old news|out of date|(?:bumped|moved|went|gone|raised|upped)(?: it| that| us)? up")
"""A figure said to be out of date ("we've bumped that up"): the one after it is the budget."""


_UNIT_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TENS_WORD = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_FIGURE_WORD = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|"
                r"forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|grand|k|to|and)")
_SAID_AGAIN = (
    (FIGURE_THEN_DIGITS, digits_said_once),
    # "three fifty, three hundred fifty thousand": said short, then in full
    (re.compile(rf"\b({_UNIT_WORD}) {_TENS_WORD}(?: {_UNIT_WORD})?[\s,]+(?=\1 hundred\b)"), ""),
    # "between five hundred and five fifty": the "and" of a span, not of "five hundred and five"
    (re.compile(rf"\b(between (?:{_UNIT_WORD} )?hundred) and (?={_UNIT_WORD}\b)"), r"\1 to "),
)
_CLOCK_FIGURE = re.compile(r"\b([1-9]):([0-5]\d)\b(?!\s*(?:am|pm|a\.m|p\.m|o'?clock|in the))")


def _fuller_again(run: re.Match[str]) -> str:
    """"two eighty to three, two eighty to three hundred thousand": a run of figure words that
    starts over (its first two words again) is the second saying."""
    words = re.findall(r"[a-z]+", run.group(0))
    # (not "three hundred to three hundred fifty thousand": a span, its ends alike at first)
    again = next((k for k in range(2, len(words) - 1)
                  if words[k: k + 2] == words[:2] and words[k - 1] not in {"to", "and", "or"}), None)
    return run.group(0) if again is None else " ".join(words[again:])


def said_once(u: Utterance) -> Utterance:
    """The figures as meant when said twice ("three fifty three hundred fifty thousand") or as a
    span ("between five hundred and five fifty"); a figure read as a time ("three twenty five
    maybe three thirty max") is a figure again where money is talked about."""
    # (as the line heard them: "like for fifty for hundred fifty thousand" is four fifty, said twice)
    lower = re.sub(rf"\b{_FIGURE_WORD}(?:[\s,]+{_FIGURE_WORD})+\b", _fuller_again, number_homophones(u.lower))
    for pattern, replacement in _SAID_AGAIN:
        lower = pattern.sub(replacement, lower)
    said = u if lower in {u.lower, number_homophones(u.lower)} else normalise(lower)
    if _CLOCK_FIGURE.search(said.numeric) and (_MONEY_CUE.search(said.numeric) or re.search(
            # "I can't go over like one-twenty. one-thirty if I really stretch"
            r"\b[1-9]:[0-5]\d,? if (?:i|we) (?:really |absolutely )?"
            r"(?:stretch|push|squeeze|have to|had to)\b|"
            r"\b(?:go|spend|pay) (?:over|more than|above) (?:like |about )?[1-9] \d\d\b", said.numeric)):
        numeric = _CLOCK_FIGURE.sub(r"\1 \2", said.numeric)
        said = Utterance(raw=said.raw, lower=said.lower, numeric=numeric)
    return said


_STRETCH = re.compile(r"(?:(?<=\d)|(?<=\dk)|(?<=\d k)|(?<=thousand)|(?<=grand))"
                      r"(?:,|\s+maybe|\s+or maybe|[,?.]\s*maybe|,?\s+(?:could|can|might) (?:go|stretch|do)"
                      r"(?: up to| to)?|,?\s+stretch(?:ing)? to|,?\s+if we (?:have|need) to|"
                      r",?\s+well,? maybe|\s*[—–-]\s*well,? maybe)"
                      r"\s+(?:like\s+|maybe\s+|up to\s+)?(?=\$?[1-9])")
"""A figure followed by a higher one it may stretch to ("two seventy-five, two ninety tops", "four
hundred k, maybe four twenty-five"): the first is where they start, the second the most."""


_NOT_MORE_THAN = re.compile(r"(?:n'?t|\bnot|\bnever)\b[^.?!]{0,25}\b(?:spend|pay|go|do)\s+(?:any )?"
                            r"(?:more than|over|above|past)\s*$")
"""A most said as what one won't go past ("wouldn't wanna spend more than …")."""
_MOST_IF = re.compile(r"\b(?:stretch(?:ing)? (?:it )?to|(?:could|can|might|would) (?:maybe )?go (?:up )?"
                      r"(?:to|as high as))\s+(?:like\s+|maybe\s+)?(?P<a>\$?[1-9][\d,.]*(?: \d\d)?"
                      r"(?:\s*(?:k|thousand|grand))?)|"
                      r"(?P<b>\$?[1-9][\d,.]*(?: \d\d)?(?:\s*(?:k|thousand|grand))?)"
                      r",?\s+if (?:we|i) (?:(?:really|absolutely|reeeally),? )*"
                      r"(?:(?:have|need|had|gotta|got) to|stretch|"
                      r"push (?:it|myself|ourselves)|squeeze)\b")
"""The most, said as a stretch ("maybe stretch to three seventy-five", "four seventy-five if
we really have to")."""


_A_HOME_ONE = re.compile(r"\b(new|other|old|next|last|first|right|nice|big|bigger|small|smaller|that|"
                         r"this) 1\b"
                         r"(?!\s*(?:million|mil|k|thousand|point|\.\d))")
""""the new one", "a bigger one": a home, not a figure."""


_LOOKING_IN = re.compile(r"\blook(?:ing|in'?) (?:in|around|near|at) [a-z' ]{2,30},?\s*(?:like |maybe |about |"
                         r"around |um |uh )*$")
"""A figure said right after where the caller looks ("we're lookin in georgetown maybe three
hundred", "looking in round rock three fifty"): a home's price, in thousands."""
_WHEN_AFTER = re.compile(r"\s*(?:am|pm|a\.m|p\.m|o'?clock|tomorrow|today|tonight|this|next|on\b|in the|"
                         r"mon|tue|wed|thu|fri|sat|sun)")
"""Words after a figure that make it a time of day ("around 2 30 tomorrow")."""
_FIGURE_WHERE_LOOKING = re.compile(_LOOKING_IN.pattern[:-1] + r"[1-9] \d\d\b(?!" + _WHEN_AFTER.pattern + ")")


_FIGURE = r"\$?[1-9](?: \d{2}|\d{2})?(?:,?000)?(?!\d)(?:\s*(?:k|thousand|grand)\b)?"
_CEILING = re.compile(
    rf"(?P<a>{_FIGURE}),?\s+(?:tops\b|(?:absolute |at the |at )?max(?:imum)?\b(?!:?\s*(?:of |is )?\$?\d)|"
    rf"at (?:the )?(?:very )?most\b|"
    rf"if (?:it'?s|its|the house is) (?:perfect|the (?:one|1)|just right|really (?:nice|good))\b|"
    rf"(?:(?:that|it|which)(?:'s| is)|is|'s) (?:(?:pretty much|really|basically|kind of|kinda|probably) )?"
    rf"(?:the|our|my) (?:real |absolute |hard )?"
    rf"(?:ceiling|top|max(?:imum)?|limit|cap|most)\b)|"
    rf"\b(?:up to|no more than|not a penny more than|(?:stay|keep it|keep us) (?:under|below)|"
    rf"(?:go|spend|pay|be) (?:over|above|past|more than)|"
    rf"approved (?:us |me )?(?:for|up to)|"
    rf"max(?:imum)?(?: is| of)?|(?:ceiling|limit|cap)(?: is|'s)?|"
    # "we got the letter. it's for three-ninety, I think?"
    rf"(?:letter|approval)\b[^?!]{{0,30}}?\bfor)\s+(?:about |around |like |maybe )?(?P<b>{_FIGURE})"
    r"(?!\s*(?:am|pm|o'?clock|a month|miles?|minutes?|hours?|%|percent))")
"""A figure said to be the most, before or after its marker ("four-twenty at the very most",
"six seventy-five if it's perfect", "approved up to about four-forty")."""


def _ceiling(said: str, found: tuple[int | None, int] | None) -> tuple[int | None, int] | None:
    """The range with its top put at the figure said to be the most, when that is near the
    figures said ("low fours, like four-twenty at the very most": 400 to 420, not 430)."""
    most = next((m for m in reversed(list(_CEILING.finditer(said)))), None)
    if most is None or re.search(r"\b(?:no|actually|i mean|wait|sorry|says|make (?:it|that)|well)\b",
                                 said[most.end():]):
        return found  # ("up to two ninety, no, three ten": put right after it)
    figure = most["a"] or most["b"]
    top = _budget(Utterance(raw=figure, lower=figure, numeric=figure), expecting=True)
    if top is not None and top[1] < 1_000:  # "four seventy-five", said as 475: thousands
        top = None, top[1] * 1_000
    if top is None or top[1] < 50_000:
        return found
    if found is None:  # ("two fifty two seventy five tops": a span said the way lead_facts reads it)
        return (None, top[1]) if most["b"] else None
    low = found[0] if found[0] is not None else found[1]
    if top[1] == found[1] or not low * 0.6 <= top[1] <= found[1] * 1.6:
        return found  # (a figure that far off is of something else)
    return (low if low < top[1] else None), top[1]


_FILLER_IN_SPAN = re.compile(r"\b(and|to)\W+(?:(?:ugh|um+|uh+|like|i guess|maybe|i dunno|say)\W+)+(?=\$?\d)")
_WONT_MAX = re.compile(r"\b(?:don'?t|do not|won'?t|not) (?:want to |wanna |gonna |going to )?"
                       r"(?:max (?:it|that) out|"
                       r"use (?:all of )?(?:it|that)|go (?:that high|all the way|up to that))\b")
_APPROVED_BUT = re.compile(r"\b(?:pre-?approved|approved|qualif\w+)\b[^.?!]{0,40}?\bbut\b(?P<rest>[^.?!]*)")
"""What the lender allows, then what the caller will spend ("pre-approved for up to five-twenty
but honestly I want to stay under half a mil"): the second is the budget."""


_HOUR_AND_MINUTES = re.compile(r"\b(?:1[0-2]|[1-9]):[0-5]\d\b")
_HOUR_SAID = re.compile(r"\b(?:(?:at|around|about|like|by) )*(?:1[0-2]|[1-9])(?::[0-5]\d)?(?: ?ish)?"
                        r"(?: ?[ap]\.?m\b\.?| o'?clock)?(?![\d:])(?! (?:k|thousand|hundred|grand)\b)")
_DAY_SAID = re.compile(r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|today|tonight|after work|"
                       r"this (?:morning|afternoon|evening)|next week)\b")


_DAY_AT_HOUR = re.compile(r"(?P<day>\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|tomorrow|"
                          r"\d{1,2}(?:st|nd|rd|th))\b[^.?!\d]{0,12}?\bat) (?:like |about |around )?"
                          r"(?:\d{1,2}(?::\d\d| [0-5]\d)?|one|two|three|four|five|six|seven|eight|nine|ten|"
                          r"eleven|twelve)(?:[- ](?:thirty|fifteen|forty[- ]five))?\b"
                          r"(?!\s*(?:k|thousand|grand|hundred))")
"""A day and the hour said at it ("Thursday the 28th at 5 30"): the figure is a time."""
_SAYS_OF_AN_END = re.compile(r"[.,;!?]\s+(?:but |and )?(?:my (?:wife|husband|partner|spouse)|she|he) says "
                             r"(?:like |about )?(?P<n>\d{1,3})(?: (?P<m>\d{2}))?(?!\d)"
                             r"(?:k| thousand| hundred)? (?:is|would be|'s)\b")
"""One end of the range said again, with a word on it ("… my husband says four is pushing it")."""


_DIGIT_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_MILLIONS_SAID_AS_DIGITS = re.compile(
    rf"\b({_DIGIT_WORD})-({_DIGIT_WORD}|zero|oh)\b(?! (?:bed|bath|car|story))")
"""Millions said digit by digit ("between one-two and one-five. million, I mean": 1.2 to 1.5
million), read only where "million" is said."""
_MILLION_WORD = re.compile(r"[,.]?\s*\b(?:million|mil)\b(?:,? i mean)?")


def _millions_as_digits(u: Utterance) -> Utterance:
    """"one-two to one-five million" as "1.2 million to 1.5 million"."""
    if not _MILLION_WORD.search(u.lower) or not _MILLIONS_SAID_AS_DIGITS.search(u.lower):
        return u
    digit = {w: str(n) for n, w in enumerate(
        ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"))} | {"oh": "0"}
    said = _MILLIONS_SAID_AS_DIGITS.sub(lambda m: f"{digit[m[1]]}.{digit[m[2]]} million",
                                        _MILLION_WORD.sub(" ", u.lower))
    return normalise(said)


def extract_budget(u: Utterance, *, expecting: bool = False) -> tuple[int | None, int] | None:
    """A price range (min, max) in dollars, with the most the caller would stretch to (see
    :func:`_budget`), its top where the caller puts it (:func:`_ceiling`); under a pre-approval,
    what the caller means to spend."""
    u = _millions_as_digits(u)
    # "we're pre-approved already, for five-fifty": a figure said of the approval is money
    expecting = expecting or bool(re.search(
        r"\bapproved(?: already)?,? (?:for|up to|to) (?:like |about |around )?"
        r"(?:\$?\d|one|two|three|four|five|six|seven|eight|nine)", u.lower) or re.search(
        # "oh, and we're thinking five to five-fifty, if that helps": a range the caller has in mind
        r"\b(?:we'?re|i'?m|we are|i am) (?:thinking|figuring|hoping for|looking at)"
        r"(?: (?:like|about|around|somewhere around|maybe))? "
        r"(?:\$?\d+|one|two|three|four|five|six|seven|eight|nine)(?:[- ]?\w+)? (?:to|through|or) "
        r"(?:\$?\d+|one|two|three|four|five|six|seven|eight|nine)[- ]"
        r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)", u.lower))
    if _DAY_SAID.search(u.lower) and not _MONEY_CUE.search(u.numeric) and any(
            _HOUR_AND_MINUTES.search(sentence) and (sentence.rstrip().endswith("?") or re.search(
                r"\bat (?:like |about |around )?\d", sentence))
            for sentence in re.findall(r"[^.?!]+[.?!]?", u.numeric)):
        # "Tuesday after work? Four-thirty-ish?" to the price question: a time, asked (not
        # "Three-fifty-ish. Can somebody call me back this afternoon?"); a price said beside it
        # stands ("something in Pflugerville under three hundred, and … Thursday at seven thirty")
        rest = _HOUR_SAID.sub(" ", u.numeric)
        if not re.search(r"\b[1-9]\d{2}\b", rest):
            return None
        u = Utterance(raw=u.raw, lower=_HOUR_SAID.sub(" ", u.lower), numeric=rest)
    if (hour := _DAY_AT_HOUR.search(u.numeric)) is not None:
        # "… price it … Thursday the twenty-eighth at five-thirty?": an hour said with a day, no money
        kept = u.numeric[: hour.end("day")] + u.numeric[hour.end():]
        u = Utterance(raw=u.raw, lower=_DAY_AT_HOUR.sub(r"\g<day>", u.lower), numeric=kept)
    if (says := _SAYS_OF_AN_END.search(u.numeric)) and (before := extract_budget(Utterance(
            raw=u.numeric[: says.start()], lower=u.lower[: says.start()], numeric=u.numeric[: says.start()]),
            expecting=expecting)) and None not in before:
        figure = int(says["n"]) * 100 + int(says["m"]) if says["m"] else int(says["n"])  # ("4 50": 450)
        if figure * (100_000 if figure < 10 else 1_000 if figure < 1_000 else 1) in before:
            return before  # "three-fifty to four, tops. my husband says four is really pushing it"
    if _FILLER_IN_SPAN.search(u.numeric):  # "between three-fifty and, ugh, four?": the span, said with a sigh
        kept = _FILLER_IN_SPAN.sub(r"\1 ", u.numeric)
        u = Utterance(raw=u.raw, lower=_FILLER_IN_SPAN.sub(r"\1 ", u.lower), numeric=kept)
    if (approved := _APPROVED_BUT.search(u.numeric)) and (rest := approved["rest"].strip()):
        if not re.search(r"\d", rest) and _WONT_MAX.search(rest):
            # "pre-approved for four-twenty, but we don't want to max it out. so somewhere between
            # three-fifty and four": what they would spend is said after it
            rest = u.numeric[approved.end():].strip(" .,;")
        spend = _extract_budget(Utterance(raw=rest, lower=rest, numeric=rest), expecting=True)
        allowed = _extract_budget(Utterance(raw=u.numeric[: approved.start("rest")], lower=u.lower,
                                            numeric=u.numeric[: approved.start("rest")]), expecting=True)
        if spend is not None and allowed is not None and spend[1] < allowed[1]:
            return _ceiling(rest, spend)  # ("… four-ten, that's the real top": its top where it is put)
        # (a cap said in so many words: "seven is the number", "stay under seven"; not "we'd love to
        # stay closer to four", a hope)
        bare = re.search(r"(?<![\d,.$])\b([1-9])\b(?= (?:is|'s) (?:the|our|my) "
                         r"(?:number|top|max|limit|budget|cap)\b)|"
                         r"\b(?:stay|keep it) (?:under|below) ([1-9])\b(?![\d,.:])|"
                         r"\b(?:no more than|max(?:imum)? (?:of |is )?|tops,? ) ?([1-9])\b(?![\d,.:])", rest)
        figure = int(next(g for g in bare.groups() if g)) * 100_000 if bare else 0
        if spend is None and allowed is not None and bare and allowed[1] >= 100_000 and figure < allowed[1]:
            return None, figure  # "approved for eight hundred but seven is the number"
    if _IN_BETWEEN.search(u.lower) and (span := _two_figures(u.numeric)) is not None:
        return span  # "maybe five-fifty … if not, more like four-fifty. so somewhere in there"
    if _A_HOME_ONE.search(u.numeric):  # "budget for the new one, five-fifty to six hundred": no 1
        kept = _A_HOME_ONE.sub(r"\1 one", u.numeric)
        u = Utterance(raw=u.raw, lower=u.lower, numeric=kept)
    found = _extract_budget(u, expecting=expecting)
    if found is not None or expecting or _MONEY_CUE.search(u.numeric):
        found = _ceiling(said_once(u).numeric, found)
    said = said_once(u).numeric
    most = next((m for m in reversed(list(_MOST_IF.finditer(said)))), None)
    if most is None or (found is None and not expecting and not _MONEY_CUE.search(said)):
        return found
    figure = most["a"] or most["b"]
    stretched = _budget(Utterance(raw=figure, lower=figure, numeric=figure), expecting=True)
    if found is not None and found[1] >= 100_000 and re.fullmatch(r"\s*[1-9]\s*", figure):
        stretched = None, int(figure) * 100_000  # "like 450, could stretch to 5": 500 thousand
    if stretched is None:
        return found
    if found is None:
        return None, stretched[1]
    if found[1] < stretched[1] <= found[1] * 1.6:
        return (found[0] if found[0] is not None else found[1]), stretched[1]
    return found


_IN_BETWEEN = re.compile(r"\b(?:somewhere|anywhere) (?:in there|in between|between (?:those|them|the two)|"
                         r"in that range|in the middle)\b|\bin between\b")
"""Two figures said apart, then the span between them meant ("… so somewhere in there")."""


def _two_figures(said: str) -> tuple[int, int] | None:
    """The span of two home prices said in separate breaths ("we could maybe do five-fifty on the
    next place. if not, more like four-fifty"), low to high."""
    # ("she says three-fifty, I say four-twenty-five, so, somewhere in there": each one's figure)
    found = [f for part in re.split(r"[.;?!]|\bif not\b|\bor\b|,\s*(?=(?:i|we|he|she|they|my \w+) "
                                    r"(?:says?|said|thinks?|wants?)\b)", said)
             if (f := _budget(Utterance(raw=part, lower=part, numeric=part), expecting=True))
             and f[1] >= 50_000]
    figures = [f[1] for f in found]
    if any(f[0] is not None for f in found):
        return None  # "mid-threes? like three-forty, three-sixty, somewhere in there": a span said as one
    if len(figures) >= 2 and max(figures) <= min(figures) * 1.8:
        return min(figures), max(figures)
    return None


def _extract_budget(u: Utterance, *, expecting: bool = False) -> tuple[int | None, int] | None:
    """A price range (min, max) in dollars: "450 to 500 thousand", "600k", "under $1.2 million",
    "a quarter mil", "mid fours", "up to 400 and change", "two seventy-five, two ninety tops".
    Money saved or put down ("we've got about thirty grand saved") is not the price."""
    found = _budget(u, expecting=expecting)
    said = said_once(u).numeric
    stretch = next((m for m in reversed(list(_STRETCH.finditer(said)))), None)
    if found is None or (found[0] is not None and found[0] < found[1] * 0.9) or stretch is None:
        return found  # a span said in so many words stands
    head = said[: stretch.start()]
    start = _budget(Utterance(raw=head, lower=head, numeric=head), expecting=True)
    if start is not None and start[1] < found[1] <= start[1] * 1.5:
        # "three-fifty to four hundred — well, maybe 425": from 350 (a span's low end, said as one)
        low = start[0] if start[0] and _RANGE.search(_spoken_money(head, True)) else start[1]
        return low, found[1]
    if start is not None and start[1] * 10 < found[1] and re.match(r"\s*[1-9] \d\d\b", said[stretch.end():]):
        return None, found[1]
    tail = said[stretch.end():]
    more = _budget(Utterance(raw=tail, lower=tail, numeric=tail), expecting=True)
    if more is not None and found[1] < more[1] <= found[1] * 1.6:
        return found[1], more[1]  # "a hundred and twenty thousand? maybe one-thirty if I'm lucky"
    return found


_ROAD = re.compile(r"\b(?:(?:highway|hwy|interstate|route|loop|sh|us|exit) ?\d{1,3}|i-\d{2})\b"
                   r"(?!\s*(?:k\b|thousand|grand|dollars|bucks))|"
                   r"\b(?:commute|drive|driving|live|living|work|traffic)(?:'s| is)?\b[^.?!,]{0,15}"
                   r"\b(?:up|down|off(?: of)?|along|on|via|near) \d{2,3}\b"
                   r"(?!\s*(?:k\b|thousand|grand|dollars|bucks))")
"""A road named by its number ("my commute's up 183", "right off I-35")."""


def _budget(u: Utterance, *, expecting: bool = False) -> tuple[int | None, int] | None:
    u = said_once(u)
    if FROM_UP_TO.search(u.numeric):  # "anything from 200 up to 350": a span
        kept = FROM_UP_TO.sub(r"\1 \2 to ", u.numeric)
        u = Utterance(raw=u.raw, lower=u.lower, numeric=kept)
    if _SAVED.search(u.numeric) or _PAID_ONCE.search(u.numeric):
        kept = _PAID_ONCE.sub(" ", _SAVED.sub(" ", u.numeric))
        u = Utterance(raw=kept, lower=kept, numeric=kept)
    # "78702 or 78721": zip codes, never a home price said as five bare digits
    numeric = re.sub(r"(?<![$\d,.])\b\d{5}\b(?![\d,.]|\s*(?:k\b|thousand|grand|dollars|bucks))",
                     lambda m: m.group(0) if m.group(0) not in u.lower or _MONEY_CUE.search(
                         u.numeric[max(0, m.start() - 30): m.start()]) else " ", u.numeric)
    # "my commute's up 183", "we're right off I-35": a road's number, never a price
    numeric = _ROAD.sub(" ", numeric)
    # "condos up by the domain, two fifty to three hundred": a span of figures said of homes
    spans_homes = bool(_HOME_SPAN.search(numeric) or re.search(r"\bbetween [1-9] and [1-9] \d\d\b", numeric)
                       or _FIGURE_SPAN.search(numeric))
    thousands = re.search(r"\b(?:thousand|grand)\b(?! miles)", u.lower) is not None or (
        u.lower == u.numeric and re.search(r"(?<![\d,.])[1-9]\d{4,5}(?![\d,.])", numeric) is not None)
    text = _spoken_money(numeric, expecting or spans_homes or thousands
                         or _MONEY_CUE.search(numeric) is not None
                         or _FIGURE_WHERE_LOOKING.search(numeric) is not None)
    rough = _rough_range(u.lower + " " + text, expecting or _MONEY_CUE.search(text) is not None)
    if rough:
        return rough
    cue = expecting or _MONEY_CUE.search(text) is not None or thousands
    # "about 500 thousand, actually no, up to 550k": the figure after a correction wins.
    # "around 400— well, maybe 450 tops", "a 120, 125 tops", "300, no wait, 325" too: a figure
    # said after a hedge, or a capped figure after another, is the one the caller settles on
    corrected = list(re.finditer(r"\b(?:actually|i mean|sorry|correction|make that|rather|no wait|wait|i say|"
                                 r"but (?:we|i)?(?:'d| would)? ?(?:really |just |still |honestly |rather )?"
                                 r"(?:like|want|wanna|plan|hope|need|have|prefer)s? to (?:stay|keep it)|"
                                 # "around four hundred— what? okay, my wife says we can go up to 425"
                                 r"(?:my (?:wife|husband|partner|spouse|fiance|fiancee|dad|mom|father|mother|"
                                 r"parents)|she|he) says|"
                                 r"well,? maybe|or maybe|perhaps|more like|let'?s say|(?:just |so )?call it|"
                                 # "three hundred. no, let me be honest with you, … up to three-eighty";
                                 # "five to six hundred. ugh, my husband's shaking his head. four-fifty …"
                                 r"no(?=,)|no(?=\s*[—–-])|(?<=\d )no(?= \d)|nope|scratch that|"
                                 r"(?:let me |to )be honest with you|"
                                 # "we were thinking a million, but honestly, … up to one point two"
                                 r"\bbut,? (?:honestly|really|truthfully|now|then again|"
                                 r"after (?:seeing|looking))|"
                                 r"realistically|shaking (?:his|her|their) heads?|"
                                 # "one forty. well, no, that's old news, … one eighty-five"; "the
                                 # form says two fifty? we've bumped that up, we can do three hundred"
                                 r"well,? no|" + _UPDATED.pattern + "|"
                                 # "three fifty maybe four if it's the one"
                                 r"(?:(?<=\d )|(?<=\d, )|(?<=\d k )|(?<=\dk )|(?<=\d k, )|(?<=\dk, ))maybe"
                                 r"(?= (?:up to |as much as |even |stretch to )?\$?\d))\b|—|"
                                 r"\bwell\b,?(?=[^.?!]{0,25}\bif\b)|"  # "well, six-fifty if it's walkable"
                                 r"(?:[,.?]|\bish\b|(?<=\d)|(?<=\d thousand)|(?<=\dk))(?= (?:like |maybe )?"
                                 r"\$?\d[\d,.]*\s*(?:k|thousand|grand)?,?\s*(?:tops|max|maximum|"
                                 r"at (?:the )?(?:very |absolute |outside )?most|"
                                 r"would be (?:the|our|my) "
                                 r"(?:absolute |hard |very |real |firm )?(?:ceiling|limit|max|cap|top))\b)|"
                                 # "approved for three-eighty, but we really don't wanna go over
                                 # three-forty": the figure they hold to
                                 r"\b(?:don'?t|do not|rather not|never) (?:really )?(?:wanna|want to|plan to|"
                                 r"like to)? ?go (?:over|above|past|higher than)\b",
                                 text))
    inherited = False
    # the last correction a figure follows ("three-eighty — no, three-ninety, they bumped it —
    # lookin' in Pflugerville": not the dash before the place; "up to six hundred — can I meet
    # Thursday at three": not the dash before a time of day)
    corrected = [c for c in corrected if not NO_FIGURE_NEXT.fullmatch(text, c.end())]
    corrected = [c for c in corrected if re.search(r"\d", text[c.end():])] or corrected
    if corrected:
        tail = text[corrected[-1].end():]
        figure = re.search(r"\d[\d,.]*", tail)
        if figure and not _NOT_MONEY_AFTER.match(tail, figure.end()):  # not "…, maybe 4 bedrooms"
            # "about three fifty, sorry, three seventy-five": the figure corrected says the
            # new one is money too, and in the same unit
            head = text[: corrected[-1].start()]
            gone_over = re.search(r"\bgo (?:over|above|past|higher than)\b", corrected[-1].group(0))
            inherited = (_MONEY_CUE.search(head) is not None or _UPDATED.search(corrected[-1].group(0))
                         is not None or gone_over is not None or extract_budget(
                             Utterance(raw=head, lower=head, numeric=head), expecting=expecting) is not None)
            text = _spoken_money(tail, True) if inherited else tail  # "500k, I say four-fifty"
            hundreds = re.match(r"(\W*(?:like |about |around |say )?)([1-9])\b(?![.,]?\d|\s*(?:k\b|hundred|"
                                r"thousand|million|mil\b|grand|percent|%))", text)
            if inherited and hundreds and not _NOT_MONEY_AFTER.match(text, hundreds.end()):
                text = f"{hundreds.group(1)}{hundreds.group(2)}00{text[hundreds.end():]}"  # "350, maybe 4"
    # a span of counted things ("the next three or four months") is no price span
    match = next((m for m in _RANGE.finditer(text) if not _NOT_MONEY_AFTER.match(text, m.end())
                  and not _YEARS.fullmatch(m.group(0).strip())), None)
    if match:
        n1, s1, n2, s2 = match.groups()
        high = _amount(n2, s2)
        low = _amount(n1, s1 or (s2 if s1 is None else None))
        if s1 is None and s2 and low > high:
            low = _amount(n1, None)  # "nine hundred to 1.2 million": the unit is the high end's only
        if s1 and not s2 and high < low < _amount(n2, s1):
            high = _amount(n2, s1)  # "three hundred thousand to three fifty": the unit said once
        while s1 is None and s2 and len(n1) == 1 and low * 10 <= high:
            low *= 10  # "six to seven hundred grand": six hundred thousand
        if not (s1 or s2) and 100 <= low < 1000 and 1 <= high < 10 and high * 100 > low:
            high *= 100  # "three-fifty to four, somewhere in there": 350 to 400
        if low < 1000 <= high:  # "450 to 500000" from spoken "four fifty to five hundred thousand"
            # ("six to seven hundred grand": the six is six hundred thousand)
            for mult in (1_000, 100_000, 1_000_000):
                if low * mult <= high < low * mult * 10:
                    low *= mult
                    break
        if low < 10 <= 100 <= high < 1000:
            low *= 100  # "between four and four fifty": 400 to 450
        if expecting and high < 100 and not (s1 or s2):
            return None  # "nine or ten" is no home price anyone means in dollars or thousands
        # "between three and four hundred", "condos … two fifty to three hundred": a span of
        # hundreds said of homes is thousands, asked for or not
        homes = (spans_homes or match.group(0).startswith("between") or bool(
            re.search(r"\bbetween\s*$", text[: match.start()]))) and not _NOT_MONEY_AFTER.match(
            text, match.end())
        if (expecting or cue or homes) and 100 <= high < 10_000 and not (s1 or s2):
            # "450 to 500" asked for a budget ("300,000 to 350": the first in dollars already)
            low, high = (low * 1_000 if low < 10_000 else low), high * 1_000
        if high >= 10_000 and max(low, high) <= MAX_BUDGET_USD and (
                cue or homes or s1 or s2 or "$" in match.group(0)):
            return int(min(low, high)), int(max(low, high))
    for match in _SINGLE.finditer(text):
        qualifier, number, suffix = match.groups()
        value = _amount(number, suffix)
        if 1900 <= value <= 2100 and not suffix and "$" not in match.group(0):
            continue  # a year, not a price
        if re.match(r"\s*(?:dollars|bucks)?\s*(?:a|per|each|/)\s*(?:month|mo|year)\b|\s*monthly",
                    text[match.end():]):
            continue  # "we can do 2,500 a month" is a payment, not a price
        homes = re.search(r"\b(?:house|home|condo|place|property|properties|townhome|buy|buying|budget|"
                          r"pre-?approved|cash|deals?|rentals?|duplex(?:es)?|spend|stay (?:under|below))\b",
                          text)
        capped = qualifier in _CAPS or bool(qualifier and qualifier.startswith(("nothing", "not ", "no ")))
        if not suffix and _CAP_AFTER.match(text[match.end():]):
            capped = True  # "three-fifty, tops"
        if _NOT_MORE_THAN.search(text[: match.start()]):
            capped = True  # "we wouldn't wanna spend more than three hundred on the next one"
        if capped and homes and not suffix and 1 <= value < 10 and "$" not in match.group(0) and re.match(
                r"\s*(?:[.,!?;]|$|and\b|if\b|for\b|on\b|or so\b)", text[match.end():]):
            value *= 100  # "we're tryin' to stay under four": four hundred thousand
        approved = re.search(r"\b(?:approved|afford|budget|spend|max(?:imum)?|ceiling|limit|cap|"
                             r"(?:letter|approval|pre-?approval|bank|lender) says)\b"
                             r"(?:'s)?(?:[\s,.?!]+(?:us|me|for|is|of|to|at|about|around|like|maybe|roughly|"
                             r"probably|say|um|uh|i|dunno|don'?t|know|not|sure|guess|think|honestly))*[\s,.?!]*$",
                             text[: match.start()])
        scaled = not suffix and 100 <= value < 10_000 and bool(
            expecting or (qualifier and homes) or capped or approved or inherited
            or re.search(HOME_PRICE_BEFORE, text[: match.start()])
            or (_LOOKING_IN.search(text[: match.start()]) and not _WHEN_AFTER.match(text, match.end())))
        if scaled:
            value *= 1_000  # "around 450" for a home means thousands: "up to 450", "about 600"
        if 10_000 <= value <= MAX_BUDGET_USD and (cue or scaled or suffix or "$" in match.group(0)):
            if capped:
                return None, int(value)
            return int(value * 0.9) if qualifier in {"around", "about"} else None, int(value)
    return None
