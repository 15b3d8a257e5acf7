"""Entity extraction from free, speech-like text without an LLM.

Each extractor takes the normalised utterance and returns a typed value or None. Parsing is
delegated to the kept libraries: phone numbers to ``phonenumbers``, dates to ``dateparser``,
number words to ``text2num``, fuzzy names of places, services and vehicles to ``rapidfuzz``.
Regular expressions only *locate* candidate spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import dateparser
import phonenumbers
from rapidfuzz import fuzz, process
from text_to_num import alpha2digit

from frontdesk.brain.nlu.lexicon import lexicon
from frontdesk.knowledge.profile import BusinessProfile


@dataclass(slots=True)
class Utterance:
    """One caller message in the three forms the extractors need."""

    raw: str
    lower: str
    """Lower-cased, typographic quotes straightened, whitespace collapsed."""
    numeric: str
    """``lower`` with number words turned into digits ("two pm" → "2 pm")."""


_SPACES = re.compile(r"\s+")


def normalise(text: str) -> Utterance:
    raw = _SPACES.sub(" ", text.replace("’", "'").replace("‘", "'")).strip()
    lower = raw.lower()
    # "oh" read as zero inside digit runs ("five one two, oh one nine").
    spoken = re.sub(r"\boh\b(?=[\s,-]*(?:zero|one|two|three|four|five|six|seven|eight|nine|\d))",
                    "zero", lower)
    spoken = _protect_choice_ordinals(spoken)
    try:
        numeric = alpha2digit(spoken, "en", threshold=0)
    except (ValueError, RuntimeError):  # text2num rejects some odd inputs; keep words then
        numeric = spoken
    numeric = numeric.replace("choicex", "")
    numeric = re.sub(r"\b(\d+(?:\.\d+)?) 1000\b", r"\1 thousand", numeric)
    numeric = re.sub(r"\b(\d+) 1000000\b", r"\1 million", numeric)
    return Utterance(raw=raw, lower=lower, numeric=numeric)


_ORDINAL_WORD = re.compile(r"\b(first|second|third|fourth)\b")
_MONTH_WORDS = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")


def _protect_choice_ordinals(text: str) -> str:
    """Keep "the first one" a choice, not the 1st of the month: ordinals stay words unless they
    follow a month ("December first") or precede "of" ("the first of December")."""

    def keep(match: re.Match[str]) -> str:
        before = text[: match.start()].split()[-1:] or [""]
        after = text[match.end():].split()[:1] or [""]
        if before[0] in _MONTH_WORDS or after[0] == "of":
            return match.group(0)
        return "choicex" + match.group(0)

    return _ORDINAL_WORD.sub(keep, text)


# --- contact details -------------------------------------------------------------------------

_PHONE_SPAN = re.compile(r"(?:\+?\d[\d\s().,-]{6,}\d)")


def extract_phone(u: Utterance, region: str = "US") -> str | None:
    """The first plausible phone number, in E.164, from any common written or spoken form."""
    for span in _PHONE_SPAN.findall(u.numeric):
        digits = re.sub(r"\D", "", span)
        if len(digits) not in (10, 11) or (len(digits) == 11 and not digits.startswith("1")):
            continue
        try:
            number = phonenumbers.parse(digits if len(digits) == 10 else "+" + digits, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_possible_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return None


def normalise_phone(value: str, region: str = "US") -> str | None:
    """E.164 form of a phone number given by a client, or None when it is not one."""
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


_EMAIL = re.compile(
    r"([a-z0-9][a-z0-9._%+-]*)\s*(?:@|\bat\b)\s*([a-z0-9-]+(?:\s*(?:\.|\bdot\b)\s*[a-z0-9-]+)*)"
    r"\s*(?:\.|\bdot\b)\s*(com|net|org|edu|io|us|co|gov|info|biz)\b"
)


def extract_email(u: Utterance) -> str | None:
    """An email address, written or spoken ("tom dot becker at gmail dot com")."""
    text = re.sub(r"(\w)\s+dot\s+(\w)", r"\1.\2", u.lower)
    match = _EMAIL.search(text)
    if not match:
        return None
    user, domain, tld = match.groups()
    domain = re.sub(r"\s*(?:\.|\bdot\b)\s*", ".", domain)
    return f"{user}@{domain}.{tld}".replace(" ", "")


_NAME_CUE = re.compile(
    r"\b(?:my name is|my name's|name is|this is|it's|it is|i am|i'm|im|call me|speaking with)\s+"
    r"([a-z][a-z'-]+(?:\s+[a-z][a-z'-]+){0,2})"
)


_NAME_HERE = re.compile(r"(?:^|\b(?:hi|hello|hey|yes|yeah)[,\s]+)([a-z][a-z'-]+\s+[a-z][a-z'-]+) here\b")
""""Hi, Ann Lee here": a first and last name announced without a cue."""


def _clean_name(words: list[str]) -> str | None:
    stop = lexicon().name_stopwords
    kept: list[str] = []
    for word in words:
        if word in stop or len(word) < 2:
            break
        kept.append(word)
    if not kept:
        return None
    return " ".join(w[:1].upper() + w[1:] for w in kept[:3])


def extract_name(u: Utterance, *, expecting: bool = False) -> str | None:
    """A caller's name after a cue ("this is Tom Becker"), or a bare name when one was asked."""
    for match in _NAME_CUE.finditer(u.lower):
        name = _clean_name(match.group(1).split())
        if name:
            return name
    here = _NAME_HERE.search(u.lower)
    if here:
        name = _clean_name(here.group(1).split())
        if name:
            return name
    if expecting:
        text = re.sub(r"^(?:yes|yeah|sure|ok|okay|it's|its|the name is|name's)[,\s]+", "", u.lower)
        words = re.findall(r"[a-z][a-z'-]+", text)
        if 1 <= len(words) <= 3:
            return _clean_name(words)
    return None


# --- dates and times -------------------------------------------------------------------------

_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)day"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE_SPAN = re.compile(
    r"\b(?:day after tomorrow|today|tonight|tomorrow|"
    rf"(?:(?:this|next|coming)\s+)?{_WEEKDAY}|"
    rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?|"
    rf"(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)\s+of\s+{_MONTH}|"
    r"the\s+\d{1,2}(?:st|nd|rd|th)|"
    r"\d{1,2}/\d{1,2}(?:/\d{2,4})?|"
    r"in\s+\d+\s+(?:days?|weeks?))\b"
)


@lru_cache(maxsize=2048)
def _parse_date(span: str, today: date) -> date | None:
    base = datetime.combine(today, time(12, 0))
    parsed = dateparser.parse(
        span.replace("next ", "").replace("coming ", "").replace("this ", ""),
        languages=["en"],
        settings={"PREFER_DATES_FROM": "future", "RELATIVE_BASE": base},
    )
    if parsed is None:
        return None
    # "next Tuesday" means the coming Tuesday, as most callers use it.
    return parsed.date()


def extract_date(u: Utterance, today: date) -> date | None:
    """The first date mentioned, resolved against ``today`` (never in the past for weekdays)."""
    for match in _DATE_SPAN.finditer(u.numeric):
        span = match.group(0)
        if span == "tonight":
            return today
        day = _parse_date(span, today)
        if day is not None:
            if re.fullmatch(rf"(?:this\s+)?{_WEEKDAY}", span) and day == today:
                day += timedelta(days=7) if span.startswith("next") else timedelta(0)
            return day
    return None


_TIME_AMPM = re.compile(r"\b(\d{1,2})(?:[:.\s](\d{2}))?\s*(a\.?\s?m\.?|p\.?\s?m\.?)(?=\W|$)")
_TIME_AT = re.compile(
    r"\b(?:at|around|about|by|for)\s+(?:like\s+|maybe\s+|about\s+|around\s+)?"
    r"(\d{1,2})(?:[:\s](\d{2}))?\b"
    r"(?!\s*(?:%|percent|k\b|thousand|million|dollars|bucks|months?|years?|days?|weeks?|miles))"
)
_TIME_PART_OF_DAY = re.compile(
    r"\b(?:(\d{1,2})(?:[:\s](\d{2}))?\s+in the (morning|afternoon|evening)"
    r"|(morning|afternoon|evening)\s+(?:at\s+)?(\d{1,2})(?::(\d{2}))?(?!\s*(?:\d|am|pm)))\b"
)
""""10 30 in the morning", "saturday morning 9": the part of the day says AM or PM."""
_TIME_BARE = re.compile(
    r"^(?:how about |what about |maybe |let's do |ok |okay )?(\d{1,2})(?::(\d{2}))?(?: o'?clock)?\??$"
)


def _clock(hour: int, minute: int, meridiem: str | None) -> time | None:
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


def extract_time(u: Utterance) -> time | None:
    """A clock time: "2 pm", "9:30 am", "nine thirty", "at 3", "noon"."""
    text = u.numeric
    if re.search(r"\b(?:noon|midday|12 noon)\b", text):
        return time(12, 0)
    match = _TIME_AMPM.search(text)
    if match:
        return _clock(int(match.group(1)), int(match.group(2) or 0), match.group(3)[0])
    match = _TIME_PART_OF_DAY.search(text)
    if match:
        hour, minute, part = ((match.group(1), match.group(2), match.group(3)) if match.group(1)
                              else (match.group(5), match.group(6), match.group(4)))
        return _clock(int(hour), int(minute or 0), "a" if part == "morning" else "p")
    match = _TIME_AT.search(text) or _TIME_BARE.search(text.strip())
    if match:
        return _clock(int(match.group(1)), int(match.group(2) or 0), None)
    return None


def extract_time_of_day(u: Utterance) -> str | None:
    if re.search(r"\b(?:morning|first thing|early)\b", u.lower):
        return "morning"
    if re.search(r"\b(?:afternoon|after lunch|midday)\b", u.lower):
        return "afternoon"
    if re.search(r"\b(?:evening|after work|tonight)\b", u.lower):
        return "evening"
    return None


# --- catalogue lookups -----------------------------------------------------------------------


def _phrase_in(phrase: str, text: str) -> bool:
    return re.search(rf"\b{re.escape(phrase)}\b", text) is not None


def extract_services(u: Utterance, profile: BusinessProfile) -> list[str]:
    """Keys of the services mentioned, most specific phrase first, fuzzy for speech errors."""
    found: list[tuple[int, int, str]] = []
    for service in profile.services:
        phrases = [service.name, *service.synonyms]
        best = max((len(p) for p in phrases if _phrase_in(p.lower(), u.lower)), default=0)
        if not best:
            # Fuzzy search of each phrase inside the text (speech slips: "tire rotaton").
            longest = [p.lower() for p in phrases if 6 < len(p) <= len(u.lower)]
            scores = [fuzz.partial_ratio(p, u.lower) for p in longest]
            if scores and max(scores) >= 90:
                best = len(longest[scores.index(max(scores))]) - 1
        if best:
            position = min(
                (u.lower.find(p.lower()) for p in phrases if p.lower() in u.lower), default=999
            )
            found.append((-best, position, service.key))
    found.sort(key=lambda item: item[1])
    return [key for _, _, key in found]


def extract_appointment_type(u: Utterance, profile: BusinessProfile) -> str | None:
    best: tuple[int, str] | None = None
    for appt in profile.appointment_types:
        for phrase in [appt.label, *appt.synonyms]:
            if _phrase_in(phrase.lower(), u.lower) and (best is None or len(phrase) > best[0]):
                best = (len(phrase), appt.key)
    return best[1] if best else None


@dataclass(slots=True)
class VehicleMention:
    year: int | None
    make: str | None
    model: str | None


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def extract_vehicle(u: Utterance, profile: BusinessProfile) -> VehicleMention | None:
    """Year, make and model ("2016 Ford F-150", "my camry", "the tesla model 3")."""
    lex = lexicon()
    text = re.sub(r"\b(19|20) (\d{2})\b", r"\1\2", u.numeric)
    year_match = re.search(r"\b(19[89]\d|20[0-3]\d)\b", text)
    year = int(year_match.group(1)) if year_match else None
    make = next((m for alias, m in lex.makes.items() if _phrase_in(alias, text)), None)
    models = dict(lex.models)
    models.update({v.model: v.make for v in profile.inventory})
    squashed = _squash(text)
    model = None
    for name in sorted(models, key=len, reverse=True):
        key = _squash(name)
        if len(key) >= 3 and (key in squashed.split() or re.search(rf"{key}(?!\d)", squashed)):
            model = name
            break
    if model and not make:
        make = models[model]
    if not (make or model):
        return None
    return VehicleMention(year=year, make=make, model=model)


def extract_location(u: Utterance, profile: BusinessProfile) -> tuple[str, bool] | None:
    """A place mentioned and whether it is in the business's service area."""
    areas = [(a, True) for a in profile.service_areas] + [(a, False) for a in profile.nearby_areas]
    for area, inside in sorted(areas, key=lambda a: len(a[0]), reverse=True):
        if _phrase_in(area.lower(), u.lower):
            return area, inside
    if not areas:
        return None
    names = [a for a, _ in areas]
    words = re.findall(r"[a-z]+(?: [a-z]+)?", u.lower)
    for chunk in words:
        match = process.extractOne(chunk, [n.lower() for n in names], scorer=fuzz.ratio)
        if match and match[1] >= 88:
            name = names[match[2]]
            return name, dict(areas)[name]
    return None


# --- lead facts ------------------------------------------------------------------------------

_MULTIPLIERS = {"k": 1_000, "thousand": 1_000, "grand": 1_000, "m": 1_000_000, "mil": 1_000_000,
                "million": 1_000_000}
_AMOUNT = r"\$?\s*(\d[\d,]*(?:\.\d+)?)\s*(k|thousand|grand|million|mil|m)?\b"
_RANGE = re.compile(
    rf"(?:between\s+)?{_AMOUNT}\s*(?:to|-|and|or)\s*{_AMOUNT}"
)
_SINGLE = re.compile(
    rf"(?:(up to|under|below|max(?:imum)?|no more than|less than|around|about)\s+)?{_AMOUNT}"
)
MAX_BUDGET_USD = 1_000_000_000
"""Above this a figure is not a budget anyone has (and would not fit the lead's columns)."""
_MONEY_CUE = re.compile(r"\$|\b(?:budget|afford|price|spend|range|pre-?approved for|approved for)\b")


def _amount(number: str, suffix: str | None) -> float:
    return float(number.replace(",", "")) * _MULTIPLIERS.get(suffix or "", 1)


def extract_budget(u: Utterance, *, expecting: bool = False) -> tuple[int | None, int] | None:
    """A price range (min, max) in dollars: "450 to 500 thousand", "600k", "under $1.2 million"."""
    text = u.numeric
    cue = expecting or _MONEY_CUE.search(text) is not None
    # "about 500 thousand, actually no, up to 550k": the figure after a correction wins.
    corrected = list(re.finditer(r"\b(?:actually|i mean|sorry|correction|make that|rather)\b",
                                 text))
    if corrected:
        tail = text[corrected[-1].end():]
        if re.search(r"\d", tail):
            text = tail
    match = _RANGE.search(text)
    if match:
        n1, s1, n2, s2 = match.groups()
        high = _amount(n2, s2)
        low = _amount(n1, s1 or (s2 if s1 is None else None))
        if low < 1000 <= high:  # "450 to 500000" from spoken "four fifty to five hundred thousand"
            for mult in (1_000, 1_000_000):
                if low * mult <= high < low * mult * 10:
                    low *= mult
                    break
        if expecting and high < 10_000 and not (s1 or s2):  # "450 to 500" asked for a budget
            low, high = low * 1_000, high * 1_000
        if high >= 10_000 and max(low, high) <= MAX_BUDGET_USD and (
                cue or s1 or s2 or "$" in match.group(0)):
            return int(min(low, high)), int(max(low, high))
    for match in _SINGLE.finditer(text):
        qualifier, number, suffix = match.groups()
        value = _amount(number, suffix)
        if 1900 <= value <= 2100 and not suffix and "$" not in match.group(0):
            continue  # a year, not a price
        if expecting and not suffix and 50 <= value < 10_000:
            value *= 1_000  # "around 450" when asked for a home budget means thousands
        if 10_000 <= value <= MAX_BUDGET_USD and (cue or suffix or "$" in match.group(0)):
            if qualifier in {"up to", "under", "below", "max", "maximum", "no more than", "less than"}:
                return None, int(value)
            return int(value * 0.9) if qualifier in {"around", "about"} else None, int(value)
    return None


_UNIT_MONTHS = {"day": 1 / 30, "week": 0.25, "month": 1.0, "year": 12.0}
_COUNT_WORDS = {"a": 1, "an": 1, "one": 1, "a few": 3, "few": 3, "a couple of": 2, "a couple": 2,
                "couple of": 2, "couple": 2, "several": 4}
_SEASON_MONTH = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}


def extract_timeline(u: Utterance, today: date) -> tuple[float, str] | None:
    """How soon the caller wants to move, in months, plus the phrase it came from."""
    text = u.numeric
    urgent = r"\b(?:asap|as soon as possible|right away|immediately|right now|urgent(?:ly)?)\b"
    if re.search(urgent, text):
        return 0.5, "as soon as possible"
    counted = re.search(
        r"\b(?:within|in|next|about|around|like|over|the next)?\s*"
        r"(\d+(?:\.\d+)?|a few|a couple of|a couple|couple of|couple|several|an|a|one)\s+"
        r"(day|week|month|year)s?\b",
        text,
    )
    if counted:
        raw_count, unit = counted.groups()
        count = _COUNT_WORDS.get(raw_count) or float(raw_count)
        return float(count) * _UNIT_MONTHS[unit], counted.group(0).strip()
    if re.search(r"\bnext year\b", text):
        return 12.0, "next year"
    soon = re.search(r"\b(?:next|this) (week|month)\b", text)
    if soon:
        months = 0.25 if soon.group(1) == "week" else 1.0
        return (months if soon.group(0).startswith("next") else months / 2), soon.group(0)
    if re.search(r"\b(?:this year|end of (?:the )?year|by (?:the )?new year)\b", text):
        return max(1.0, 12.0 - today.month + 0.5), "by the end of the year"
    season = re.search(r"\b(?:this|next|by|in the|by the)\s+(spring|summer|fall|autumn|winter)\b",
                       text)
    if season:
        month = _SEASON_MONTH[season.group(1)]
        months = (month - today.month) % 12 or 12
        return float(months), season.group(0)
    by_month = re.search(rf"\b(?:by|in|before|around|until)\s+({_MONTH})\b", text)
    if by_month:
        parsed = _parse_date(f"{by_month.group(1)} 1", today)
        if parsed:
            months = (parsed.year - today.year) * 12 + parsed.month - today.month
            return float(max(months, 0.5)), by_month.group(0)
    if re.search(r"\b(?:just (?:looking|browsing|curious)|no rush|not sure|someday|eventually|"
                 r"no hurry|no timeline)\b", text):
        return 18.0, "no set timeline"
    return None


def extract_financing(u: Utterance) -> str | None:
    text = u.lower
    if re.search(r"\b(?:pre-?approved|pre approved|preapproval|pre-?approval letter|already approved"
                 r"|got approved|have approval)\b", text) and not re.search(
                     r"\b(?:not|haven't|havent|no)\b[^.]*\bapprov", text):
        return "pre_approved"
    if re.search(r"\b(?:cash|paying outright|all cash|cash buyer)\b", text):
        return "cash"
    if re.search(r"\b(?:working on it|working with a (?:lender|bank)|talking to (?:a |the )?"
                 r"(?:lender|bank)|applied|applying|in the process|waiting on)\b", text):
        return "in_progress"
    if re.search(r"\b(?:not yet|haven't|havent|no(?:t)? (?:pre-?)?approv|need (?:financing|a loan|"
                 r"a mortgage)|don't have (?:financing|a lender))\b", text):
        return "not_started"
    return None


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
    if expecting and len(u.lower.split()) >= 3 and not lexicon().no.match(u.lower):
        return u.raw.strip(" .")[:200]
    return None


def extract_lead_intent(u: Utterance) -> str | None:
    intents = lexicon().intents
    buying = intents["buy"].search(u.lower) is not None
    selling = intents["sell"].search(u.lower) is not None and not re.search(
        r"\b(?:for sale|on sale)\b", u.lower)
    if buying and selling:
        return "both"
    if selling:
        return "sell"
    if buying:
        return "buy"
    if intents["rent"].search(u.lower):
        return "rent"
    return None
