"""Spoken text: what a caller hears from a reply, whichever layer wrote it."""

from __future__ import annotations

import pytest

from frontdesk.spoken import (
    SentenceChunker,
    cap_words,
    sentences,
    speakable,
    strip_markdown,
    tts_pieces,
)


def test_prices_times_and_phone_numbers_are_said_in_words() -> None:
    assert speakable("A used Camry is $24,500.") == (
        "A used Camry is twenty-four thousand five hundred dollars.")
    assert speakable("That's $1,299.99 with tax.") == (
        "That's one thousand two hundred and ninety-nine dollars and ninety-nine cents with tax.")
    assert speakable("An oil change costs $49 to $89.") == (
        "An oil change costs forty-nine to eighty-nine dollars.")
    assert speakable("Come at 9:05 AM or 2 PM.") == "Come at nine oh five A M or two P M."
    assert speakable("Text 512-555-0199 & we'll call.") == (
        "Text 5 1 2, 5 5 5, 0 1 9 9  and  we'll call.")


def test_markdown_is_not_read_out() -> None:
    assert strip_markdown("See you **Tuesday**.") == "See you Tuesday."
    assert strip_markdown("## Hours\n- **Mon**: 7 AM\n- [see site](http://x)\n1. _Sat_: closed") == (
        "Hours Mon: 7 AM see site Sat: closed")
    assert strip_markdown("> `Oil change`\n• Brakes") == "Oil change Brakes"


@pytest.mark.parametrize(("text", "expected"), [
    ("Dr. Smith will see you at 9:30 a.m. Bring your keys.",
     ["Dr. Smith will see you at 9:30 a.m.", "Bring your keys."]),
    ("We're at 12 St. Louis Ave. in town. Parking is free!",
     ["We're at 12 St. Louis Ave. in town.", "Parking is free!"]),
    ("It's $1,299.99. Want it?", ["It's $1,299.99.", "Want it?"]),
    ("See you at 9 a.m. tomorrow. Thanks.", ["See you at 9 a.m. tomorrow.", "Thanks."]),
    ("You're booked at nine thirty A M. See you then!",
     ["You're booked at nine thirty A M.", "See you then!"]),
    ('He said "yes." Then he left.', ['He said "yes."', "Then he left."]),
    ("No. I meant Tuesday.", ["No.", "I meant Tuesday."]),
])
def test_sentences_end_where_a_listener_hears_them_end(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_a_long_first_sentence_gives_up_its_first_clause_but_never_splits_a_number() -> None:
    assert tts_pieces("Let me confirm: an oil change on Tuesday at nine A M. Is that right?") == [
        "Let me confirm:", "an oil change on Tuesday at nine A M.", "Is that right?"]
    price = speakable("A used Camry is about $24,500 with low miles and a clean history.")
    assert tts_pieces(price) == [price]
    phone = speakable("You can reach the service desk at 512-555-0199 any time this week.")
    assert tts_pieces(phone) == [phone]
    assert tts_pieces("Short one. Another.") == ["Short one.", "Another."]


def test_a_reply_over_the_word_cap_is_cut_at_a_sentence_end() -> None:
    reply = "Dr. Smith is in on Monday. " + "We also have openings on Tuesday afternoon. " * 3
    assert cap_words(reply, 15) == "Dr. Smith is in on Monday. We also have openings on Tuesday afternoon."
    assert cap_words("one two three, four five six", 4) == "one two three, four."
    assert cap_words("  Short   reply. ", 10) == "Short reply."


def test_a_streamed_answer_is_released_sentence_by_sentence() -> None:
    chunker = SentenceChunker()
    released = []
    stream = "Dr. Smith is in at 9 a.m. tomorrow. **Bring** your keys. Thanks"
    for token in stream.split(" "):
        released.append(chunker.feed(token + " "))
    assert [r for r in released if r] == [["Dr. Smith is in at 9 a.m. tomorrow."],
                                          ["Bring your keys."]]
    assert released[6] == []  # after "a.m." the next word decides whether the sentence ended
    assert released[7] == ["Dr. Smith is in at 9 a.m. tomorrow."]
    assert chunker.flush() == ["Thanks"]


def test_chunker_releases_sentences_as_they_complete() -> None:
    chunker = SentenceChunker()
    out = []
    stream = "Sure! **Our** service hours are 7 AM to 6 PM. We're closed Sunday. Bye"
    for token in stream.split(" "):
        out += chunker.feed(token + " ")
    assert out == ["Sure! Our service hours are 7 AM to 6 PM.", "We're closed Sunday."]
    assert chunker.flush() == ["Bye"]
    long = SentenceChunker(max_chars=60)
    pieces = long.feed("This is a long sentence without an end, it keeps going and going, "
                       "with clauses and more clauses ") + long.flush()
    assert all(10 <= len(p) <= 60 for p in pieces) and pieces[0].endswith(",")
    capped = SentenceChunker(max_words=5)
    assert capped.feed("one two three. four five six seven. ") == ["one two three.", "four five."]
    assert capped.exhausted


def test_markdown_and_word_cap() -> None:
    assert strip_markdown("## Hours\n- **Mon**: 7 AM\n- [see site](http://x)") == (
        "Hours Mon: 7 AM see site")
    assert len(cap_words("word " * 200, 150).split()) == 150


def test_speakable_reads_prices_times_and_phone_numbers() -> None:
    assert speakable("An oil change costs $49 to $89.") == (
        "An oil change costs forty-nine to eighty-nine dollars.")
    assert speakable("It's at 9:30 AM or 2 PM.") == "It's at nine thirty A M or two P M."
    assert speakable("We'll text 512-555-0199.") == "We'll text 5 1 2, 5 5 5, 0 1 9 9."
    assert speakable("$28,900") == "twenty-eight thousand nine hundred dollars"
