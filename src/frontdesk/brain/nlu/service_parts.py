"""Services named by the part they work on ("the oil and the tires done", "the sticker's due"),
and the reminder sticker that names the regular service: the parts, the stickers, and what a part
said of something else (a shop, a smell, a part that needs nothing) is not."""

from __future__ import annotations

import re
from collections.abc import Callable

from frontdesk.brain.nlu.lexicon import lexicon
from frontdesk.brain.nlu.text import Utterance, word_pattern
from frontdesk.knowledge.profile import BusinessProfile


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


_NO_NEED = re.compile(r"\b(?:no|not|never|without|fine|good|ok|okay|just (?:got|had|did|put))\b|n't"
                      # "the tires are new", but not "get my new sticker"
                      r"|(?<!\bget )(?<!\bneed )(?<!\bwant )(?<!\ba )(?<!\bmy )\bnew\b")
"""A part said of what needs no work ("I don't need the tires", "the tires are fine")."""


def _clause_of(text: str, match: re.Match[str]) -> str:
    start = max(text.rfind(sep, 0, match.start()) for sep in (".", ",", ";", " but ", " and "))
    ends = [i for i in (text.find(sep, match.end()) for sep in (".", ",", ";", " but ", " and "))
            if i >= 0]
    return text[start + 1: min(ends, default=len(text))]


_REMINDER_STICKER = re.compile(r"^(?!.*\b(?:inspect\w*|state|registration|expir\w*|tags?|emissions?|"
                               r"runs? out|running out|ran out|"
                               r"(?:get|renew|need) (?:my |a |the |new |our )?(?:\w+ )?sticker)\b)"
                               r".*\b(?:says|said|reminder|due|overdue|miles|mileage|yell\w*|nag\w*|bugging|"
                               r"telling|remind\w*|windshield|little)\b")
"""The service reminder sticker on the windshield, not the inspection sticker."""


_PRICE_STICKER = re.compile(r"\s+(?:price\b|(?:on|of|for) (?:that|the|this|a|an|those|these|it|them|her)\b)")
"""The window sticker of a car for sale, its price ("the sticker on that Camry")."""
_A_SHOP = re.compile(r"\s+(?:place|shop|store|center|centre|guy|guys|chain|company|outlet|warehouse)\b")
"""A part that names a kind of shop ("the tire place", "a brake shop"), not the work."""


_A_LIGHT = re.compile(r"s?\s+(?:pressure\s+)?(?:light|warning|sensor|monitor|gauge)\b")
"""A part that names a warning on the dash ("the low tire light"), not the work."""
HANDLED = re.compile(r"s?\s+(?:i|we|my \w+|he|she)\s+(?:can|could|will|'ll)\s+(?:handle|deal with|do|"
                      r"take care of|sort)\b|s?\s+(?:i|we)(?:'ve| have)?\s+(?:already\s+)?(?:handled|"
                      r"taken care of|sorted|fixed|done)\b")
"""A part the caller sees to themselves ("the tire I can handle, I already put air in it")."""
_GOOD_TILL = re.compile(r"\bgood (?:till|until|through|for another)\b")
"""What a sticker says is not due yet ("the oil's good till July")."""
_LIKE_IT = re.compile(r"(?:\b(?<!would )(?<!'d )(?<!\bi )(?<!\bwe )(?<!\byou )(?<!\bthey )(?<!\bto )"
                      r"(?<!also )(?<!really )(?<!\bdo )like|\bsmells? of|\bsmelling of)\s+"
                      r"(?:(?:some|something|hot|burning|burnt|old|a|the)\s+)*$")
"""What a smell or a sound is like ("a smell like hot oil", "like something burning, like hot oil"):
a comparison, not work one would like ("I'd like the tires done", "we'd also like the brakes")."""
_FRESH = re.compile(r"'?s?\s+(?:is\s+)?(?:fresh|new|reset|updated|current|up to date)\b")


def by_part(u: Utterance, profile: BusinessProfile, known: set[str],
            wanted: Callable[[str, re.Match[str]], bool]) -> list[tuple[int, int, str]]:
    """Services named by the part they work on ("the oil and the tires done", "the tires, to
    rotate them"): a part only one service of the business mentions is that service."""
    found: list[tuple[int, int, str]] = []
    for part in lexicon().service_objects:
        for match in word_pattern(part).finditer(u.lower):
            if part == "sticker" and (_REMINDER_STICKER.search(_clause_of(u.lower, match)) or (
                    re.search(r"\boil\b", u.lower) and _REMINDER_STICKER.search(u.lower)) or re.search(
                    r"\boil(?: change)?\s+$", u.lower[max(0, match.start() - 12): match.start()]) or (
                    # "my husband swears the oil's fine but I checked the sticker and it is not fine"
                    re.search(r"\boil\b[^.?!]{0,60}$", u.lower[:match.start()])
                    and not re.search(r"\b(?:inspect\w*|state|registration|expir\w*|tags?|emissions?|"
                                      r"runs? out|running out|ran out)\b", _clause_of(u.lower, match)))):
                continue  # "the sticker on the windshield says I'm overdue", "the oil sticker": a reminder
            if part == "sticker" and _PRICE_STICKER.match(u.lower, match.end()):
                continue  # "what's the sticker on that silver Camry?": its price
            owners = [sv.key for sv in profile.services if any(
                _singular(part) in {_singular(w) for w in re.findall(r"[a-z/]+", phrase.lower())}
                for phrase in (sv.name, *sv.synonyms))]
            if _A_SHOP.match(u.lower, match.end()):
                continue  # "he works at the tire place on 35": a shop, not work on the tires
            if _A_LIGHT.match(u.lower, match.end()) or HANDLED.match(u.lower, match.end()):
                # "the low tire light came on", "the tire I can handle": a warning, or what the
                # caller sees to themselves, not work on the part
                continue
            if _LIKE_IT.search(u.lower, max(0, match.start() - 30), match.start()) or (
                    part == "sticker" and re.search(r"\boil\b", u.lower)
                    and _FRESH.match(u.lower, match.end())):
                continue  # "a smell like hot oil": what it is like; "an oil change so the sticker's fresh"
            if len(owners) == 1 and owners[0] not in known and wanted(u.lower, match) and (
                    not _NO_NEED.search(_clause_of(u.lower, match))):
                found.append((-len(part), match.start(), owners[0]))
                known.add(owners[0])
    return found


def due_by_sticker(u: Utterance, profile: BusinessProfile, found: set[str]) -> tuple[int, int, str] | None:
    """"It's due, that little reminder sticker on the windshield says we're past it": the regular
    service the reminder is for (the profile's ``due_service``), as a found service; not when the
    sticker's own service is named ("I'm due for the sticker, the state inspection") or the
    sticker says it is good till later."""
    stickered = {sv.key for sv in profile.services if any("sticker" in p for p in sv.synonyms)}
    if not profile.due_service or found & {profile.due_service, *stickered} or _GOOD_TILL.search(u.lower):
        return None
    if not found and (whatever := _WHATEVER_DUE.search(u.lower)) is not None:
        return -7, whatever.start(), profile.due_service  # "just put me down for whatever it's due for"
    sticker = re.search(r"\bsticker\b", u.lower)
    if sticker is None or not (_REMINDER_STICKER.search(u.lower) and _REMINDER_STICKER.search(
            _clause_of(u.lower, sticker)) and re.search(r"\b(?:due|overdue|past|over)\b", u.lower)):
        return None
    return -7, sticker.start(), profile.due_service


_WHATEVER_DUE = re.compile(r"\bwhatever(?:'s| is)? (?:(?:it|she|he|the \w+)(?:'s| is)? )?(?:due|needs?)\b|"
                           r"\b(?:the )?usual (?:service|maintenance)\b")
"""The regular service left to us ("put me down for whatever it's due for", "the usual service"):
the one our reminder is about."""
