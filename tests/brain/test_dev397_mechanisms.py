"""Round 51's mechanisms (sets 397–404), each on phrasings of its own."""

from __future__ import annotations

from datetime import datetime

from frontdesk.brain.memory import InMemoryCalendar
from tests.brain.calls import booked, call, heard, on_calendar


async def test_a_start_in_the_hours_that_would_run_past_closing_says_so(profiles) -> None:
    # 6:30 is inside the office's 9-to-7 hours: "outside our hours … we're open 9 AM to 7 PM"
    # contradicts itself; the 45-minute meeting is what does not fit
    _, replies = await call(profiles, "real_estate",
                            "hi, I'd like to sit down with an agent about buying, Tuesday at 6:30 pm")
    said = " ".join(replies)
    assert "run past closing" in said and "45 minutes" in said and "7 PM" in said, said
    assert "outside our hours" not in said


async def test_an_oil_change_at_a_quarter_to_six_is_too_late_for_the_bay(profiles) -> None:
    _, replies = await call(profiles, "dealership",
                            "can I bring my car in for an oil change tomorrow at 5:45 in the evening?")
    assert "run past closing" in replies[-1] and "6 PM" in replies[-1], replies


async def test_an_hour_before_opening_is_still_outside_the_hours(profiles) -> None:
    _, replies = await call(profiles, "real_estate",
                            "could I meet an agent Wednesday at 8 in the morning about buying a house?")
    assert "outside our hours" in replies[-1], replies


async def test_a_visit_on_file_moved_too_late_to_finish_says_so(profiles) -> None:
    calendar = await booked("dealership", "oil_change", datetime(2026, 11, 24, 10, 0))
    _, replies = await call(profiles, "dealership", "hi, I need to move my oil change on Tuesday",
                            "can we do 5:50 that day instead?", calendar=calendar)
    assert "run past closing" in replies[-1], replies
    assert on_calendar(calendar) == [("Tue 24 10:00", "scheduled")]  # still where it was


async def test_surnames_with_particles_are_kept_whole(profiles) -> None:
    # "De La Cruz", "van der Berg", "Del Rio": words inside a surname do not make it a fourth name
    for said, name in [("my name is Carlos De La Cruz", "Carlos De La Cruz"),
                       ("it's Maria van der Berg", "Maria Van Der Berg"),
                       ("Esperanza de los Santos", "Esperanza De Los Santos"),
                       ("yeah this is Pieter van den Bosch, I'm calling about my car",
                        "Pieter Van Den Bosch"),
                       ("im jose de la rosa and i need an oil change", "Jose De La Rosa")]:
        assert heard(profiles, "dealership", said, awaiting="name").name == name, said
    _, replies = await call(profiles, "dealership", "hi I need an oil change tomorrow at ten",
                            "sure, it's Luis del Rio")
    assert "Luis Del Rio" in replies[-1], replies


async def test_a_surname_put_right_in_its_spacing_keeps_the_first_name(profiles) -> None:
    for said, name in [
            ("Renee Dubois. oh, wait, it's actually two words. Du Bois. D-U, then B-O-I-S", "Renee Du Bois"),
            ("Marc Vanderberg. well actually it's three words, Van Der Berg", "Marc Van Der Berg"),
            ("Ana De La Cruz, one word actually, Delacruz", "Ana Delacruz"),
            ("it's Tom Mc Donald, sorry, no space, McDonald", "Tom Mcdonald")]:
        got = heard(profiles, "real_estate", said, awaiting="name").name or ""
        assert got.lower() == name.lower(), said
    # a word said again the same way is no respacing: the correction machinery reads it as before
    assert heard(profiles, "real_estate", "It's Jon Reyes. J-O-N. no wait, sorry, John, J-O-H-N.",
                 awaiting="name").name == "John Reyes"


async def test_a_surname_respaced_at_the_read_back_is_read_back_again(profiles) -> None:
    state, replies = await call(profiles, "real_estate",
                                "hi, I'd like to see a condo in Mueller on Friday at eleven",
                                "I'm pre-approved up to three hundred", "Renee Dubois",
                                "oh wait, the last name is actually two words, Du Bois")
    assert "for Renee Du Bois" in replies[-1], replies
    assert state.customer.name == "Renee Du Bois"


async def test_a_name_said_then_spelled_in_one_run_of_letters_is_two_words(profiles) -> None:
    # a phone line's transcript: the first name mangled, the surname near enough, and the letters
    # of both said without a pause between them
    for said, name in [("my name is shavon mcgrath thats s i o b h a n m c g r a t h", "Siobhan Mcgrath"),
                       ("its a qua mensa a k u a m e n s a h", "Akua Mensah"),
                       ("its lock she narayan l a k s h m i n a r a y a n", "Lakshmi Narayan"),
                       ("its kay tee oh brien k a t i e o b r i e n", "Katie Obrien"),
                       # the start of a first name, then the rest: the whole of it
                       ("name is obi uh oh bee nah okonkwo o k o n k w o first name o b i n n a",
                        "Obinna Okonkwo"),
                       # letters of the words as said stay one run; one spelled word stays whole
                       ("name is shiv on murphy shiv on is spelled s i o b h a n", "Siobhan Murphy")]:
        assert heard(profiles, "real_estate", said, awaiting="name").name == name, said


async def test_names_after_small_words_and_a_surname_that_is_an_interjection(profiles) -> None:
    for said, name in [("okay good. that's Deborah Ellison", "Deborah Ellison"),
                       ("perfect, it's Dana Lee", "Dana Lee"),
                       ("Christopher Dang", "Christopher Dang"),
                       ("it's Lan Dang", "Lan Dang")]:
        assert heard(profiles, "dealership", said, awaiting="name").name == name, said
    for said in ["great question", "oh dang, I forgot", "dang, that's late"]:
        assert heard(profiles, "dealership", said, awaiting="name").name is None, said


async def test_which_side_of_a_sale_when_one_is_put_before_the_other(profiles) -> None:
    for said, side in [
            ("we're actually thinking about selling, more than buying", "sell"),
            ("buying, way more than selling, honestly", "buy"),
            # a sale that must come first adds to the purchase; it does not replace it
            ("we're looking at buying in Round Rock, but — actually, I guess first we'd have to sell ours",
             "both"),
            # one of ours to look at the caller's home is a sale, whatever move it is for
            ("I need somebody to come look at our townhouse in South Austin, we're relocating for work",
             "sell"),
            ("we're relocating here from Denver and want to buy", "buy")]:
        assert heard(profiles, "real_estate", said).lead_intent == side, said


async def test_who_comes_to_see_it_says_whose_home_it_is(profiles) -> None:
    for said, kind in [
            ("I guess start with the condo? can somebody come see it, Friday at noon?",
             "listing_appointment"),
            ("theres a house off of mo pack and parmer lane i think yall have it listed can i go see it",
             "property_showing"),
            ("could somebody come see it with me on saturday", "property_showing"),
            ("we'd like to have it listed before school starts", "listing_appointment")]:
        assert heard(profiles, "real_estate", said).appointment_type == kind, said


async def test_letters_said_in_pairs_and_hyphens_said_as_words(profiles) -> None:
    for said, name in [
            # a pair of letters said again is a spelling, not a stumble ("a n a n y a")
            ("a nan ya krishnan its a n a n y a k r i s h n a n", "Ananya Krishnan"),
            ("fatima al sayed f a t i m a and al dash s a y e d", "Fatima Al-Sayed"),
            ("it's Grace Okonkwo hyphen Baptiste", "Grace Okonkwo-Baptiste"),
            ("my name is Jean-Luc Picard", "Jean-Luc Picard")]:
        assert heard(profiles, "real_estate", said, awaiting="name").name == name, said


async def test_two_figures_of_a_budget_range_said_with_and(profiles) -> None:
    for said, budget in [("somewhere between like three hundred and three fifty", (300000, 350000)),
                         ("our budget is between four hundred and four hundred and fifty thousand",
                          (400000, 450000)),
                         ("budget is uh to fifty to three hundred thousand", (250000, 300000)),
                         ("three hundred and five thousand tops", (None, 305000))]:
        assert heard(profiles, "real_estate", said, awaiting="budget").budget == budget, said


async def test_a_day_of_the_month_said_plainly(profiles) -> None:
    from datetime import date
    today = date(2028, 7, 10)  # a Monday
    for said, day in [("Date twenty-second, this month. Saturday. Twelve noon", date(2028, 7, 22)),
                      ("22nd of this month", date(2028, 7, 22)),
                      ("on 22nd, if you have it", date(2028, 7, 22)),
                      ("the 5th of next month at ten", date(2028, 8, 5))]:
        assert heard(profiles, "real_estate", said, awaiting="date", today=today).date == day, said
    assert heard(profiles, "real_estate", "I live on 22nd street", awaiting="date", today=today).date is None


async def test_no_more_than_a_figure_keeps_the_place(profiles) -> None:
    # round 50's "we're not looking in Austin anymore" read "no more" as a place left behind
    u = heard(profiles, "real_estate", "ok cool um were looking in round rock no more than three fifty")
    assert u.location == ("Round Rock", True) and u.budget == (None, 350000)


async def test_running_late_for_a_booking_keeps_it_and_answers(profiles) -> None:
    showing, oil = ("real_estate", "property_showing"), ("dealership", "oil_change")
    for (profile, kind), said in [
            (showing, "hi, we're running late for our showing"),
            (showing, "hi, so we're meeting your agent at ten at the house on Maple Run, and we are running "
                      "like fifteen minutes behind. will she wait for us?"),
            (oil, "hey I'm stuck in traffic, gonna be like 20 minutes late for my oil change")]:
        calendar = await booked(profile, kind, datetime(2026, 11, 23, 10, 0))
        state, replies = await call(profiles, profile, said, calendar=calendar)
        assert "stays on the books" in replies[-1] and "move it" not in replies[-1], replies
        assert on_calendar(calendar) == [("Mon 23 10:00", "scheduled")]
        assert state.booking_slots.preferred_date is None
    # late and a new time asked: a move
    calendar = await booked(*oil, datetime(2026, 11, 23, 10, 0))
    _, replies = await call(profiles, "dealership", "I'm running late, can we push it to eleven instead?",
                            "yes", calendar=calendar)
    assert on_calendar(calendar) == [("Mon 23 11:00", "scheduled")], replies


async def test_days_and_hours_set_aside_by_what_is_said_around_them(profiles) -> None:
    from datetime import date, time
    saturday = date(2028, 7, 15)
    for said, day, hour in [
            ("Yes, that's right. Thursday's cancelled and Saturday at eleven.", date(2028, 7, 22), time(11)),
            ("I'd like to meet with someone, but I'm traveling till Thursday night. Friday at ten a.m.?",
             date(2028, 7, 21), time(10)),
            ("budget around 6 hundred thousand, could we meet Monday at two", date(2028, 7, 17), time(14))]:
        u = heard(profiles, "real_estate", said, today=saturday)
        assert (u.date, u.time) == (day, hour), said
    u = heard(profiles, "real_estate", "actually no make that 11 11 a.m. i got a a doctor thing at 10",
              awaiting="name", today=saturday)
    assert u.time == time(11)
    assert heard(profiles, "real_estate", "budget around 6 hundred thousand").budget[1] == 600000


async def test_a_whole_name_spelled_at_the_read_back_stays_as_it_is(profiles) -> None:
    state, replies = await call(profiles, "real_estate", "hi, could we meet with an agent monday at 11 a.m. "
                                "about buying in Georgetown", "Wei Zhang", "its wei zhang w e i z h a n g")
    assert state.customer.name == "Wei Zhang", replies


async def test_a_move_told_from_the_booking_and_a_call_asked_about_it(profiles) -> None:
    calendar = await booked("dealership", "battery_replacement", datetime(2026, 11, 24, 14, 0))
    _, replies = await call(profiles, "dealership", "hi, I got a battery appointment tomorrow, two o'clock? "
                            "something came up at work", "could we do the same time, but the day after?",
                            "yes", calendar=calendar)
    assert on_calendar(calendar) == [("Wed 25 14:00", "scheduled")], replies
    # a call asked about the visit told: when to call is the call's time, the visit stays
    calendar = await booked("dealership", "diagnostic", datetime(2026, 11, 27, 9, 30))
    _, replies = await call(
        profiles, "dealership", "hi there, I've got my car coming in Friday morning for the diagnosis",
        "I'm not sure if they'll need it overnight, and I need to figure out a ride. could somebody from the "
        "shop call me back about that?",
        "this afternoon is best. it's Ingrid Halvorsen, and this number's fine", calendar=calendar)
    assert "What can I do for you" not in replies[1], replies
    assert "call you back today in the afternoon" in replies[-1], replies
    assert on_calendar(calendar) == [("Fri 27 09:30", "scheduled")]


async def test_our_call_asked_which_website_says_where_we_got_them(profiles) -> None:
    state, replies = await call(profiles, "real_estate", "what is this about? what website?",
                                "ah, okay. that was probably my brother-in-law, he put my number. "
                                "I'm not buying anything, sorry", direction="outbound")
    assert "form on our website" in replies[0] and "call you back" not in replies[0], replies
    assert not [t for t in state.pending_tasks if t.task_type == "callback"], replies


async def test_okay_then_not_buying_is_a_no_to_a_call_back(profiles) -> None:
    u = heard(profiles, "real_estate", "ah, okay. that was probably my brother-in-law, he put my number. "
              "I'm not buying anything, sorry", awaiting="offer_callback")
    assert u.deny and not u.affirm
    assert heard(profiles, "real_estate", "okay sure, that works", awaiting="offer_callback").affirm


async def test_a_service_and_a_test_drive_in_one_message_keep_their_own_hours(profiles) -> None:
    calendar = InMemoryCalendar()
    _, replies = await call(profiles, "dealership",
                            "two things actually. my wife's car needs its state inspection, and I also wanna "
                            "come look at that Camry you have, test drive it. can I do both Tuesday? the "
                            "inspection at like eight, and then drive the Camry after, around nine thirty?",
                            "name is Rajesh Iyer", "yes", "yes", calendar=calendar)
    # the inspection is the service bay's (open at 7:30), not the sales floor's (open at 9)
    assert on_calendar(calendar) == [("Tue 24 08:00", "scheduled"), ("Tue 24 09:30", "scheduled")], replies
    assert [a.request.service_type or a.request.appointment_type for a in calendar.appointments] == [
        "state_inspection", "test_drive"]
    assert "Camry" not in (calendar.appointments[0].request.vehicle or "")  # the wife's car, not the lot's


async def test_two_given_names_and_two_surnames_and_loans_not_started(profiles) -> None:
    for said, name in [("Jose Luis Hernandez Soto", "Jose Luis Hernandez Soto"),
                       ("my name is Maria Jose Garcia Lopez", "Maria Jose Garcia Lopez"),
                       ("my name is Tom Lee and I need an oil change", "Tom Lee")]:
        assert heard(profiles, "real_estate", said, awaiting="name").name == name, said
    for said, financing in [
            ("Yeah, I'm a first-time buyer — I'm working on my pre-approval right now.", "in_progress"),
            ("For the loan, we did not start yet, nothing, we don't know how it work", "not_started")]:
        assert heard(profiles, "real_estate", said, awaiting="name").financing == financing, said


async def test_the_place_wanted_when_others_are_said_beside_it(profiles) -> None:
    for said, place in [
            # where the caller commutes to is not where they look
            ("my husband's getting stationed at Fort Cavazos, but I'll be commuting into Austin for work, so "
             "we're looking somewhere in between. Probably Georgetown.", "Georgetown")]:
        u = heard(profiles, "real_estate", said)
        assert u.location == (place, True) and u.lead_intent == "buy", said
    assert heard(profiles, "real_estate", "not Austin, Round Rock").location == ("Round Rock", True)


async def test_the_hours_asked_and_answered_then_a_day_turned_to(profiles) -> None:
    state, replies = await call(profiles, "dealership", "hi, my battery's been dying, I needed a jump twice",
                                "can you guys replace it tomorrow? oh wait, you're not open Sundays, are "
                                "you. Monday then, like eleven?")
    assert (state.booking_slots.preferred_date, state.booking_slots.preferred_time) == ("2026-11-30", "11:00")
    assert "open Monday to Friday" not in replies[-1], replies
    # the hours asked alone are answered
    _, replies = await call(profiles, "dealership", "hi, my battery's been dying", "are you open sundays?")
    assert "closed Sunday" in replies[-1], replies


async def test_asked_whether_someone_may_come_along(profiles) -> None:
    for said in ["Oh, and is it okay if I bring my mom along?", "would it be alright to bring my sister?"]:
        _, replies = await call(profiles, "real_estate",
                                "I'd love to see the house on Maple Ridge Saturday at one",
                                "I'm Tomas Herrera.", said)
        assert "Bring anyone" in replies[-1] and "call you back" not in replies[-1], (said, replies)


async def test_a_showing_asked_after_the_consultation_just_booked_is_a_second_visit(profiles) -> None:
    calendar = InMemoryCalendar()
    _, replies = await call(
        profiles, "real_estate",
        "Hi, I'd like to set up a buyer consultation, looking in Austin, around six hundred thousand, and "
        "we're pre-approved.", "Tuesday at three, if you have it.", "Elena Marchetti.",
        "Yes, that's right. Oh — and one more thing, there's a house in Zilker we saw online. Could we see "
        "it after the consultation, like Tuesday at four thirty?", "yes", calendar=calendar)
    assert on_calendar(calendar) == [("Tue 24 15:00", "scheduled"), ("Tue 24 16:30", "scheduled")], replies
    kinds = [a.request.appointment_type for a in calendar.appointments]
    assert kinds == ["buyer_consultation", "property_showing"]


async def test_the_lead_was_someone_else_who_will_call_us_herself(profiles) -> None:
    state, replies = await call(
        profiles, "real_estate", "a form? I didn't fill out any form. who is this?",
        "ohh. that must've been my daughter, she was on my phone last week. she's the one looking to move",
        "no, don't call back, I'll just tell her to call you if she wants. thanks", direction="outbound")
    assert "she can call us back" in replies[-1], replies
    assert not state.pending_tasks


async def test_a_street_named_for_a_town_is_no_place_asked_for(profiles) -> None:
    u = heard(profiles, "real_estate", "i saw the listing on burnet road the 3 bedroom one can i see it")
    assert u.location is None and u.appointment_type == "property_showing"
    u = heard(profiles, "real_estate", "the house on Georgetown Street in Austin")
    assert u.location == ("Austin", True)
    u = heard(profiles, "real_estate", "the one listed on teravista parkway, the four bedroom")
    assert u.location == ("Round Rock", True)  # a neighbourhood's own street is in it


async def test_a_place_asked_about_beside_the_home_to_sell_is_not_the_leads(profiles) -> None:
    state, replies = await call(
        profiles, "real_estate", "we need to sell my dad's condo in Round Rock, and do you guys also cover "
        "Hutto? because he's moving in with us out there. can somebody come price the condo Friday at "
        "eleven?",
        "Lakshmi Venkatesan", "yes")
    assert "Hutto is outside" in replies[0], replies
    assert state.lead.location == "Round Rock" and state.appointment is not None, replies
