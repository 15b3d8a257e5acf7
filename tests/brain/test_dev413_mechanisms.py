"""Round 52's mechanisms (sets 413–428), each on phrasings of its own."""

from __future__ import annotations

from datetime import datetime

from frontdesk.brain.nlu.spelling import notes_out
from frontdesk.spoken import said_once
from tests.brain.calls import booked, call, heard, on_calendar


async def test_the_areas_are_read_out_once_when_an_aside_and_the_answer_both_tell_them(profiles) -> None:
    # the coverage question answered as an aside and again by the qualification answer read the
    # five towns out twice in one reply
    for said in ("hi, we're looking to buy a house, do you guys cover Hutto?",
                 "do you all work out in Manor? we wanna buy out there, like 350"):
        _, replies = await call(profiles, "real_estate", said)
        assert replies[-1].count("Pflugerville") == 1, replies


def test_a_statement_said_in_full_elsewhere_in_the_reply_is_left_out() -> None:
    assert said_once("We serve Austin, Round Rock and Cedar Park. Manor is outside our area; we cover "
                     "Austin, Round Rock, and Cedar Park.") == (
        "Manor is outside our area; we cover Austin, Round Rock, and Cedar Park.")


def test_sentences_that_differ_by_a_figure_or_are_questions_both_stay() -> None:
    two_times = ("Your oil change is Tuesday, July 18 at 10 AM. "
                 "Your tire rotation is Tuesday, July 18 at 11 AM.")
    assert said_once(two_times) == two_times
    asked = ("Does Tuesday at 10 AM work for the oil change? "
             "We have Tuesday at 10 AM open for the oil change today.")
    assert said_once(asked) == asked


# -- a whole name the line mangled, then spelled in one run -----------------------------------------------


def test_a_first_and_last_name_heard_wrong_then_spelled_in_one_run_is_two_words(profiles) -> None:
    # the letters were read as one word ("Marisacho"), or lost their first letter to "no"
    # ("no m" taken for "Jon, no H"), or kept the words the line made of the name
    for said, name in (("its marco pollo no m a r k o p o l o", "Marko Polo"),
                       ("its sure ya nair thats s u r i y a n a i r", "Suriya Nair"),
                       ("my names tina joe no t i n a j o", "Tina Jo"),
                       ("its keisha okay k no k e i s h a o k e k e", "Keisha Okeke"),
                       ("its duh shawn williams no d e s h a w n", "Deshawn Williams")):
        assert heard(profiles, "real_estate", said, awaiting="name").name == name, said


def test_a_letter_after_no_is_a_note_only_where_the_letters_after_it_are_the_word_said() -> None:
    assert notes_out("jon no h j o n pryor") == "jon   j o n pryor"
    assert notes_out("its marissa joe no m a r i s a") == "its marissa joe no m a r i s a"


# -- days, hours and the visit asked about ----------------------------------------------------------------


def test_an_ordinal_with_its_hour_is_a_day_of_the_month(profiles) -> None:
    # "the third, at ten" read as the third choice and today at ten ("that time has already passed")
    for said in ("not this thursday, the next one, the third, at ten", "how about the fourth at 2?"):
        u = heard(profiles, "real_estate", said, awaiting="date")
        assert u.date is not None and u.date.day in {3, 4} and u.date.month == 12, (said, u.date)
    assert heard(profiles, "real_estate", "the second one at ten", awaiting="pick_alternative").date is None


def test_make_it_an_hour_then_why_is_the_hour_asked(profiles) -> None:
    # "… make it noon, I've got a meeting that morning" kept the hour it put right
    for said, hour in (("oil change Thursday at nine? no wait, make it one, I have a call in the morning",
                        13),
                       ("Wednesday at 8, actually make it 11, I've got a dentist thing early", 11)):
        assert heard(profiles, "dealership", said).time.hour == hour, said


async def test_whether_the_agent_comes_to_the_house_is_what_the_visit_is(profiles) -> None:
    _, replies = await call(profiles, "real_estate", "we're thinking about selling our place in Round Rock",
                            "so would your agent come out to our house for that?")
    assert "comes out to the home" in replies[-1], replies
    _, replies = await call(profiles, "real_estate",
                            "will somebody come out to the house tomorrow at ten? we're selling in Austin")
    assert "comes out to the home" not in replies[-1], replies


async def test_the_visit_asked_about_is_the_one_booked_when_a_day_comes_later(profiles) -> None:
    # a question about showings, then the house and a day: it booked a buyer consultation
    s, _ = await call(profiles, "real_estate",
                      "say I wanted a showing, how long are those usually?",
                      "it's the brick one on Maple Street in Cedar Park. we're buying, pre-approved",
                      "Wednesday at two works", "about 380", "Dana Whitfield", "yes")
    assert s.appointment is not None and s.appointment.appointment_type == "property_showing", s.appointment


async def test_whether_a_price_includes_putting_the_part_in_is_answered(profiles) -> None:
    _, replies = await call(profiles, "dealership", "what do y'all get for brake pads?",
                            "and is the labor extra or is that included?")
    assert "include the parts and the labor" in replies[-1], replies


# -- bookings on file -------------------------------------------------------------------------------------


async def test_a_booking_someone_else_set_up_is_looked_up_under_their_number(profiles) -> None:
    _, replies = await call(profiles, "real_estate",
                            "hi, my husband set something up with one of your agents for us, about buying. "
                            "he's traveling. can you see it?")
    assert "another number" in replies[-1], replies


async def test_told_of_the_booking_a_name_and_a_car_are_noted_not_a_new_booking(profiles) -> None:
    calendar = await booked("dealership", "tire_rotation", datetime(2026, 11, 25, 14, 0))
    s, replies = await call(profiles, "dealership",
                            "my daughter booked my car in, I forget when, can you check?",
                            "I'm Rosa Delgado, it's the gray Camry", calendar=calendar)
    assert "stays on Wednesday" in replies[-1] and "service appointment or a test drive" not in replies[-1]
    assert s.appointment is None and on_calendar(calendar) == [("Wed 25 14:00", "scheduled")]


async def test_a_booking_this_week_looked_up_is_not_moved_to_tomorrow(profiles) -> None:
    calendar = await booked("real_estate", "buyer_consultation", datetime(2026, 11, 27, 15, 0))
    _, replies = await call(profiles, "real_estate",
                            "I think we have a consultation with you guys this week, which day was it?",
                            calendar=calendar)
    assert "Friday, November 27 at 3 PM" in replies[-1] and "move" not in replies[-1], replies


async def test_stuck_behind_a_wreck_is_running_late_and_word_passed_is_no_person(profiles) -> None:
    calendar = await booked("dealership", "oil_change", datetime(2026, 11, 23, 10, 0))
    _, replies = await call(profiles, "dealership",
                            "hey it's about my ten o'clock oil change, I'm stuck on mopac behind an accident",
                            calendar=calendar)
    assert "come on in when you can" in replies[-1], replies
    calendar = await booked("real_estate", "property_showing", datetime(2026, 11, 23, 16, 0))
    _, replies = await call(profiles, "real_estate", "we have the four o'clock showing today",
                            "traffic's backed up, we'll be ten minutes late, could you tell her?",
                            calendar=calendar)
    assert "the agent waits for you" in replies[-1] and "One moment" not in replies[-1], replies


def test_where_the_business_is_is_not_where_the_caller_looks(profiles) -> None:
    u = heard(profiles, "real_estate", "oh wait, do you cover Killeen? I just saw y'all are based in Austin")
    assert u.location is None or u.location[0] != "Austin", u.location


# -- sides, consent and where the money stands ------------------------------------------------------------


def test_a_house_to_sell_or_to_get_listed_is_a_sellers(profiles) -> None:
    for said, side in (
            ("we've got a townhouse in Round Rock to sell and we want to buy out in Leander", "both"),
            ("my job's moving us to Denver so we have to get our place in Cedar Park listed", "sell"),
            ("we want to buy, no sorry, sell. we're moving in with my mom after", "sell"),
            ("selling, no, wait, buying, we rent right now so there's nothing to sell", "buy")):
        assert heard(profiles, "real_estate", said).lead_intent == side, said


async def test_an_okay_then_words_that_agree_to_nothing_sets_up_no_call(profiles) -> None:
    for answer in ("okay. well, the car's only got like three thousand miles on it",
                   "alright, then just leave it the way it is, thanks"):
        _, replies = await call(profiles, "dealership",
                                "do y'all sell the little air fresheners shaped like trees?", answer)
        assert "call you back at" not in replies[-1], (answer, replies)


async def test_where_the_money_stands_at_the_read_back_is_noted_and_asked_again(profiles) -> None:
    s, replies = await call(profiles, "real_estate",
                            "we'd like to sit down with an agent about buying in Austin, under four hundred, "
                            "Tuesday at ten", "Priya Raman",
                            "not yet, we're getting pre-approved through our credit union")
    assert "Shall I book it?" in replies[-1] and "What would you like to change" not in replies[-1], replies
    assert s.lead.financing == "in_progress"


async def test_who_says_the_car_is_due_is_how_we_know_of_them(profiles) -> None:
    _, replies = await call(profiles, "dealership", "who says it's due? I had it serviced in the spring",
                            direction="outbound")
    assert "service records" in replies[-1], replies


# -- English as a second language -------------------------------------------------------------------------


def test_trouble_told_in_other_words_is_the_diagnostic_check(profiles) -> None:
    for said in ("the lamp for the motor is blinking since this morning, please somebody look",
                 "air conditioner in truck blowing only warm air, very bad",
                 "my van makes a weird sound when I turn left"):
        assert heard(profiles, "dealership", said).services == ["diagnostic"], said


def test_prepone_moves_a_booking_earlier(profiles) -> None:
    u = heard(profiles, "dealership",
              "I have oil change on Friday ten o'clock, I want to prepone it to Thursday")
    assert u.intent == "reschedule", u.intent


def test_the_day_said_before_its_month_is_a_date(profiles) -> None:
    u = heard(profiles, "real_estate", "we can come on 2 December, two o'clock afternoon", awaiting="date")
    assert (u.date.month, u.date.day, u.time.hour) == (12, 2, 14), (u.date, u.time)
    assert heard(profiles, "real_estate", "ten may be better for us", awaiting="time").date is None


def test_a_surname_then_the_whole_name_is_the_whole_name(profiles) -> None:
    assert heard(profiles, "real_estate", "my name is Okonkwo, Chidi Okonkwo. we want to buy").name == (
        "Chidi Okonkwo")
    assert heard(profiles, "real_estate", "we have pre-approve from the bank already",
                 awaiting="financing").financing == "pre_approved"


# -- transcripts ------------------------------------------------------------------------------------------


def test_a_span_with_the_first_figure_whole_is_read_once(profiles) -> None:
    # "3 hundred thousand to 3 50" read 350,000 to 300,000,000
    for said in ("budget 300,000 to 350", "between two hundred fifty thousand and three hundred",
                 "somewhere 400 thousand to 450"):
        low, high = heard(profiles, "real_estate", said, awaiting="budget").budget
        assert high < 1_000_000 and low is not None and low < high, (said, low, high)


async def test_calling_to_ask_how_something_works_is_answered(profiles) -> None:
    _, replies = await call(profiles, "real_estate",
                            "hey I'm calling to find out how your fees work if we list with y'all")
    assert "negotiable" in replies[-1], replies


def test_a_town_heard_in_pieces_and_one_we_do_not_cover_are_places(profiles) -> None:
    assert heard(profiles, "real_estate", "we wanna buy in new brawn fells by the river").location == (
        "New Braunfels", False)
    said = "oh, y'all don't do Bastrop? okay"
    assert heard(profiles, "real_estate", said, awaiting="location").location == ("Bastrop", False)


def test_figures_heard_by_their_sound_are_read_where_a_price_is_said(profiles) -> None:
    # "like for fifty for hundred fifty thousand" read 5,450,000; "max is to seventy five" nothing
    for said, top in (("budget is like for twenty for hundred twenty thousand tops", 420_000),
                      ("our max is to ninety to ninety", 290_000)):
        assert heard(profiles, "real_estate", said, awaiting="budget").budget[1] == top, said
    assert heard(profiles, "real_estate", "we have to move in like to months").timeline[0] == 2.0


def test_a_surname_heard_in_pieces_then_spelled_stays_one_word(profiles) -> None:
    for said, name in (("its marcus bella cruz spelled b e l a c r u z", "Marcus Belacruz"),
                       ("its ray boo dro its spelled b o u d r e a u x", "Ray Boudreaux"),
                       ("its vinny gwen n g u y e n first name is vinh v i n h", "Vinh Nguyen")):
        assert heard(profiles, "dealership", said, awaiting="name").name == name, said


# -- two things, changes at the read back, frustrated callers ---------------------------------------------


async def test_a_cancel_read_back_answered_with_a_cancel_asked_last_is_cancelled(profiles) -> None:
    calendar = await booked("dealership", "oil_change", datetime(2026, 11, 25, 9, 0))
    _, replies = await call(profiles, "dealership", "I gotta cancel my oil change Wednesday",
                            "hmm, is there a fee for that? ah, whatever, no. just cancel it",
                            calendar=calendar)
    assert "cancelled" in replies[-1] and on_calendar(calendar) == [("Wed 25 09:00", "cancelled")], replies


async def test_a_second_visit_after_the_one_just_booked_is_that_day(profiles) -> None:
    _, replies = await call(profiles, "dealership", "oil change Saturday at eight please", "Dana Ruiz", "yes",
                            "oh and could I test drive the blue CR-V after? say ten")
    assert "Saturday, November 28 at 10 AM" in replies[-1], replies


async def test_a_name_put_right_at_the_read_back_is_the_booking_name(profiles) -> None:
    _, replies = await call(profiles, "dealership", "tire rotation Friday at two", "Mike Brennan",
                            "oh wait, could you put it under Michael? Michael Brennan, that's on my account")
    assert "for Michael Brennan. Shall I book it?" in replies[-1], replies


async def test_a_buyer_who_books_a_visit_to_price_their_own_home_is_both(profiles) -> None:
    s, _ = await call(profiles, "real_estate",
                      "we'd like to see the house on Oak Lane in Round Rock Friday at ten",
                      "oh and we'll need to sell our place in Cedar Park first, can someone come price it "
                      "Monday at two?", "Lena Ortiz", "yes", "yes")
    assert s.lead.intent == "both", s.lead.intent


def test_a_call_promised_before_is_not_one_asked_now(profiles) -> None:
    u = heard(profiles, "dealership",
              "last week the service guy told me someone would call me back about my brakes and nobody did")
    assert u.intent != "objection_busy", u.intent


def test_arriving_on_one_day_and_asking_for_another_is_the_other(profiles) -> None:
    u = heard(profiles, "real_estate",
              "we fly in Thursday. could an agent meet us at the house Friday at ten?")
    assert u.date is not None and u.date.weekday() == 4, u.date
