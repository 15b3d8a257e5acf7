"""Who the caller is and what they ask for: contact details, services, vehicles and places.

Each extractor takes the normalised utterance and returns a typed value or None. Parsing is
delegated to the kept libraries: phone numbers to ``phonenumbers``, fuzzy names of places,
services and vehicles to ``rapidfuzz``. Regular expressions only *locate* candidate spans. Dates
and times are in :mod:`~frontdesk.brain.nlu.when` and :mod:`~frontdesk.brain.nlu.clock`, lead
facts in :mod:`~frontdesk.brain.nlu.lead`.
"""

from __future__ import annotations

import re
from functools import cache

from rapidfuzz import fuzz

from frontdesk.brain.nlu.contact import (  # noqa: F401  (read through this module as ex.*)
    extract_email,
    extract_phone,
    normalise_phone,
)
from frontdesk.brain.nlu.cues import NEW_CLAUSE, WE_COME
from frontdesk.brain.nlu.lexicon import lexicon
from frontdesk.brain.nlu.our_visit import OURS_TO_COME, WORTH_OF_OURS
from frontdesk.brain.nlu.service_parts import HANDLED, by_part, due_by_sticker
from frontdesk.brain.nlu.symptoms import ODOUR, ON_BRAKING, SYMPTOM, it_symptom
from frontdesk.brain.nlu.text import (
    Utterance,
    correction_tail,
    normalise,
    phrase_in,
    ruled_out,
    word_pattern,
)
from frontdesk.brain.nlu.vehicles import (  # noqa: F401  (read through this module as ex.*)
    VehicleMention,
    VehicleQuery,
    extract_vehicle,
    extract_vehicle_query,
    on_the_lot,
)
from frontdesk.knowledge.profile import AskFrame, BusinessProfile

# --- catalogue lookups -----------------------------------------------------------------------




_DONE_ALREADY = re.compile(r"\b(?:did(?! (?:get|mention|say|tell|ask|want|need)\b)|had(?! to\b)|"
                           r"(?<!you )(?<!you've )(?<!y'all )(?<!ya )"
                           r"(?<!guys )(?<!still )(?<!did )"
                           r"got(?! (?:back|home|here|there|off|out|up|you|ya|to)\b)"
                           # ("he's got a window Thursday morning": time free, no work done)
                           r"(?! (?:a |an |some )?(?:window|opening|slot|gap|free|minute|chance|break|"
                           r"day off|morning off|afternoon off)\b)"
                           # ("we got a work van and the brakes are grinding": a van owned, no work)
                           r"(?! (?:a|an|two|three|\d+|this|these|our|my|the)? ?(?:[\w-]+ )?"
                           r"(?:van|truck|car|suv|minivan|pickup|sedan|vehicle|fleet|jeep|wagon)s?\b)"
                           # ("I got one of those recall notices for the airbag": a notice came, no work)
                           r"(?! (?:(?:one of )?(?:those|these|a|an|the|this|that) )?(?:\w+ )?"
                           r"(?:letters?|notices?|mailers?|postcards?|cards?|emails?|texts?)\b)"
                           # ("I've got the detail and the oil change coming up": booked, not done)
                           r"(?! [^.?!]{0,40}?\b(?:coming up|scheduled|booked|on the books|lined up|"
                           r"set up)\b)"
                           # ("the dog got sick all over the back seat": what happened, no work done)
                           r"(?! (?:sick|hurt|stuck|lost|dirty|muddy|nasty|gross|messy|wet|scratched|dented|"
                           r"hit|rear[- ]ended|towed|flooded|covered|sticky|smelly|worse|bad|louder|"
                           r"(?:really |so |super |way |real )?(?:loud|noisy|rough|shaky))\b)"
                           # ("I did get a letter in the mail about the airbag": a notice, not work done)
                           r"(?! (?:a|this|the|that|another) (?:letter|notice|card|postcard|recall|email|"
                           r"text)\b)"
                           # ("i got my f one fifty in for the inspection tuesday": booked, not done)
                           r"(?! (?:it|her|him|them|(?:my|our|the|his|her) (?:[\w-]+ ){1,3}?)in for\b)"
                           # ("… dog hair like everywhere we got two labs": what they have)
                           r"(?! (?:two|three|four|five|six|\d+|a couple(?: of)?|a few|some) "
                           r"(?:(?:work|company|old|new|little|big) )?"
                           r"(?:kids|dogs|labs|pets|cats|boys|girls|jobs|cars|trucks|vans|teenagers)\b)|"
                           r"just had|just got|already (?:had|got|did)|was done|"
                           # "I bought tires there": the part bought before, no work asked now
                           r"bought (?:(?:new|some|the|my|our|four|4|a set of|a new)\s+)*(?:tires|battery)|"
                           # "I was in a couple months back for an oil change": a visit made
                           r"(?:months?|weeks?|years?|a while|a bit) back|"
                           r"were done|last (?:week|month|year|time)|ago|recently had|did bring|"
                           # "I brought the Tacoma in back in the spring for tires": a visit made
                           r"(?:brought|took|dropped) (?:it|her|him|them|the \w+|my \w+)(?: off)? in|"
                           r"back in (?:the )?(?:spring|summer|fall|autumn|winter|january|february|march|"
                           r"april|may|june|july|august|september|october|november|december))\b"
                           r"(?! (?:a|an|this|that|these|some|the) (?:[\w-]+ ){0,2}?(?:noises?|sounds?|"
                           r"squeal\w*|squeak\w*|grind\w*|rattles?|leaks?|lights?|warning|problems?|"
                           r"issues?|vibrations?|shak\w*|smells?|clunk\w*|click\w*|wobbl\w*|pull\w*|"
                           r"letters?|notices?|postcards?|emails?|texts?|messages?|reminders?|calls?)\b)"
                           # "i got the morning free": time, not work done
                           r"(?! (?:the |a |an )?(?:\w+ )?(?:morning|afternoon|evening|day|time|hour|"
                           r"weekend)s? (?:free|off|open)\b)")
"""Work done already ("I just had the oil done"); having a symptom ("I got a squeaking noise
from the brakes") is not, nor what the business has got ("what've you got for a rotation")."""
_AGAIN = re.compile(r"\b(?:another one|one more|the same (?:thing )?again|same (?:thing|deal) again|"
                    r"(?:get|book|do|schedule|set up|want|need|like|have) (?:me |us )?another\b|"
                    r"(?:get|book|do|schedule|have|want|need) (?:it|that|one|them|the same(?: thing)?) "
                    r"(?:done )?again|"
                    # "y'all did my front brakes in October and now they're squeaking again": the trouble back
                    r"(?:squeak|squeal|grind|leak|rattl|clunk|smok|shak|pull|acting up|"
                    r"making (?:that|a|the|some) (?:\w+ )?noise|doing it|doing that|going out|dying|dead)"
                    r"\w*(?: \w+)? (?:again|already)|"
                    r"(?:came|is|are|'s|'re) back on)\b")
"""Work done before and wanted once more ("I had a detail last Friday, can I get another one
Saturday?", "had the oil done in June, time to do it again")."""


_DUE_AGAIN = re.compile(r"\b(?:it'?s|is|'s|its) (?:about |almost |already |coming |now |way )?(?:over)?due "
                        r"(?:again|now)\b|"
                        r"\b(?:it'?s|is|its) (?:about |almost |already |now )?(?:over)?due\W*$|"
                        r"\bdue again\b")
"""Work done before said to be due once more ("the sticker says it's about due again")."""
_NOT_TIRES = re.compile(r"\b(?:duty|shift|work|job|crop|night|day|storm|call|weekend|on-call|schedule) "
                        r"rotation\b")
"""A rotation that is a work schedule ("I'm on storm duty rotation"), not the tires'."""
_DROPPED = re.compile(r"^\W*(?:(?:i think|i guess|i'?m pretty sure|i believe|should be)\W+)?"
                      r"(?:can (?:probably |prolly |definitely |totally |easily |still |just )?"
                      r"(?:wait|hold)|(?:is|'?s|are) (?:still )?(?:fine|good|ok|okay|all good|taken care of)|"
                      r"isn'?t needed|aren'?t needed|"
                      r"not needed|not this time|another time|some other time|for now no|"
                      r"(?:i'?ll|we'?ll) skip|is too long|takes too long|"
                      # "the oil's already done, but the tires could use rotating"
                      r"(?:is|'?s|are|'re|was|were|got)? ?already (?:been )?(?:done|taken care of|handled|"
                      r"changed|covered))")
_OVERDUE = re.compile(r"\b(?:been|it'?s been) (?:like |about |over |almost |more than )?(?:\w+ )?"
                      r"(?:months?|years?|weeks?|miles) since\b[^.?!]*$|\boverdue (?:for|on)\b[^.?!]*$|"
                      r"\bdue for\b[^.?!]*$")
"""The work is due because it was done long ago ("it's been eight months since … oil changed")."""
_TAKEN_BACK = re.compile(r"\W*(?:(?:well|um+|uh+|oh|hmm+|actually|hang on|hold on|wait)\W+)*"
                         r"(?:no|nope|nah)(?:\s*[,.;!—–-]| (?:wait|actually|sorry|scratch that|hang on|"
                         r"hold on|i mean)\b)")
"""A mention taken back as soon as it is said ("my tires rotated, well, no, actually, …")."""
_DROP_BEFORE = re.compile(r"\b(?:skip|drop|forget(?: about)?|cancel|scratch|lose|nix|without|no|not|minus|"
                          r"hold off on|leave off|take off|never ?mind(?: about)?|don'?t worry about|"
                          r"no need for|(?:don'?t|do not) know about)\s+(?:the\s+|that\s+|on the\s+|my\s+)?$")


_ASKING = re.compile(r"\b(?:what (?:i|we) (?:need|want)|(?:i|we) (?:really |just |do )?(?:need|want|wanna)|"
                     r"(?:he|she|they|it)(?: really| just| also)? needs?|"
                     r"i'?d like|make it|can you|could you|let'?s do|give me|better you|"
                     r"(?:i'?m|we'?re) (?:looking|calling) for|"
                     r"(?:tires|brakes|car|truck|van|suv|battery|oil|they)(?: really| also| both)? needs?)\b")
"""Where a request starts in unpunctuated speech: the work done already is before it."""
_ONSET = re.compile(r"\s+(?:came on|come on|comes on|started|starts|began|went on|has been|have been|'s been|"
                    r"keeps|kept|is on|was on|lit up|popped up|showed up|"
                    # "his inspection sticker ran out back in April": lapsed then, due now
                    r"ran out|runs out|expired|lapsed|went out)\b")
"""A symptom's start ("the light came on last week"): its time is no work done."""
_WORN_OUT = re.compile(r"(?:'s|\s+is|\s+has)\s+(?:about |just |pretty much |finally |basically )?(?:had it|"
                       r"done for|shot|toast|dying|on (?:its|it'?s) (?:way out|last legs))\b")
"""A part worn out ("my battery's about had it"): the trouble now, no work done."""
_ANOTHER_PART = re.compile(r"\band (?:(?:um+|uh+|also|then)\s+)*(?:the|my|our|his|her) (?!same\b|one\b)")
"""Where the story of another part starts, unpunctuated ("… the tires rotated and um the battery
died at costco last week"): its past words are not this work's."""
_A_NEW_ONE = re.compile(r"[^.?!]{0,50}\b(?:need|get|want|probably|put in|give (?:it|her|him) )[^.?!]{0,12}"
                        r"\ba new one\b")
"""A new one asked after the trouble told ("… we needed a jump so probably a new one of those too")."""
_REASON = re.compile(r"\s(?:cuz|'?cause|because|since|and (?:can|could|would|will|do)\b|"
                     r"(?:i|we) (?:got|have|'ve got) (?:a|an|to) (?!(?:while|month|week|year|couple)\b))")
"""Where a reason or a second request starts, unpunctuated: past words after it are about
something else ("a state inspection cuz my sticker expired last week")."""


_DUE_LATER = re.compile(r"(?:\W*(?:is|'?s|isn'?t|is not|are|aren'?t|are not|ain'?t)\s+(?:really |"
                        r"actually |not )?"
                        r"(?:due|coming due))?\s+(?:(?:until|till|'?til|before) |in |at the end of |around )?"
                        r"(?:(?:the )?(?:end|beginning|middle) of )?(?:january|february|march|april|may|june|"
                        r"july|august|september|october|november|december|next month|"
                        r"(?:a|another) (?:few|couple(?: of)?) months|\w+ months)\b")
"""A service said to come due months off ("my inspection's due in January"): not work wanted now."""
_WANTS_IT_NOW = re.compile(r"\b(?:can|could|book|schedule|get (?:it|that|them) done|now|early|ahead|while|"
                           r"same time|too|also|as well|go ahead)\b")


_WHERE_I_AM = re.compile(r"\b(?:(?:i'?m|im|we'?re|i was|we were)(?: (?:sitting|waiting|still))? "
                         r"(?:at|in line at|out of)|just left|leaving|pulling out of|coming out of) "
                         r"(?:the|a) (?:\w+ )?$")
""""I'm at the car wash": where the caller is, not work asked for."""


_PLURAL = r"s?\b"


_MESS = re.compile(r"\b(?:carsick|car sick|threw up|throw up|thrown up|puked|vomit\w*)\b")
"""A mess made in the car, a reason for a detail, said as what happened."""


def _last_mention_wanted(text: str, phrases: list[str]) -> bool:
    """What the caller said last about a service decides: wanted, or ruled out — by its own words
    or by the part it works on ("rotate the tires too? actually, no, forget the tires")."""
    matches = sorted((m for p in phrases
                      for m in word_pattern(p, _PLURAL if " " in p else r"\b").finditer(text)),
                     key=lambda m: (m.start(), -len(m.group(0))))
    # ("there's a recall on it … and I never got a letter": no notice came; the recall still stands)
    matches = [m for m in matches if not (
        re.search(r"\b(?:letter|notice|mailer)s?\b", m.group(0)) and re.search(
            r"\b(?:never|didn'?t|did not|haven'?t|have not|hasn'?t|no)\s+(?:\w+\s+)?$",
            text[max(0, m.start() - 20): m.start()]))] or matches
    # ("I need to get the car detailed, the dog got carsick all over the back seat": a mess told
    # after the work asked for it in so many words leaves the work asked)
    matches = [m for m in matches if not _MESS.search(m.group(0))] or matches
    if not matches:
        return False
    words = {w for p in phrases for w in re.findall(r"[a-z/]+", p)} & lexicon().service_objects
    later = [m for w in words for m in word_pattern(w).finditer(text, matches[-1].end())]
    if later and _DROP_BEFORE.search(text[: max(later, key=lambda m: m.start()).start()]):
        return False
    # ("a recall letter for the airbags in my Camry back in May": when the notice came; the letter
    # decides, not the part said after it)
    notice = next((m for m in matches if re.search(r"\b(?:letters?|notices?|mailers?)\b", m.group(0))), None)
    return _mention_wanted(text, notice or matches[-1])


_HABIT_BEFORE = re.compile(r"(?<!could )(?<!can )(?<!would )(?<!to )\b(?:i|we|he|she)\s+"
                           r"(?:usually |always |normally |just )?"
                           r"(?:get|gets|have|has|take|takes)\s+(?:(?:my|our|his|her|the)\s+)?$")
_DONE_AT = re.compile(r"\s+(?:\w+\s+)?(?:done|changed|serviced|taken care of)?\s*"
                      r"(?:at|over at|down at|up at|by)\s+(?!(?:y'?all|you|your|noon|tomorrow|today|"
                      r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|the (?:end|start))\b)[a-z]")
"""Work the caller has done at another place as a habit ("I get my oil done at Jiffy Lube")."""


_THAT_DONE = re.compile(r"^\W*(?:(?:'?cause|because|cuz|since|well|oh|so|and|but|um+|uh+|i|we|actually)\W+)*"
                        r"(?:i|we|they)(?:'ve)? (?:just |already |actually |recently |literally )*"
                        r"(?:had|got|did|done) (?:that|it|those|them)(?: one)? "
                        r"(?:done|changed|taken care of|handled|replaced|fixed|checked|looked at)\b")
"""The sentence after a service named says it was done already ("'cause I just had that done")."""
_WANT_WORDS = re.compile(r"\b(?:need|needs|want|wants|due|overdue|book|schedule|get|do)\b")


def _mention_wanted(text: str, match: re.Match[str]) -> bool:
    """Is this mention of a service something wanted — not ruled out ("not the oil", "skip the
    rotation", "the brakes can wait") or done already ("I did the oil last month")?"""
    if (_DROPPED.match(text[match.end():]) or _DROP_BEFORE.search(text[: match.start()])
            or _TAKEN_BACK.match(text[match.end():]) or _WHERE_I_AM.search(text, max(0, match.start() - 40),
                                                                            match.start())
            or HANDLED.match(text, match.end())):  # "the brakes I can handle myself"
        return False
    if _OVERDUE.search(text[max(0, match.start() - 60): match.start()]):
        return True  # "it's been eight months since the Forester had its oil changed": due now
    if re.search(r"\b(?:jump|jumped|start|turns? over|ran out|runs out|expired|lapsed)\b", match.group(0)):
        # "she had to get a jump twice last week", "his sticker ran out back in April": the trouble
        # told, whenever it was
        return True
    if _MESS.search(match.group(0)):
        # "my kid got carsick in the back seat … it still smells": a mess to clean, whenever it was
        # made (not one told as the day's story: "… so, you know, priorities. an oil change")
        return bool(re.search(r"\b(?:still|smells?|smelly|stinks?|stain\w*|clean\w*|(?:can|could) "
                              r"(?:you|y'?all|ya)\b[^.?!]{0,20}\b(?:deal|get (?:it|that) out|help))", text))
    if _HABIT_BEFORE.search(text[max(0, match.start() - 40): match.start()]) and (
            _DONE_AT.match(text, match.end())):
        return False  # "I get my oil done at Jiffy Lube": done elsewhere, not asked of us
    if re.search(r"\b(?:after|once|when|before)\s+(?:(?:the|my|our|his|her)\s+)?(?:\w+\s+)?$",
                 text[max(0, match.start() - 30): match.start()]) and re.match(
            r"(?:'s|\s+is|\s+gets?|\s+'s)\s+(?:all\s+)?(?:done|finished|over|through)\b", text[match.end():]):
        return False  # "like ten? after the oil's done": a visit marks the time, none is asked
    if re.search(r"\b(?:jiffy|quick|express|instant|valvoline|grease monkey|take 5)\s+$",
                 text[max(0, match.start() - 20): match.start()]):
        return False  # "Jiffy Lube": a shop's name
    if re.search(r"\b(?:letters?|notices?|mailers?)\b", match.group(0)):
        # "we got a letter in the mail a few weeks back and I just never did nothing about it": a
        # notice came then; the work is still to do, unless said done
        return not (ruled_out(text, match.start()) or re.search(
            r"\b(?:already|got it|had it|they) (?:\w+ )?(?:fixed|done|taken care of|handled|repaired)\b",
            text[match.end():]))
    if _ONSET.match(text, match.end()) or _WORN_OUT.match(text, match.end()):
        return True  # "my check engine light came on last week": when the trouble began
    # (up to the next clause about something else: "the oil change this time, I'll do the tires next visit")
    rest = re.split(r"[.;!?]|\bso\b|,\s*(?:i'?ll|we'?ll|i will|we will)\b", text[match.end():], maxsplit=1)[0]
    if re.search(r"\b(?:not yet|eventually|someday|down the road|later on|can wait|"
                 r"not now|not today|next time|next visit|next go[- ]round|another time|"
                 r"some other time)\b", rest):
        return False  # "my brakes might need looking at eventually, but not yet"
    if (match.group(0).endswith(" due") or re.match(r"\W*(?:is|'?s|isn'?t|is not|are|aren'?t|are not|"
                                                    r"ain'?t)\s+"
                                                   r"(?:really |actually |"
                                                   r"not )?(?:coming )?due\b", rest)) and (
            _DUE_LATER.match(rest) and not _WANTS_IT_NOW.search(rest)):
        return False  # "my inspection's due in January" (said while moving the brakes): later, not now
    clause_start = max(text.rfind(sep, 0, match.start()) for sep in (".", ",", ";", " but ", "—"))
    # unpunctuated speech runs on: only the few words after the mention belong to it ("rotate
    # all four tires on my tundra … i got the afternoon off" did no rotation)
    clause_end = min((i for i in (text.find(sep, match.end()) for sep in (".", ",", ";", "?", "!"))
                      if i >= 0), default=len(text))
    clause_start = max(clause_start, match.start() - 46)
    if (asked := [m for m in _ASKING.finditer(text, clause_start + 1, match.start())]):
        clause_start = asked[-1].start() - 1  # "the oil was done last month what i need is the inspection"
    elif re.match(r"\s+(?:really |also |both |still )?needs?\b", text[match.end():]) or re.search(
            # "we've got a truck that needs an oil change", "… a truck whose inspection sticker runs
            # out": the work the car needs, whatever was said of it before
            r"\b(?:needs?|needing|whose)\s+(?:[\w-]+\s+){0,2}$", text[: match.start()]):
        clause_start = match.start() - 1  # "my wife said a while back the brakes need looking at"
    clause = text[clause_start + 1: min(clause_end, match.end() + 45)]
    if (reason := _REASON.search(clause, match.end() - clause_start - 1)) is not None:
        clause = clause[:reason.start()]  # "…inspection cuz my sticker expired last week"
    # ("they didn't rotate the tires … could y'all do that?": what another shop left undone is
    # no refusal of it)
    left_undone = re.search(r"\b(?:they|he|she|the shop|the dealer|the guy|walmart|[a-z]+ lube)\s+"
                            r"(?:didn'?t|did not|never|wouldn'?t|couldn'?t|forgot to)\s+(?:\w+\s+){0,2}$",
                            text[max(0, match.start() - 50): match.start()])
    if (ruled_out(text, match.start()) and not left_undone) or (
            re.search(r"\b(?:swap|switch|trade|replace)(?: out)? (?:the |my )?$", text[: match.start()])
            and re.match(r"\s+(?:for|with)\b", text[match.end():])):
        return False  # "swap the rotation for an oil change": the rotation goes
    if re.search(r"\bevery (?:other |single |\w+ )?$",
                 text[max(0, match.start() - 20): match.start()]) and not (
            # ("… rotated every oil change, and I haven't. so both of those?": both asked for)
            re.search(r"\b(?:both (?:of )?(?:those|them|things)|(?:do|get|book) (?:them )?both)\b",
                      text[match.end():])):
        return False  # "rotate them every other oil change": how often, not work asked for
    if (other := _ANOTHER_PART.search(clause, match.end() - clause_start - 1)) is not None:
        clause = clause[:other.start()]  # "the tires rotated and um the battery died … last week"
    if _A_NEW_ONE.match(text[match.end(): match.end() + 70]):
        return True  # "the battery died at costco last week … so probably a new one of those too"
    told = re.match(r"([^.?!]*)[.?!]+\s*([^.?!]*)", text[match.end():])
    if told and _THAT_DONE.search(told[2]) and not (
            _WANT_WORDS.search(text[max(0, match.start() - 40): match.start()] + told[1])
            or _AGAIN.search(text, match.end()) or _DUE_AGAIN.search(told[2])):
        return False  # "is this for the oil? 'cause I actually just had that done at a quick lube place"
    done = list(_DONE_ALREADY.finditer(clause))
    if done and re.search(r"\bnow\b", clause[done[-1].end(): match.start() - clause_start - 1]):
        return True  # "I was in a few weeks back for an oil change and now the brakes are grinding"
    return not done or bool(_AGAIN.search(text, match.end())) or bool(
        # "y'all did my oil change back in January and the sticker says it's about due again"
        _DUE_AGAIN.search(text[match.end(): match.end() + 80]))


def _wanted_mention(text: str, phrase: str) -> bool:
    """Is any mention of ``phrase`` a wanted one?"""
    return any(_mention_wanted(text, m) for m in word_pattern(phrase).finditer(text))


def services_alike(u: Utterance, profile: BusinessProfile) -> list[str]:
    """The services a word the caller said could mean, when it names more than one ("an
    inspection": the brake inspection or the state inspection); empty otherwise."""
    words = set(re.findall(r"[a-z]{5,}", u.lower))
    for word in sorted(words):
        alike = [sv.key for sv in profile.services
                 if re.search(rf"\b{word}\b", sv.name.lower())]
        if len(alike) >= 2:
            return alike
    return []


def extract_services(u: Utterance, profile: BusinessProfile) -> list[str]:
    """Keys of the services wanted, in the order mentioned, fuzzy for speech errors. A service
    ruled out or done already ("I did the oil last month") is not one."""
    found: list[tuple[int, int, str]] = []
    said_exactly = [(sv.key, p.lower()) for sv in profile.services for p in (sv.name, *sv.synonyms)
                    if phrase_in(p.lower(), u.lower)]
    for service in profile.services:
        phrases = [service.name, *service.synonyms]
        # ("check engine lights on", "tire rotations": a name of more than one word said plural,
        # or with the "'s" a transcript drops)
        mentioned = [p for p in phrases if (phrase_in(p.lower(), u.lower) or (
            " " in p and word_pattern(p.lower(), _PLURAL).search(u.lower))) and not (
            p.lower() == "rotation" and _NOT_TIRES.search(u.lower))]
        if mentioned and not _last_mention_wanted(u.lower, [p.lower() for p in mentioned]):
            continue  # "a tire rotation — no wait, not the rotation, the inspection"
        best = max((len(p) for p in mentioned), default=0)
        if not best and "rotation" in u.lower and _NOT_TIRES.search(u.lower) and not re.search(
                r"\btires?\b", u.lower):
            continue  # "on storm duty rotation": no near miss of the tires' either
        if not best:
            # Fuzzy search of each phrase inside the text (speech slips: "tire rotaton").
            # ("smells like something burning": not the detailing's "smells like smoke", when
            # the words said are another service's own "smells like")
            longest = [p.lower() for p in phrases if 6 < len(p) <= len(u.lower) and not any(
                q in p.lower() for k, q in said_exactly if k != service.key)]
            # (not across a sentence: "over a speed bump. started two weeks ago" is no "jump start")
            scores = [fuzz.partial_ratio(p, u.lower) if not re.search(r"[.?!;]\s", u.lower[
                (at := fuzz.partial_ratio_alignment(p, u.lower)).dest_start: at.dest_end]) else 0
                for p in longest]
            if scores and max(scores) >= 90:
                best = len(longest[scores.index(max(scores))]) - 1
        if best:
            position = min(
                (u.lower.find(p.lower()) for p in phrases if p.lower() in u.lower), default=999
            )
            found.append((-best, position, service.key))
    found = _not_inside_another(u.lower, found, profile)  # "my brake inspection done": not "inspection done"
    named = {sv.key for sv in profile.services
             if any(phrase_in(p.lower(), u.lower) for p in (sv.name, *sv.synonyms))}
    found += by_part(u, profile, {key for _, _, key in found} | named, _mention_wanted)
    # ("fixed my ac … and it's blowin warm again": the trouble back, whatever was done before)
    if not found and (symptom := SYMPTOM.search(u.lower) or it_symptom(u.lower) or ODOUR.search(
            u.lower)) and not (
            # (the reminder light of a service that is due: "it's about due, the little light came on")
            re.search(r"\b(?:light|lamp|symbol|icon)\b", symptom.group(0))
            and re.search(r"\b(?:due|reminder|maintenance|oil)\b", u.lower)) and (
            _mention_wanted(u.lower, symptom) or re.match(
            r"\s+(?:again|all over again)\b", u.lower[symptom.end():])) and (
            diagnostic := _diagnostic(profile)):
        # "my ac ain't blowing cold", "the passenger window won't roll up": something wrong that
        # no service names; the shop looks at it first
        found.append((-len(symptom.group(0)), symptom.start(), diagnostic))
    if (on_braking := ON_BRAKING.search(u.lower)) and (brakes := profile.service("brake_inspection")) and (
            brakes.key not in {key for _, _, key in found}) and not _A_GUESS_DOUBTED.search(u.lower):
        # "every time I stop there's this grinding from the front": the noise comes with braking
        found.append((-len(on_braking.group(0)), on_braking.start(), brakes.key))
    if (due := due_by_sticker(u, profile, {key for _, _, key in found})) is not None:
        found.append(due)  # "it's due, that little reminder sticker on the windshield says we're past it"
    found.sort(key=lambda item: item[1])
    alone = {sv.key for sv in profile.services if sv.only_alone}
    if any(key in alone for _, _, key in found):
        # "a puddle under my car, kinda greenish, right by the front tire": where the trouble
        # shows, not the work wanted
        found = [f for f in found if f[2] in alone or not _WHERE_BEFORE.search(u.lower, 0, max(f[1], 0))]
    keys = [key for _, _, key in found]
    parts = [k for k in keys if k not in alone]
    if len(parts) == 1 and parts[0] not in named and _PART_DOUBTED.search(u.lower) and (
            SYMPTOM.search(u.lower) or _TROUBLE.search(u.lower) or re.search(r"\bhum\w*\b", u.lower)) and (
            diagnostic := _diagnostic(profile)):
        # "my tires, or something down by the tires, there's a humming … I don't know if it's the
        # tires or what": the part is a guess at where the trouble is; the shop looks first
        return [diagnostic]
    if keys and (guess := _A_GUESS_DOUBTED.search(u.lower)) and (
            _FIND_WHAT.search(u.lower, guess.end()) or _TROUBLE.search(u.lower, guess.end())
            or SYMPTOM.search(u.lower, guess.end())) and (diagnostic := _diagnostic(profile)):
        return [diagnostic]  # "I think I need a battery. well, I'm not sure … figure out what's wrong?"
    # "a weird clunk from the brakes": the symptom belongs to the brake inspection named with it
    return [k for k in keys if k not in alone] or keys


def _spans(text: str, phrases: list[str]) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for p in phrases for m in word_pattern(p.lower()).finditer(text)]


def _not_inside_another(text: str, found: list[tuple[int, int, str]], profile: BusinessProfile,
                        ) -> list[tuple[int, int, str]]:
    """A service named only by words that another one's name, begun before them, takes ("inspection
    done" in "my brake inspection done") is not asked for."""
    spans = {key: _spans(text, [sv.name, *sv.synonyms]) for _, _, key in found
             if (sv := profile.service(key)) is not None}
    return [f for f in found if not spans.get(f[2]) or not all(any(
        a < e and s < b and (a < s or (a == s and b > e)) for k, other in spans.items() if k != f[2]
        for a, b in other) for s, e in spans[f[2]])]


def _diagnostic(profile: BusinessProfile) -> str | None:
    """The profile's diagnostic check, where the shop looks first when nobody knows the work."""
    return next((sv.key for sv in profile.services if "diagnos" in sv.name.lower()), None)


_A_GUESS_DOUBTED = re.compile(r"\b(?:i think|i guess|maybe|probably)\b[^?]{0,60}?\b(?:actually,? |well,? )?"
                              r"(?:i'?m|i am) not (?:really |totally |even )?sure\b")
_PART_DOUBTED = re.compile(r"\b(?:i )?(?:don'?t|do not|dunno) (?:know|if) (?:if |whether )?it'?s (?:the|my) "
                           r"\w+(?: or (?:what|not|something(?: else)?))?|"
                           r"\bor something (?:down )?(?:by|near|around)\b")
_FIND_WHAT = re.compile(r"\b(?:figure out|find out|see|tell (?:me|us)|diagnose|check) what'?s (?:wrong|"
                        r"going on|causing)\b|\btake a look at (?:it|her|the whole thing)\b")
"""Work guessed, then doubted, then a look asked for (or the trouble told): the shop finds out
what is wrong first."""
_TROUBLE = re.compile(r"\b(?:check engine|engine light|sputter\w*|stall\w*|shak\w*|noise|rattl\w*|smell\w*|"
                      r"leak\w*|won'?t start|hesitat\w*|overheat\w*)\b")


_WHERE_BEFORE = re.compile(r"\b(?:by|near|under|underneath|next to|behind|beside|around|over) "
                           r"(?:the |my |her |his )?"
                           r"(?:front |back |rear |left |right |driver'?s? side |passenger side )?$")
"""A part said as where something shows ("right by the front tire"), not as the work wanted."""




def told_done(u: Utterance, profile: BusinessProfile) -> bool:
    """A service named, then said done already in the next breath ("is this for the oil? 'cause I
    just had that done"): nothing in the message is wanted."""
    return not extract_services(u, profile) and bool(services_named(u, profile)) and any(
        _THAT_DONE.search(sentence) for sentence in re.split(r"(?<=[.?!])\s+", u.lower))


def services_named(u: Utterance, profile: BusinessProfile) -> list[str]:
    """Every service named in so many words, wanted or not, in the order said ("the oil change
    isn't due till January, but what do you charge for one?": the oil change is what is priced)."""
    said = []
    for sv in profile.services:
        at = [u.lower.find(p.lower()) for p in (sv.name, *sv.synonyms) if phrase_in(p.lower(), u.lower)]
        if at:
            said.append((min(at), sv.key))
    return [key for _, key in sorted(said)]


def extract_unoffered(u: Utterance, profile: BusinessProfile) -> list[str]:
    """Kinds of work named that the business does not list ("an oil change and a wheel
    alignment" → ["wheel alignments"]), said back in the lexicon's words, never the caller's."""
    if not profile.services:
        return []
    ours = " ".join(p.lower() for sv in profile.services for p in (sv.name, *sv.synonyms))
    return [name for name, words in lexicon().other_services.items()
            if any(word_pattern(w).search(u.lower) for w in words)
            and not any(word_pattern(w).search(ours) for w in words)]


def extract_dropped_services(u: Utterance, profile: BusinessProfile) -> list[str]:
    """Services the caller takes off the visit ("skip the rotation", "the brakes can wait")."""
    dropped = []
    for service in profile.services:
        mentioned = [p.lower() for p in (service.name, *service.synonyms)
                     if phrase_in(p.lower(), u.lower)]
        if mentioned and not any(_wanted_mention(u.lower, p) for p in mentioned) and any(
                _DROPPED.match(u.lower[m.end():]) or _DROP_BEFORE.search(u.lower[: m.start()])
                for p in mentioned for m in word_pattern(p).finditer(u.lower)):
            dropped.append(service.key)
    return dropped


def extract_appointment_type(u: Utterance, profile: BusinessProfile, *,
                             work_named: bool = False) -> str | None:
    """The kind of appointment named in so many words ("a test drive") or by what the caller
    would do ("drive the red one"). With work named on the caller's own car ("my check engine
    light came on … the car seems to drive okay"), only the words count: a verb is no visit."""
    # "a showing … and also a consultation? actually, no, just the showing": the one kept
    tail = correction_tail(u.lower)
    only = re.search(r"\b(?:just|only) (?:the|a|an)\b", tail) if tail else None
    if tail and only and (kind := extract_appointment_type(normalise(tail[only.start():]), profile,
                                                           work_named=work_named)):
        return kind
    best: tuple[int, str, bool] | None = None
    bare = u.lower.replace("'", "")  # "what its worth", as speech recognition writes it
    called_off: set[str] = set()
    for appt in profile.appointment_types:
        if _called_off(u.lower, [appt.label, *appt.synonyms]):
            # "I was gonna come drive the Outback but scratch the test drive for now, …"
            called_off.add(appt.key)
            continue
        for phrase in [appt.label, *appt.synonyms]:
            said = phrase_in(phrase.lower(), u.lower) or (  # "showings"
                phrase[-1:].isalpha() and phrase_in(phrase.lower() + "s", u.lower)) or (
                "'" in phrase and phrase_in(phrase.lower().replace("'", ""), bare))
            at = word_pattern(phrase.lower(), "").search(u.lower) if said else None
            if at and phrase.startswith("come ") and "look" in phrase and WE_COME.search(
                    u.lower[max(0, at.start() - 30): at.start()]):
                continue  # "my brother wants to come look at it with me": a viewing, not our visit
            if at and re.search(r"\b(?:after|before|following|once)\s+(?:the|our|my|that)\s+$",
                                u.lower[max(0, at.start() - 20): at.start()]) and phrase_in("see", u.lower):
                continue  # "could we see it after the consultation?": the visit it follows, not this one
            if at and "listed" in phrase and _YOURS_LISTED.search(
                    u.lower[max(0, at.start() - 30): at.start()]):
                continue  # "i think yall have it listed, can i go see it": theirs to show, not ours to sell
            if said and (best is None or len(phrase) > best[0]):
                best = (len(phrase), appt.key, phrase.split()[-1] in {"it", "one", "that"})
    if (come := OURS_TO_COME.search(u.lower) or WORTH_OF_OURS.search(u.lower)) and not re.match(
            r"[^.?!]{0,20}\bwith (?:me|us|him|her)\b", u.lower[come.start():]) and not re.match(
            r"\W*(?:\w+\W+){0,2}?with (?:me|us|him|her)\b", u.lower[come.end():]) and not re.search(
            # ("we'd rather come to you than have somebody come to the house")
            r"\b(?:than|rather not|instead of|don'?t want|not)\s+(?:have\s+|having\s+)?$",
            u.lower[: come.start()]) and (
            listing := next((a.key for a in profile.appointment_types if a.key == "listing_appointment"
                             and a.key not in called_off), None)):
        # "could somebody come see the house … I'll be there with her", "see what the place would
        # bring": one of ours comes to the caller's (or family's) home to value it, not a showing
        return listing
    if best is not None and not best[2]:
        return best[1]  # named in so many words ("a test drive"): no frame can say more
    if work_named:
        return None
    if _FOR_A_SPIN.search(u.lower) and (drive := next((a.key for a in profile.appointment_types if (
            a.key == "test_drive" and a.key not in called_off)), None)):
        return drive  # "come take the green Outback for a spin Saturday"
    framed = [(frame.owner, appt.key) for appt in profile.appointment_types for frame in appt.frames
              if appt.key not in called_off and _frame_in(frame, u.lower)]
    own = next((key for owner, key in framed if owner == "caller"), None)
    if best is None or (own and best[2]):
        # "listing our house … someone to come take a look at it": "our house" says more than "it"
        return own or (framed[0][1] if framed else None)
    return best[1]


_YOURS_LISTED = re.compile(r"\b(?:y'?all|you(?: guys| all)?|they|your (?:office|company|agency|firm|agents?))"
                           r"\s+(?:\w+\s+)?$")
"""Who has a home listed, said before "have it listed": the business, so the home is one to see."""


_TRAVELLER = re.compile(r"\b(?:i|we|she|he|they|you)(?:'m|'re|'s|'ll| am| are| is| was| were| will)? "
                        r"(?:be |been |just |gonna |going to |have to |got to )*$")
"""Someone driving somewhere ("she's driving to her sister's"), not a car's drive asked for."""
_SOMEONE_DRIVEN = re.compile(r"\s+(?:my|our|his|her|the) (?:mom|mother|mama|momma|mamma|papa|daddy|folks|"
                             r"grandma|grandpa|granny|dad|father|wife|husband|son|daughter|"
                             r"kids?|boys?|girls?|grand\w+|family|parents|sister|brother|friend|in-laws)\b|"
                             r"\s+(?:someone|somebody|people)\b")
_FOR_A_SPIN = re.compile(r"\btak(?:e|ing) (?:it|her|him|them|(?:the|that|this|a|one|your|y'?all'?s) "
                         r"(?:[\w-]+ ){0,4}?[\w-]+) (?:out )?for a (?:quick )?(?:spin|drive|ride|test drive|"
                         r"test-drive|whirl)\b")
"""A car taken out for a spin, whatever it is called in between: a test drive."""


def _called_off(text: str, phrases: list[str]) -> bool:
    """Was the last mention of this kind of visit, in any of its words, called off ("I'd come
    drive it … forget the test drive for now", "the showing can wait")?"""
    mentions = [m for p in phrases for m in word_pattern(p.lower(), r"s?\b").finditer(text)]
    if not mentions:
        return False
    last = max(mentions, key=lambda m: (m.start(), -m.end()))
    return bool(_DROPPED.match(text[last.end():]) or _DROP_BEFORE.search(text[: last.start()]))


_IRREGULAR = {"see": ("saw", "seen"), "drive": ("drove", "driven"), "take": ("took", "taken"),
              "show": ("shown",), "go": ("went", "gone"), "come": ("came",), "sit": ("sat",)}


def _inflected(verb: str) -> str:
    """A pattern for every form of the verb ("drive" → drive, drives, driving, drove …)."""
    stem = verb[:-1] if verb.endswith("e") and len(verb) > 3 else verb
    forms = {verb, verb + "s", verb + "es", stem + "ing", verb + "ing", stem + "ed", verb + "d",
             *_IRREGULAR.get(verb, ())}
    return "(?:" + "|".join(sorted(map(re.escape, forms), key=len, reverse=True)) + ")"


_PARTICLES = frozenset({"out", "through", "at", "around", "over", "in", "by"})
_OBJECT_OWNER = re.compile(r"\b(?:the|that|this|those|these|your|y'?all'?s|ur|one of (?:the|your)|"
                           r"a|an|there'?s|there is|some|a few|a couple(?: of)?|any|two|three|both)\b"
                           r"(?:\s+[\w'-]+){0,4}\s*$")  # "there's one on …"
_WANTED_HOME_AFTER = re.compile(r"\s+(?:in mind|picked out|(?:we|i) (?:really )?(?:like|liked|love|saw|found|"
                                r"want)|on (?:your|the|y'?all'?s) (?:site|website|list|app))\b")
"""A home had in mind, not owned ("I have a house in mind", "we've got a place picked out")."""
_FOUND_ONE = re.compile(r"\b(?:found|saw|seen|spotted|liked|loved|likes|loves|sent me|showed me|picked out)"
                        r"(?: (?:a|an|this|that|the))?\s*$")
_OWNERS = re.compile(r"(?:\b(?:my|our|his|her|their|mine|ours)\b(?:\s+[\w'-]+){0,3}|"
                     # "we've got a place in Sun City we've been in for nineteen years" (not "I got
                     # a text about a house": the home is the thing had, said right after)
                     r"\b(?:we|i)(?:'ve| have)? (?:got|own|have) (?:a|an)(?:\s+[\w'-]+)?)\s*$")
# the subject right before the verb says a habit ("I drive the Camry to work"), unless a modal
# asks ("can I drive the red one", "could we see the house")
_HABIT = re.compile(r"(?<!\bcan )(?<!\bcould )(?<!\bmay )(?<!\bmight )(?<!\bwould )(?<!\bshould )"
                    r"(?<!\bwill )(?<!\bshall )(?<!\blet )(?<!\bcan't )(?<!\bcud )"
                    r"\b(?:i|we|he|she|they|wife|husband|son|daughter|kid|kids)\s+$")
_NOT_AN_OBJECT_NEXT = re.compile(r"\s+(?:about|if|whether|what|how|why|when|you|y'?all|ya)\b"
                                 # "I'll be driving it over", "drive her in": bringing it
                                 r"|\s+(?:it|her|him|them|the car|the truck)\s+"
                                 r"(?:over|in|down|up|here|there|by|back|to|home|out to)\b")
_VEHICLE_WORDS = ("car", "truck", "suv", "van", "sedan", "pickup", "wagon", "hatchback", "crossover",
                  "coupe", "minivan", "ev")


@cache
def _frame_pattern(verbs: tuple[str, ...], objects: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    verb_parts = []
    for verb in verbs:
        *words, last = [re.escape(w) if w in _PARTICLES else _inflected(w) for w in verb.lower().split()]
        # a particle may come after the object: "take that red RAV4 out"
        # (not "looking to buy a townhouse around Mueller": another verb's object, and a place)
        gap = r"(?:\s+(?!to\b)[\w'-]+){0,5}?\s+" if verb.split()[-1] in _PARTICLES else r"\s+"
        verb_parts.append(r"\s+".join(words) + gap + last if words else last)
    nouns: set[str] = set()
    for obj in objects:
        if obj == "vehicle":
            lex = lexicon()
            nouns |= {*_VEHICLE_WORDS, *lex.makes, *(m.lower() for m in lex.models),
                      *(m.lower().replace("-", "") for m in lex.models)}  # "crv" heard for CR-V
        else:
            nouns.add(obj.lower())
    # ("showings", "the duplexes", "the two ranches")
    noun = "|".join(sorted((re.escape(n) + ("(?:es)?" if n.endswith(("x", "ch", "sh", "s")) else "s?")
                            for n in nouns), key=len, reverse=True))
    return (re.compile(r"\b(?:" + "|".join(verb_parts) + r")\b"),
            re.compile(r"(?<!\w)(?:" + noun + r")(?![\w-])"))  # "the four-bedroom"


_AT_HOME_AFTER = re.compile(r"\s+(?:from|for the|for break|for christmas|early|sick|now|today|tonight|this "
                            r"(?:week|weekend)|alone|by)\b")
_AT_HOME_BEFORE = re.compile(r"\b(?:at|back|get|got|gets|getting|come|came|coming|go|went|going|be|been|stay|"
                             r"stays|staying|work from|i'?m|we'?re) $")
""""Home" as where someone is, not a house: "home from college", "once we get home"."""


_A_PERSON = re.compile(r"\b(?:daughter|son|wife|husband|mom|mother|dad|father|kid|kids|grandma|grandpa|"
                      r"grandmother|grandfather|girlfriend|boyfriend|sister|brother)\b")
"""Someone in the message that "her" or "him" may be."""


def _frame_in(frame: AskFrame, text: str) -> bool:
    """A verb of the frame and one of its objects in the same sentence: the object right after
    the verb ("see it", "drive that one"), or the right owner's thing within a few words either
    side ("see the four-bedroom you have listed", "the bungalow … we'd love to walk through",
    "listing our house … someone to come take a look at it")."""
    verbs, nouns = _frame_pattern(tuple(frame.verbs), tuple(frame.objects))

    def whose(sentence: str, obj: re.Match[str]) -> bool:
        if obj.group(0) == "home" and (_AT_HOME_AFTER.match(sentence, obj.end())
                                       or _AT_HOME_BEFORE.search(sentence, 0, obj.start())):
            return False  # "my daughter's home from college", "once I get home": no house
        if obj.group(0) == "lot" and sentence[max(0, obj.start() - 2): obj.start()] == "a " and not re.match(
                r"\s+(?:in|on|at|for|near|out|by|with|that|over)\b", sentence[obj.end():]):
            return False  # "going through a lot right now": much, not land
        lead = sentence[max(0, obj.start() - 40): obj.start()]
        # ("my husband found a townhouse … can we see it": one found, not owned)
        owned = _OWNERS.search(lead) is not None and not (
            _WANTED_HOME_AFTER.match(sentence, obj.end()) or _FOUND_ONE.search(lead) or re.search(
                # ("we're buying our first house, we're looking at Cedar Park": the one to buy)
                r"\b(?:buy(?:ing)?|purchas\w*|find(?:ing)?|shopping for) (?:our|my|their) (?:\w+ )?$", lead))
        return owned if frame.owner == "caller" else bool(_OBJECT_OWNER.search(lead)) and not owned

    for sentence in re.split(r"(?<=[.?!;])\s*", text):
        before = text[: text.find(sentence)] if sentence else ""
        for verb in verbs.finditer(sentence):
            if ((_HABIT.search(sentence[: verb.start()]) and not re.search(r"(?:ing|ed)$", verb.group(0)))
                    or re.search(r"[^s]s$", verb.group(0).split()[0])):
                continue  # "I drive the Camry to work", "the F-250 everybody drives": a habit
            if re.search(r"\b(?:don'?t|do not|never|shouldn'?t|can'?t|won'?t|rather not|not|afraid to|"
                         r"scared to)\s+(?:even\s+|really\s+)?(?:(?:want|like|have) to\s+|wanna\s+)?$",
                         sentence[: verb.start()]):
                continue  # "my brother-in-law says don't even drive it", "I'd rather not drive it far"
            after = sentence[verb.end():]
            if verb.group(0).startswith(("driv", "drov")) and re.match(
                    r"\s+(?:it |her |him )?(?:to|home|back|over to|up to|down to|out to|across|into town)\b",
                    after) and _TRAVELLER.search(sentence[: verb.start()]):
                continue  # "she's driving to her sister's": a trip, not a test drive
            if verb.group(0).startswith(("driv", "drov")) and re.match(
                    r"\s+(?:it|her|him|the car|my car|the truck|my truck)\s+(?:straight |right |on )?"
                    r"(?:over|in|down|by|up)\b(?!\s+(?:the|a|and down)\b)", after):
                continue  # "I can drive it straight over": the car brought in, not a test drive
            if verb.group(0).startswith(("driv", "drov")) and _SOMEONE_DRIVEN.match(after):
                continue  # "I need the car tomorrow to drive my mom to the airport": a ride given
            if verb.group(0).startswith("look") and re.match(
                    r"\s+(?:condos|houses|homes|places|properties|townhouses|townhomes|listings)\b", after):
                continue  # "a first-time buyer looking at condos": the search, no home to see
            if _NOT_AN_OBJECT_NEXT.match(after) or re.match(
                    r"\s+(?!(?:\w*thing|listing|building|king|ring|spring)\b)[a-z]+ing\b", after):
                continue  # "see about", "see if you have"; "looking at buying our first place"
            if frame.owner == "caller" and re.match(r"\s+(?:one|some|any) (?:of )?(?:yours|your|you|y'?all)",
                                                     after):
                continue  # "could we see one of yours": the business's, whatever home was said
            if re.match(r"\s+(?:her|him)\b", after) and (
                    _A_PERSON.search(text) or verb.group(0).endswith("ing")):
                continue  # "my daughter's got the dentist and I'm the one driving her": a person
            if (re.match(r"\s+(?:her|him|them)\s*(?:$|[.,!]|in\b|there\b|over\b|up\b|down\b|"
                         r"myself\b)", after) and re.search(
                    r"\b(?:i'?ll|i will|i'?m gonna|i'?m going to|i can|i'?m)\s+(?:just\s+)?$",
                    sentence[: verb.start()])) or (re.match(r"\s+(?:her|him|them)\b", after) and re.search(
                    r"\b(?:i|we) (?:gotta|got to|have to|need to|hafta)\s+$", sentence[: verb.start()])):
                continue  # "Monday then, like eleven? I'll drive her.": the caller brings someone
            if (re.match(r"\s+(?:it|that one|this one|one|them|her|him|those|these|both)\b", after)
                    # "take that one out": the pronoun inside the verb with its particle
                    or re.search(r"\s(?:it|that one|this one|that)\s+\w+$", verb.group(0))) and (
                    frame.owner == "business"
                    or any(whose(sentence, o) for o in nouns.finditer(sentence, 0, verb.start()))
                    or any(whose(before, o) for o in nouns.finditer(before))):
                return True
            near = (o for o in nouns.finditer(sentence)  # after, before, or inside "take that F-150 out"
                    if (0 <= o.start() - verb.end() <= 40
                        and not NEW_CLAUSE.search(sentence, verb.end(), o.start()))
                    or 0 <= verb.start() - o.end() <= 60 or verb.start() <= o.start() < verb.end())
            if any(whose(sentence, o) for o in near):
                return True
    return False
