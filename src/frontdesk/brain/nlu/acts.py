"""The brain's act vocabulary as :func:`.combine.combine` weighs it: which acts only the classifier
knows, which the rules name exactly, which take a call elsewhere, and which questions a day or a
yes answers."""

from __future__ import annotations

ACT_INTENT = {"question": "faq", "thanks": "greeting"}
"""Classifier act → the brain's intent name, where they differ."""
BOOKING_ASKS = {"name", "date", "time", "confirm_booking", "pick_alternative", "service", "vehicle"}
"""Questions of a booking under way, where a day or hour said is the answer."""
BOOKING_UNDER_WAY = {"name", "date", "time", "service", "phone", "pick_alternative", "confirm_booking"}
"""What we ask only once a booking is under way: a wrong number is said then in so many words."""
NEW_ACTS = {"line_check", "identity", "how_got_number", "wrong_number", "bot_check", "repeat",
             "hold", "reschedule", "cancel", "lookup_appointment", "chitchat", "decline"}
"""Acts only the classifier knows (the rules have no patterns for them)."""
CONTACT_ASKS = {"name", "phone", "email"}
DERAILS = {"do_not_call", "escalation", "wrong_number", "objection_busy", "hold", "chitchat",
            "objection_not_interested"}
"""Readings that take the call elsewhere; an answer to a contact question outweighs them unless
the caller's words really ask for it (:data:`.combine_words.REALLY_DERAILS`)."""
YES_NO = {"confirm_booking", "confirm_change", "offer_appointment", "offer_callback", "permission",
           "pick_alternative"}
WEAK_OBJECTIONS = {"objection_have_agent", "objection_not_interested", "objection_price"}
RULES_FIRST = {"do_not_call", "escalation", "objection_busy", "objection_have_agent",
                "objection_price", "objection_not_interested", "goodbye"}
