"""Cars in what callers say: the one they name ("my 2016 Ford F-150", "the tesla model 3"), the one
on our lot a description fits ("the red SUV, the used one"), and what they are looking for ("any used
Toyotas under twenty grand?")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from frontdesk.brain.nlu.car_names import model_misheard, squash
from frontdesk.brain.nlu.lexicon import lexicon
from frontdesk.brain.nlu.spelling import SPELLED_OUT
from frontdesk.brain.nlu.text import Utterance, correction_tails, phrase_in, word_pattern
from frontdesk.knowledge.profile import BusinessProfile


@dataclass(slots=True)
class VehicleMention:
    year: int | None
    make: str | None
    model: str | None


@cache
def _model_said(name: str) -> re.Pattern[str]:
    """A model's name as a whole word however it is spaced or hyphenated ("cr-v", "cr v",
    "crv", "f 150", "4 runner"), plural too; never inside another word ("conversation")."""
    return re.compile(r"\b" + r"[\s.-]*".join(re.escape(c) for c in squash(name)) + r"s?\b")


_TOWN_NAMED = re.compile(r"\b(?:from|to|near|visiting|out of|outside of|in|down in|up in|out in|over in) "
                         r"(?:tucson|santa fe|tacoma|tahoe|sedona|durango|malibu|yukon|dakota|aspen|cheyenne|"
                         r"denali|santa cruz|sonoma|el paso|sierra)\b")
"""A place that shares a model's name ("flying in from Tucson on Friday"): no car."""


@cache
def _longest_first(names: tuple[str, ...]) -> tuple[str, ...]:
    """Model names of three letters or more, longest first ("model 3" before "model")."""
    return tuple(name for name in sorted(names, key=len, reverse=True) if len(squash(name)) >= 3)


def extract_vehicle(u: Utterance, profile: BusinessProfile) -> VehicleMention | None:
    """Year, make and model ("2016 Ford F-150", "my camry", "the tesla model 3"), or the one car
    on the lot a description fits ("the red SUV, the used one")."""
    return _named_vehicle(u, profile) or _the_one_on_the_lot(u, profile)


def _named_vehicle(u: Utterance, profile: BusinessProfile) -> VehicleMention | None:
    lex = lexicon()
    text = _TOWN_NAMED.sub(" ", re.sub(r"\b(19|20) (\d{2})\b", r"\1\2", u.numeric))
    # a name spelled out is no car ("F-E-N-S-T-E-R-M-A-C-H-E-R" holds "mach-e"), nor is the word it
    # spells ("Camryn, C-A-M-R-Y-N" is a letter off the Camry)
    for spelled in {re.sub(r"[- ]", "", m[0]) for m in SPELLED_OUT.finditer(text)}:
        if len(spelled) >= 4:
            text = re.sub(rf"\b{spelled}\b|" + r"[- ]".join(spelled), " ", text)
    # "about 2000 miles past due": a distance, not the car's year
    years = list(re.finditer(
        r"\b(19[89]\d|20[0-3]\d)\b(?!,?\s*(?:miles|mi\b|dollars|bucks|square|sq|feet|ft))", text))
    year = int(years[0].group(1)) if years else None
    if len(years) > 1:
        # "a 2017, sorry, 2019 Camry": the year said after the correction is the car's
        for tail in correction_tails(text):
            fixed = re.match(r"\W*(?:(?:it'?s|a|an|the|uh|um|like)\W+)*(19[89]\d|20[0-3]\d)\b", tail)
            if fixed:
                year = int(fixed.group(1))
                break
    make = next((m for alias, m in lex.makes.items() if phrase_in(alias, text)), None)
    models = dict(lex.models)
    models.update({v.model: v.make for v in profile.inventory})
    if make is not None or years:  # "a Ford Focus", "my 2015 journey": never "focus" alone
        models.update({m: mk for m, mk in lex.models_with_make.items() if make in (None, mk)})
    model = next((name for name in _longest_first(tuple(models)) if _model_said(name).search(text)),
                 None) or model_misheard(text, models)
    if model and make and models.get(model) not in (None, make) and (same := next(
            (n for n in _longest_first(tuple(models)) if models[n] == make and _model_said(n).search(text)),
            None)):
        model = same  # "that green Subaru, the Outback … the Corolla's not gonna cut it": the Subaru's
    if model and (lot := _lot_model(text, models, model)) is not None:
        model, make, year = lot, models[lot], None
    elif model and re.search(r"\bor\b", text) and model not in (
            stock := {v.model for v in profile.inventory}) and (
            either := next((n for n in stock if n != model and _model_said(n).search(text)), None)):
        model, make = either, models[either]  # "like an F-150 or a Silverado, whatever": the one we have
    if model and not make:
        make = models[model]
    if not (make or model):
        return None
    return VehicleMention(year=year, make=make, model=model)


def _lot_model(text: str, models: dict[str, str], found: str) -> str | None:
    """Of two cars named, the one on our lot the caller asks about ("my Corolla has two hundred
    thousand miles … I was looking at the silver Camry you've got listed, … test drive it"):
    the one not said as the caller's own, when the message is about a car of ours."""
    said = {name: m for name in _longest_first(tuple(models)) if (m := _model_said(name).search(text))}
    if len({models[n] + n for n in said}) < 2 or not _LOT_CUE.search(text):
        return None
    theirs = [n for n, m in said.items() if not re.search(r"\b(?:my|our|mine|i have an?|i drive an?|"
                                                          r"we have an?|i'?ve got an?)\s+(?:[\w-]+\s+){0,2}$",
                                                          text[max(0, m.start() - 30): m.start()])]
    return theirs[0] if len(theirs) == 1 and theirs[0] != found else None


_LOT_CUE = re.compile(r"\b(?:your|you guys|y'all|you got|you have|for sale|on the lot|in stock|listed|saw|"
                      r"seen|website|online|interested in|test ?drive|drive it|take it out|spin|out front|"
                      r"looking at|take it for a|come drive|"
                      r"lot|still (?:there|available|around|for sale|in stock)|sold|the (?:used|new) one)\b")


_OWN_CAR = re.compile(r"\b(?:my|our)\b(?:\s+[\w-]+){0,2}?\s+(?:car|truck|pickup|suv|van|vehicle|sedan|"
                      r"wagon|hatchback|ride|one)\b|\b(?:mine|i drive|i have a|i've got a|we have a)\b")
"""The caller's own car ("my old truck", "I drive a wagon"); "my husband saw a pickup" is not."""


def _the_one_on_the_lot(u: Utterance, profile: BusinessProfile) -> VehicleMention | None:
    """"you guys got a pickup for sale?", "the red SUV, the used one": a car described, not
    named, is the lot's car when exactly one fits the description."""
    if not profile.inventory or not _LOT_CUE.search(u.lower):
        return None  # "bring the truck in for an oil change" is the caller's own truck
    query = extract_vehicle_query(u, profile)
    if not (query.body or query.color or query.electric):
        return None
    fits = on_the_lot(query, profile)
    if len(fits) != 1 or _OWN_CAR.search(u.lower):
        return None  # several fit, or it is the caller's own ("my truck needs an oil change")
    return VehicleMention(year=fits[0].year, make=fits[0].make, model=fits[0].model)


@dataclass(slots=True)
class VehicleQuery:
    """What a caller asks the lot for: "a used Toyota SUV under thirty", "the red RAV4"."""

    make: str | None = None
    model: str | None = None
    color: str | None = None
    body: str | None = None
    used: bool | None = None
    max_price: int | None = None
    electric: bool = False

    @property
    def empty(self) -> bool:
        return not (self.make or self.model or self.color or self.body or self.used is not None
                    or self.max_price or self.electric)


_BODIES = {"suv": "suv", "suvs": "suv", "crossover": "suv", "truck": "truck", "trucks": "truck",
           "pickup": "truck", "pick-up": "truck", "pickups": "truck", "sedan": "sedan",
           "sedans": "sedan", "wagon": "wagon", "wagons": "wagon", "hatchback": "wagon"}
_COLORS = ("black", "white", "silver", "gray", "grey", "red", "blue", "green", "brown", "beige",
           "gold", "yellow", "orange")


def extract_vehicle_query(u: Utterance, profile: BusinessProfile) -> VehicleQuery:
    """The attributes of a car the caller is looking for, in any combination."""
    mention = _named_vehicle(u, profile)
    query = VehicleQuery(make=mention.make if mention else None,
                         model=mention.model if mention else None)
    if query.make is None:  # plural makes: "any used Toyotas?"
        query.make = next((m for alias, m in lexicon().makes.items()
                           if word_pattern(alias, r"s\b").search(u.lower)), None)
    query.color = next((c for c in _COLORS if word_pattern(c).search(u.lower)), None)
    query.body = next((b for word, b in _BODIES.items() if word_pattern(word).search(u.lower)),
                      None)
    query.electric = re.search(r"\b(?:electric|an ev|the ev|evs|battery[- ]powered)\b", u.lower) is not None
    if re.search(r"\b(?:new or (?:a )?used|used or (?:a )?new|new or pre-?owned)\b", u.lower):
        query.used = None  # "is the outback new or used?": asked, not a wish
    elif re.search(r"\b(?:used|pre-?owned|second-?hand|certified)\b", u.lower):
        query.used = True
    elif re.search(r"\bbrand[- ]new\b|\bnew (?:one|car|truck|suv)\b", u.lower):
        query.used = False
    cap = re.search(r"\b(?:under|below|less than|no more than|max(?:imum)?|tops|up to|stay under|"
                    r"(?:go|going|spend|spending) (?:over|above|more than))"
                    r"\s+\$?(\d[\d,]*(?:\.\d+)?)\s*(k|thousand|grand)?", u.numeric)
    if cap:
        value = float(cap.group(1).replace(",", ""))
        query.max_price = int(value * 1000 if cap.group(2) or value < 1000 else value)
    return query


def on_the_lot(query: VehicleQuery, profile: BusinessProfile) -> list:
    """The cars for sale that fit a description ("the green Subaru, the wagon")."""
    return [c for c in profile.inventory if c.is_available
            and (query.model is None or c.model == query.model)
            and (query.make is None or c.make == query.make)
            and (query.body is None or c.body == query.body)
            and (query.color is None or c.color.startswith(query.color[:4]))
            and (query.used is None or c.is_new != query.used)
            and (query.max_price is None or c.price <= query.max_price)
            and (not query.electric or c.make in _ELECTRIC_MAKES or c.model in _ELECTRIC_MODELS)]


_ELECTRIC_MAKES = {"Tesla", "Rivian", "Lucid", "Polestar"}
_ELECTRIC_MODELS = {"Leaf", "Bolt", "Bolt EV", "Ioniq 5", "Ioniq 6", "Mustang Mach-E", "F-150 Lightning",
                    "EV6", "EV9", "ID.4", "bZ4X", "Solterra", "Prologue", "Equinox EV", "Niro EV"}
"""Cars that are electric, for "the electric one" (the inventory lists no fuel)."""


CAR_GONE = re.compile(r"\b(?:sold|got rid of|traded(?: it)? in|totaled|junked|scrapped|gave(?: away)?) "
                      r"(?:that|the|my|this|our) (?:car|truck|vehicle|suv|van|one|\w+ (?:car|truck))\b|"
                      r"\b(?:sold|got rid of|traded in|totaled|junked|scrapped|gave away) it\b|"
                      # "we traded it in Tuesday", "a car I don't own anymore"
                      r"\btraded (?:it|her|him|that one) in\b|\b(?:i|we) (?:don'?t|do not|no longer) "
                      r"(?:own (?:it|that (?:car|truck|one)|the \w+)|"
                      r"have (?:it|that (?:car|truck|one)|the \w+) (?:anymore|any more))\b(?!\?)|"
                      r"\bcar (?:i|we) (?:don'?t|do not|no longer) (?:own|have)\b|"
                      r"\b(?:i|we) (?:don'?t|do not|can'?t|no longer) drive (?:anymore|any more|"
                      r"these days)\b")
"""The caller's car is gone ("I sold that car", "we traded it in", "I don't drive anymore"); not "I
don't have a car with you", which a new owner of the number says."""
