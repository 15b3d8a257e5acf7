"""Round 52's mechanisms (sets 413–428), each on phrasings of its own."""

from __future__ import annotations

from frontdesk.brain.nlu.spelling import notes_out
from frontdesk.spoken import said_once
from tests.brain.calls import call, heard


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
