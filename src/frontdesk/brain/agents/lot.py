"""Answers about the cars on the lot, for the FAQ agent: one car asked about ("is the red RAV4
still there?"), two compared ("which one's cheaper?"), the cheapest; each from the profile's
inventory, with a test drive offered when something matches. Split from :mod:`.faq` along the
design: the lot apart from the business's other facts."""

from __future__ import annotations

import re

from frontdesk.brain.context import TurnContext
from frontdesk.brain.format import say_list, say_money
from frontdesk.brain.nlu import entities as ex
from frontdesk.brain.nlu.refer import OWN_CAR
from frontdesk.brain.nlu.text import normalise
from frontdesk.brain.state import ConversationState

POINTS_BACK = re.compile(r"\b(?:it|that|this|those|them|one|both)\b|^\W*(?:\w+\W+){0,3}"
                          r"(?:how much|how long)\W*$")
"""A price or time question about what was just said ("how much is it?", "how long?")."""

_CHEAPER = re.compile(r"\b(?:cheaper|cheapest|less expensive|more affordable|costs? less|pricier|"
                      r"more expensive|better (?:deal|price))\b")


def compare_answer(s: ConversationState, ctx: TurnContext) -> bool:
    """"I'm torn between the RAV4 and the CR-V. Which one's cheaper?": both prices, from the lot."""
    if not _CHEAPER.search(ctx.u.text.lower()):
        return False
    said = normalise(s.messages[-1].content if s.messages and s.messages[-1].role == "user"
                     else ctx.u.text).lower
    cars = sorted((c for c in ctx.profile.inventory if c.is_available and re.search(
        r"\b" + re.escape(c.model.lower()).replace(r"\-", "[- ]?").replace(r"\ ", "[- ]?") + r"\b", said)),
        key=lambda c: c.price)
    if len(cars) < 2:
        return _cheapest_answer(s, ctx)
    cheaper, dearer = cars[0], cars[-1]
    ctx.say("inventory_compare", cheaper=cheaper.label, cheaper_price=say_money(cheaper.price),
            dearer=dearer.label, dearer_price=say_money(dearer.price), model=cheaper.model)
    return True


_CHEAPEST = re.compile(r"\b(?:cheapest|least expensive|lowest[- ]priced?|most affordable)\b")
_ON_THE_LOT = re.compile(r"\b(?:car|cars|truck|trucks|suv|suvs|vehicle|vehicles|ride|on the lot|"
                         r"y'?all (?:got|have))\b")


def _cheapest_answer(s: ConversationState, ctx: TurnContext) -> bool:
    """"What's the cheapest car y'all got on the lot?": the lowest-priced one that fits, from
    the lot, with a test drive offered."""
    said = ctx.u.text.lower()
    if not (_CHEAPEST.search(said) and _ON_THE_LOT.search(said)):
        return False
    query = ex.extract_vehicle_query(normalise(ctx.u.text), ctx.profile)
    cars = ex.on_the_lot(query, ctx.profile) if not query.empty else [
        c for c in ctx.profile.inventory if c.is_available]
    if not cars:
        return False
    car = min(cars, key=lambda c: c.price)
    _hold(s, car)
    said_car = dict(vehicle=f"{'' if car.is_new else 'used '}{car.label}", color=car.color,
                    price=say_money(car.price))
    if ctx.more_acts:
        ctx.say("inventory_cheapest", **said_car)
    else:
        ctx.ask(s, "offer_appointment", "scheduling", "inventory_cheapest_offer", **said_car)
    return True


def _hold(s: ConversationState, car) -> None:
    """The car the caller is now talking about: the one a test drive would be in."""
    s.booking_slots.appointment_type = "test_drive"
    s.booking_slots.vehicle.year, s.booking_slots.vehicle.make = car.year, car.make
    s.booking_slots.vehicle.model = car.model
    s.booking_slots.vehicle.stock_number = car.stock_number


_THEIRS_TOO = re.compile(r"\b(?:is|'s|are) (?:way |long |really |about |almost |past )?(?:over ?due|due)\b|"
                        r"\b(?:his|her|their|my|our) \w+ (?:truck|car|suv|van)\b")
"""A car of the caller's said otherwise: "that Silverado is way overdue", "my old truck"."""


def inventory_answer(s: ConversationState, ctx: TurnContext) -> bool:
    """"Any used Toyotas under thirty?", "is the red RAV4 still there?": answered from the lot,
    with a test drive offered when something matches."""
    u = ctx.u
    if not ctx.profile.inventory:
        return False
    # "is it still there?" points back at the car named before it
    query = ex.extract_vehicle_query(normalise(f"{u.text} {u.about}" if u.about else u.text),
                                     ctx.profile)
    if query.empty and u.vehicle is not None and u.vehicle.model and POINTS_BACK.search(u.text.lower()):
        # "the black F-150 on your lot, what's the sticker on that?": the car named before the question
        query = ex.extract_vehicle_query(normalise(f"{u.vehicle.make or ''} {u.vehicle.model}"), ctx.profile)
    seen = s.booking_slots.vehicle
    if query.empty and seen.model and s.booking_slots.appointment_type != "service" and (
            "price_question" in u.flags and POINTS_BACK.search(u.text.lower())):
        # "I'm interested in the silver Camry …" … "and the price on that one?": the car named
        query = ex.extract_vehicle_query(normalise(f"{seen.make or ''} {seen.model}"), ctx.profile)
    if query.empty or not ("inventory_question" in u.flags or u.is_question
                           or "price_question" in u.flags):
        return False
    lower = u.text.lower()
    if "inventory_question" not in u.flags and (
            "own_vehicle" in u.flags or OWN_CAR.search(lower) or _THEIRS_TOO.search(lower)):
        # "my husband's truck?", "that Silverado is way overdue", "an airbag recall on my 2018
        # Camry": theirs, not the lot's
        return False
    if not (query.make or query.model or query.body or "inventory_question" in u.flags):
        return False  # "a used one under thirty" alone is not about the lot
    if not (query.make or query.model or "inventory_question" in u.flags) and (
            s.booking_slots.services or (s.appointment and s.appointment.appointment_type == "service")):
        return False  # "how long am I gonna be without the truck?" while the service visit is set up
    if u.services and not (query.make or query.model or "inventory_question" in u.flags):
        return False  # "what do you charge to detail an SUV?": the caller's car, our service
    if u.services and "price_question" in u.flags and "inventory_question" not in u.flags:
        return False  # "what's an oil change run on a Tahoe?", "how much for a battery in a ranger"
    matches = ex.on_the_lot(query, ctx.profile)
    if matches:
        car = matches[0]
        if any(say_money(car.price) in part for part in ctx.reply_parts):
            return True  # asked twice in one breath ("still have it? what are you asking?")
        _hold(s, car)
        condition = "" if car.is_new else "used "
        said = dict(vehicle=f"{condition}{car.label}", color=car.color, price=say_money(car.price))
        booked = s.appointment is not None and s.appointment.vehicle and car.model in s.appointment.vehicle
        if ctx.more_acts or booked:
            # "…what have you got? could I drive it thursday?": the booking goes on; the car
            # already booked for a drive is not offered again
            ctx.say("inventory_have", **said)
        else:
            ctx.ask(s, "offer_appointment", "scheduling", "inventory_yes", **said)
    else:
        label = " ".join(p for p in (query.color, "used" if query.used else None, query.make,
                                     query.model or query.body) if p) or "car like that"
        if any(label in part for part in ctx.reply_parts):
            return True
        ctx.say("inventory_no", vehicle=label,
                vehicles=say_list([c.label for c in ctx.profile.inventory if c.is_available]))
    return True
