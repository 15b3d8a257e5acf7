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
    spoken = re.sub(rf"\b({_NUMBER_WORD}|\d+|morning|afternoon|evening|noon|lunch)-?ish\b",
                    r"\1 ish", spoken)  # "fifty-ish", "afternoonish"
    spoken = _loose_clock(spoken)
    spoken = re.sub(r"\b(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b\.?(?=\s*(?:\d|at\b|$|,|\.|"
                    r"morning|afternoon|evening|the\b|or\b))",
                    lambda m: {"mon": "monday", "tue": "tuesday", "tues": "tuesday",
                               "wed": "wednesday", "thu": "thursday", "thur": "thursday",
                               "thurs": "thursday", "fri": "friday", "sat": "saturday",
                               "sun": "sunday"}[m.group(1)], spoken)  # "wed. 10."
    spoken = re.sub(r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[- ]"
                    r"(fifteen|thirty|forty[- ]five)\b(?! (?:thousand|hundred|k\b|grand|dollars))",
                    lambda m: f"{_HOUR_WORDS[m.group(1)]}:"
                              f"{ {'fifteen': 15, 'thirty': 30}.get(m.group(2), 45):02d}", spoken)
    spoken = re.sub(rf"\b(?:a|one) (?:million|mil) ({_DIGIT_WORD})\b(?! (?:hundred|thousand))",
                    lambda m: f"1.{_DIGIT_WORDS.index(m.group(1)) + 1} million", spoken)
    try:
        numeric = alpha2digit(spoken, "en", threshold=0)
    except (ValueError, RuntimeError):  # text2num rejects some odd inputs; keep words then
        numeric = spoken
    numeric = numeric.replace("choicex", "")
    numeric = re.sub(r"\b(\d+(?:\.\d+)?) 1000\b", r"\1 thousand", numeric)
    numeric = re.sub(r"\b(\d+) 1000000\b", r"\1 million", numeric)
    return Utterance(raw=raw, lower=lower, numeric=numeric)


_DIGIT_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_DIGIT_WORD = "(?:" + "|".join(_DIGIT_WORDS) + ")"
_NUMBER_WORD = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
                r"forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)")
_HOUR_WORDS = {w: i + 1 for i, w in enumerate(("one", "two", "three", "four", "five", "six", "seven",
                                                "eight", "nine", "ten", "eleven", "twelve"))}


def _loose_clock(text: str) -> str:
    """"half past two" → "2:30", "quarter to four" → "3:45", "quarter past ten" → "10:15"."""
    def hour(word: str) -> int | None:
        return _HOUR_WORDS.get(word) or (int(word) if word.isdigit() and 0 < int(word) <= 12
                                         else None)

    def past(match: re.Match[str]) -> str:
        h = hour(match.group(2))
        minutes = 30 if match.group(1) == "half" else 15
        return f"{h}:{minutes:02d}" if h else match.group(0)

    def to(match: re.Match[str]) -> str:
        h = hour(match.group(1))
        return f"{(h - 2) % 12 + 1}:45" if h else match.group(0)

    text = re.sub(r"\b(half|quarter) past (\w+)\b", past, text)
    return re.sub(r"\b(?:a )?quarter (?:to|till|of) (\w+)\b", to, text)


_ORDINAL_WORD = re.compile(r"\b(first|second|third|fourth)\b")
_MONTH_WORDS = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")


def _protect_choice_ordinals(text: str) -> str:
    """Keep "the first one" a choice, not the 1st of the month: ordinals stay words unless they
    follow a month ("December first") or precede "of" ("the first of December")."""

    def keep(match: re.Match[str]) -> str:
        before = text[: match.start()].split()[-2:] or [""]
        after = text[match.end():].split()[:1] or [""]
        if before[-1] in _MONTH_WORDS or after[0] == "of" or (
                before[-1] == "the" and re.fullmatch(
                    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day,?|on", before[0])):
            return match.group(0)  # "December first", "Tuesday the first", "on the third"
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
    r"(?:^|[,.]\s*|\b(?:hi|hello|hey|yeah|yes|oh)[,\s]+)(?:this is|it's|it is|i am|i'm|im)\s+"
    r"([a-z][a-z'-]+(?:\s+[a-z][a-z'-]+){0,2})"
)


_NAME_HERE = re.compile(r"(?:^|\b(?:hi|hello|hey|yes|yeah)[,\s]+)([a-z][a-z'-]+\s+[a-z][a-z'-]+) here\b")
""""Hi, Ann Lee here": a first and last name announced without a cue."""


def _plausible_name_word(word: str) -> bool:
    """A word that can be part of a person's name: not a stop word, filler or common word."""
    lex = lexicon()
    if "-" in word:
        return all(_plausible_name_word(part) for part in word.split("-") if part)
    return (len(word) >= 2 and word not in lex.name_stopwords and word not in lex.common_words
            and not (len(word) > 5 and word.endswith("ing"))
            and not re.search(r"'(?:s|m|re|ve|ll|d|t)$", word))


def _clean_name(words: list[str]) -> str | None:
    kept: list[str] = []
    for word in words:
        if not _plausible_name_word(word):
            break
        kept.append(word)
    if not kept:
        return None
    return " ".join("-".join(p[:1].upper() + p[1:] for p in w.split("-")) for w in kept[:3])


_STRONG_CUE = re.compile(r"\b(?:my name is|my name's|name is|name's|call me|the name is)[,\s]+"
                         r"(?:(?:um+|uh+|er|like|actually|it's|its|it is|oh)[,\s]+)*"
                         r"([a-z][a-z'-]+(?:\s+[a-z][a-z'-]+){0,2})")
_SPELLED = re.compile(r"\b(?:[a-z]\s){2,}[a-z]\b")


def extract_name(u: Utterance, *, expecting: bool = False) -> str | None:
    """A caller's name, only from a name-giving construction ("my name is …", "this is …",
    "… here") or, when the agent asked for the name, from a short answer made of name-like
    words. Fillers and common words ("Actually", "Sure", "Probably") are never names."""
    names = [name for cue in (_STRONG_CUE, _NAME_CUE) for match in cue.finditer(u.lower)
             if (name := _clean_name(match.group(1).split()))]
    if expecting:
        spelled = re.sub(r"\b(?:[a-z][- ]){2,}[a-z]\b", " ", u.lower)  # "k-o-w-a-l-s-k-i"
        for piece in re.split(r"[,.;!?]", spelled):  # a piece that is a whole name: "Siobhan Doyle"
            words = re.findall(r"[a-z][a-z'-]+", piece)
            if 2 <= len(words) <= 3 and all(_plausible_name_word(w) for w in words):
                names.append(_clean_name(words) or "")
    if names:  # "it's Siobhan, S-I-O-B-H-A-N, Siobhan Doyle": the fullest form
        return max(names, key=lambda n: len(n.split()))
    here = _NAME_HERE.search(u.lower)
    if here:
        name = _clean_name(here.group(1).split())
        if name:
            return name
    if expecting:
        text = re.sub(r"^(?:(?:yes|yeah|yep|sure|ok|okay|oh|um+|uh+|so|well|it's|its|it is|"
                      r"the name is|name's|that's|thats|that is)[,.\s]+)+", "", u.lower)
        text = re.sub(r"[,.]?\s*(?:thanks|thank you|please)\W*$", "", text)
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


_NEGATED = re.compile(r"(?:\bnot|n't|\bbut|\bexcept|\bother than|\brather than|\binstead of|"
                      r"\banything but|\banywhere but|\bno|\bnever|\baway from|\bavoid)"
                      r"(?:\s+(?:on|in|the|a|an|really|quite|so|too|near|that|like))*\s*$")
"""Words just before a mention that rule it out: "not Tuesday", "anywhere but Round Rock"."""


def _ruled_out(text: str, start: int) -> bool:
    before = text[max(0, start - 40): start]
    return _NEGATED.search(before) is not None


_CORRECTION = re.compile(r"\b(?:no,? wait|wait,? no|oh,? wait|actually|i mean|sorry|make (?:it|that)|"
                         r"instead|rather|scratch that|on second thought|no no|hold on|wait|"
                         r"let'?s say|let'?s (?:do|go with)|go with|better make it|i meant|meant|"
                         r"no,)(?=\W|$)")
_BLOCKED_AFTER = re.compile(r"^[\s,.!?-]*(?:(?:is|are|'s|'re)\s+)?(?:i'?m|we'?re|i am|we are|is|are|"
                            r"isn't|doesn't|won't|no good|bad|out|not good|booked|busy|slammed|"
                            r"taken|full|tough|no)\b")


def correction_tails(text: str) -> list[str]:
    """The words after each self-correction ("Tuesday — no wait, Friday"), the last first."""
    return [text[m.end():] for m in reversed(list(_CORRECTION.finditer(text)))]


def correction_tail(text: str) -> str | None:
    """The words after the caller's last self-correction."""
    tails = correction_tails(text)
    return tails[0] if tails else None


def _ruled_out_after(text: str, end: int) -> bool:
    """"Tuesday I'm slammed", "Saturday is no good": the mention is ruled out by what follows."""
    return _BLOCKED_AFTER.match(text[end:]) is not None and re.match(
        r"^[\s,.!?-]*(?:(?:is|are|'s|'re)\s+)?(?:i'?m|we'?re|i am|we are)?\s*(?:busy|slammed|booked|"
        r"out|no good|bad|not good|full|tough|taken|out of town|working|at work|off)\b",
        text[end:]) is not None


def _day_of_month(day: int, today: date) -> date | None:
    """"the 3rd": the next 3rd of a month that is today or later."""
    year, month = today.year, today.month
    for _ in range(3):
        try:
            candidate = date(year, month, day)
        except ValueError:
            candidate = None
        if candidate is not None and candidate >= today:
            return candidate
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


_WEEK_FROM = re.compile(rf"\b(?:a|one|1) week from (today|tomorrow|now|{_WEEKDAY})\b|"
                        r"\bin (?:a|one|1) week(?:'s time)?\b|\bthis time next week\b")
_DECISION = re.compile(r"\b(?:or|maybe|probably|let'?s say|let'?s (?:do|go with|make it)|go with|"
                       r"i'?ll take|make it|better|safer|to be safe)\b")


def _all_dates(text: str, today: date) -> list[date]:
    found = []
    for match in _DATE_SPAN.finditer(text):
        if _ruled_out(text, match.start()) or _ruled_out_after(text, match.end()):
            continue
        day = extract_date(Utterance(raw=match.group(0), lower=match.group(0),
                                     numeric=match.group(0)), today, _single=True)
        if day is not None and day not in found:
            found.append(day)
    return found


def extract_date(u: Utterance, today: date, _single: bool = False) -> date | None:
    """The date the caller wants, resolved against ``today`` and never in the past: "a week
    from tomorrow", "the 3rd", "Thursday the 3rd"; of several ("probably Thursday, maybe
    Friday — let's say Friday", "tomorrow or Wednesday, Wednesday at five") the one settled on;
    one ruled out ("not Tuesday") is not it."""
    text = u.numeric
    week = _WEEK_FROM.search(text)
    if week and not _single:
        base = today
        if week.group(1) and week.group(1) not in {"today", "now"}:
            base = (today + timedelta(days=1) if week.group(1) == "tomorrow"
                    else extract_date(Utterance(week.group(1), week.group(1), week.group(1)),
                                      today) or today)
        return base + timedelta(days=7)
    week = re.search(r"\b(?:(early|later|end of|sometime) )?(next|this) week\b", text)
    if week and not _single and not _DATE_SPAN.search(text):
        # "try me next week" → next Monday; "later this week" → Thursday
        monday = today - timedelta(days=today.weekday())
        if week.group(2) == "this":
            return max(today + timedelta(days=1), monday + timedelta(days=3))
        return monday + timedelta(days=11 if week.group(1) == "end of" else 7)
    if not _single and _DECISION.search(text):
        several = _all_dates(text, today)
        if len(several) > 1:
            return several[-1]
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
        if later:
            return later[-1]
    for match in _DATE_SPAN.finditer(text):
        span = match.group(0)
        if _ruled_out(text, match.start()) or _ruled_out_after(text, match.end()):
            continue
        follow = re.match(r",?\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b", text[match.end():])
        if follow and re.fullmatch(rf"(?:(?:this|next|coming)\s+)?{_WEEKDAY}", span):
            day = _day_of_month(int(follow.group(1)), today)  # "Thursday the 3rd"
            if day is not None:
                return day
        if span == "tonight":
            return today
        ordinal = re.fullmatch(r"the\s+(\d{1,2})(?:st|nd|rd|th)", span)
        if ordinal:
            day = _day_of_month(int(ordinal.group(1)), today)
            if day is not None:
                return day
            continue
        day = _parse_date(span, today)
        if day is not None:
            if re.fullmatch(rf"(?:this\s+)?{_WEEKDAY}", span) and day == today:
                day += timedelta(days=7) if span.startswith("next") else timedelta(0)
            if day < today and re.search(_MONTH, span):
                try:
                    day = day.replace(year=day.year + 1)  # "March 3rd" said in November
                except ValueError:
                    continue
            return day
    return None


_TIME_AMPM = re.compile(r"\b(\d{1,2})(?:[:.\s](\d{2}))?\s*(a\.?\s?m\.?|p\.?\s?m\.?)(?=\W|$)")
_TIME_AT = re.compile(
    r"\b(?:at|around|about|by|for|say)\s+(?:like\s+|maybe\s+|about\s+|around\s+)?"
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


_OTHER_ACTIVITY = re.compile(
    r"\b(?:drop(?:ping)? (?:off )?(?:the |my )?(?:kids?|son|daughter)|kids?|school|work|shift|"
    r"(?:i'm|im|i am|we're|she's|he's|gets?|get|getting) off|"
    r"get off|gets? out|class|practice|meeting|lunch break|church|gym|flight|train|bus|"
    r"doctor|dentist|wake up|sleep|bed|dinner|"
    r"pick(?:ing)? up (?:the |my )?(?:kids?|son|daughter|wife|husband))\b")
"""What a time may belong to instead of the appointment ("I drop the kids at eight")."""


def _times(text: str) -> list[tuple[int, time]]:
    """Every clock time in the text, with where it starts."""
    found: list[tuple[int, time]] = []
    taken: list[tuple[int, int]] = []

    def add(match: re.Match[str], value: time | None) -> None:
        if value is not None and not any(a <= match.start() < b for a, b in taken):
            found.append((match.start(), value))
            taken.append(match.span())

    for match in re.finditer(r"\b(?:noon|midday|12 noon)\b", text):
        add(match, time(12, 0))
    for match in _TIME_AMPM.finditer(text):
        add(match, _clock(int(match.group(1)), int(match.group(2) or 0), match.group(3)[0]))
    for match in _TIME_PART_OF_DAY.finditer(text):
        hour, minute, part = ((match.group(1), match.group(2), match.group(3)) if match.group(1)
                              else (match.group(5), match.group(6), match.group(4)))
        add(match, _clock(int(hour), int(minute or 0), "a" if part == "morning" else "p"))
    for match in _TIME_AT.finditer(text):
        add(match, _clock(int(match.group(1)), int(match.group(2) or 0), None))
    for match in re.finditer(r"\b(\d{1,2})\s*o'?clock\b", text):  # "one o'clock"
        add(match, _clock(int(match.group(1)), 0, None))
    for match in re.finditer(r"\b(\d{1,2}):(\d{2})\b", text):  # "10:30's safer"
        add(match, _clock(int(match.group(1)), int(match.group(2)), None))
    for match in re.finditer(r"(?:day|tomorrow|today)\W{1,3}(\d{1,2})(?::(\d{2}))?\b"
                             r"(?!\s*(?:st|nd|rd|th|%|/|k\b|thousand|dollars|bucks|miles))", text):
        add(match, _clock(int(match.group(1)), int(match.group(2) or 0), None))  # "wed. 10"
    bare = _TIME_BARE.search(text.strip())
    if bare and not found:
        add(bare, _clock(int(bare.group(1)), int(bare.group(2) or 0), None))
    return sorted(found, key=lambda item: item[0])


def _clause_before(text: str, start: int) -> str:
    """The words of the clause that leads up to ``start`` ("… so anytime after 9" → "anytime")."""
    cut = max(text.rfind(sep, 0, start) + len(sep) for sep in (",", ".", " so ", " but ",
                                                               " then ", ";", " and "))
    return text[max(cut, 0): start]


def extract_time(u: Utterance) -> time | None:
    """The clock time asked for: "2 pm", "9:30 am", "nine thirty", "at 3", "noon". A time that
    belongs to something else ("I drop the kids at eight") or bounds a window ("after 3") is
    not taken; with several, the one that is not ruled out ("not 9, 10") wins."""
    text = u.numeric
    tail = correction_tail(text)
    if tail is not None and tail != text:
        later = extract_time(Utterance(raw=tail, lower=tail, numeric=tail))
        bare = re.fullmatch(r"\W*(?:at\s+)?(\d{1,2})(?::(\d{2}))?\W*", tail)
        if later is None and bare:  # "… at eight — no, make it ten."
            later = _clock(int(bare.group(1)), int(bare.group(2) or 0), None)
        if later is not None:
            return later
    candidates: list[tuple[int, time]] = []
    for start, value in _times(text):
        bounded = re.search(r"\b(?:after|before|until|till|past|from|between)\s*"
                            r"(?:like\s+|about\s+|around\s+)?$", text[:start])
        if bounded or _OTHER_ACTIVITY.search(_clause_before(text, start)):
            continue
        if _ruled_out(text, start):
            continue
        candidates.append((start, value))
    if len(candidates) > 1 and re.search(r"\b(?:so|then|instead|make it|rather|but|or|maybe)\b|"
                                         r"\b(?:safer|better)\b", text[candidates[0][0]:]):
        return candidates[-1][1]  # "standup at 8, so make it 10"; "10 or 10:30, 10:30's safer"
    return candidates[0][1] if candidates else None


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
    (r"\bfirst thing\b|\bas early as (?:possible|you can)\b|\bearliest\b",
     (time(0, 0), time(10, 0), "first thing in the morning")),
    (r"\bbefore (?:lunch|noon|midday)\b|\bin the morning\b|\bmornings?\b|\bearly\b",
     (time(0, 0), time(12, 0), "in the morning")),
    (r"\blate (?:in the )?afternoon\b", (time(15, 0), time(18, 0), "late in the afternoon")),
    (r"\b(?:after lunch|around lunch|lunch ?time|over lunch)\b",
     (time(12, 0), time(17, 0), "after lunch")),
    (r"\bin the afternoon\b|\bafternoons?\b", (time(12, 0), time(17, 0), "in the afternoon")),
    (r"\bafter (?:work|five|5|my shift)\b|\bin the evening\b|\bevenings?\b|\btonight\b|"
     r"\blate (?:in the )?day\b|\bend of (?:the )?day\b",
     (time(17, 0), time(21, 0), "in the evening")),
)


def extract_window(u: Utterance) -> TimeWindow | None:
    """A part of the day asked for, kept as a window: "after work", "before lunch", "after 3",
    "first thing", "evening" — used to choose slots and callback times."""
    text = u.numeric
    bound = re.search(r"\b(after|before|past|until|till)\s+(?:like\s+|about\s+|around\s+)?"
                      r"(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?(?=\W|$)", text)
    if bound and not _OTHER_ACTIVITY.search(_clause_before(text, bound.start())):
        word, hour, minute, meridiem = bound.groups()
        at = _clock(int(hour), int(minute or 0), meridiem[0] if meridiem else None)
        if at is not None:
            if word in {"after", "past"}:
                return TimeWindow(at, time(23, 0), f"after {_say(at)}")
            return TimeWindow(time(0, 0), at, f"before {_say(at)}")
    text = re.sub(r"\b(?:good|g'?) ?(?:morning|afternoon|evening)\b", " ", text)  # greetings
    for pattern, (start, end, label) in _WINDOWS:
        match = re.search(pattern, text)
        if match and not _ruled_out(text, match.start()):
            if label == "after lunch" and "around" in match.group(0):
                return TimeWindow(time(11, 30), time(14, 0), "around lunchtime")
            return TimeWindow(start, end, label)
    return None


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


# --- catalogue lookups -----------------------------------------------------------------------


def _phrase_in(phrase: str, text: str) -> bool:
    return re.search(rf"\b{re.escape(phrase)}\b", text) is not None


_DONE_ALREADY = re.compile(r"\b(?:did|had|got|just had|just got|already (?:had|got|did)|was done|"
                           r"were done|last (?:week|month|year|time)|ago|recently had)\b")


_DROPPED = re.compile(r"^\W*(?:can wait|can hold|is fine|are fine|isn'?t needed|aren'?t needed|"
                      r"not needed|not this time|another time|some other time|for now no|"
                      r"(?:i'?ll|we'?ll) skip|is too long|takes too long)")
_DROP_BEFORE = re.compile(r"\b(?:skip|drop|forget|cancel|scratch|lose|nix|without|no|not|minus|"
                          r"hold off on|leave off|take off)\s+(?:the\s+|that\s+|on the\s+)?$")


def _last_mention_wanted(text: str, phrases: list[str]) -> bool:
    """What the caller said last about a service decides: wanted, or ruled out."""
    matches = sorted((m for p in phrases for m in re.finditer(rf"\b{re.escape(p)}\b", text)),
                     key=lambda m: (m.start(), -len(m.group(0))))
    return _mention_wanted(text, matches[-1]) if matches else False


def _mention_wanted(text: str, match: re.Match[str]) -> bool:
    """Is this mention of a service something wanted — not ruled out ("not the oil", "skip the
    rotation", "the brakes can wait") or done already ("I did the oil last month")?"""
    if _DROPPED.match(text[match.end():]) or _DROP_BEFORE.search(text[: match.start()]):
        return False
    rest = re.split(r"[.;!?]|\bso\b", text[match.end():], maxsplit=1)[0]
    if re.search(r"\b(?:not yet|eventually|someday|down the road|later on|can wait|"
                 r"not now|not today|next time)\b", rest):
        return False  # "my brakes might need looking at eventually, but not yet"
    clause_start = max(text.rfind(sep, 0, match.start()) for sep in (".", ",", ";", " but "))
    clause_end = min((i for i in (text.find(sep, match.end()) for sep in (".", ",", ";"))
                      if i >= 0), default=len(text))
    clause = text[clause_start + 1: clause_end]
    return not (_ruled_out(text, match.start()) or _DONE_ALREADY.search(clause))


def _wanted_mention(text: str, phrase: str) -> bool:
    """Is any mention of ``phrase`` a wanted one?"""
    return any(_mention_wanted(text, m) for m in re.finditer(rf"\b{re.escape(phrase)}\b", text))


def extract_services(u: Utterance, profile: BusinessProfile) -> list[str]:
    """Keys of the services wanted, in the order mentioned, fuzzy for speech errors. A service
    ruled out or done already ("I did the oil last month") is not one."""
    found: list[tuple[int, int, str]] = []
    for service in profile.services:
        phrases = [service.name, *service.synonyms]
        mentioned = [p for p in phrases if _phrase_in(p.lower(), u.lower)]
        if mentioned and not _last_mention_wanted(u.lower, [p.lower() for p in mentioned]):
            continue  # "a tire rotation — no wait, not the rotation, the inspection"
        best = max((len(p) for p in mentioned), default=0)
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


def extract_dropped_services(u: Utterance, profile: BusinessProfile) -> list[str]:
    """Services the caller takes off the visit ("skip the rotation", "the brakes can wait")."""
    dropped = []
    for service in profile.services:
        mentioned = [p.lower() for p in (service.name, *service.synonyms)
                     if _phrase_in(p.lower(), u.lower)]
        if mentioned and not any(_wanted_mention(u.lower, p) for p in mentioned) and any(
                _DROPPED.match(u.lower[m.end():]) or _DROP_BEFORE.search(u.lower[: m.start()])
                for p in mentioned for m in re.finditer(rf"\b{re.escape(p)}\b", u.lower)):
            dropped.append(service.key)
    return dropped


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


@dataclass(slots=True)
class VehicleQuery:
    """What a caller asks the lot for: "a used Toyota SUV under thirty", "the red RAV4"."""

    make: str | None = None
    model: str | None = None
    color: str | None = None
    body: str | None = None
    used: bool | None = None
    max_price: int | None = None

    @property
    def empty(self) -> bool:
        return not (self.make or self.model or self.color or self.body or self.used is not None
                    or self.max_price)


_BODIES = {"suv": "suv", "suvs": "suv", "crossover": "suv", "truck": "truck", "trucks": "truck",
           "pickup": "truck", "pick-up": "truck", "pickups": "truck", "sedan": "sedan",
           "sedans": "sedan", "wagon": "wagon", "wagons": "wagon", "hatchback": "wagon"}
_COLORS = ("black", "white", "silver", "gray", "grey", "red", "blue", "green", "brown", "beige",
           "gold", "yellow", "orange")


def extract_vehicle_query(u: Utterance, profile: BusinessProfile) -> VehicleQuery:
    """The attributes of a car the caller is looking for, in any combination."""
    mention = extract_vehicle(u, profile)
    query = VehicleQuery(make=mention.make if mention else None,
                         model=mention.model if mention else None)
    if query.make is None:  # plural makes: "any used Toyotas?"
        query.make = next((m for alias, m in lexicon().makes.items()
                           if re.search(rf"\b{re.escape(alias)}s\b", u.lower)), None)
    query.color = next((c for c in _COLORS if re.search(rf"\b{c}\b", u.lower)), None)
    query.body = next((b for word, b in _BODIES.items() if re.search(rf"\b{word}\b", u.lower)),
                      None)
    if re.search(r"\b(?:used|pre-?owned|second-?hand|certified)\b", u.lower):
        query.used = True
    elif re.search(r"\bbrand[- ]new\b|\bnew (?:one|car|truck|suv)\b", u.lower):
        query.used = False
    cap = re.search(r"\b(?:under|below|less than|no more than|max(?:imum)?|tops|up to|stay under)"
                    r"\s+\$?(\d[\d,]*(?:\.\d+)?)\s*(k|thousand|grand)?", u.numeric)
    if cap:
        value = float(cap.group(1).replace(",", ""))
        query.max_price = int(value * 1000 if cap.group(2) or value < 1000 else value)
    return query


def extract_location(u: Utterance, profile: BusinessProfile, *,
                     expecting: bool = False) -> tuple[str, bool] | None:
    """The place the caller wants and whether it is in the business's service area. A place
    ruled out ("anywhere but Round Rock", "not Dallas") is not it; of several, a served one
    wins ("Leander or maybe Cedar Park")."""
    areas = [(a, True) for a in profile.service_areas] + [(a, False) for a in profile.nearby_areas]
    if not areas:
        return None
    found: list[tuple[int, str, bool]] = []
    for area, inside in sorted(areas, key=lambda a: len(a[0]), reverse=True):
        for match in re.finditer(rf"\b{re.escape(area.lower())}\b", u.lower):
            if not any(area.lower() in f[1].lower() for f in found):
                found.append((match.start(), area, inside))
    if not found:
        # A near miss of a place name is a place only where a place is expected: asked for
        # one, or after "in"/"near" ("we're working with a lender" is not Leander).
        names = [a for a, _ in areas]
        for chunk in re.finditer(r"[a-z]+(?: [a-z]+)?", u.lower):
            placed = re.search(r"\b(?:in|near|around|to|by|from|of)\s+$", u.lower[: chunk.start()])
            if not (expecting or len(u.lower.split()) <= 3 or placed):
                continue
            if chunk.group(0) in lexicon().common_words:
                continue
            match = process.extractOne(chunk.group(0), [n.lower() for n in names],
                                       scorer=fuzz.ratio)
            if match and match[1] >= 88:
                name = names[match[2]]
                found.append((chunk.start(), name, dict(areas)[name]))
                break
    wanted = [(start, area, inside) for start, area, inside in found
              if not _ruled_out(u.lower, start)]
    tails = correction_tails(u.lower)
    if tails:  # "Round Rock — no, I mean Cedar Park": the place after the correction
        cut = len(u.lower) - len(tails[0])
        corrected = [w for w in wanted if w[0] >= cut]
        if corrected:
            return corrected[0][1], corrected[0][2]
    if not wanted:
        return None
    wanted.sort(key=lambda f: (not f[2], f[0]))
    return wanted[0][1], wanted[0][2]


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


_SLANG_AMOUNTS = (
    (r"\b(?:a )?quarter (?:of a )?mil(?:lion)?\b", "250 thousand"),
    (r"\bhalf (?:a )?mil(?:lion)?\b", "500 thousand"),
    (r"\b(?:a|one) mil(?:lion)? (\d)\b(?! (?:thousand|hundred))", r"1.\1 million"),
    (r"\b(?:a|one) mil(?:lion)?\b", "1 million"),
    (r"\b(\d+(?:\.\d+)?) mil\b", r"\1 million"),
    (r"\ba buck (\d{2})\b", lambda m: f"{100 + int(m.group(1))} thousand"),  # a buck seventy-five
    (r"\b(?:a|one) buck\b", "100 thousand"),
)
_ROUGH = {"low": (0, 30), "mid": (40, 60), "high": (70, 99)}


def _spoken_money(text: str, expecting: bool) -> str:
    """Money said the way people say it, as figures: "a quarter mil" → "250 thousand",
    "three fifty" → "350 thousand" (when a budget was asked), "400 and change" → "400 thousand"."""
    for pattern, replacement in _SLANG_AMOUNTS:
        text = re.sub(pattern, replacement, text)
    # "three fifty" heard as "3 50" when asked for a budget: 350 thousand
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
                      r"\b(low|mid|high)[- ](\d)(?:00)? hundreds\b", text)
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


def extract_budget(u: Utterance, *, expecting: bool = False) -> tuple[int | None, int] | None:
    """A price range (min, max) in dollars: "450 to 500 thousand", "600k", "under $1.2 million",
    "a quarter mil", "mid fours", "up to 400 and change"."""
    text = _spoken_money(u.numeric, expecting or _MONEY_CUE.search(u.numeric) is not None)
    rough = _rough_range(u.lower + " " + text, expecting or _MONEY_CUE.search(text) is not None)
    if rough:
        return rough
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
        if low < 10 <= 100 <= high < 1000:
            low *= 100  # "between four and four fifty": 400 to 450
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
        if re.match(r"\s*(?:dollars|bucks)?\s*(?:a|per|each|/)\s*(?:month|mo|year)\b|\s*monthly",
                    text[match.end():]):
            continue  # "we can do 2,500 a month" is a payment, not a price
        homes = re.search(r"\b(?:house|home|condo|place|property|townhome|buy|buying|budget|"
                          r"pre-?approved|cash)\b", text)
        if not suffix and 100 <= value < 10_000 and (expecting or (qualifier and homes)):
            value *= 1_000  # "around 450" for a home means thousands: "up to 450", "about 600"
        if 10_000 <= value <= MAX_BUDGET_USD and (cue or suffix or "$" in match.group(0)):
            if qualifier in {"up to", "under", "below", "max", "maximum", "no more than", "less than"}:
                return None, int(value)
            return int(value * 0.9) if qualifier in {"around", "about"} else None, int(value)
    return None


_UNIT_MONTHS = {"day": 1 / 30, "week": 0.25, "month": 1.0, "year": 12.0}
_COUNT_WORDS = {"a": 1, "an": 1, "one": 1, "a few": 3, "few": 3, "a couple of": 2, "a couple": 2,
                "couple of": 2, "couple": 2, "several": 4}
_SEASON_MONTH = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}


def _looks_back(text: str, match: re.Match[str]) -> bool:
    after = text[match.end(): match.end() + 12]
    before = text[max(0, match.start() - 30): match.start()]
    return bool(re.match(r"\s*(?:ago|old|back)\b", after) or re.search(
        r"\b(?:for|been|past|last|since|lived|owned|had|bought|had it|spent|took|took us)"
        r"(?:\s+(?:it|there|here|the|about|almost|over|nearly|like))*\s*$", before))


def extract_timeline(u: Utterance, today: date, *, expecting: bool = False) -> tuple[float, str] | None:
    """How soon the caller wants to move, in months, plus the phrase it came from. A span in
    the past ("we bought it twelve years ago") is not a timeline."""
    text = u.numeric
    urgent = re.search(r"\b(?:asap|as soon as possible|right away|immediately|right now|"
                       r"urgent(?:ly)?)\b", text)
    if urgent and not _ruled_out(text, urgent.start()):  # "not right now" is no hurry at all
        return 0.5, "as soon as possible"
    counted = re.search(
        r"\b(?:within|in|next|about|around|like|over|the next)?\s*"
        r"(\d+(?:\.\d+)?|a few|a couple of|a couple|couple of|couple|several|an|a|one)\s+"
        r"(day|week|month|year)s?\b",
        text,
    )
    if counted and (_looks_back(text, counted) or re.search(
            r"(?:bucks|dollars|\d|per|each|every)\s*$", text[: counted.start() + 1].rstrip(" a"))):
        counted = None  # "we bought it twelve years ago", "300 bucks a month"
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
    if re.search(r"\b(?:just (?:looking|browsing|curious)|no rush|someday|eventually|"
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


_NOT_MOVING = re.compile(r"\b(?:don'?t|do not|not|won'?t|never|no longer|aren'?t|isn'?t|wasn'?t|"
                         r"decided against|no plans? to)\s+(?:\w+\s+){0,3}?(?:sell|buy|purchas|list)")


def extract_lead_intent(u: Utterance) -> str | None:
    """Buy, sell, both or rent — not when the caller rules it out ("we won't be buying") or
    speaks of a sale that is done ("cash from selling our place in California")."""
    intents = lexicon().intents
    if _NOT_MOVING.search(u.lower):
        return None
    lower = re.sub(r"\b(?:from|after|since|by|when we) (?:selling|sold)\b[^,.]*", " ", u.lower)
    u = Utterance(raw=u.raw, lower=lower, numeric=u.numeric)
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
