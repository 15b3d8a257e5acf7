"""Router: picks the agent for a caller message from its intent and what the agent awaits.

Priority: do-not-call and "a person please" always win; an answer to the question just asked
goes to the agent that asked it; otherwise the intent decides. A refusal of an offer ("no
thanks" to "anything else?") is a "no", not an objection.
"""

from __future__ import annotations

import re
from datetime import date, time

from frontdesk.brain.agents import both_plan, objection, qualification
from frontdesk.brain.agents.appointment_words import CHANGE_IN_CLAUSE, NEW_DAY_LATER, STANDS, named_beside
from frontdesk.brain.agents.booking_state import resume_prompt
from frontdesk.brain.agents.move_target import SEPARATE_VISIT
from frontdesk.brain.agents.objection import quick_goodbye
from frontdesk.brain.agents.told_visit import (
    A_CHANGE,
    ANOTHER_VISIT,
    BOUGHT_ELSEWHERE,
    CANCEL_IT,
    CANCEL_SAID,
    ONE_MORE_ON,
    PUT_AT,
    SAME_OUTING,
    THAT_ONE_TOO,
    adds_to_the_one_told,
    another_day_for_the_one_told,
    changes_the_one_told,
    just_told,
    keeps_the_one_told,
    moves_on_from_the_cancel,
    names_one_on_file,
)
from frontdesk.brain.context import TurnContext
from frontdesk.brain.nlu import Understanding
from frontdesk.brain.nlu import entities as ex
from frontdesk.brain.nlu.callee import ANSWERS_FOR_THEM, PASSED_AWAY, named_away
from frontdesk.brain.nlu.cues import (
    ALREADY_BOOKED,
    ANOTHER_TIME,
    ANY_TIME,
    ASKS_OPENING,
    CALL_ME,
    CALLBACK_DROPPED,
    CHANGE_CUE,
    FOR_GOOD,
    asks_hours,
)
from frontdesk.brain.nlu.lexicon import lexicon
from frontdesk.brain.nlu.on_file import ASKS_A_VISIT, SOONER, SWAPPED_FOR
from frontdesk.brain.nlu.relative import RELATIVE_MOVE
from frontdesk.brain.nlu.text import normalise
from frontdesk.brain.nlu.understand import ADD_ON
from frontdesk.brain.nlu.understanding import answers
from frontdesk.brain.state import AgentName, ConversationState
from frontdesk.knowledge.profile import BusinessProfile

_YES_NO = {"confirm_booking", "offer_appointment", "offer_callback", "anything_else",
           "permission", "pick_alternative", "confirm_change"}


CONVERSATION_ACTS = {"line_check", "identity", "how_got_number", "wrong_number", "bot_check",
                     "repeat", "hold", "chitchat"}
"""Acts every receptionist handles, whatever the flow: the greeting/conversation agent's."""
APPOINTMENT_ACTS = {"reschedule", "cancel", "lookup_appointment"}
"""An appointment the caller already has: when is it, cancel it, move it."""


_SWAPS_WORK = re.compile(r"\binstead\b|\bwhat (?:i|we) (?:really |actually )?need\b|\bjust the\b")
"""Work put in place of the work asked before ("do the battery instead of the brakes")."""
_TURNS_TO_BOOKING = re.compile(r"\b(?:actually|instead|(?:you|y'?)know what|on second thought|scratch that|"
                               r"rather|just go ahead and)\b")
_JUST_BOOK = re.compile(r"\b(?:set (?:it|that|something|me) up|book (?:it|me|that)|put me down|"
                        r"schedule (?:it|me)|come (?:out|in|by)|get me in|make (?:the|an) appointment)\b")


_SOMEONE_AWAY = re.compile(r"\b(?:she|he|they)(?:'s|'re| is| are)? (?:not|isn'?t|aren'?t|ain'?t) "
                           r"(?:here|home|around|in town|available)\b|"
                           r"\b(?:she|he)(?:'s| is) (?:out of town|away|overseas|at work)\b")
"""Someone else away, said on a call the caller made ("she's not here, so put it under me"): why
the caller acts for them, not a call back asked."""


_OFF_THE_BOOKS = re.compile(r"\b(?:had|have|got) (?:a |an |the |my )?(?:\w+ ){0,2}?(?:test drive|appointment|"
                            r"showing|consultation|service|oil change|inspection|visit)\b[^.?!]{0,30}\b"
                            r"(?:set up|booked|scheduled|for)\b")
"""A booking the caller says they have, told before "take me off the list"."""
_ANY_CALLS = re.compile(r"\b(?:call|calls|calling|phone|texts?|texting|contact|marketing|emails?)\b")
"""Words of being called or written to: a list of those is the do-not-call list."""
_SEE_A_PLACE = re.compile(r"\b(?:see|tour|showing|look at|walk through|view)\b")
"""A place to be shown asked for in so many words."""
_BOOKING_ASKED = frozenset({"pick_alternative", "date", "time", "name", "offer_appointment"})
"""The questions on the way to a booking, which a "no thanks, bye" leaves."""



_MEET_NOW = re.compile(r"\b(?:sit down|meet|come (?:in|by)|appointment|consultation|showing|pick a time|"
                       r"set (?:it|something|a time) up|book (?:it|one|something)|"
                       # "go ahead and put it down for Saturday at eight thirty, I'll make him take it"
                       r"put (?:it|him|her|them|us|me) (?:down|in)|"
                       r"bring (?:it|her|him|the \w+) in)\b")
"""A meeting asked for in so many words."""

_CANCEL_LAST = re.compile(r"\b(?:go ahead and|just|please|so|yes|yeah|yep|ok(?:ay)?|then)\W+cancel "
                          r"(?:it|that|them|the \w+)\W*(?:(?:thanks|thank you|please)\W*)?$")
"""The cancel asked for last, whatever was said before it, to the cancel read back."""
_GOING_ELSEWHERE = re.compile(r"\b(?:take|taking|bring|bringing) (?:it|her|him|my \w+|the \w+) "
                              r"(?:somewhere else|elsewhere|to another (?:shop|dealer\w*|place))\b")
_AFTER_IT = re.compile(r"\b(?:right |just )?after(?:wards?)?\b(?!\s+(?:work|lunch|school|church|class|that\b|"
                       r"\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon|the\b|my\b))")
"""After the visit just booked, said alone ("could I test drive it after, like eleven?")."""
_MOVE_WORD = re.compile(r"\b(?:move|push|reschedul\w*|change|switch|bump)\b")


_IF_WE_DO = re.compile(r"\b(?:if|when|in case) (?:we|i|you|y'?all) (?:have to |need to |ever |do )?"
                       r"(?:cancel|reschedule|move|change|push|miss|no[- ]show)\b")
"""A cancel or a move supposed, not asked for ("is there a fee if we cancel?")."""
_CHANGE_VERB = re.compile(r"\b(?:re-?schedul\w*|move|moved|push|bump|switch|cancel\w*|change|changed|"
                          r"call (?:it|that) off|can'?t make|cannot make|won'?t make|different (?:day|time)|"
                          r"another (?:day|time)|later|earlier|sooner|instead)\b")
"""Words that change a booking, beyond naming it."""
_CLOSING_ASKED = re.compile(r"\b(?:what time|when|how late|till when|until when) (?:do |does |are |is )?"
                            r"(?:you|y'?all|ya|you guys|the shop|service|it)? ?"
                            r"(?:close|closing|open|opening)\b")
"""When the business closes or opens, asked of a day ("wait, what time y'all close today?")."""

def route(s: ConversationState, u: Understanding, profile: BusinessProfile,
          ctx: TurnContext | None = None) -> AgentName:
    intent = u.intent
    if intent == "cancel" and s.awaiting == "confirm_change" and s.desk.action == "move" and not (
            re.search(r"\b(?:cancel\w*|call (?:it|the whole thing) off|scrap|forget (?:it|the whole))\b",
                      u.text.lower())):
        # a move read back: "she's helping me with the down payment" says why someone comes, no cancel
        u.intent = intent = "provide_info"
    if s.awaiting == "anything_else" and (s.desk.last_done("moved") or s.desk.last_done("cancelled")) and (
            u.name and intent in {"provide_info", "unknown"} and not (
                u.has_booking_facts or u.has_lead_facts or u.is_question)):
        return "greeting"  # "Gary Lindqvist" after the move was done: who is calling, nothing new
    if intent == "lookup_appointment" and u.services and s.on_file and SEPARATE_VISIT.search(u.text.lower()):
        # "I've got the inspection tomorrow afternoon and that stays, but I also want a separate time
        # to get the car detailed": a new visit; the day said is the one on file's
        if u.date is not None and any(a.scheduled_date == u.date.isoformat() for a in s.on_file):
            u.date, u.time, u.time_of_day, u.window = None, None, None, None
        u.intent = "book"
        return "scheduling"
    if s.awaiting == "name" and s.last_ask == "out_of_area_ask_name" and u.is_question and (
            qualification.HELP_ANYWAY.search(u.text.lower())):
        return "qualification"  # told the place is outside the area: "so can y'all help me sell it?"
    if intent in {"cancel", "reschedule"} and u.is_question and "faq_topic" in u.flags and not (
            u.date or u.time or _CHANGE_VERB.search(u.text.lower())):
        u.intent = intent = "faq"  # "can I bring my mom along to the showing?": asked of it, no change
    if intent in {"cancel", "reschedule"} and u.is_question and "price_question" in u.flags and (
            _IF_WE_DO.search(u.text.lower())):
        u.intent = intent = "faq"  # "is there a fee if we cancel?": asked, nothing cancelled yet
    if intent == "faq" and u.services and ADD_ON.search(u.text.lower()) and (
            "price_question" not in u.flags and s.booking_slots.under_way() and s.appointment is None):
        # booking the oil change: "could they check the brakes while it's in?": one more service
        u.intent, u.is_question, intent = "provide_info", False, "provide_info"
    if u.deny and u.services and (done := s.desk.result) is not None and done.status == "scheduled" and (
            set(u.services) <= {done.service_type, *done.services}):
        u.services = []  # "I'll think about it, just the oil change move for now": the one just moved
    if s.last_ask == "ask_which_service" and intent in {"faq", "unknown", "chitchat"} and (
            not u.is_question and len(u.text.split()) <= 5):
        u.intent = "provide_info"  # "the state one" to "the brake inspection or state inspection?"
        return "scheduling"
    if ctx is not None and len(s.desk.found) > 1 and s.awaiting in {None, "anything_else"} and intent not in {
            "escalation", "do_not_call", "goodbye", "wrong_number"} and both_plan.read(s, ctx) is not None:
        u.intent = "reschedule"  # told both, "could we do the buying talk the same day, right after? three"
        return "appointments"
    if intent == "faq" and s.awaiting_agent == "appointments" and s.awaiting in {"date", "time"} and (
            RELATIVE_MOVE.search(u.text.lower())) and not {"faq_topic", "price_question"} & u.flags:
        u.intent, u.is_question = "provide_info", False  # "could we do the same time, but the day after?"
        return "appointments"
    if intent == "reschedule" and s.appointment is not None and u.appointment_type not in {
            None, s.appointment.appointment_type} and ASKS_A_VISIT.search(u.text.lower()):
        u.intent = "book"  # just booked the consultation: "could we see it after the consultation?"
        return "scheduling"
    if s.awaiting == "callback_time" and s.awaiting_agent == "objection" and intent == "escalation" and (
            u.window or u.time_of_day or u.time) and not re.search(
            r"\b(?:right now|now|right away|immediately|on the (?:phone|line)|transfer|put me through)\b",
            u.text.lower()):
        # asked when to call: "I need a person to explain the bill. This afternoon is best": the call
        u.intent = "objection_busy"
        u.flags.add("call_asked")
        return "objection"
    if s.awaiting == "callback_time" and s.awaiting_agent == "objection" and just_told(s) and intent in {
            "reschedule", "provide_info", "unknown"} and (u.date or u.time or u.time_of_day or u.window) and (
            not (u.services or u.appointment_type or _MOVE_WORD.search(u.text.lower()))):
        u.intent = "provide_info"  # a call asked about the visit told: "this afternoon is best", not a move
        return "objection"
    if intent == "goodbye" and u.name and s.awaiting == "name" and s.awaiting_agent == "objection":
        u.intent, u.deny = "provide_info", False  # "no, that's it, just the call. it's Denise Haller"
        return "objection"
    if intent == "goodbye" and u.deny and "goodbye" in u.flags and s.awaiting in _BOOKING_ASKED and not (
            u.has_booking_facts or u.affirm):
        return "greeting"  # "No, thank you, I'm fine. Bye." to the times offered: nothing is booked
    if intent == "objection_busy" and s.direction == "inbound" and "call_asked" not in u.flags and (
            _SOMEONE_AWAY.search(u.text.lower())) and not lexicon().intents["objection_busy"].search(
            _SOMEONE_AWAY.sub(" ", u.text.lower())):
        u.intent = intent = "book" if u.has_booking_facts else "provide_info"
    if s.direction == "outbound" and s.awaiting == "permission" and s.customer.name and intent in {
            "provide_info", "unknown", "chitchat", "lead"} and not (u.has_booking_facts or u.vehicle) and (
            named_away(u.text.lower(), s.customer.name.split()[0])):
        u.intent = intent = "objection_busy"  # "I'm his sister. Marcus is out on a job site till late"
    if intent == "do_not_call" and s.awaiting == "confirm_change" and s.awaiting_agent == "appointments" and (
            s.desk.action == "cancel") and not re.search(r"\b(?:don'?t|do not) cancel\b", u.text.lower()):
        # "nope, nothin' to reschedule. and you can take me off the list too": cancelled, then no
        # more calls
        u.flags.add("and_stop_calling")
        return "appointments"
    if s.direction == "outbound" and PASSED_AWAY.search(u.text.lower()) and (
            ANSWERS_FOR_THEM.search(u.text.lower())):
        # "this is his son. my dad passed away back in March": sorry, and he is not called again
        u.intent = intent = "do_not_call"
        u.flags.add("passed_away")
    if intent in {"affirm", "chitchat", "unknown", "provide_info"} and "do_not_call" in u.flags and not (
            CALLBACK_DROPPED.search(u.text.lower()) or u.deny) and re.search(
            r"\b(?:list|remove|stop calling|again|anymore|any more)\b", u.text.lower()):
        # "yeah, thanks. … so you can just take him off your list" (not "yeah, don't call me at work")
        u.intent = intent = "do_not_call"
    if intent in {"do_not_call", "cancel"} and s.on_file and s.awaiting in {None, "anything_else"} and (
            _OFF_THE_BOOKS.search(u.text.lower())) and not _ANY_CALLS.search(u.text.lower()):
        # "I had a test drive set up for Monday … we bought something else, so you can take me off the
        # list": the booking goes; nothing was said of calls
        u.intent = "cancel"
        return "appointments"
    if intent == "do_not_call" or (intent == "cancel" and lexicon().intents["do_not_call"].search(
            u.text.lower()) and FOR_GOOD.search(u.text.lower())):
        u.intent = "do_not_call"  # "cancel it and take my number off y'all's list": both, the list's way
        return "objection"
    if s.awaiting == "which_appointment" and s.awaiting_agent == "appointments" and u.vehicle and (
            u.vehicle.model) and any(u.vehicle.model.lower() in (a.vehicle or "").lower()
                                     for a in s.desk.found):
        return "appointments"  # "the Tacoma one. the Civic one stays": which one, by its car
    if moves_on_from_the_cancel(s, u):
        # "y'all can cancel that" … "but now the brakes are squealin', can I get those looked at
        # Friday at nine thirty?", "… could somebody call me back tomorrow afternoon?" to the cancel
        # read back: the cancel asked in so many words stands, and the caller has moved on
        u.flags.add("cancel_then")
        return "appointments"
    if s.awaiting_agent == "objection" and (s.awaiting in {
            "callback_time", "phone", "permission", "offer_callback"} or (
            s.last_ask == "callback_ask_name")) and (
            CALLBACK_DROPPED.search(u.text.lower()) or (
                # we offered to call him back: "can I just set it up for him? Monday at nine?"
                s.last_ask in {"callback_suggest", "callback_ask_whom"} and _JUST_BOOK.search(u.text.lower())
                and bool(u.date or u.time)) or (
                # "Actually, y'know what, can we just go ahead and set up a showing? Saturday at two"
                _TURNS_TO_BOOKING.search(u.text.lower()) and (u.intent == "book" or "book" in u.flags)
                and bool(u.date or u.time) and bool(u.appointment_type or u.services
                                                    or _JUST_BOOK.search(u.text.lower())))) and (
            u.date or u.time or u.services or u.appointment_type or _JUST_BOOK.search(u.text.lower())
    ) and not (CALL_ME.search(u.text.lower()) and not CALLBACK_DROPPED.search(u.text.lower())):
        # (not "she'd rather set it up herself … can you just call her back this evening?")
        # "never mind the call back, I'll forget to answer anyway. can we just set it up? Monday,
        # first thing": no call back; the visit, booked now
        u.flags.add("callback_dropped")  # the scheduling agent lets the call back go
        u.intent = "book"
        u.flags.add("book")
        return "scheduling"
    if intent == "escalation" or (s.awaiting == "take_message" and s.awaiting_agent == "escalation"):
        return "escalation"  # whatever follows "would you like to leave a message?" is for it
    if intent in APPOINTMENT_ACTS and s.appointment is None and resume_prompt(s) and (
            s.awaiting_agent != "appointments") and not ALREADY_BOOKED.search(u.text.lower()) and not (
            just_told(s)) and not (
            s.desk.last_done("cancelled")) and not (
            # on our due-service call the kind of visit is ours, not a booking the callee began:
            # "that Monday appointment, you can go ahead and cancel it" is the one on file
            s.direction == "outbound" and s.on_file and not (
                s.booking_slots.preferred_date or s.booking_slots.services)) and not (
            # "so that Monday appointment, you can go ahead and cancel it": the one on file that day
            s.on_file and u.date is not None
            and any(a.scheduled_date == u.date.isoformat() for a in s.on_file)):
        # "can we do two instead?" before anything is booked changes the booking under way
        return "scheduling"
    if ctx is not None and s.desk.found and s.desk.last_done("told") and len(s.desk.found) > 1 and intent in {
            "book", "provide_info", "faq", "unknown", "affirm", "lookup_appointment"} and (
            beside := named_beside(u.text.lower(), s.desk.found, ctx)) is not None and any(
            a is not beside[0] and a.service_type in ex.extract_services(normalise(u.text), profile)
            for a in s.desk.found):
        # told of both: "can you just tack the rotation onto Tuesday, right behind the oil change?",
        # "the oil change … I'd rather do that Wednesday, right after the AC": one moved beside the other
        u.intent = "reschedule"
        return "appointments"
    model = (u.vehicle.model or "").lower() if u.vehicle else ""
    if just_told(s) and len(s.desk.found) > 1 and intent in {
            "book", "provide_info", "faq", "unknown", "affirm"} and (
            u.time or u.date) and model and PUT_AT.search(u.text.lower()) and len(
            cars := [a for a in s.desk.found if a.vehicle and model in a.vehicle.lower()]) == 1 and not (
            set(u.services) - {cars[0].service_type, *cars[0].services}):
        # told of both: "could you put my Prius at eight too, same as his?": that car's moved
        u.intent = "reschedule"
        return "appointments"
    if intent in APPOINTMENT_ACTS:
        return "appointments"
    if another_day_for_the_one_told(s, u, intent):
        # told "your listing appointment is Tuesday at 11": "she's off Thursdays, so maybe Thursday?
        # … Friday the 25th" (nothing new asked for) is that visit moved, not a second one
        u.intent = "reschedule"
        return "appointments"
    if intent in {"book", "provide_info", "unknown", "lead"} and s.awaiting in {None, "anything_else"} and (
            names_one_on_file(s, u)):
        # "im getting my car detailed saturday morning at eight", "we're supposed to have the
        # listing appointment tuesday the twenty ninth", "i gotta change my battery appointment on
        # saturday": the booking they have, not a second one like it
        lowered = u.text.lower()
        u.intent = ("cancel" if CANCEL_IT.search(lowered) or CANCEL_SAID.search(lowered) else
                    "reschedule" if CHANGE_CUE.search(lowered) or RELATIVE_MOVE.search(lowered)
                    or SOONER.search(lowered) else
                    "lookup_appointment")
        return "appointments"
    if just_told(s) and s.appointment is None and s.awaiting != "confirm_change" and (intent == "cancel" or (
            intent in {"provide_info", "unknown", "book", "chitchat"} and not (u.date or u.time or u.services)
            and BOUGHT_ELSEWHERE.search(u.text.lower()))):
        # told of Wednesday's showing: "so yeah, we won't need the showing. you can cancel it", whatever
        # was asked since; "we actually got an offer accepted on another house yesterday!": read back
        u.intent = "cancel"
        return "appointments"
    if just_told(s) and intent in {"provide_info", "unknown", "book", "affirm", "chitchat", "greeting",
                               "objection_busy"} and (
            CANCEL_IT.search(u.text.lower()) or ("car_gone" in u.flags and s.direction != "outbound" and (
                u.vehicle or len(s.desk.found) == 1))):  # ("keep the morning one": no "good morning")
        u.intent = "cancel"  # told of two: "the three thirty one, you can cancel. keep the three o'clock"
        return "appointments"
    if just_told(s) and len(s.desk.found) == 1 and SWAPPED_FOR.search(u.text.lower()) and (
            (u.appointment_type not in {None, s.desk.found[0].appointment_type}) or (
                set(u.services) - {s.desk.found[0].service_type})):
        u.intent = "cancel"  # told of Monday's buyer meeting: "instead of the buying meeting, could
        return "appointments"  # somebody come out and price our house, same time Monday?"
    if just_told(s) and u.date is None and len(s.desk.found) == 1 and SAME_OUTING.search(u.text.lower()) and (
            u.services or u.appointment_type) and intent in {"book", "provide_info", "faq"}:
        # told of Saturday's test drive: "while I'm out there could I get an oil change that same
        # morning, like nine": that day ("… on my car at the same time": and that hour)
        u.date = date.fromisoformat(s.desk.found[0].scheduled_date)
        if u.time is None and re.search(r"\b(?:at )?the same time\b", u.text.lower()):
            u.time = time.fromisoformat(s.desk.found[0].scheduled_time)
    if s.appointment is not None and s.awaiting in {None, "anything_else"} and u.date is None and (
            u.services or u.appointment_type) and intent in {"book", "provide_info", "faq"} and (
            SAME_OUTING.search(u.text.lower()) or _AFTER_IT.search(u.text.lower())):
        # booked Saturday's inspection at nine: "while I'm there … could I test drive it after, like
        # eleven?": that day
        u.date = date.fromisoformat(s.appointment.scheduled_date)
    if adds_to_the_one_told(s, u, profile):
        u.intent = "book"  # told of Thursday's oil change: "while it's in there, rotate the tires too?"
        u.flags.add("add_to_visit")
        return "scheduling"
    if just_told(s) and (ANOTHER_VISIT.search(u.text.lower()) or ONE_MORE_ON.search(u.text.lower()) or (
            # told of Saturday's showing at ten: "can we see that one too, right after? like ten-thirty"
            (u.appointment_type or u.services) and THAT_ONE_TOO.search(u.text.lower()))) and intent not in {
            "cancel", "reschedule", "escalation", "do_not_call", "wrong_number", "goodbye"}:
        # told of Saturday's showing: "could we add another showing right after, like at two?"
        u.intent = "book"
        if u.date is None and len(s.desk.found) == 1 and SAME_OUTING.search(u.text.lower()):
            u.date = date.fromisoformat(s.desk.found[0].scheduled_date)
        if not (u.appointment_type or u.services) and len(s.desk.found) == 1 and (
                s.desk.found[0].appointment_type != "service"):
            u.appointment_type = s.desk.found[0].appointment_type  # "tack that one on": one more of its kind
        return "scheduling"
    if just_told(s) and len(s.desk.found) > 1 and STANDS.search(u.text.lower()) and A_CHANGE.search(
            u.text.lower()) and intent not in {"cancel", "escalation", "do_not_call", "wrong_number"}:
        # told of two, one said to stand: "the Friday one's fine, leave it. But Saturday, can
        # that be later? Like four instead of two?": one stands, the other moves
        u.intent = "reschedule"
        return "appointments"
    if just_told(s) and (RELATIVE_MOVE.search(u.text.lower()) or SOONER.search(u.text.lower())) and (
            intent not in {"cancel", "escalation", "do_not_call", "wrong_number", "goodbye"}):
        # told when it is: "could we do the day after, same time?", "the Monday after instead", "is
        # there any way to do it sooner?"
        u.intent = "reschedule"
        return "appointments"
    if just_told(s) and intent in {"provide_info", "unknown", "book", "affirm"} and u.name and not (
            u.date or u.time or u.services or u.appointment_type or u.is_question or u.has_lead_facts
            or u.acts):
        # "My name is Halina Kowalski. The car is a Buick, silver.": told when it is, who and what
        # it is for, noted; nothing new asked
        if u.name and not s.booking_slots.customer_name:
            s.booking_slots.customer_name = u.name
        u.intent = "lookup_appointment"
        u.flags.add("details_for_it")
        return "appointments"
    if keeps_the_one_told(s, u):
        u.intent = "lookup_appointment"  # "okay, keep me down for Tuesday", "see you Saturday": as it is
        return "appointments"
    if changes_the_one_told(s, u) or (just_told(s) and len(s.desk.found) > 1 and re.search(
            r"\b(?:swap|flip|switch|trade)\b", u.text.lower()) and u.services and set(u.services) <= {
            a.service_type for a in s.desk.found}):
        # "Your tire rotation is Tuesday at 10" … "can it go later, say 4:30?"; told of two: "so the
        # detailing Monday at one and the brakes Tuesday at eight. just swap the days"
        u.intent = "reschedule"
        return "appointments"
    if intent in {"objection_not_interested", "unknown"} and s.awaiting == "anything_else" and (
            s.desk.found) and (
            s.desk.last_done("told")) and _NOT_READY.search(u.text.lower()):
        u.flags.add("unsure_of_it")  # told it is tomorrow: "I'm not ready, the house isn't ready"
        return "appointments"
    if "car_gone" in u.flags and s.direction == "outbound" and intent in {
            "unknown", "provide_info", "chitchat", "affirm", "deny"}:
        u.intent = "objection_not_interested"  # "oh I sold that car last spring", asked for a minute
        return "objection"
    if s.awaiting == "callback_time" and s.awaiting_agent == "objection" and quick_goodbye(u):
        return "objection"  # "yeah ok bye", asked when to call back: the call back asked for stands
    if intent == "goodbye" and s.awaiting == "name" and s.awaiting_agent == "scheduling" and not u.deny and (
            s.booking_slots.preferred_date and s.booking_slots.preferred_time and s.customer.phone):
        # asked the name with the day and time settled: "yep, that's everything" takes no leave of
        # the booking; it goes under the number and is read back
        u.flags.add("decline")
        return "scheduling"
    if intent == "goodbye" and s.awaiting in {"confirm_booking", "confirm_change"} and s.awaiting_agent and (
            _YES_THEN_DONE.search(u.text.lower()) or _YES_THEN_LEAVE.match(u.text.lower()) or (
                # "… we went under contract on another house! So we won't need it. Thank you though!"
                s.desk.action == "cancel" and _WONT_NEED.search(u.text.lower()))) and (
            not u.deny) and (
            s.desk.action == "cancel" or not re.search(r"\bcancel\b", u.text.lower())):
        # "Renee Hollis. Yep, that's everything." to the read-back: a yes, and nothing more after it
        u.intent, u.affirm = "affirm", True
        return s.awaiting_agent
    if (intent in {"chitchat", "lead", "provide_info", "unknown", "objection_not_interested",
                   "objection_have_agent"} or (intent == "book" and not u.appointment_type and not (
                set(u.services) - {a.service_type for a in s.desk.found if a.id == s.desk.chosen}))
            ) and s.awaiting == "confirm_change" and (
            s.awaiting_agent == "appointments") and (
            s.desk.action == "cancel" and not u.is_question and not (u.date or u.time)) and (
            "aside" not in u.flags):
        # "my neighbor did it for us yesterday, so yeah", "we're expecting twins, so we're holding
        # off on buying until next year" to a cancel read back: why it goes
        return "appointments"
    if s.awaiting_agent == "scheduling" and s.awaiting and (set(u.dropped_services) & set(
            s.booking_slots.services) or (
            # "what I really need is a new battery. do the battery instead of the brakes"
            u.services and not u.is_question and s.booking_slots.services and intent in {
                "faq", "unknown", "chitchat", "objection_have_agent"} and _SWAPS_WORK.search(
                u.text.lower()))) and intent not in {"cancel", "do_not_call", "escalation", "wrong_number"}:
        # "actually, just the oil change. forget the tires, my brother-in-law's got a lift": the
        # visit put right, not another shop to talk about
        return "scheduling"
    if intent == "chitchat" and s.awaiting_agent == "scheduling" and s.awaiting and (
            u.date or u.time or u.window or u.services or u.appointment_type):
        # "actually, ugh, no, I can't get off work today. Tomorrow morning, seven-thirty, before I
        # go in" while the name is asked: the booking under way, changed, not small talk
        return "scheduling"
    if s.awaiting == "confirm_change" and s.awaiting_agent == "appointments" and s.desk.action == "move" and (
            u.services and ADD_ON.search(u.text.lower())
            and not (u.deny or u.date or u.time or u.is_question)):
        # "and um throw a tire rotation on there too while you got it" to the move read back: the
        # move, and more work for the visit moved
        u.flags.add("add_to_move")
        return "appointments"
    if s.awaiting == "confirm_booking" and s.awaiting_agent == "scheduling" and u.name and (
            u.name.lower() != (s.booking_slots.customer_name or "").lower()) and intent in {
            "faq", "provide_info", "unknown", "chitchat", "correction"} and not (
            u.services or u.appointment_type or u.date or u.time or "faq_topic" in u.flags):
        # "oh, can you put Christina actually? Christina Delgado. that's how it is on the account":
        # the name the booking goes under, put right at the read back
        u.intent, u.is_question = "provide_info", False
        return "scheduling"
    if s.awaiting in {"confirm_booking", "phone"} and s.awaiting_agent == "scheduling" and u.phone and (
            intent in {"faq", "provide_info", "unknown", "repeat", "chitchat"}) and not (
            u.services or u.appointment_type or "faq_topic" in u.flags):
        # "the number is area code eight three zero … nine oh five eight. did you get that?" to
        # the read back: the number for the booking, said back
        return "scheduling"
    if s.awaiting == "confirm_change" and s.awaiting_agent == "appointments" and (
            s.desk.action == "cancel") and len(s.desk.found) > 1 and STANDS.search(u.text.lower()) and not (
            CHANGE_IN_CLAUSE.search(u.text.lower()) or u.date or u.time):
        return "appointments"  # "but the consultation we're still coming" to the showing's cancel
    if s.awaiting == "confirm_change" and s.awaiting_agent == "appointments" and (
            s.desk.action == "cancel" and intent == "objection_busy") and (
            NEW_DAY_LATER.search(u.text.lower())):
        # "no, not right now … have Jordan ring me next week": the "no" is to a new day; cancelled,
        # then the call
        u.flags.add("cancel_then")
        return "appointments"
    if s.awaiting == "confirm_change" and s.awaiting_agent == "appointments" and (
            s.desk.action == "cancel") and (
            _CANCEL_LAST.search(u.text.lower()) or _GOING_ELSEWHERE.search(u.text.lower())) and not re.search(
            r"\b(?:don'?t|do not|not) cancel\b", u.text.lower()):
        # "… how much was the detail again? … no, he's already seen the car. go ahead and cancel it",
        # "why? because last time you left my car out in the rain. I'll take it somewhere else": yes
        u.intent, u.affirm, u.deny, u.is_question, u.acts = "affirm", True, False, False, []
        return "appointments"
    if intent in CONVERSATION_ACTS:
        return "greeting"
    owner = s.awaiting_agent
    if s.awaiting == "confirm_change" and owner == "appointments" and intent in {
            "provide_info", "unknown", "chitchat", "greeting", "faq"} and not (
            u.date or u.time or u.window or u.services or u.appointment_type or u.is_question):
        # "Marisol Quintero. It's the Sorento." to a move read back: still that move; "we found a
        # place through a friend, it's a for sale by owner" to a cancel read back: why it goes
        return owner
    if s.awaiting == "phone" and owner == "objection" and s.pending_callback and intent in {
            "provide_info", "unknown", "greeting", "chitchat", "affirm"} and not (
            u.services or u.appointment_type or "book" in u.flags):
        return owner  # "Hannah Lindqvist … anytime after lunch works" to "what's the best number?"
    if s.last_ask == "callback_ask_name" and owner == "objection" and (
            u.date or u.time or u.window or u.time_of_day) and not (u.services or u.appointment_type):
        return owner  # "morning, before ten if they can" to "who should we ask for?": when, closer
    if s.last_ask == "callback_ask_name" and owner == "objection" and not (u.name or "book" in u.flags) and (
            intent in {"book", "provide_info", "unknown", "chitchat", "greeting", "lead"}):
        # "I've got a few questions about some work on my Lexus, and I'm about to step into a
        # meeting": what the callback is about, not a booking; the callback stands
        return owner
    if s.awaiting in {"anything_else", None} and u.date and intent in {
            "provide_info", "faq", "unknown", "greeting"} and not (
            u.time or u.window or u.services or u.appointment_type or u.has_lead_facts
            or u.has_contact_facts) and s.recent_topic == "hours":
        # "hours?" … "Sundays?", "service open friday what time" … "saturday": the same
        # question, of another day
        u.intent = "faq"
        u.flags.add("hours_followup")
        return "faq"
    if u.is_question and u.services and not (u.date or u.time or u.window or "book" in u.flags) and (
            intent in {"book", "provide_info", "faq", "unknown"}) and len(u.text.split()) <= 6 and (
            _price_asked_last(s)):
        # "how much is an oil change?" … "and a tire rotation?": its price too, not a second service
        u.intent = "faq"
        u.flags.add("price_question")
        return "faq"
    if s.awaiting == "motivation" and owner == "qualification" and (intent == "objection_busy" or (
            intent == "objection_not_interested" and qualification.WAITS.search(u.text.lower()))) and not (
            "call_asked" in u.flags or ANOTHER_TIME.search(u.text.lower())):
        # "not yet, we'll wait till he's out of the Army", asked what prompts the move: why they
        # wait is the answer (a lead who gave every fact is not lost to an objection)
        return owner
    if intent.startswith("objection_"):
        if (intent == "objection_not_interested" and s.awaiting in _YES_NO
                and s.awaiting != "permission" and owner not in (None, "objection")):
            u.intent, u.deny, u.affirm = "deny", True, False
            return owner  # "no thanks" to an offer
        return "objection"
    asked_of = (s.recent_topic or "").removeprefix("visit:") if (s.recent_topic or "").startswith(
        "visit:") else None  # told how long a consultation takes: the visit asked about
    if s.awaiting in {"anything_else", None} and (u.date or u.time or u.window) and (
            profile.kind == "dealership" or s.booking_slots.appointment_type or asked_of) and intent in {
            "affirm", "provide_info", "book", "unknown", "faq"} and (not u.is_question or (
                intent == "book" and "faq_topic" not in u.flags)) and not (
            intent == "faq" and "faq_topic" in u.flags and "book" not in u.flags):
        # "okay, that's fair — can you do the day after tomorrow?" after a price answer; "okay,
        # next Tuesday at noon?" after how long a consultation takes: that one
        if asked_of and not s.booking_slots.appointment_type:
            s.booking_slots.appointment_type = asked_of
        return "scheduling"
    said = u.text.lower()
    if s.awaiting == "callback_time" and owner == "objection" and intent == "book" and (
            u.appointment_type or u.services or s.direction == "outbound") and (u.date or u.time) and (
            _MEET_NOW.search(said)) and not (
            CALL_ME.search(said) and not CALLBACK_DROPPED.search(said)):
        # "okay, whatever, let's just pick a time now … Monday at twelve thirty, to sit down with an
        # agent", asked when to call back: the meeting, booked now
        return "scheduling"
    if s.awaiting == "callback_time" and owner == "objection" and objection.call_asked_for(s) and (
            u.has_lead_facts) and intent in {"lead", "provide_info", "book", "unknown"} and not (
            u.date or u.time or u.appointment_type or u.is_question):
        return owner  # "I just want someone to call me back" … "we want to buy in Pflugerville": for the call
    if s.awaiting == "callback_time" and owner == "objection" and ANY_TIME.search(u.text.lower()) and not (
            u.services or u.appointment_type or u.date or u.time):
        return owner  # "whenever they get a chance", asked when to call back
    if s.awaiting == "callback_time" and owner == "objection" and (u.name or u.phone) and intent in {
            "provide_info", "unknown", "affirm"} and len(u.text.split()) <= 8 and not (
            u.date or u.time or u.window or u.time_of_day or u.services or u.appointment_type or u.location
            or u.budget or u.vehicle):
        return owner  # "It's Ana Lucia Ferreira.", "my cell is …", asked when to call: the time still asked
    if s.awaiting == "permission" and intent == "faq" and {
            "price_question", "inventory_question"} & u.flags and not (u.date or u.time or u.window):
        return "faq"  # "oh uh yeah i guess whats it cost for a oil change": answered, then the pitch
    if (u.date or u.time) and intent in {"faq", "provide_info", "unknown"} and not (
            {"faq_topic", "inventory_question"} & u.flags or asks_hours(u.text.lower())
            or s.awaiting in {"confirm_booking", "pick_alternative", "date", "time", "confirm_change"}
            or s.awaiting_agent == "appointments") and ASKS_OPENING.search(u.text.lower()):
        # "what do you have Monday? like one o'clock?" mid-qualification, "does eight thirty work?"
        # asked what the car needs: an opening asked for, not a fact we lack
        u.intent = "book"
        return "scheduling"
    if s.awaiting and owner:
        if u.is_question and intent == "faq" and (not (
                s.awaiting in {"confirm_booking", "pick_alternative"} and answers(s.awaiting, u))
                or "aside" in u.flags or "price_question" in u.flags or (
                asks_hours(u.text.lower()) and not u.time and (not u.date or _CLOSING_ASKED.search(
                    u.text.lower())))):
            # "that one's no charge, isn't it?" at the read-back asks; the service named is no
            # change; "what time do you open in the morning?" to two times offered asks the hours
            return "faq"
        if answers(s.awaiting, u):
            return owner
    if intent == "book" and profile.kind == "real_estate" and u.lead_intent == "rent" and (
            s.awaiting not in _YES_NO) and not _SEE_A_PLACE.search(u.text.lower()):
        return "qualification"  # "I need something to rent … is that something you help with?"
    if intent == "book":
        wants_lead_talk = (profile.kind == "real_estate" and s.lead.qualified is None
                           and not (u.appointment_type or s.booking_slots.appointment_type)
                           and (u.lead_intent or s.lead.intent) in {"buy", "both", "sell"})
        return "qualification" if wants_lead_talk else "scheduling"
    if intent == "faq" and profile.kind == "real_estate" and u.budget and _CAN_YOU_HELP.search(
            u.text.lower()) and not (
            # ("do y'all even work with stuff around two hundred?": yes, said from the price range)
            "faq_topic" in u.flags and u.budget[1] >= (profile.qualification.min_budget or 0)):
        u.intent = "lead"  # "can y'all even help with something around a hundred and twenty thousand?"
        return "qualification"
    if intent == "faq":
        return "faq"
    if intent == "lead":
        return "qualification" if profile.kind == "real_estate" else "scheduling"
    if intent == "greeting" and "thanks" in u.flags and owner in {
            "scheduling", "qualification", "appointments"} and (
            s.awaiting not in _YES_NO | {None}) and (u.date or u.time or u.affirm):
        return owner  # "eleven yes today thank you" asked for a name: the question still stands
    if intent in {"goodbye", "greeting"}:
        return "greeting"
    if intent == "provide_info":
        if profile.kind == "real_estate" and not resume_prompt(s) and (
                u.has_lead_facts or (qualification.in_progress(s) and not u.appointment_type)):
            return "qualification"  # a day said mid-qualification is kept for later
        if u.vehicle and not u.has_booking_facts and s.awaiting == "anything_else" and re.search(
                r"\bunder (?:me|my name|my number|mine|the same (?:name|number))\b", u.text.lower()):
            return "greeting"  # "the Camry one's under me too": whose the one on file is, no new visit
        if u.has_booking_facts or u.vehicle:
            return "scheduling"
        if resume_prompt(s):
            return "scheduling"
        if qualification.in_progress(s):
            return "qualification"
        return owner or "greeting"
    if intent == "affirm" and profile.kind == "real_estate" and s.awaiting == "anything_else" and (
            u.has_lead_facts):
        return "qualification"  # "okay. Cedar Park's close enough for us, honestly": where they look now
    if intent in {"affirm", "deny"}:
        return owner or "greeting"
    return owner or "greeting"


_NOT_READY = re.compile(r"\b(?:not|isn'?t|aren'?t|ain'?t|never) (?:really |quite |just |gonna be )?"
                        r"(?:ready|up to it|up for it)\b|"
                        # "we're gonna hold off, my husband got the promotion so we're staying put"
                        r"\b(?:hold(?:ing)? off|stay(?:ing)? put|on hold|changed (?:our|my|his|her) minds?|"
                        r"decided (?:not to|against)|"
                        r"(?:not|no longer) (?:gonna |going to )?(?:sell|list|buy|mov)\w* "
                        r"(?:after all|anymore|any more|for now|right now|this year))\b")
"""Not ready for the appointment just told, or the plan behind it put off: move it or cancel it?
(not "not interested")."""


_CAN_YOU_HELP = re.compile(r"\b(?:can|could|do|would|will) (?:you|y'?all|you guys|ya)(?: guys)? "
                           r"(?:even |actually |really |still )?"
                           r"(?:help|work|do anything|do something|deal|handle)\b")
"""Whether we can help with the caller's own budget: the lead's verdict answers it."""
_WONT_NEED = re.compile(r"\b(?:won'?t|will not|don'?t|do not|no longer) (?:be )?need(?:ing)? "
                        r"(?:it|that|them|this)\b")
"""A booking read back to be cancelled, said to be needed no more."""
_YES_THEN_DONE = re.compile(r"\b(?:yes|yeah|yep|yup|sure|correct|right|perfect|sounds good)\b[\W]+"
                            r"(?:that'?s|thats|that is) (?:it|all|everything)\b|"
                            # "yeah, cancel it. thanks anyway" to the cancel read back
                            r"^\W*(?:(?:yes|yeah|yep|yup|sure|ok|okay|please)\W+)*"
                            r"(?:go ahead and |just |please )?cancel (?:it|that|them|both|the \w+(?: \w+)?)\b"
                            r"(?! (?:or|and|but)\b)[^?]*$")
"""A yes with the call's close after it ("yep, that's everything", "yeah, cancel it. thanks anyway")."""
_YES_THEN_LEAVE = re.compile(r"\W*(?:(?:oh|um+|uh+|okay|ok|well)\W+)*(?:yes|yeah|yep|yup|correct|perfect|"
                             r"sounds (?:good|great|perfect)|that works|"
                             r"that'?s (?:right|correct|perfect|great))"
                             r"\b(?!\W*(?:but|no\b|wait|actually|hold on|except|and (?:also|can|could)))"
                             r"(?![^?]*\?)(?![^.]*\b(?:but|except|instead)\b)")
"""A yes that leads a leave-taking ("yes. thank you, I'll let him know"): the read back is agreed
to before the caller goes; nothing after it asks for more or takes the yes back."""

def _price_asked_last(s: ConversationState) -> bool:
    """Was the caller's last message a question about a price or how long something takes?"""
    said = next((m.content for m in reversed(s.messages) if m.role == "user"), None)
    return said is not None and lexicon().intents["price_question"].search(said.lower()) is not None
