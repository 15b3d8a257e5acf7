"""The carrier keywords of inbound text messages, and the answer to HELP."""

from __future__ import annotations

import pytest

from frontdesk.followup.inbound import Keyword, help_reply, keyword

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(("body", "expected"), [
    ("STOP", Keyword.OPT_OUT), (" stop\n", Keyword.OPT_OUT), ("StopAll", Keyword.OPT_OUT),
    ("UNSUBSCRIBE", Keyword.OPT_OUT), ("cancel", Keyword.OPT_OUT), ("END", Keyword.OPT_OUT),
    ("quit", Keyword.OPT_OUT), ("START", Keyword.OPT_IN), ("Unstop", Keyword.OPT_IN),
    ("yes", Keyword.OPT_IN), ("HELP", Keyword.HELP), ("info", Keyword.HELP),
    ("stop it", None), ("STOP.", None), ("", None), (None, None), ("helpful", None),
])
def test_only_the_whole_message_is_a_keyword(body, expected) -> None:
    assert keyword(body) is expected


def test_help_names_the_business_and_its_number() -> None:
    assert help_reply("Riverside Motors", "+15125550100") == (
        "Riverside Motors: for help, call us at (512) 555-0100. Reply STOP to stop texts.")
    assert help_reply("Riverside Motors") == (
        "Riverside Motors: reply STOP to stop texts, START to receive them again.")
    assert help_reply("Autohaus", "+493012345678").endswith("+49 30 12345678. Reply STOP to stop texts.")
    assert help_reply("R", "+15125550100", "{name} at {phone}") == "R at (512) 555-0100"


@pytest.mark.parametrize("template", ["{owner}", "{0}", "{name"])
def test_a_template_with_other_placeholders_is_a_clear_error(template) -> None:
    with pytest.raises(ValueError, match=r"only \{name\} and \{phone\}"):
        help_reply("R", "+15125550100", template)
