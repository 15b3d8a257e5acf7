"""Caller text as the extractors read it, and where in it a mention is ruled out or corrected.

``normalise`` gives the three forms of a message (raw, lower-cased, numbers as digits, loose
clock words as times); the helpers below answer, for a mention at some position, whether the
caller ruled it out ("not Tuesday", "anywhere but Round Rock", "Tuesday I'm slammed") or
corrected it later ("Tuesday — no wait, Friday").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from text_to_num import alpha2digit

from frontdesk.brain.nlu.heard_numbers import number_homophones
from frontdesk.brain.nlu.lexicon import lexicon
from frontdesk.brain.nlu.ordinals import ORDINAL_NUMERAL, protect_choice_ordinals

WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)day"
"""A weekday's name as said ("tues", "thurs"), with its "day"."""
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
"""A month's name, whole or cut short."""


@dataclass(slots=True, frozen=True)
class Utterance:
    """One caller message in the three forms the extractors need."""

    raw: str
    lower: str
    """Lower-cased, typographic quotes straightened, whitespace collapsed."""
    numeric: str
    """``lower`` with number words turned into digits ("two pm" → "2 pm")."""


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=2048)
def normalise(text: str) -> Utterance:
    """The three forms of ``text`` (cached: the readers of one message ask for it many times)."""
    return _normalise(text)


def _normalise(text: str) -> Utterance:
    raw = _SPACES.sub(" ", text.replace("’", "'").replace("‘", "'")).strip()
    # "D E capital L U C A": the case of a letter spelled, not a word of the name
    raw = re.sub(r"\b(?:capital|cap|upper ?case|lower ?case) (?=[a-z](?:[ -][a-z]\b)+)|"
                 r",?\s*\bcapital [a-z]\b(?![ -][a-z]\b)", "", raw, flags=re.I)  # ("DiMarco, capital M")
    lower = _word_homophones(_time_zones(_accent(_spanish(_dropped_g(_disfluencies(raw.lower()))))))
    # "oh" read as zero inside digit runs ("five one two, oh one nine").
    # Not "at, oh, eleven": a filler before a time, with no digit before it.
    spoken = re.sub(r"\b((?:zero|one|two|three|four|five|six|seven|eight|nine|\d+)[\s,-]+)oh\b"
                    r"(?=[\s,-]*(?:zero|one|two|three|four|five|six|seven|eight|nine|\d))",
                    r"\1zero", lower)
    # "the 2nd one", "the 1st option": a choice said with a numeral, not a date
    spoken = re.sub(r"\b(the|that) (1st|2nd|3rd)(?= (?:one|option|choice|slot|time)\b)",
                    lambda m: f"{m.group(1)} " + ORDINAL_NUMERAL[m.group(2)], spoken)
    # "the twenty-third", "thirty first": a day of the month said in words
    spoken = re.sub(r"\b(twenty|thirty)[- ](first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)\b",
                    lambda m: _ORDINAL_DAY[m.group(1)] + _ORDINAL_UNIT[m.group(2)], spoken)
    spoken = protect_choice_ordinals(spoken)
    # "about a hundred eighty", "a hundred and twenty grand": one hundred, said with "a"
    spoken = re.sub(r"\ba (hundred|thousand)\b(?= (?:and )?(?:ten|eleven|twelve|thirteen|fourteen|fifteen|"
                    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
                    r"one|two|three|four|five|six|seven|eight|nine|\d))", r"one \1", spoken)
    # "the evening one", "that earlier one": a slot pointed at, not the number 1
    spoken = re.sub(r"\b((?:the|that|this) (?:\w+ )?(?:morning|afternoon|evening|early|earlier|late|"
                    r"later|other|last|same|lunch|lunchtime|noon|[ap]\.?m\.?|o'?clock|monday|tuesday|"
                    r"wednesday|thursday|friday|saturday|sunday|today|tomorrow|weekend) )one\b"
                    r"(?![- ](?:o'?clock|oclock|thirty|fifteen|forty|[ap]\.?m\b))", r"\1choicexone", spoken)
    # "okay then, let's do one", "can we set one up": a visit, not one o'clock
    spoken = re.sub(r"\b((?:let'?s|lets|to|can we|could we|i'?d like to|i wanna|we wanna) "
                    r"(?:do|book|schedule|set|get|grab|have|try) )one\b(?![- ](?:o'?clock|oclock|thirty|"
                    r"fifteen|forty|fifty|twenty|ten|[ap]\.?m\b|in the|this|tomorrow|today|on|at)\b)",
                    r"\1choicexone", spoken)
    # "I'll swing by one morning next week": some morning, not one o'clock
    spoken = re.sub(r"\b(?<!at )(?<!around )(?<!about )one (?=(?:morning|afternoon|evening|day|night|weekend|"
                    r"of these days)\b)", "some ", spoken)
    spoken = re.sub(rf"\b({_NUMBER_WORD}|\d+|morning|afternoon|evening|noon|lunch)-?ish\b",
                    r"\1 ish", spoken)  # "fifty-ish", "afternoonish"
    # "at, oh, eleven", "around, um, two": a filler between "at" and the hour
    spoken = re.sub(rf"\b(at|around|about|by)[,\s]+(?:(?:oh|um+|uh+|er|erm|like|say)[,\s]+)+"
                    rf"(?=\d|{_NUMBER_WORD}\b)", r"\1 ", spoken)
    # "ten ten in the morning": an hour said twice (no visit starts at 10:10)
    # (not inside a run of digits: "five five five, zero one …" is a phone number)
    spoken = re.sub(rf"(^|[^\w\s]\s*|\b(?!{_DIGIT_WORD}\b|zero\b|oh\b)\w+ )"
                    rf"(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[\s,]+\2\b"
                    rf"(?! (?:{_DIGIT_WORD}|zero|oh|\d)\b)", r"\1\2", spoken)
    # "like 11 11 in the morning", "wednesday at uh 10 10 am": the same, in digits
    spoken = re.sub(r"(?<!\d\s)(?<![\d:])\b(1[0-2]|[1-9])[\s,]+\1\b(?![\s,]*\d)(?=\s*(?:[ap]\.?m\b|in the\b|"
                    r"o'?clock|oclock|ish\b|$|[,.;!?]|on\b|tomorrow|today|tonight|or\b|if\b|works?\b|please))",
                    r"\1", spoken)
    spoken = number_homophones(spoken)
    spoken = _loose_clock(spoken)
    spoken = _run_together_clock(spoken)
    spoken = re.sub(rf"\b({_NUMBER_WORD})'s\b", r"\1 is", spoken)  # "eleven's better": a number
    # "on the tue— the wednesday": a day cut off and said again as another is a slip, not a day
    spoken = re.sub(r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b(?:[\s,.-]|—)+"
                    r"(?:(?:the|on|uh+|um+|er|i mean|no|sorry)\W+)*"
                    r"(?=(?:mon|tues|wednes|thurs|fri|satur|sun)day\b)", "", spoken)
    spoken = re.sub(r"\b(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b\.?(?=\s*(?:\d|at\b|$|,|\.|"
                    r"morning|afternoon|evening|the\b|or\b))",
                    lambda m: {"mon": "monday", "tue": "tuesday", "tues": "tuesday",
                               "wed": "wednesday", "thu": "thursday", "thur": "thursday",
                               "thurs": "thursday", "fri": "friday", "sat": "saturday",
                               "sun": "sunday"}[m.group(1)], spoken)  # "wed. 10."
    # "fri same time", "thurs like 5 30": a short form no other word has is the day wherever it is
    # (not "wed": a transcript's "we'd" — "wed love to sit down friday")
    spoken = re.sub(r"\b(tues?|weds|thu|thur|thurs|fri)"
                    r"\b\.?(?!')",
                    lambda m: {"tue": "tuesday", "tues": "tuesday", "weds": "wednesday",
                               "thu": "thursday", "thur": "thursday", "thurs": "thursday",
                               "fri": "friday"}[m.group(1)], spoken)
    # "two-fifty", "two-ninety-five": said as "two fifty" (a figure or a time), never one word
    spoken = re.sub(r"\b(one|two|three|four|five|six|seven|eight|nine)-(ten|eleven|twelve|thirteen|fourteen|"
                    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
                    r"seventy|eighty|ninety)(?:-(one|two|three|four|five|six|seven|eight|nine))?\b",
                    lambda m: " ".join(filter(None, m.groups())), spoken)
    spoken = re.sub(r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[- ]"
                    r"(fifteen|thirty|forty[- ]five)\b(?! (?:thousand|hundred|k\b|grand|dollars))"
                    r"(?!-(?:one|two|three|four|five|six|seven|eight|nine)\b)",  # not "one thirty-five"
                    lambda m: f"{HOUR_WORDS[m.group(1)]}:"
                              f"{ {'fifteen': 15, 'thirty': 30}.get(m.group(2), 45):02d}", spoken)
    spoken = re.sub(rf"\b({_DIGIT_WORD}) ({_TENS_WORD})(?:[- ]({_DIGIT_WORD}))? (thousand|k|grand)\b",
                    lambda m: f"{_DIGIT_WORDS.index(m.group(1)) + 1}{_TENS.index(m.group(2)) + 2}"
                              f"{_DIGIT_WORDS.index(m.group(3)) + 1 if m.group(3) else 0} {m.group(4)}",
                    spoken)  # "four fifty thousand" is 450 thousand, not 4 and 50,000
    spoken = re.sub(rf"\b({_DIGIT_WORD})-point-({_DIGIT_WORD})\b", r"\1 point \2", spoken)  # "one-point-two"
    spoken = re.sub(rf"\b(?:a|one) (?:million|mil)[ -]({_DIGIT_WORD})\b(?! (?:hundred|thousand))",
                    lambda m: f"1.{_DIGIT_WORDS.index(m.group(1)) + 1} million", spoken)
    # "the 3/2 with the pool": bedrooms and baths, not the 2nd of March
    spoken = re.sub(r"\b([1-9])/([1-9](?:\.5)?)(?= (?:with|house|home|condo|place|in|on|near|that|for sale|"
                    r"listing|bed|bath)\b|,)", r"\1 bed \2 bath", spoken)
    # "tomorrow at for thirty": four, heard as "for"
    spoken = re.sub(r"\b(at|around|like|by) for"
                    r"(?= (?:thirty|fifteen|forty[- ]five|o'?clock|pm|p\.m|am|a\.m|ish)\b)",
                    r"\1 four", spoken)
    # "fourteen hundred (hours)": the 24-hour clock, not money, nor a truck ("ram fifteen hundred")
    spoken = re.sub(r"(?<!ram )(?<!silverado )(?<!sierra )(?<!gmc )(?<!chevy )(?<!dodge )"
                    r"\b(thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
                    r"twenty(?:[- ](?:one|two|three))?) hundred(?: hours)?\b"
                    r"(?! (?:dollars|bucks|a month|square|sq|miles|k\b|thousand|grand))",
                    lambda m: f"at {_TWENTY_FOUR[m.group(1).replace('-', ' ')]}:00", spoken)
    # "90 thousand ninety grand tops": the figure said again, not "90" and "1,090 grand"
    spoken = re.sub(rf"\b(thousand|grand|k) (?=(?:{_TENS_WORD}|{_DIGIT_WORD}|ten|eleven|twelve)"
                    rf"(?:[- ][a-z]+){{0,2}} (?:thousand|grand|k)\b)", r"\1, ", spoken)
    # "three fifty and four hundred": two figures; "and" follows "hundred" inside one, never a ten
    spoken = re.sub(r"\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|one|two|three|four|five|six|"
                    r"seven|eight|nine|ten|eleven|twelve)\s+and\s+(?=(?:one|two|three|four|five|six|seven|"
                    r"eight|nine|ten)\b)", r"\1 andx ", spoken)
    # "four hundred and four hundred fifty thousand": two figures, not 404 and 150 thousand
    spoken = re.sub(r"\bhundred\s+and\s+(?=(?:one|two|three|four|five|six|seven|eight|nine)\s+hundred\b)",
                    "hundred andx ", spoken)
    # "between two hundred fifty thousand and three hundred": two figures, not 250,300
    spoken = re.sub(r"\b(between\b[^.?!]{0,40}?\b(?:thousand|grand))\s+and\s+(?=(?:one|two|three|four|five|"
                    r"six|seven|eight|nine)\b)", r"\1 andx ", spoken)
    # "between three hundred and three fifty": the second figure said the short way (not 303 and 50)
    spoken = re.sub(rf"\bhundred\s+and\s+(?={_DIGIT_WORD}[- ]{_TENS_WORD}\b)", "hundred andx ", spoken)
    # "three hundred three twenty five tops": a round figure, then one said the short way (not 303 and 25)
    spoken = re.sub(rf"\bhundred (?={_DIGIT_WORD}[- ]{_TENS_WORD}\b)", "hundred, ", spoken)
    # "budget around 6 hundred thousand", "5 hundred and 50 thousand": a transcript's digits inside
    # a figure said in words, read as the words they stand for (not "6 100000")
    spoken = re.sub(r"\b([1-9]\d?)(?= hundred\b)|(?<=hundred )([1-9]\d?)(?= thousand\b)|"
                    r"(?<=hundred and )([1-9]\d?)(?= thousand\b)", lambda m: _in_words(int(m[0])), spoken)
    spoken = _said_again(spoken)
    try:
        numeric = alpha2digit(spoken, "en", threshold=0)
    except (ValueError, RuntimeError):  # text2num rejects some odd inputs; keep words then
        numeric = spoken
    numeric = numeric.replace("choicex", "").replace("andx", "and")
    numeric = re.sub(r"\b(\d+(?:\.\d+)?) 1000\b", r"\1 thousand", numeric)
    numeric = re.sub(r"\b(\d+) 1000000\b", r"\1 million", numeric)
    # "three hundred to three hundred fifty thousand": the first figure's thousands said once
    numeric = re.sub(r"\b([1-9]\d{2}) (to|and|or) ([1-9]\d{2})000\b", r"\g<1>000 \2 \g<3>000", numeric)
    # "twenty-eight of February": the day of the month as a plain number (the ordinal, not an hour)
    numeric = re.sub(rf"(?<![\d:$.,])\b([1-9]|[12]\d|3[01]) (of {MONTH})\b", r"\1th \2", numeric)
    # "one August", "15 August": the day said before its month, as much of the world says it
    numeric = re.sub(r"(?<![\d:$.,])(?<!the )\b([1-9]|[12]\d|3[01])(?:st|nd|rd|th)? (?!may\b)"
                     rf"({MONTH})\b(?!\s*\d)", r"\2 \1", numeric)
    return Utterance(raw=raw, lower=lower, numeric=numeric)


_RUN_TOGETHER = re.compile(r"(?<![\d$.,:/#-])\b(1[0-2]|[1-9])(00|15|30|45)\b(?![\d,.:/%#-])"
                           r"(?!\s+(?:[a-z]+\s+){0,2}(?:street|st|road|rd|ave|avenue|lane|ln|drive|dr|blvd|"
                           r"boulevard|way|court|ct|circle|cir|parkway|pkwy|highway|hwy|trail|trl)\b)")
_CLOCK_AFTER = re.compile(r"\s*(?:a\.?m\b|p\.?m\b|in the (?:morning|afternoon|evening)|o'?clock|ish\b)")
_CLOCK_BEFORE = re.compile(r"\b(?:at|around|like|about|by|say|maybe|um+|uh+|or|till|until|before|after|"
                           r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|morning|afternoon|tomorrow|today|"
                           r"\d{1,2}(?:st|nd|rd|th)|(?:first|second|third|fourth|fifth|sixth|seventh|eighth|"
                           r"ninth|tenth|eleventh|twelfth|\w+teenth|\w+tieth))\W*$")
_MONEY_WORDS = re.compile(r"\$|\b(?:budget|price|afford|approved|thousand|grand|k|range|max|tops|under|"
                          r"up to|pay|spend|down payment|mortgage|worth|miles|dollars|bucks|looking at|"
                          r"offers?|offered|listed)\b")


def _in_words(n: int) -> str:
    """``6`` → ``six``, ``50`` → ``fifty``, ``75`` → ``seventy five`` (1 to 99)."""
    teens = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
             "eighteen", "nineteen")
    if n < 10:
        return _DIGIT_WORDS[n - 1]
    if n < 20:
        return teens[n - 10]
    return _TENS[n // 10 - 2] + (f" {_DIGIT_WORDS[n % 10 - 1]}" if n % 10 else "")


def _run_together_clock(text: str) -> str:
    """"wensday morning at 930", "the twelfth if you got it um 1030": an hour and its minutes
    written as one number, as phone speech-to-text does, is a clock time (not a price, a
    mileage or a street number: only beside a day or "at", or before "am" / "in the morning")."""
    def clock(m: re.Match[str]) -> str:
        after, before = text[m.end():m.end() + 20], text[max(0, m.start() - 30):m.start()]
        if _CLOCK_AFTER.match(after) or (m.group(2) != "00" and (
                _CLOCK_BEFORE.search(before) or not text.replace(m.group(0), "").strip(" .,?!"))):
            return f"{m.group(1)}:{m.group(2)}"
        return m.group(0)
    return text if _MONEY_WORDS.search(text) else _RUN_TOGETHER.sub(clock, text)


_G_DROPPED = re.compile(r"(?<![\w'])([a-z]{2,}in)(?:'(?![a-z])|(?![\w']))")


def _dropped_g(text: str) -> str:
    """Words said without their final g ("callin for my son", "mornin'", "lookin at the house"):
    the word, so that "I'm callin" is no name. Only where the word with its g is an everyday word
    and the word without is neither a word nor a name ("Austin", "Kevin", "cabin" stay)."""
    if "in" not in text:
        return text
    lex = lexicon()

    def fix(found: re.Match[str]) -> str:
        said = found.group(1)
        if (said + "g" in lex.everyday_words and said not in lex.everyday_words
                and said not in lex.first_names and said not in lex.given_names):
            return said + "g"
        return found.group(0)

    return _G_DROPPED.sub(fix, text)


_SOMEONE_ELSES = re.compile(r"\b(?:him|her|them|us)\b")


def as_for_me(text: str) -> str:
    """The text, plus the same words said of the caller, for matching phrases written in the
    first person: "can somebody run him home?" asks what "run me home" asks."""
    other = _SOMEONE_ELSES.sub("me", text)
    return text if other == text else f"{text} | {other}"


_UNHEARD = re.compile(r"\[(?:inaudible|unintelligible|crosstalk|noise|static|indiscernible|laughs?|"
                      r"background noise|silence|music)\]|\((?:inaudible|unintelligible|crosstalk)\)")
_SELF_TALK = re.compile(r",?\s*\b(?:what am i (?:saying|thinking|doing)|what was i thinking|silly me|duh|"
                        r"(?:i'?m|i am) (?:such )?an idiot|my bad|where was i|bless my heart)\b[?!.]?")
"""Words a caller says to themselves while correcting ("Wednesday's the concert, what am I
saying"): no question, nothing asked."""
_RESTARTED = re.compile(r"\b([a-z]{2,})\s*[—–-]+\s*(?=\1[a-z])")
_CUT_OFF = re.compile(r"(?<![\w-])(?!(?:pre|re|non|co|self|ex|anti|mid|post|semi)-)[a-z']{2,}-(?=\s)")
_REPEATED = re.compile(r"(?<![\w'])((?:[a-z']+[ ,]+){0,3}?[a-z']+)(?:[ ,]+\1)+(?![\w'])")
_ANY_NUMBER_WORD = re.compile(r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
                              r"nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
                              r"thousand)")
_DIGITS_ONLY = re.compile(r"(?:(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|\d+)[ ,]*)+")


_ORDINAL_DAY = {"twenty": "2", "thirty": "3"}
_ORDINAL_UNIT = {"first": "1st", "second": "2nd", "third": "3rd", "fourth": "4th", "fifth": "5th",
                 "sixth": "6th", "seventh": "7th", "eighth": "8th", "ninth": "9th"}


_STRESSED = re.compile(r"\b[a-z]{1,5}(?:-[a-z]{1,5}){1,3}\b")
_TEENS_AND_TENS = re.compile(r"(?:thir|four|fif|six|seven|eigh|nine)teen(?:th)?|"
                             r"(?:twen|thir|for|fif|six|seven|eigh|nine)t(?:y|ieth)")
"""A number said in stressed pieces so it is heard right ("the thir-TEEN-th", "fif-teen"): one word."""


def _disfluencies(text: str) -> str:
    """A stumble as if it were said once: a word cut off ("i wan- i need", "ray— raymond"),
    words said twice ("we we wanna", "can i can i do that", "four fifty four fifty"), and what a
    transcript marks as not heard ("[inaudible]"). A run of digits said twice is left alone: a
    phone number may repeat them; so is a number word said twice ("a twenty twenty civic")."""
    text = _UNHEARD.sub(" ", text)
    text = _STRESSED.sub(lambda m: m.group(0).replace("-", "") if _TEENS_AND_TENS.fullmatch(
        m.group(0).replace("-", "")) else m.group(0), text)
    text = _SELF_TALK.sub(lambda m: "." if m.group(0)[-1] in "?!." else " ", text)
    text = _CUT_OFF.sub("", text)
    text = _RESTARTED.sub("", text)

    def once(match: re.Match[str]) -> str:
        said = match.group(1)
        if _DIGITS_ONLY.fullmatch(said) or (" " not in said and _ANY_NUMBER_WORD.fullmatch(said)):
            return match.group(0)  # "five five five", and "twenty twenty" is a year
        if len(said) == 1 and said.isalpha() and (said not in "ai" or re.match(
                r"[ -][a-z][ -][a-z]\b", match.string[match.end():])):
            return match.group(0)  # "h o w e l l", "a a l i y a h": a name spelled, its double letter
        if re.search(r" (?:and|to|or)$", said) and _ANY_NUMBER_WORD.search(said):
            return match.group(0)  # "between four hundred and four hundred and fifty": two figures
        if " " in said and all(len(w) == 1 for w in re.split(r"[ ,]+", said)) and (re.match(
                r"[ ,]+[a-z]\b(?!')", match.string[match.end():]) or (re.search(
                r"(?:^|[ ,-])[a-z][ ,-]+[a-z][ ,-]+$", match.string[: match.start()]) and not re.match(
                r"\s+(?:at|on) the end\b", match.string[match.end():]))):
            return match.group(0)  # "a n a n y a", "o k e k e": a pair said again inside a spelling
        return said

    return _SPACES.sub(" ", _REPEATED.sub(once, text)).strip()


_DIGIT_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_DIGIT_WORD = "(?:" + "|".join(_DIGIT_WORDS) + ")"
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_TENS_WORD = "(?:" + "|".join(_TENS) + ")"
_NUMBER_WORD = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
                r"forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)")
HOUR_WORDS = {w: i + 1 for i, w in enumerate(("one", "two", "three", "four", "five", "six", "seven",
                                                "eight", "nine", "ten", "eleven", "twelve"))}


_HOMOPHONES = (
    # "tmrw nine", "2morrow", "tommorow": tomorrow as people type and transcripts misspell it
    (re.compile(r"\b(?:tmrw|tmrow|tmw|tmr|2morrow|2moro|2mrw|tomorow|tommorow|tommorrow|tomoro|tomorro)\b"),
     "tomorrow"),
    (re.compile(r"\b(?:tonite|2nite)\b"), "tonight"),
    (re.compile(r"\bfor what it'?s worth\b"), "fwiw"),  # the idiom: no home's worth asked
    # "I'm just the dad who kicks the tires": the idiom, no tires to work on
    (re.compile(r"\bkick(?:s|ing|ed)? the tires\b"), "looks it over"),
    # "that red rav for the used one": the RAV4, its four heard as "for"
    (re.compile(r"\brav (?:for|fore)\b"), "rav four"),
    # "the breaks have been squeakin", "break pads": the brakes, as speech recognition spells them
    (re.compile(r"\b(my|the|her|his|our|your|rear|front|its|it's) breaks\b(?! (?:room|are over|down))"),
     r"\1 brakes"),
    (re.compile(r"\bbreak (pads?|job|check|inspection|light|fluid|pedal|rotors?|lines?)\b"), r"brake \1"),
    # "it probably needs a tire row station": a rotation, heard in two words
    (re.compile(r"\brow ?station\b"), "rotation"),
    # "sun day", "mon day then", "to sday", "wens day", "wensday": a weekday written in two
    # pieces or by its sound, as phone speech recognition writes it
    # ("when's day", "wins day", "choose day", "fry day": Wednesday, Tuesday and Friday by their sound)
    (re.compile(r"\b(?:(mon|sun|fri|satur|thurs|tues)\s+day|(?:to\s?s|tue\s?s|chew\s?s|choose)\s?day|"
                r"(?:wens|wends|wednes|when'?s|wins)\s?day|(fr)(?:y|ies)\s?day)\b"),
     lambda m: f"{m.group(1)}day" if m.group(1) else "friday" if m.group(2)
     else "tuesday" if m.group(0)[0] in "tc" else "wednesday"),
    (re.compile(r"\bthanks giving\b"), "thanksgiving"),
    # "do yall have loan or cars": loaner cars, heard in two words
    (re.compile(r"\bloan (?:or|er|a) (cars?|vehicles?)\b"), r"loaner \1"),
    # "mornin uh ate thirty", "around tent thirty": eight and ten heard as words like them
    (re.compile(r"(?<!\bi )(?<!\bwe )(?<!\bhe )(?<!she )(?<!hey )\bate"
                r"(?=\s+(?:thirty|fifteen|forty|o'?clock|[ap]\.?m\b|in the))"), "eight"),
    (re.compile(r"\b(?:a|e) ?leven\b"), "eleven"),
    (re.compile(r"\blike (?:to|too)(?= (?:thirty|fifteen|forty|o'?clock|[ap]\.?m\b|in the))"), "like two"),
    # "our budget is like to fifty to tree hundred": two-fifty, a price said by its sound
    (re.compile(r"\b(like|is|about|around|maybe|from|between)(?: uh| um)? (?:to|too)"
                r"(?= (?:twenty|fifty|sixty|seventy|eighty|ninety)(?: (?:to|or|and|thousand|k)\b|\W*$))"),
     r"\1 two"),
    # "in like tree months", "tree hundred": three, by its sound, where only a number fits
    (re.compile(r"\btree(?= (?:months?|weeks?|years?|hundred|thousand|bedrooms?|o'?clock|thirty|fifteen|"
                r"forty|[ap]\.?m\b|in the (?:morning|afternoon|evening))\b)"), "three"),
    (re.compile(r"\btent(?=\s+(?:thirty|fifteen|forty|o'?clock|[ap]\.?m\b|in the))"), "ten"),
    (re.compile(r"\boil chains?\b"), "oil change"),  # "how much for a oil chain", as it is heard
    (re.compile(r"\bf[ie](?:dd|tt)y\b"), "fifty"),  # "budgets like three fiddy"
    (re.compile(r"\bpre[- ]?approve (?=already|wit|with|thru|through)"), "pre-approved "),  # "… already"
    # "we can go up to for fifty max": a four heard as "for" before a figure said as a price
    (re.compile(r"\b(up to|as much as|around|about|maybe|like|budget'?s?(?: is)?) for "
                r"(?=(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\b)"), r"\1 four "),
    # "budgets like for hundred to for fifty": the range's other end, a four heard as "for" too
    (re.compile(r"\b((?:hundred|thousand|grand|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety) "
                r"(?:to|or)) for (?=(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\b)"),
     r"\1 four "),
    (re.compile(r"\bbudgets (?=(?:is |like |about |around |maybe |up to )?"  # "budgets three fifty"
                r"(?:one|two|three|four|five|six|seven|eight|nine|\d))"), "budget's "),
    # "somethin like too fifty to three hundred": a two heard as "too" before a figure
    (re.compile(r"\btoo (?=(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
                r"fifty)(?: \w+)? (?:to|or|and|-|k\b|thousand|grand|tops|max))"), "two "),
    # "for fifty tops and we're pre-approved": a four heard as "for" before a capped figure
    (re.compile(r"(?<!\bgo )(?<!\bpay )\bfor (?=(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                r"(?: \w+)? (?:tops|max|k\b|thousand|grand))"), "four "),
    # "could i come in to day like at to o'clock", "to morrow": a day word split in two
    (re.compile(r"(?<!\bgo )(?<!\bwent )(?<!\bgoing )\bto (day|morrow|night)\b"
                r"(?! (?:care|job|shift|trip|off|trade|trader|trading)\b)"), r"to\1"),
    # "whats a state inspection run", "yall open saturday", "i dont know": contractions typed or
    # transcribed without the apostrophe (only words that are nothing else)
    (re.compile(r"\b(what|that|there|who|where|when|how|it|he|she)s\b(?<!\bits)"
                r"|\b(do|does|did|is|are|was|were|ca|wo|could|would|should|have|has|had|ai)nt\b"
                r"|\b(i|you|we|they)(ve|re|ll|d)\b(?<!\bid)(?<!\bwed)(?<!\bwere)(?<!\bwell)(?<!\bhell)"
                r"(?<!\bshell)(?<!\byoud)(?<!\btheyd)|\b(i)(m)\b|\b(y)(all)\b"),
     lambda m: _apostrophe(m)),
    # "saturday round nine": "around", clipped
    (re.compile(r"(?<![\w'])'?round (?=(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                r"noon|lunch)\b)"), "around "),
    # "my car no start", "the engine no turn on": how a learner of English says it won't
    (re.compile(r"\b(car|truck|van|suv|it|engine|she|he|jeep) (?:no|not) "
                r"(start|turn on|turn over|crank)s?\b"),
     r"\1 won't \2"),
    # "eight o clock": the apostrophe a transcript leaves out
    (re.compile(r"\bo clock\b"), "o'clock"),
    # "'bout eight", "bout ten": about, clipped
    (re.compile(r"(?:(?<=\s)|^)'?bout\b(?= (?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                r"twelve|noon|half|a |an |that|it|the|my|our|his|her|this|what|how))"), "about"),
    # "my break pads", "get my breaks checked": the car part, heard by its sound
    (re.compile(r"\bbreak(?=s? (?:inspect|check|pad|fluid|light|rotor|squeal|squeak|grind|nois|line|"
                r"pedal|job|and rotor))|(?<=\bmy )breaks\b|(?<=\bfrom the )breaks\b"
                r"|(?:(?<=\bthe )|(?<=\brear )|(?<=\bfront )|(?<=\bback ))breaks\b(?= (?:are|were|need|feel|"
                r"squeal|squeak|grind|make|went|checked|looked|done|fixed|replaced))"),
     lambda m: "brake" + m.group(0)[5:]),
    # "I want to cell my house": selling a home, heard as "cell"
    (re.compile(r"\bcell(ing)?(?= (?:my|our|the|a|his|her|their|this|that) (?:\w+ )?(?:house|home|place|"
                r"condo|property|townhouse|townhome|land|lot)\b)"), r"sell\1"),
    (re.compile(r"\b(to|too|wanna|gonna|gotta|should|could|would|might|will) cell\b(?! (?:phone|number))"),
     r"\1 sell"),
    # "looking too by a house", "we want to by": buying, heard as "by"
    (re.compile(r"\b(?:to|too) by\b(?= (?:a|an|our|my|some|something|in|around|near|out|up)\b)"
                r"|\b(?:to|too) by$"), "to buy"),
    (re.compile(r"\bby(?= (?:a|our|my|the|their) (?:\w+ )?(?:house|home|place|condo|property|townhouse|"
                r"townhome|starter)\b)(?<!drive by)(?<!stop by)(?<!come by)(?<!swing by)(?<!built by)"
                r"(?<!owned by)(?<!pass by)(?<!drop by)(?<!walk by)(?<! go by)(?<!went by)"),
     "buy"),
    # "r u guys open", "can u do", "ur place": typed shorthand, and words speech splits in two
    (re.compile(r"(?<!\b[a-z] )\br u\b(?! [a-z]\b)"), "are you"),  # not in "r u e l a s", spelled
    (re.compile(r"\b(can|could|will|would|do|did|are|have|thank|see) u\b"), r"\1 you"),
    (re.compile(r"\bu(?= (?:guys|all|have|got|do|open|close)\b)"), "you"),
    (re.compile(r"\bafter noon\b"), "afternoon"),
    (re.compile(r"\bsome (one|body)\b"), r"some\1"),
    (re.compile(r"\bhow'?s much\b"), "how much"),
    (re.compile(r"\bgeorge town\b"), "georgetown"),
    (re.compile(r"\bpre (?=approv|qualif)"), "pre-"),
    # "how does the whole pretty proved thing work": pre-approved, as a recogniser hears it
    (re.compile(r"\bpretty (?:a ?)?prov(?=ed\b|al\b)"), "pre-approv"),
    (re.compile(r"\bpre[- ]a[- ]?prov|\bpre[- ]?prov(?=ed\b|al\b)"), "pre-approv"),  # "pre-proved"
    # "we're pre prove with the credit union", "were pre approve already", "the pre prove thing":
    # the word as a transcript cuts it
    (re.compile(r"\bpre[- ]?(?:a[- ]?p?)?prove?\b(?= (?:thing|process|letter|stuff|part))"), "pre-approval"),
    (re.compile(r"\b(we're|i'm|were|are|am|got|get|been|be|was|she's|he's|they're) "
                r"pre[- ]?(?:a[- ]?p?)?prove?\b"), r"\1 pre-approved"),
    (re.compile(r"\bto morrow\b"), "tomorrow"),
    (re.compile(r"\bten thirty[- ]one exchange\b"), "1031 exchange"),  # the tax-deferred swap
    (re.compile(r"\b(half|quarter) passed\b"), r"\1 past"),
    (re.compile(r"\bwrite (?=now|away)"), "right "),
    # "rotate all for tires", "for bedrooms ideally": four, heard as "for"
    (re.compile(r"\b(all|new|the|my) for(?= (?:tires|wheels|tyres)\b)"), r"\1 four"),
    (re.compile(r"(?:^|(?<=\s))for(?= (?:bedrooms?|beds?|bathrooms?|baths?|br|bdrm)\b)"), "four"),
)


_TWENTY_FOUR = {"thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
                "eighteen": 18, "nineteen": 19, "twenty": 20, "twenty one": 21, "twenty two": 22,
                "twenty three": 23}
_SPANISH_NUMBERS = {"una": "one", "uno": "one", "dos": "two", "tres": "three", "cuatro": "four",
                    "cinco": "five", "seis": "six", "siete": "seven", "ocho": "eight", "nueve": "nine",
                    "diez": "ten", "once": "eleven", "doce": "twelve"}
_SPANISH = tuple((re.compile(pattern), english) for pattern, english in (
    (r"\bpasado ma[ñn]ana\b", "the day after tomorrow"),
    (r"\bma[ñn]ana (?:en|por|de) la ma[ñn]ana\b", "tomorrow morning"),
    (r"\b(?:en|por|de) la ma[ñn]ana\b", "in the morning"),
    (r"\b(?:en|por|de) la tarde\b", "in the afternoon"),
    (r"\b(?:en|por|de) la noche\b", "in the evening"),
    (r"\bma[ñn]ana\b", "tomorrow"), (r"\bhoy\b", "today"),
    (r"\b(?:la )?(?:pr[óo]xima semana|semana que viene)\b", "next week"),
    (r"\blunes\b", "monday"), (r"\bmartes\b", "tuesday"), (r"\bmi[ée]rcoles\b", "wednesday"),
    (r"\bjueves\b", "thursday"), (r"\bviernes\b", "friday"), (r"\bs[áa]bado\b", "saturday"),
    (r"\bdomingo\b", "sunday"), (r"\bs[íi] claro\b|\bclaro que s[íi]\b|\bs[í]\b", "yes"),
    (r"\bnecesito\b", "i need"), (r"\bquiero\b", "i want"), (r"\bcambio de aceite\b", "oil change"),
    (r"\bfrenos\b", "brakes"), (r"\bllantas\b", "tires"), (r"\bgracias\b", "thanks"),
    (r"\bperfecto\b", "perfect"), (r"\bme llamo\b", "my name is"), (r"\bmi nombre es\b", "my name is"),
    (r"\bpor favor\b", "please"),
    (r"\b(?:despu[ée]s del|saliendo del) trabajo\b", "after work"), (r"\bantes del trabajo\b", "before work"),
    (r"\bmediod[íi]a\b", "noon"), (r"\bm[áa]s tarde\b", "later"), (r"\btemprano\b", "early"),
    (r"\b(?:ver|mirar|visitar) (?:la|esa|esta) casa\b", "see the house"), (r"\b(?:la|una) casa\b", "a house"),
    (r"\bque tienen\b", "that you have"), (r"\b(?:tienen|tiene) algo\b", "do you have anything"),
    (r"\b(?:hacer|sacar|una) cita\b", "an appointment"), (r"\bcita\b", "appointment"),
    (r"\b(?:mi|el) (?:carro|coche)\b", "my car"), (r"\bno (?:prende|arranca)\b", "won't start"),
    (r"\bbater[íi]a nueva\b", "new battery"), (r"\baceite\b", "oil"), (r"\bllanta\b", "tire"),
    (r"\bcu[áa]nto (?:cuesta|cobran|es)\b", "how much is"), (r"\bcomprar\b", "buy"), (r"\bvender\b", "sell"),
    (r"\bllamar(?:me)?\b|\bll[áa]menme\b|\bll[áa]mame\b", "call me"), (r"\best[áa] bien\b", "that's fine"),
    (r"\b(?:hola|buenos d[íi]as|buenas tardes|buenas)\b", "hello"), (r"\ben\b", "in"),
    (r"\bdormitorios\b|\brec[áa]maras\b|\bcuartos\b", "bedrooms"),
))
"""Spanish said inside English (Texas callers switch mid-sentence): days, times and the few
words a booking turns on, in English for the rest of the reader."""


_ACCENT_SIGN = re.compile(r"\b(?:dis|dat|ees|tursday|tirty|chench|chanch|tank you|tink|"
                          r"tree (?:o'?clock|tirty|thirty|fifteen|forty|pm|p\.m))\b")
_ACCENT = tuple((re.compile(pattern), english) for pattern, english in (
    (r"\btursday\b", "thursday"), (r"\btirty\b", "thirty"), (r"\bdis\b", "this"), (r"\bdat\b", "that"),
    (r"\bees\b", "is"), (r"\bch[ae]n?ch\b", "change"), (r"\btank you\b", "thank you"), (r"\btink\b", "think"),
    (r"\btree(?= (?:o'?clock|oclock|tirty|thirty|fifteen|forty|pm|p\.m|in the)\b)|(?<=\bat )tree\b", "three"),
    (r"\bde\b(?! (?:la|las|los|el)\b)", "the"),
))
"""English as speech recognition writes a strong accent ("i need chench de oil", "next week
tursday at tree o'clock", "my name ees …"), read as it was meant once it surely is one."""


_CLOCK_WORDS = (r"(?:\d{1,2}(?::\d{2})?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon|"
                r"midnight)(?:[ -](?:thirty|fifteen|forty[- ]five|o'?clock|am|pm|a\.m\.|p\.m\.|in the \w+))?")
_OUR_CLOCK = re.compile(r"(?:\b(?:at|around|like|about)\s+)?\b(" + _CLOCK_WORDS
                        + r")\s+(?:your time|(?:central|texas|austin|local) time|y'?all'?s time)\b")
_THEIR_CLOCK = re.compile(r"(?:\b(?:at|around|like|about)\s+)?\b" + _CLOCK_WORDS
                          + r"\s+(?:my time|for me|(?:out )?here|(?:in )?(?:pacific|eastern|mountain|"
                          r"california|new york|east coast|west coast) time)\b")


def _time_zones(text: str) -> str:
    """"I'm in California, so two your time? That's noon for me", "eleven my time which is ten
    your time": the time in the business's zone is the one; the caller's own is left out."""
    if not _OUR_CLOCK.search(text):
        return text
    return _OUR_CLOCK.sub(r"at \1", _THEIR_CLOCK.sub("", text))


def _accent(text: str) -> str:
    if not _ACCENT_SIGN.search(text):
        return text
    for pattern, english in _ACCENT:
        text = pattern.sub(english, text)
    return text


def _spanish(text: str) -> str:
    if not re.search(r"[ñáéíóú]|\b(?:ma[ñn]ana|hoy|lunes|martes|jueves|viernes|s[áa]bado|domingo|"
                     r"necesito|quiero|gracias|a las|hola|casa|cita|carro|tienen|cuanto|llamo|nombre|"
                     r"buenas|buenos|despues|favor)\b", text):
        return text
    for pattern, english in _SPANISH:
        text = pattern.sub(english, text)
    numbers = "|".join(_SPANISH_NUMBERS)
    minutes = {"media": 30, "cuarto": 15}
    text = re.sub(rf"\ba las ({numbers}) y (media|cuarto)\b",  # "a las cinco y media": 5:30
                  lambda m: f"at {HOUR_WORDS[_SPANISH_NUMBERS[m.group(1)]]}:{minutes[m.group(2)]}", text)
    return re.sub(rf"\ba las ({numbers})\b", lambda m: f"at {_SPANISH_NUMBERS[m.group(1)]}", text)


def _apostrophe(match: re.Match[str]) -> str:
    word = match.group(0)
    if word.endswith("nt"):
        return {"cant": "can't", "wont": "won't", "aint": "ain't"}.get(word, word[:-2] + "n't")
    if word in {"im", "yall"}:
        return {"im": "i'm", "yall": "y'all"}[word]
    for tail in ("ve", "re", "ll", "d", "s"):
        if word.endswith(tail):
            return f"{word[: -len(tail)]}'{tail}"
    return word


def _word_homophones(text: str) -> str:
    """Words speech recognition writes by their sound where only the other word makes sense:
    "break" for the brake on a car, "cell" for selling a house, "too by" for to buy."""
    for pattern, replace in _HOMOPHONES:
        text = pattern.sub(replace, text)
    return _MISSPELT_DAY.sub(_weekday_by_spelling, text)


_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MISSPELT_DAY = re.compile(r"\b[a-z]{2,8}(?:day|dy|dey)\b")
"""A word ending like a weekday (checked against the everyday words ending so: "ready", "today")."""


def _distance(a: str, b: str) -> int:
    """Edits (a letter added, dropped, changed, or two swapped) from ``a`` to ``b``."""
    row2: list[int] = []
    row1 = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            row.append(min(row1[j] + 1, row[j - 1] + 1, row1[j - 1] + (ca != cb)))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], row2[j - 2] + 1)
        row2, row1 = row1, row
    return row1[-1]


def _weekday_by_spelling(match: re.Match[str]) -> str:
    """"thirsday", "wendsday", "teusday", "saterday", "fridy": a weekday as a transcript or a
    hurried typist spells it — the one weekday a letter or two away, starting with its letter."""
    word = match.group(0)
    if word in lexicon().everyday_words:
        return word  # "today", "ready", "monday" itself
    near = sorted((_distance(word, day), day) for day in _WEEKDAY_NAMES if day[0] == word[0])
    near = [(edits, day) for edits, day in near if edits <= (1 if len(word) <= 6 else 2)]
    return near[0][1] if near and (len(near) == 1 or near[1][0] > near[0][0]) else word


def _loose_clock(text: str) -> str:
    """"half past two" → "2:30", "quarter to four" → "3:45", "quarter past ten" → "10:15"."""
    def hour(word: str) -> int | None:
        return HOUR_WORDS.get(word) or (int(word) if word.isdigit() and 0 < int(word) <= 12
                                         else None)

    def past(match: re.Match[str]) -> str:
        h = hour(match.group(2))
        minutes = 30 if match.group(1) == "half" else 15
        return f"{h}:{minutes:02d}" if h else match.group(0)

    def to(match: re.Match[str]) -> str:
        h = hour(match.group(1))
        return f"{(h - 2) % 12 + 1}:45" if h else match.group(0)

    text = re.sub(r"\b(half|quarter) (?:past|after) (\w+)\b", past, text)
    # "half ten" is half past ten where callers say it that way; never "half an hour", "half 2 miles"
    text = re.sub(r"\b(half) (\w+)\b(?!\s*(?:hours?|minutes?|mins?|miles?|days?|weeks?|months?|years?|"
                  r"percent|%|price|off|dozen|of|a|an|the|and)\b)", past, text)
    text = re.sub(r"\b(?:a )?quarter (?:to|till|til|of|before) (\w+)\b", to, text)
    # "fri like 5 30", "tomorrow 10 15": a transcript's hour and minutes without the colon
    text = re.sub(r"\b(at|like|around|about|by|say|maybe|before|after|till|until|\w+day|tomorrow|today|"
                  r"tonight)\s+(1[0-2]|[1-9]) (00|15|30|45)\b(?!\s*(?:k\b|thousand|grand|dollars|bucks|"
                  r"miles|minutes|mins|percent|%|-|\d))",
                  lambda m: f"{m.group(1)} {m.group(2)}:{m.group(3)}", text)
    # "nine and half", "at three and half in afternoon": a time the way many learners say it;
    # not "three and half" said of money, years or miles
    return _AND_HALF.sub(lambda m: m.group(0) if _MONEY_BEFORE.search(text[max(0, m.start() - 40):m.start()])
                         else f"{hour(m.group(1))}:30" if hour(m.group(1)) else m.group(0), text)


_AND_HALF = re.compile(r"\b(\w+) and half\b(?! (?:a |an )?(?:hundred|thousand|million|mil|k|grand|"
                       r"years?|months?|"
                       r"weeks?|days?|hours?|miles?|bed|bath|acres?|percent|of)\b)")
_MONEY_BEFORE = re.compile(r"\b(?:budget|price|pay|paying|afford|spend|approved|range|max|maximum|"
                           r"up to|under|"
                           r"cost|costs|worth|offer|list|sell|hundred|thousand)\b|\$")


# ", but the brakes …" opens a clause; "anything but the brakes" rules them out
_NEGATED = re.compile(r"(?:\bnot|n't|(?<!, )(?<!\. )(?<!; )(?<!— )\bbut|\bexcept|\bother than|"
                      r"\brather than|\binstead of|"
                      r"\banything but|\banywhere but|\bno|\bnever|\baway from|\bavoid|"
                      # "scratch Cedar Park", "forget leander", "nix Friday"
                      r"\bscratch|\bforget(?: about)?|\bnix|\bditch|\bcross(?:ed)? (?:off|out))"
                      # "I can't do Austin", "I don't need the oil, my son just did it"
                      r"(?:\s+(?:do|go with|live in|move to|be in|know|need|want|wanna|require))?"
                      r"(?:\s+(?:on|in|the|a|an|really|quite|so|too|near|that|like))*\s*$|"
                      # "he can't get off Thursday", "we can't make it Friday" (not "but make it Friday")
                      r"(?:n't|\bcant|\bcannot|\bnot|\bnever)\s+(?:make(?: it)?|get off|come(?: in)?|"
                      r"get (?:there|in|away)|swing|handle)(?:\s+(?:on|in|the|a|an|really|that|like))*\s*$")
"""Words just before a mention that rule it out: "not Tuesday", "anywhere but Round Rock"."""


def ruled_out(text: str, start: int) -> bool:
    before = text[max(0, start - 40): start]
    if re.search(r"\b(?:no|nope|nah)\W*$", before) and _ANSWERED_NO.fullmatch(text[:start]):
        return False  # "actually no 1 pm", "no friday": the "no" answers; the value corrects
    if re.search(r"\b(?:know|sure|tell)\s+$", before) and re.match(
            r"(?:what|why|how|where|which|if|whether)\b", text[start:]):
        return False  # "I don't know what's wrong with it": the trouble unknown, no refusal
    if re.search(r"\b(?:all week|every ?day|all days|busy|work\w*|on shift|slammed|booked up)\b[^.?!]{0,12}"
                 r"\b(?:except|but)\s+(?:on\s+)?$", before):
        return False  # "I'm on shift all week except Friday": the one day free, wanted
    if re.search(r"\b(?:don'?t|do not|can'?t|cannot|not)\s+(?:really\s+)?(?:wanna|want to|going to|gonna)?\s*"
                 r"wait (?:till|until|for|all the way to)\s+$", before):
        return True  # "i really don't wanna wait till friday … can you get me in today": not Friday
    if re.search(r"\bbut\s+(?:the|my|our|his|her)\s+$", before) and re.match(
            r"[\w-]+(?:'s|\s+(?:is|was|has|had|needs|keeps|seems|looks|might|may|sounds|still))\b",
            text[start:]):
        return False  # "it's running now but the battery is like five years old": a new clause, no exception
    if re.search(r"\b(?:won'?t|wont|can'?t|cant|cannot|not|never|couldn'?t)\s+(?:be\s+)?(?:up|awake|there|"
                 r"ready|out of bed|make it(?: in)?|get (?:there|in|up))(?:\s+\w+)?\s+(?:by\s+)?$", before):
        return True  # "can we do 10 instead i wont be up by 8": not eight
    return _NEGATED.search(before) is not None or (
        _EVENT_ON.search(text[max(0, start - 60): start]) is not None) or (
        # "no wait i work the thirteenth", "I need the car tomorrow to drive my mom": the day is taken
        _WORKS_ON.search(before) is not None or (_NEEDS_THE_CAR.search(before) is not None and re.match(
            rf"(?:today|tomorrow|tonight|{WEEKDAY})\b", text[start:]) is not None))


_NEEDS_THE_CAR = re.compile(r"\b(?:i|we|she|he) (?:really )?(?:need|needs|have to have|gotta have) "
                            r"(?:the|my|our|his|her) (?:car|truck|van|suv|jeep|vehicle)\s+(?:on\s+)?$")
_WORKS_ON = re.compile(r"\b(?:i|we|he|she)(?: have to| gotta)? (?:work|works|'m working|am working|have work|"
                       r"got work|'m on shift)\s+(?:on\s+|all day\s+)?(?:the\s+|this\s+|that\s+)?$")
_EVENT_ON = re.compile(r"\b(?:got|have|has|had|'s got|'ve got) (?:a|an|my|his|her|the|our|their|this) "
                       # (an appointment of another's kind: "a doctor's appointment", not "an appointment")
                       r"(?:(?:doctor|dentist|dr|eye|hair|vet|medical|court|therapy|chemo|lawyer|school|"
                       r"surgeon|physical therapy|pt|ob|baby|orthodontist|allergist)(?:'?s)? "
                       r"(?:appointment|appt|checkup|check-up|visit)|"
                       r"(?:[\w']+ ){0,2}(?:meeting|game|surgery|shift|class|recital|practice|flight|funeral|"
                       r"wedding|tournament|exam|test|procedure|interview))s? "
                       r"(?:on |this |that |next |coming )?$")
"""A day named as the day of something the caller (or theirs) has ("he's got a doctor's
appointment Friday, so … Saturday?"): not the day wanted."""


_ANSWERED_NO = re.compile(r"(?:.*\b(?:wait|oh|sorry|actually|shoot|monday|tuesday|wednesday|thursday|"
                          r"friday|saturday|sunday|tomorrow|today|am|pm|\d+))?"
                          r"\W*(?:(?:actually|oh|um+|uh+|well|so|hmm+|sorry|wait|ah|shoot)\W+)*"
                          r"(?:no|nope|nah)\W*")
"""A "no" that opens the answer or follows a correction or another value, right before the
value ("actually no 1 pm", "monday wait no tuesday"): the value corrects, it is not ruled out."""


CORRECTION = re.compile(r"\b(?:no,? wait|wait,? no|oh,? wait|actually|i mean|sorry|"
                         r"(?<!n't )(?<!not )(?<!cant )(?<!wont )(?<!never )make (?:it|that)|"
                         r"instead(?! of)(?!\s*[?.!—–])|"
                         r"rather(?! than)(?! not)|scratch that|on second thought|no no|hold on|wait|"
                         r"let'?s say|let'?s (?:do|go with)|go with|better make it|i meant|meant|"
                         r"(?:let'?s (?:just )?|just )call it|"
                         r"no,|no\s*[—–]|no (?:sooner|earlier|later)(?! than)|nope|well,? no|"
                         # "like two no three", "tuesday no wednesday": a run said without a pause
                         r"(?<=\w )no(?= (?:like |make it |at |um |uh )?(?:\d|one|two|three|four|five|six|"
                         r"seven|eight|nine|ten|eleven|twelve|noon|(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
                         r"tomorrow|today|the \d))|"
                         # "eight? eh, eight-thirty": the hour said again, put right
                         r"eh(?=,\s*(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon)\b)|"
                         r"technically)(?=\W|$)")


ONLY_PART_OF_IT = (r"(?![^.?!,]{0,30}?\b(?:(?:that|in the|this) (?:morning|afternoon|evening)s?|"
                   r"on (?:the )?(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b)")
"""A thing the caller has on that takes a part of the day only ("2 pm. I've a meeting that morning"),
or another day ("Monday at nine. I have my eye doctor on the Tuesday")."""


def correction_tails(text: str) -> list[str]:
    """The words after each self-correction ("Tuesday — no wait, Friday"), the last first."""
    # (a "sorry" that ends the message apologises; nothing is said after it: "ten no wait eleven sorry")
    return [text[m.end():] for m in reversed(list(CORRECTION.finditer(text)))
            if re.search(r"[a-z0-9]", text[m.end():], re.IGNORECASE)]


def correction_tail(text: str) -> str | None:
    """The words after the caller's last self-correction."""
    tails = correction_tails(text)
    return tails[0] if tails else None


def phrase_in(phrase: str, text: str) -> bool:
    # (the plain substring test first: most phrases asked about are not in the text at all)
    return phrase in text and word_pattern(phrase).search(text) is not None


@lru_cache(maxsize=8192)
def word_pattern(phrase: str, ending: str = r"\b") -> re.Pattern[str]:
    """A profile or lexicon phrase as a whole-word pattern (``ending``: what may follow it,
    ``r"s?\b"`` for a plural, ``""`` for the start of a word), compiled once. Phrases built into
    patterns this way are asked for hundreds of times a turn, and there are thousands of them:
    more than the ``re`` module's own cache of 512 holds, so without this each would be compiled
    again on every turn."""
    return re.compile(rf"\b{re.escape(phrase)}{ending}")


DATE_SPAN = re.compile(
    r"\b(?:day after tomorrow|today|tonight|this (?:afternoon|evening)|tomorrow|"
    rf"(?:(?:this|next|coming)\s+)?{WEEKDAY}|"
    rf"{MONTH}\s+(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?|"  # ("october the first")
    rf"(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)\s+of\s+{MONTH}|"
    # "the 22nd of next month", "date 22nd, this month", "on 22nd": a day of the month, said plainly
    r"(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\s+of\s+(?:this|next|the)\s+month|"
    r"(?:(?<=\bdate )|(?<=\bdate, )|(?<=\bon ))\d{1,2}(?:st|nd|rd|th)(?! (?:av|st|fl|gr|of|floor|street))|"
    # (not "the second one", "the first house": one of several)
    r"the\s+\d{1,2}(?:st|nd|rd|th)(?!\s+(?:one|ones|house|showing|appointment|visit|car|place)\b)|"
    # "the 23rd, no, sorry, 24th": a day of the month put right, said bare
    r"(?:(?<=\bno )|(?<=\bno, )|(?<=sorry )|(?<=sorry, )|(?<=\bmean )|(?<=\bmean, )|^\s*)"
    r"\d{1,2}(?:st|nd|rd|th)(?! (?:av|st|fl|gr|of))|"
    r"\d{1,2}/\d{1,2}(?:/\d{2,4})?|"
    r"in\s+\d+\s+(?:days?|weeks?))\b"
)


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def weekday_index(name: str) -> int:
    """0 for Monday … 6 for Sunday, from a weekday said whole or short ("tues", "thurs")."""
    return [d[:3] for d in WEEKDAYS].index(name[:3])


_SMALL = rf"(?:{_TENS_WORD}|{_DIGIT_WORD}|ten|eleven|twelve|\w+teen)"
_THOUSANDS_TWICE = re.compile(rf"\b(?P<x>{_DIGIT_WORD} hundred(?:[- ](?:and )?{_SMALL}){{0,2}}) thousand,? "
                              rf"(?P<y>{_DIGIT_WORD} hundred(?:[- ](?:and )?{_SMALL}){{0,2}})\b")


def _said_again(spoken: str) -> str:
    """"a hundred and twenty thousand a hundred twenty": the thousands said again, once (not 120,120)."""
    def again(m: re.Match[str]) -> str:
        x, y = (alpha2digit(re.sub(r"\band\b", " ", part), "en").split() for part in (m["x"], m["y"]))
        return f"{m['x']} thousand," if x and y and x[0].isdigit() and x[0] == y[0] else m[0]
    try:
        return _THOUSANDS_TWICE.sub(again, spoken)
    except (ValueError, RuntimeError):
        return spoken
