"""Which car a booking is for: the one on the lot a test drive is of, named now or earlier in
the call, or the caller's own."""

from __future__ import annotations

from frontdesk.brain.context import TurnContext
from frontdesk.brain.nlu import entities as ex
from frontdesk.brain.nlu.text import normalise
from frontdesk.brain.state import ConversationState, VehicleInfo


def vehicle_for(appt: str | None, mention, ctx: TurnContext, current: VehicleInfo) -> VehicleInfo:
    """The car a booking is for: for a test drive, the one on the lot the caller named or
    described ("that green Subaru, the wagon"); otherwise the caller's own, as said."""
    if appt == "test_drive" or (appt is None and ctx.u.appointment_type == "test_drive"):
        for car in ctx.profile.inventory:
            if car.is_available and mention.model and car.model == mention.model:
                return VehicleInfo(year=car.year, make=car.make, model=car.model,
                                   stock_number=car.stock_number)
        # "that green Subaru, the wagon": a description only one car on the lot fits
        text = f"{ctx.u.text} {ctx.u.about}" if ctx.u.about else ctx.u.text
        fits = ex.on_the_lot(ex.extract_vehicle_query(normalise(text), ctx.profile), ctx.profile)
        if len(fits) == 1 and not (mention.model and fits[0].model != mention.model):
            car = fits[0]
            return VehicleInfo(year=car.year, make=car.make, model=car.model,
                               stock_number=car.stock_number)
    return VehicleInfo(year=mention.year or current.year, make=mention.make or current.make,
                       model=mention.model or current.model)


def named_before(s: ConversationState, ctx: TurnContext) -> VehicleInfo | None:
    """The one car on the lot the caller named in an earlier message of this call, the latest
    first (a turn that went to a person or a question kept no booking slots)."""
    said = [m.content for m in s.messages if m.role == "user"][:-1]
    for text in reversed(said):
        fits = ex.on_the_lot(ex.extract_vehicle_query(normalise(text), ctx.profile), ctx.profile)
        if len(fits) == 1:
            car = fits[0]
            return VehicleInfo(year=car.year, make=car.make, model=car.model, stock_number=car.stock_number)
    return None
