"""What an inbound text message asks of the business: the carrier keywords.

Carriers and Twilio treat a handful of words, sent as the whole message, as an opt-out
(STOP …), an opt-in (START …) or a request for help; a business that texts must honour them.
Matching is on the whole message, trimmed and case-insensitive, as Twilio does: "stop" opts
out, "please stop texting" is an ordinary message.
"""

from __future__ import annotations

from enum import StrEnum

from frontdesk.followup.appointments import display_phone


class Keyword(StrEnum):
    OPT_OUT = "opt_out"
    OPT_IN = "opt_in"
    HELP = "help"


OPT_OUT_WORDS = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"})
OPT_IN_WORDS = frozenset({"START", "UNSTOP", "YES"})
HELP_WORDS = frozenset({"HELP", "INFO"})

HELP_TEMPLATE = "{name}: for help, call us at {phone}. Reply STOP to stop texts."
HELP_TEMPLATE_NO_PHONE = "{name}: reply STOP to stop texts, START to receive them again."
HELP_REPLY_KEY = "sms_help"
"""A profile's ``replies`` entry that overrides the help text (``{name}``, ``{phone}``)."""


def keyword(body: str | None) -> Keyword | None:
    """The keyword the message is, or None for any other text."""
    word = (body or "").strip().upper()
    if word in OPT_OUT_WORDS:
        return Keyword.OPT_OUT
    if word in OPT_IN_WORDS:
        return Keyword.OPT_IN
    if word in HELP_WORDS:
        return Keyword.HELP
    return None


def help_reply(business_name: str, phone: str = "", template: str | None = None) -> str:
    """The answer to HELP: who is texting and how to reach them.

    Args:
        business_name: the business's name.
        phone: its number, E.164 (shown in national format).
        template: an override with ``{name}`` and ``{phone}`` placeholders.

    Raises:
        ValueError: the template names another placeholder or is malformed.
    """
    chosen = template or (HELP_TEMPLATE if phone else HELP_TEMPLATE_NO_PHONE)
    try:
        return chosen.format(name=business_name, phone=display_phone(phone) if phone else "")
    except (KeyError, IndexError, ValueError) as exc:
        raise ValueError(f"the SMS help template {chosen!r} may use only {{name}} and {{phone}}: "
                         f"{exc!r}") from exc
