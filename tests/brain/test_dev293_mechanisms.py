"""Mechanisms built in round 40 (sets 293 to 296), each checked here on fresh phrasings, not the
sets' own words. The clock is Monday 23 November 2026, nine in the morning."""

from __future__ import annotations

from datetime import UTC, datetime, time

from frontdesk.brain import Brain
from frontdesk.brain.memory import InMemoryCalendar, InMemoryCustomers
from frontdesk.brain.nlu.call_aside import split
from tests.brain.calls import booked, call, on_calendar
from tests.brain.calls import heard as _u
from tests.conftest import fixed_clock

FRIDAY_NOV_27_10 = datetime(2026, 11, 27, 10, 0)


def _calls(state) -> list[str]:
    return [t.reason or "" for t in state.pending_tasks if t.task_type == "callback"]


async def test_a_call_asked_while_booking_waits_for_the_booking(profiles) -> None:
    # the call asked after the time was taken: the visit is still booked, and the call set after it
    calendar = InMemoryCalendar()
    state, replies = await call(
        profiles, "dealership",
        "my check engine light came on, can I bring it in Wednesday morning, say nine?",
        "nine works. oh, and while I have you, could the finance guy give me a call about my loan payoff?",
        "Dana Whitfield",
        "yes, that's right",
        "tomorrow morning is fine",
        calendar=calendar)
    assert on_calendar(calendar) == [("Wed 25 09:00", "scheduled")], replies
    assert "when" in replies[3].lower(), replies  # then when to call is asked
    assert _calls(state) and "morning" in _calls(state)[0], replies


async def test_only_the_call_said_mid_booking_is_promised_and_the_question_asked_again(profiles) -> None:
    calendar = InMemoryCalendar()
    state, replies = await call(
        profiles, "real_estate",
        "we want to sit down with an agent about buying in Cedar Park, Tuesday at two",
        "and I'd love it if Jordan could call me about the school districts. Evenings are easier.",
        calendar=calendar)
    assert "call" in replies[1].lower() and "?" in replies[1], replies  # promised, and asked on
    assert not _calls(state) and not state.ended  # set up once the booking is made, not yet
    assert state.booking_slots.call_after and "school" in state.booking_slots.call_after


async def test_a_call_asked_beside_a_move_comes_after_the_move(profiles) -> None:
    calendar = await booked("dealership", "tire_rotation", FRIDAY_NOV_27_10)
    state, replies = await call(
        profiles, "dealership",
        "I need to move my tire rotation on Friday to Saturday, ten o'clock",
        "and can you have someone in parts ring me? they were ordering a mirror for me",
        "yes",
        "after lunch today",
        calendar=calendar)
    assert on_calendar(calendar) == [("Sat 28 10:00", "scheduled")], replies
    assert _calls(state), replies


async def test_a_call_asked_with_a_booking_kept_is_set_too(profiles) -> None:
    calendar = await booked("dealership", "oil_change", FRIDAY_NOV_27_10)
    state, replies = await call(
        profiles, "dealership",
        "when is my oil change again?",
        "perfect, keep it. Also can somebody from service call me this afternoon about a recall letter?",
        calendar=calendar)
    assert on_calendar(calendar) == [("Fri 27 10:00", "scheduled")], replies
    assert _calls(state) and "afternoon" in _calls(state)[0], replies


async def test_a_call_in_place_of_the_booking_is_not_an_aside(profiles) -> None:
    # "just have someone call me to set it up": the caller puts the booking off; nothing waits
    for said in ("could someone just call me back to set a time up?",
                 "I don't need to bring it in, can somebody call me tomorrow about the quote?",
                 "you can call me Ray", "please don't call me, just text"):
        assert split(said) is None, said
    assert split("Tuesday at 8 works. And could you get Marcus to call me about trading in my Civic?") == (
        "Tuesday at 8 works.", "And could you get Marcus to call me about trading in my Civic?")


async def test_a_hang_up_leaves_the_call_asked_with_the_team(profiles) -> None:
    brain = Brain(profiles, InMemoryCalendar(), InMemoryCustomers(), clock=fixed_clock)
    state = (await brain.start(await brain.new_state("m", "dealership", caller_phone="+15125550123"))).state
    for line in ("I need new brakes put on, maybe Thursday",
                 "oh and could someone call me about whether my extended warranty covers it?"):
        state = (await brain.respond(state, line)).state
    ended = await brain.finish(state)
    assert any("warranty" in r for r in _calls(ended))


def test_someone_to_talk_to_with_a_day_and_an_hour_is_a_meeting(profiles) -> None:
    for said in ("eh, why not, I could talk to somebody. maybe Tuesday the 24th, at eleven?",
                 "we'd rather talk to someone in person than on the phone. Friday at two?"):
        assert _u(profiles, "real_estate", said, "budget").intent == "book", said
    # a person now, or a call, stays what it is
    assert _u(profiles, "real_estate", "can I talk to someone now about my showing tomorrow at ten?",
              None).intent == "escalation"


def test_an_offer_let_go_politely_is_no_yes(profiles) -> None:
    u = _u(profiles, "real_estate", "oh okay, no worries. thank you", "offer_callback")
    assert not u.affirm
    assert _u(profiles, "real_estate", "yes please, no worries about the wait", "offer_callback").affirm


def test_one_hour_put_in_place_of_another(profiles) -> None:
    u = _u(profiles, "dealership", "same day is fine, but could it be four instead of eleven?", "name")
    assert u.time == time(16, 0)


async def test_just_the_one_service_after_two_drops_the_other(profiles) -> None:
    calendar = InMemoryCalendar()
    _, replies = await call(
        profiles, "dealership",
        "I need the brakes checked and the car detailed, Wednesday at ten",
        "hmm, wait, my son is detailing it for me this weekend, so only the brake check",
        "Ana Ruiz", "yes", calendar=calendar)
    assert "detail" not in replies[2].lower() and "brake" in replies[2].lower(), replies


def test_a_call_asked_to_set_the_visit_up_is_the_call(profiles) -> None:
    u = _u(profiles, "dealership", "my Jeep is leaking something green and my week is crazy. could somebody "
           "call me to set up a time?", None)
    assert u.intent == "objection_busy" and "call_asked" in u.flags


def test_short_words_with_the_car_and_the_hour(profiles) -> None:
    assert _u(profiles, "dealership", "mm-hm. ten's fine", "pick_alternative").time == time(10, 0)
    car = _u(profiles, "dealership", "the white Outback. still available?", None)
    assert "inventory_question" in car.flags
    assert _u(profiles, "dealership", "could we test drive it", None).intent == "book"
    assert _u(profiles, "dealership", "can we drive it", None).intent == "book"


def test_renting_said_alone_and_a_booking_only_thought_of(profiles) -> None:
    assert _u(profiles, "real_estate", "renting.", None).lead_intent == "rent"
    u = _u(profiles, "dealership", "say I booked a rotation for five on Tuesday, would I be out by six?",
           None)
    assert u.intent != "lookup_appointment"


def test_a_year_said_of_a_date_and_a_sale_that_pays_for_the_buy(profiles) -> None:
    u = _u(profiles, "real_estate", "could we meet on the 30th? that's a Monday this year, right?",
           "financing")
    assert u.timeline is None
    u = _u(profiles, "real_estate", "scratch the loan. I'm selling my dad's condo, so I'll be paying cash",
           "financing")
    assert (u.lead_intent, u.financing) == ("buy", "cash")


def test_a_pre_approval_taken_back_or_a_loan_under_way(profiles) -> None:
    for said in ("we're pre-approved, well, not officially. the bank has our paperwork",
                 "I spoke with a lender last week but I'm not approved yet",
                 "is a pre-approval needed to tour? we applied with our bank on Friday"):
        assert _u(profiles, "real_estate", said, "financing").financing == "in_progress", said


async def test_a_seller_asking_someone_to_walk_through_their_home_gets_a_listing_visit(profiles) -> None:
    _, replies = await call(
        profiles, "real_estate",
        "we're listing ours in the spring, it's in Cedar Park. could an agent come walk through it "
        "Tuesday at one?",
        "Mo Haddad", "yes")
    assert any("listing appointment" in r for r in replies), replies


async def test_texts_not_calls_said_while_booking(profiles) -> None:
    state, replies = await call(
        profiles, "dealership",
        "I need a tire rotation Tuesday at eight",
        "Lena Park. and please don't ring me for reminders, I'm in class all day, just text me",
        "yes")
    assert not state.ended or state.appointment is not None, replies
    assert state.lead.do_not_call and "confirm" in replies[1].lower(), replies


def test_someone_to_look_at_it(profiles) -> None:
    u = _u(profiles, "dealership", "ok cool. could someone look at it thursday morning?", "anything_else")
    assert u.appointment_type == "service"


async def test_a_morning_gone_by_is_no_time_for_the_call_and_its_taker_is_asked_for(profiles) -> None:
    brain = Brain(profiles, InMemoryCalendar(), InMemoryCustomers(),
                  clock=lambda: datetime(2026, 11, 23, 20, 0, tzinfo=UTC))  # 2 PM in Texas
    state = (await brain.start(await brain.new_state("m", "dealership", caller_phone=None))).state
    replies = []
    for line in ("my wife left the car with y'all this morning. can somebody call me when it's ready?",
                 "my cell is 512 555 0144", "Rosa Diaz"):
        outcome = await brain.respond(state, line)
        state, _ = outcome.state, replies.append(outcome.reply)
    assert "morning" not in replies[0] and "who should we ask for" in replies[1].lower(), replies
    assert _calls(state) and state.ended, replies


async def test_a_call_owed_outlives_a_booking_let_go_but_not_the_list(profiles) -> None:
    said = ("I'd like my oil changed Wednesday at nine",
            "and could somebody from sales give me a call about trading in my Civic?")
    state, replies = await call(profiles, "dealership", *said,
                                "actually forget the oil change, I don't want to book anything",
                                "no, that's all")
    assert state.ended and _calls(state), replies  # the call was promised: the team has it
    state, replies = await call(profiles, "dealership", *said, "you know what, take me off your list")
    assert state.ended and state.lead.do_not_call and not _calls(state), replies
