"""A caller who has a booking on file, speaking of it in their own words.

People rarely say "I'd like to cancel my appointment". They say "I had a full detail set up for
Saturday on my Explorer, and we sold it", "callin to make sure I'm still on for tomorrow, the
battery", "my husband has his truck in with y'all Thursday for the recall, could you do Friday
instead?", "I'm stuck at the DMV, no way I'm making eleven". The words for it are endless; what
the agent has that no phrase list has is the calendar: the caller's own upcoming bookings. A
message that names one of them (its service, its day, its time) in words that speak of it as
already there is about that booking, and what is asked of it — cancel, move, or say when it is —
follows from the rest of the message.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, time, timedelta
from typing import Protocol

from frontdesk.brain.nlu import clock, when
from frontdesk.brain.nlu import entities as ex
from frontdesk.brain.nlu.cues import (
    CALL_ME,
    CONFLICT,
    KEEPS_IT,
    NEW_BOOKING_ASKED,
    NO_LONGER_NEEDED,
    NOT_CANCELLED,
)
from frontdesk.brain.nlu.own_booking import SEVERAL_ASKED, STILL_ON
from frontdesk.brain.nlu.said import LATE_FOR_IT, NEW_TIME_ASKED
from frontdesk.brain.nlu.text import WEEKDAYS, normalise, word_pattern
from frontdesk.brain.nlu.understanding import Understanding
from frontdesk.knowledge.profile import BusinessProfile


class Booked(Protocol):
    """What is known of a booking on file (the state's ``Appointment``)."""

    appointment_type: str
    service_type: str | None
    scheduled_date: str
    scheduled_time: str
    vehicle: str | None


_OWN_VISIT = (r"(?:my|our|his|her) (?:\w+ )?(?:showing|consultation|appointment|appt|oil change|inspection|"
              r"rotation|detail(?:ing)?|test drive|valuation|visit|service)")
"""A visit of the caller's own named ("our showing", "my oil change"), as asked after."""
_ALREADY = re.compile(
    r"\b(?:(?:i|we|he|she|they|my \w+|our \w+)(?:'ve|'s|'re|'m| have| has| had| am| is| are| was| were)? "
    r"(?:(?:actually|already|also|just|even) )*"
    r"(?:got|have|has|had|booked|scheduled|made|set (?:\w+ ){0,3}up|down|in|on|coming|supposed|still|"
    # "what day did we put the showing on"
    r"put (?:the|my|our|his|her|it|that) (?:\w+ )?(?:on|down|in)|"
    # "we're seeing a house Saturday", "we're coming in Thursday at ten for the consultation"
    r"seein[g']? (?:a|the|that)|lookin[g']? at (?:a|the|that)|meetin[g']? (?:with|y'?all|you))\b|"
    # "calling about the the detail thing on friday morning": one the caller and we both know of
    # ("calling about Mike's truck appointment": someone's booking, named by whose it is)
    r"(?:calling|call|ringing) (?:about|'?bout|regarding|re|on|for) (?:the |my |our |his |her |that |"
    r"[a-z]+'s (?=(?:\w+ )?(?:appointment|appt|booking|showing|consultation|visit|service)\b))+|"
    # "Dana over there set me up with an appointment for my brakes"
    r"\b(?:[a-z]+ )?(?:over there |there |at your place |at the front desk |from y'?all )?"
    r"(?:set|booked|scheduled|signed) (?:me|us|him|her|my \w+) (?:up|in|down)\b(?! for (?:a|an) new\b)|"
    r"(?:it'?s|this is|i'?m) (?:(?:um|uh|just) )*(?:about|regarding) (?:the |my |our |that )+|"
    r"check(?:ing)? (?:(?:on|in on|up on|that|if|whether) )?(?:the |my |our |that )+|"
    r"still (?:on|good|set|coming|happening|scheduled|booked|a go)\b|make sure|confirm\w*|"
    # "and tomorrow's oil change stays, that's fine", "the Tuesday one I'll keep"
    r"\bstays?(?: put| the same| as is| where it is)?\b|\b(?:i'?ll|we'?ll|i will|we will) keep\b|"
    r"(?:can'?t|cannot|don'?t) (?:quite )?remember|forgot|(?:set|signed) (?:\w+ )?up for|"
    r"on the (?:books|schedule)|"
    # "were sellin and buyin both and got two appointments with yall on the twenty first"
    r"\b(?:and )?got (?:two|three|a couple(?: of)?|both|our|my) (?:appointments|bookings|appts|things) "
    r"(?:with|set|on|booked)\b|"
    # "can you tell me what day my brake inspection is", "when's our showing again"
    r"(?:what (?:day|time)|when) (?:is |was |'s )?(?:my|our|his|her|the) [\w ]{3,30}? (?:is|was|at)\b|"
    r"\bwhen'?s (?:my|our|his|her) |"
    # "is our showing tonight at six?": the caller's own visit, asked after
    r"\b(?:is|was|isn'?t) " + _OWN_VISIT + r"\b|"
    # "when's the Tahoe thing again?", "when is the thing for my wife's car"
    r"\b(?:when'?s|when is|what time'?s|what time is|what day'?s|what day is) the (?:[\w-]+ ){1,3}?"
    r"(?:thing|appointment|appt|visit|one|deal)\b|"
    r"(?:called|phoned) (?:y'?all|you|you guys) and (?:set|booked|made)\b|"
    r"(?:my|our|his|her|their|the|that|dad'?s|mom'?s) (?:appointment|appt|booking|reservation)|"
    r"(?:you|y'?all|your \w+|y'?alls? \w+|someone|somebody|an agent|one of your \w+)"
    r"(?:'re|'s| are| is| was| were)? "
    r"(?:coming|comes|supposed|scheduled|gonna come|going to come)\b|"
    r"(?:you|y'?all|you guys|ya'?ll) (?:have|got|had|put) (?:me|us|him|her|my \w+) (?:down|booked|"
    r"scheduled|set up|on)\b)")
"""Words that speak of a booking as already there: "I've got", "he has his truck in", "I set
him up for", "still on for", "someone's coming out"."""
_DROP = (r"(?:(?:you can|y'?all can|go ahead and|just|please|so) scratch (?:that|it|the \w+)|"
         # "… put it in myself, scratch that": said last (not "Tuesday, scratch that, Wednesday")
         r"scratch (?:that|it)(?= *(?:one|then|too|please|for me)?\W*$)|"
         r"(?:drop|nix|ditch|kill|axe|get rid of) (?:the|that|my|it|our|his|her|one)|"
         # "the appointment for someone to come look at our house, that can go", "the test drive can go"
         r"(?:that|this|it|that one|this one|those|they|the (?:\w+ ){1,2}?(?:one|drive|showing|"
         r"consultation|appointment|visit|change|rotation|inspection|meeting|detail(?:ing)?)) "
         r"(?:can|could|will have to|has to|'?ll have to) go"
         r"(?! (?:to|on|ahead|back|through|with|in|out|over|for|by|up|down|there)\b)|"
         # "the ten-thirty one we're gonna skip, it backs right up to the highway"
         r"(?:gonna|going to|wanna|want to|'ll|will|gotta|just|can) skip(?: (?:it|that|that one|this one|"
         r"the \w+))?(?! (?:the line|breakfast|lunch|work|school|class|town)))\b"
         # ("I gotta drop the baby at daycare": someone taken somewhere, no booking dropped)
         r"(?! (?:kids?|baby|babies|boys?|girls?|son|daughter|wife|husband|dog|mom|dad|grandkids?|twins)\b)"
         r"(?![^.?!]{0,20}\b(?:off|at)\b)")
"""A booking dropped ("you can drop the detail"), not a car dropped off."""
_NOT_NEEDED_DAY = (r"(?:don'?t|do not|won'?t) (?:really )?need (?:tomorrow|today|"
                   r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|the \w+ (?:one|appointment|appt)) "
                   r"(?:anymore|any more|after all)\b")
"""A booking no longer needed, named by its day ("so I don't need tomorrow anymore")."""
_STAYS = re.compile(r"\bstays?\b|\b(?:i'?ll|we'?ll|i will|we will) keep\b|\bstill (?:want|need)\b")
_STRONG = re.compile(
    r"\b(?:cancel\w*|scrap|call (?:it|that) off|take (?:me|us|him|her|it|that) off|take off (?:the|that|my)|"
    r"reschedul\w*|" + _DROP + "|" + _NOT_NEEDED_DAY +
    r"|still (?:on|good|set|a go)|make sure|confirm\w*|remember|forgot|double[- ]?check|"
    # "he set something up for the Tahoe … can you tell me when it is?"
    r"(?:tell me|know|find out|remind me|check) (?:when|what (?:day|time)) (?:it|that|the \w+)(?:'s| is)|"
    r"still (?:for |on )?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|today)|"
    r"(?:not (?:gonna|going to)|won'?t|can'?t|cannot) make|no way (?:i'?m|we'?re) "
    r"mak\w*|running (?:late|behind)|stuck|instead|"
    # "the showing friday at noon … I'd rather see it sooner"
    r"(?:rather|prefer)\b[^.?!]{0,20}\b(?:sooner|earlier|later)|"
    # "my oil change Monday, seven-thirty — can we do an hour later?": said from its own hour
    r"(?:(?:an|one|two|half an|a couple(?: of)?) hours?|"
    r"(?:\d+|ten|fifteen|twenty|thirty|forty[- ]five) minutes) (?:later|earlier)|"
    r"(?:push|bump|slide|move) (?:it|that) (?:back|up)|"
    # "can the valuation next tuesday at nine get moved to sunday"
    r"(?:get|be) (?:moved|pushed|bumped|switched|changed|rescheduled|cancell?ed)|"
    # "the showin tomorrow at six can we do the day after same time": said from its own day
    r"the (?:day|one) after,? same time|same time,? the (?:day|one) after|a day later|the next day,? same "
    r"time|"
    r"on (?:the|your|y'?all'?s?|yalls|you guys'?) (?:books|schedule|calendar)|"
    # "I got somebody comin out tuesday to look at the house": one of ours, booked
    r"(?:someone|somebody|an agent|the agent|one of (?:your|y'?all'?s) \w+|y'?alls? \w+|your \w+|y'?all|you) "
    r"(?:is |'s |are )?(?:coming|comin'?|comes|gonna come|going to come) (?:out|by|over)|"
    r"already (?:have|got|booked|scheduled|set up) (?:one|an? (?:appointment|appt|time|slot)|it|that)|"
    # "the showin friday at eleven can we do same day but later like around four"
    r"same day,? (?:but |just |only )?(?:a (?:little|bit) )?(?:later|earlier)|(?:later|earlier) (?:that|the) "
    r"same day|"
    # "what time was i tomorrow for the new battery", "what time did I say for the consultation",
    # "was that twelve-thirty or one-thirty?", "I wrote it on my hand and it's gone now"
    r"what (?:time|day) (?:was|were|am|did|do) (?:i|we|he|she|they|you|y'?all)\b|"
    r"what'?d (?:i|we|he|she) (?:pick|choose|say|book|go with)\b|"
    r"(?:was|is) (?:that|it) [\w:' -]{1,20} or [\w:' -]{1,20}\?|"
    r"(?:i|we) (?:wrote|put|jotted) (?:it )?(?:down|on (?:my|the|a) \w+))\b")
"""Words that can only be about a booking on file, so one fact of it named is enough."""
_SEVERAL = re.compile(r"\b(?:two|both|a couple|a few|three)\b[^.?!]{0,25}\b(?:appointments?|appts?|things|"
                      r"bookings?|visits?|showings?|cars|trucks|vehicles|houses|homes|places)\b")
"""More than one booking spoken of at once ("two appointments with y'all next week")."""
ASKS_A_VISIT = re.compile(r"\b(?:can|could|would) (?:i|we|you|y'?all|someone|somebody|"
                           r"one of (?:you|your|y'?all)|an agent|your agent)\b|"
                           r"\b(?:i|we)(?:'?d| would) (?:like|love)\b|"
                           r"\b(?:i|we) (?:need|want|wanna)\b")
"""A request in so many words, for the visit the message names."""
_G_DROPPED = re.compile(r"(?<=[a-z]{2})in'(?=\s|$|[.,?!])")
"""A word said without its g ("callin'", "somethin'", "seein'")."""
_GONE = re.compile(r"\b(?:sold|traded(?: in)?|totaled|wrecked|got rid of) (?:the|my|our|it|that|his|her)\b")
"""The car (or home) the booking was for is gone: "we sold the Explorer last weekend"."""
_NEW_TOO = re.compile(r"\b(?:also(?!,? (?:(?:uh|um),? )?(?:where|what|how|when|which|who|why|"
                      r"do (?:you|y'?all|ya)|does|is there|are (?:you|y'?all)|can you tell)\b)|"
                      r"(?<!come )(?<!coming )(?<!along )(?<!tag )too(?! (?:good|well|bad|much|"
                      r"many|long|far|late|early|busy|big|small|old|young|hot|cold|high|low|soon|expensive|loud|"
                      r"fast)\b)|"
                      # (not "we put an offer on another place": no other visit)
                      r"as well|another(?! (?:place|house|home|agent|realtor|company|dealer\w*|shop|town|"
                      r"city|buyer|offer|car|truck|job|state|number|phone)\b)|"
                      # (not "two houses we're seeing … the second one, the eleven o'clock": of the two)
                      r"(?<![-\s]twenty-)(?<!twenty )(?<!thirty-)(?<!thirty )(?<!the )second|add|"
                      # "could we tack that one on right after?": one more, after the one on file
                      r"tack(?:ed|ing)? (?:(?:that|this|it|one|another|them)\s+){0,2}on|"
                      r"in addition|while i(?:'ve)? (?:got|have) (?:you|ya)|"
                      r"while (?:it'?s|i'?m) (?:in|there))\b")
"""A further booking, beside the one on file ("can y'all do the tires too while it's in?"); not "and
also where is your office at", a question."""
_RIDE = re.compile(r"\b(?:run|drive|take|drop|give) (?:me|us|her|him) (?:to|a ride|home|back|over)\b|"
                   r"\b(?:shuttle|loaner|ride)\b")
"""A ride asked for while the car is in ("can somebody run me to work while it's in there")."""
_CANCEL = re.compile(
    r"\b(?:cancel\w*|scrap|call (?:it|that) off|take (?:me|us|him|her|it|that|them) off|"
    r"take off (?:the|that|my)|" + _DROP +
    r"|off the (?:schedule|books|calendar)|no (?:point|sense|need)\b|"
    r"(?:don'?t|do not|won'?t|will not|not gonna|not going to) (?:really )?(?:be )?(?:need|want)(?:ing)? "
    r"(?:it|that|them)\b|" + _NOT_NEEDED_DAY + ")")
_SOONER = (r"(?:anything|something|any(?:thing)? time|any (?:openings?|spots?|slots?)|"
           # ("is there any way to do it sooner?", "could y'all have somebody out earlier")
           r"(?:do|have|move|make|get) (?:it|that|this|them|somebody out|someone out|(?:him|her) out)|"
           r"get (?:me|us|it|him|her) in|come in|bring (?:it|her|him) in|see (?:it|the \w+)) "
           r"(?:a (?:little|bit|tad) )?(?:sooner|earlier)(?! than (?:that|those|them))")
SOONER = re.compile(rf"\b{_SOONER}\b")
"""An earlier time than the booking's asked for ("I'm on your schedule for a brake check, a week
from Tuesday … anything sooner?"): a move, to the soonest openings."""
_MOVE_ASKED = (r"instead|move|push|bump|slide|reschedul\w*|switch|" + _SOONER + "|"
               # "could the eleven o'clock one go to two?"
               r"go to (?=(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon)\b|"
               r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b)|"

               # "could we do same time a week later?", "an hour later", "the day after"
               r"(?:a|one) week later|the (?:day|\w+day) after|"
               r"(?:(?:an|one|two|half an) hours?|(?:\d+|ten|fifteen|twenty|thirty|forty[- ]five) minutes) "
               r"(?:later|earlier)|"
               r"(?:can|could) (?:we|you|y'?all|i) (?:just )?(?:do|make it)|"
               r"(?:we|you|y'?all|i) (?:can|could) do|"
               # "could we just do next week, same time?"
               r"(?:next|following) week,? same (?:time|day)|same (?:time|day),? (?:next|the following) week|"
               r"no way (?:i'?m|we'?re) mak\w*|running (?:late|behind)|(?:won'?t|can'?t|not gonna) make|"
               # "Saturday I can't … Can be Monday? Same hour": said with few words
               r"(?:can|could) (?:it |that |this )?be (?:on |for )?(?:the )?"
               r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
               r"(?:mon|tues|wednes|thurs|fri|satur|sun)day,? i can'?t|same (?:hour|time),? (?:on|but|just)?")
"""Words that ask for another time in so many words ("could y'all do Friday instead?")."""
_MOVE_VERB = re.compile(rf"\b(?:{_MOVE_ASKED})\b")
_MOVE = re.compile(rf"\b(?:{_MOVE_ASKED}|earlier|"
                   # ("a test drive … later that afternoon": when it is, not a move; "keep it friday
                   # but later in the day" is one)
                   r"later(?! (?:that|this) (?:morning|afternoon|evening|day))|sooner|"
                   r"change (?:it|that|the (?:day|time|date))|"
                   r"(?<!on )different|another (?:day|time)|anything (?:open|available)|"
                   r"(?:can|could) (?:we|you|y'?all|i) get|stuck|(?:get|be) (?:moved|pushed|bumped|switched|"
                   r"changed|rescheduled)|"
                   # "my inspection's Thursday at three thirty but I'd rather get it done first thing"
                   r"(?:i'?d|we'?d|i would|we would) rather (?:\w+ ){0,4}?(?:first thing|in the (?:morning|"
                   r"afternoon|evening)|whenever you open|when you open|at opening|earlier|later|"
                   r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|at \w+))\b")
"""Words that ask for a move, or say why the time cannot stand."""
_ASKS_WHEN = re.compile(r"\b(?:remember|forgot|when'?s|when is|what time|what day|is it|is that|which is it|"
                        r"(?:is|isn'?t) " + _OWN_VISIT + "|"
                        r"was (?:it|that)|wrote|write (?:it |that |the \w+ )?down|"
                        r"what'?d (?:i|we|he|she) (?:pick|choose|say|book|get|go with)|"
                        r"i think it'?s|he said|she said|"
                        # ("a brake check", "the safety check": the work, not a check of the day)
                        r"(?<!brake )(?<!brakes )(?<!safety )(?<!tire )(?<!fluid )(?<!a )(?<!the )"
                        r"check(?!\w| engine| (?:the )?(?:brakes?|tires?|oil|battery|noise|light|fluids?|"
                        r"it out|out))|"
                        r"still on|make sure|confirm\w*|double.?check|"
                        # "… so, can you tell me when it is?"
                        r"(?:tell me|know|find out|remind me) (?:when|what (?:day|time)) "
                        r"(?:it|that|the \w+)|"
                        # "I honestly forget which day I said. can you look it up?"
                        r"which (?:day|time)|look (?:it|that|me) up|pull (?:it|that|me) up)\b")
"""Asking when the booking is: a day said with it is a guess at it ("can't remember if it's
Friday or Saturday"), not a new day, unless a move is asked in so many words."""


NOT_KNOWN_YET = re.compile(
    r"\b(?:don'?t|do not|won'?t|will not) (?:really )?know (?:my|our|his|her|the) (?:\w+ )?"
    r"(?:schedule|shifts?|"
    r"hours|availability|plans)(?: (?:yet|till|until))?\b|\b(?:we'?ll|we will|we can) (?:figure|work|sort) "
    r"(?:it|that|something|the rest) out\b")
"""The new time not known yet ("I don't know my schedule yet", "and we'll figure it out")."""


def cancels_one(said: str) -> bool:
    """A cancel told in so many words of a booking named ("cancel the Friday buyer meeting")."""
    return _CANCEL_NAMED.search(said) is not None


_CANCEL_NAMED = re.compile(r"\b(?:cancel|call off|scrap|drop)\b (?:the|my|our|his|her|that) (?:[\w-]+ ){0,3}?"
                           r"(?:appointment|appt|meeting|consultation|showing|valuation|test drive|"
                           r"oil change|"
                           r"rotation|inspection|detail\w*|one|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b")


SWAPPED_FOR = re.compile(r"\binstead of (?:the|my|our|that|his|her) [\w' -]{2,40}?"
                         r"(?=[,.?!]|\s+(?:could|can|would|we|i|let'?s|do|book|have|get)\b)")
"""A booking on file given up for another kind of visit ("instead of the buying meeting, could
somebody come out and price our house?")."""


def about_booking(u: Understanding, booked: Sequence[Booked], today: date,
                  profile: BusinessProfile) -> tuple[str, Booked] | None:
    """The act on a booking on file this message is ("cancel", "reschedule" or
    "lookup_appointment"), and which booking, when the message speaks of one; else None."""
    # "callin' about", "we're seein' a house"; "hes got a showin" as "he's got"
    said = _G_DROPPED.sub("ing", normalise(u.text).lower)
    new_too = _NEW_TOO.search(said)
    if new_too and new_too.group(0) == "too" and re.search(r"\b(?:open|available|free)\b[^.?!,]{0,20}$",
                                                            said[: new_too.start()]):
        new_too = None  # "the house is open tomorrow too and I'd rather see it sooner": of the house
    if new_too and new_too.group(0).startswith("while") and _RIDE.search(said):
        new_too = None  # "… is that still on? and can somebody run me to work while it's in there": a ride
    if new_too and (moved := _MOVE_VERB.search(said)) and moved.start() < new_too.start():
        new_too = None  # "… can we do that same time next week instead and … do the inspection with it
        # while its there": the booking moved, and more work for it
    if new_too or (NEW_BOOKING_ASKED.search(said) and not re.search(
            # "i got the battery replacement set for tomorrow … can yall get me in today instead":
            # the booking asked is this one, sooner
            r"\b(?:get|fit|squeeze|work) (?:me|us|him|her|it) in\b[^.?!]{0,30}\binstead\b", said)):
        return None
    # ("I'm driving the white Tesla with you guys Thursday at six", "I'm down for a showing
    # Thursday at five": a booking told as the caller's plan)
    already = _ALREADY.search(said) is not None or STATES_OWN.search(said) is not None
    # "I had one set up for Saturday but we sold the Explorer": why it cannot stand, said of one
    strong = _STRONG.search(said) is not None or (already and (
        CONFLICT.search(said) is not None or re.search(NO_LONGER_NEEDED, said) is not None
        or _GONE.search(said) is not None
        # "i set up a meeting … the dog ate the sticky note, what day was that": asked of it
        or re.search(r"\bwhat (?:day|time)\b|\bwhen (?:is|was) (?:it|that)\b", said) is not None))
    if not (strong or already):
        return None
    best: tuple[int, Booked] | None = None
    each = 0
    for b in booked:
        named = _facts_named(u, said, b, today, profile)
        each += bool(named)
        if named and (best is None or named > best[0]):
            best = (named, b)
    if each > 1 and (_SEVERAL.search(said) or each == len(booked)) and not (
            _MOVE.search(said) or _CANCEL.search(said) or CONFLICT.search(said)):
        # "my husband set a couple things up with y'all, a consultation tomorrow evening and then
        # a showing Thursday at five": both told, neither changed yet
        return "lookup_appointment", booked[0]
    if best is None and strong and booked and _CANCEL.search(NOT_CANCELLED.sub(" ", said)) and not (
            u.services or u.appointment_type):
        # "I've got two things booked with you this week and I only need to get rid of one of
        # them": one of the bookings on file goes; which one is asked
        return "cancel", booked[0]
    if (best is None or (best[0] < 2 and not strong)) and len(booked) > 1 and _SEVERAL.search(said) and not (
            u.services or u.appointment_type):
        return "lookup_appointment", booked[0]  # "I think I've got two appointments with y'all next week"
    if best is None or (best[0] < 2 and not strong and not (already and (len(booked) == 1 or each == 1))
                        and not (each == 1 and _STAYS.search(said))):
        # ("i already got a oil change set up with yall": the one on file; "when's the Tahoe thing
        # again?": the one of two its car names; "and the noon one stays put": its hour)
        return None
    b = best[1]
    if _CANCEL.search(NOT_CANCELLED.sub(" ", said)) or re.search(NO_LONGER_NEEDED, said):
        return "cancel", b
    if (swap := SWAPPED_FOR.search(said)) and ASKS_A_VISIT.search(said, swap.end()) and (
            (u.appointment_type not in {None, b.appointment_type}) or set(u.services) - {b.service_type}):
        return "cancel", b  # "so instead of the buying meeting, could somebody come out and price our house"
    kinds, work = {x.appointment_type for x in booked}, {x.service_type for x in booked}
    if not re.search(r"\binstead\b", said) and ASKS_A_VISIT.search(said) and (
            (u.appointment_type is not None and u.appointment_type not in kinds) or set(u.services) - work):
        # "we've got a showing Saturday at one — could we sit down with an agent before that, at
        # noon?", "the oil change Saturday's fine, but my inspection … could I do that one
        # Monday?": another visit, beside the one on file
        return None
    day, at = date.fromisoformat(b.scheduled_date), time.fromisoformat(b.scheduled_time)
    # ("the Tuesday one I'll keep", of next week's Tuesday: its own weekday, not this week's)
    its_weekday = u.date is not None and u.date.weekday() == day.weekday() and re.search(
        rf"\b{WEEKDAYS[day.weekday()]}s?\b", said) is not None
    # ("a showing set up … this week?": the week it falls in, no day of its own)
    its_week = u.date is not None and re.search(r"\bthis week\b", said) is not None and not re.search(
        r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\btomorrow\b|\btoday\b", said) and (
        (day - today).days < 7 and day.weekday() >= today.weekday())
    elsewhere = (u.date is not None and u.date != day and not its_weekday and not its_week) or (
        u.time is not None and u.time != at)
    if CALL_ME.search(said) and (NOT_KNOWN_YET.search(said) or not (
            strong or _MOVE_VERB.search(said) or CONFLICT.search(said) or _ASKS_WHEN.search(said))):
        # "we're seeing that house Friday afternoon … could Jordan give me a call before then?
        # tomorrow morning's good": the call is asked; the booking stands, the day is the call's
        # ("I think I'm gonna need to move it, but I don't know my schedule yet … give me a call
        # back Thursday afternoon and we'll figure it out": the move waits for the call)
        return None
    if LATE_FOR_IT.search(said) and not (
            elsewhere or _MOVE_VERB.search(LATE_FOR_IT.sub(" ", said)) or NEW_TIME_ASKED.search(said)):
        return "lookup_appointment", b  # "we're running late for our showing, will she wait?": it stands
    if STILL_ON.search(said) and not _MOVE_VERB.search(said) and not CONFLICT.search(said):
        return "lookup_appointment", b  # "… Friday, at five-thirty? Just making sure I have it right"
    if _ASKS_WHEN.search(said) and not _MOVE_VERB.search(said) and not (elsewhere and CONFLICT.search(said)):
        return "lookup_appointment", b  # "I wrote eleven, my wife swears it's earlier. which is it?"
    if _MOVE.search(KEEPS_IT.sub(" ", said)) or CONFLICT.search(said) or elsewhere:
        return "reschedule", b  # (not "… and I don't want to change that, that's fine")
    return "lookup_appointment", b


_TODAY = re.compile(r"\b(?:today|this (?:morning|afternoon|evening))\b")
_GENERIC = {"change", "check", "repair", "replacement", "service", "appointment"}


def _its_word(said: str, b: Booked, profile: BusinessProfile) -> bool:
    """The booking named by a word of its own ("the inspection", "the rotation", "the detail")."""
    service = profile.service(b.service_type) if b.service_type else None
    kind = profile.appointment_type(b.appointment_type)
    names = [service.name] if service else [kind.label] if kind and b.appointment_type != "service" else []
    words = {w for name in names for w in name.lower().split() if len(w) >= 6 and w not in _GENERIC}
    return any(word_pattern(w[:6], r"\w*").search(said) for w in words)


def _facts_named(u: Understanding, said: str, b: Booked, today: date, profile: BusinessProfile) -> int:
    """How many of the booking's facts the message names: what it is, its day, its time."""
    day, at = date.fromisoformat(b.scheduled_date), time.fromisoformat(b.scheduled_time)
    what = (b.service_type is not None and b.service_type in u.services) or _its_word(said, b, profile) or (
        u.appointment_type is not None and u.appointment_type == b.appointment_type
        and (b.appointment_type != "service" or not u.services)) or (
        # "when's the Tahoe thing again?": the booking for that car
        u.vehicle is not None and u.vehicle.model is not None and b.vehicle is not None
        and u.vehicle.model.lower() in b.vehicle.lower())
    when = u.date == day or (
        "tomorrow" in said and day == today + timedelta(days=1)) or (
        _TODAY.search(said) is not None and day == today) or (
        # ("monday", said of the booking a week on Monday: the caller's own word for its day)
        0 <= (day - today).days <= 13 and re.search(rf"\b{WEEKDAYS[day.weekday()]}s?\b", said) is not None)
    hour = u.time == at or re.search(rf"\b{at.hour % 12 or 12}(?::{at.minute:02d})?\b",
                                     normalise(u.text).numeric) is not None
    return int(what) + int(when) + int(hour)


_WE = r"(?:we'?re|i'?m|we are|i am)"
_KINDS = (r"(?:appointment|appt|detail(?:ing)?|oil change|oil|tire rotation|inspection|brake \w+|battery \w+|"
          r"showing|consultation|test drive|valuation)")
_TOLD_AS_PLAN = (
    # "we're already seeing a house with your agent Monday at four"
    rf"\b{_WE} (?:already )?(?:seeing|touring|looking at) (?:a|the|that) (?:\w+ ){{0,2}}?"
    r"(?:house|home|place)\b"
    r"[^.?!]{0,20}\bwith (?:your|one of your|y'?all'?s) (?:agents?|realtors?|guys?|people|team)\b|"
    # "I'm down for a showing Thursday at five", "we're booked for the consultation"
    rf"\b(?:{_WE}|(?:he|she)(?:'s| is)) (?:already |all )?(?:down|booked|scheduled|set|signed up|"
    rf"on the (?:books|calendar)) for (?:an? |the |my |our )?(?:\w+ )?{_KINDS}\b|"
    # "I'm coming in Saturday for the oil change anyway", "my husband's bringing his Ram in
    # tomorrow morning for the oil, that's already set"
    rf"\b(?:{_WE}|(?:he|she)(?:'s| is)|my \w+(?:'s| is)) (?:already |gonna be |going to be )?"
    r"(?:coming in|bringing (?:it|(?:the|my|his|her|our) \w+) in|"
    r"dropping (?:it|(?:the|my|his|her|our) \w+) off)"
    r"\b[^.?!]{0,40}\bfor (?:the|an?|my|his|her|our|its) (?:\w+ )?(?:oil|detail|inspection|rotation|brake|"
    r"battery|recall|appointment|service|diagnostic)\w*|"
    # "I've got the Rogue coming in Wednesday at ten for the inspection sticker"
    r"\b(?:i|we)(?:'ve| have)? (?:got|have) (?:the |my |our |his |her )?(?:\w+ ){0,2}?coming in "
    r"(?:on |this |next )?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|the \d)|"
    # "my Escape's coming in Wednesday at eight for that check engine light"
    r"\b(?:my|our|his|her) \w+(?:'s| is) (?:already )?coming in (?:on |this |next )?"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|the \d)|"
    # "I'm driving the white Tesla with you guys Thursday at six"
    rf"\b{_WE} (?:already )?(?:test )?driving (?:the|that|a) (?:\w+ ){{1,3}}?with (?:you|y'?all)\b|"
    # "your agent's coming to look at our house on the nineteenth"
    r"\byour (?:agent|guy|person|realtor|team|appraiser)(?:'s| is) (?:already )?coming\b|"
    # "I've already got an agent coming out next Thursday at eleven to look at my house"
    r"\b(?:i|we)(?:'ve| have)? (?:already )?(?:got|have) (?:an?|your|one of your) (?:agent|realtor|appraiser|"
    r"person) (?:coming|scheduled|booked)\b")
"""A booking on file told as the caller's plan, not asked for."""


STATES_OWN = re.compile(r"\b(?:i|we)(?:'ve| have| had)? (?:already |just )?(?:got|have|had) "
                         r"(?:the |my |our |an? )?"
                         r"(?:(?:car|truck|van|suv|jeep|it) (?:in |booked |down )?for (?:an? |the |my )?)?"
                         r"(?:appointment|appt|detail(?:ing)?|oil change|tire rotation|inspection|"
                         r"brake \w+|battery \w+|showing|consultation|test drive|valuation|"
                         r"listing appointment)\b"
                         r"[^.?!]{0,40}\b(?:on|for|this|next|tomorrow|today|(?:mon|tues|wednes|thurs|fri|satur|"
                         r"sun)day)\b|"
                         # "I booked the Highlander in for a detail and wrote it on my hand": booked already
                         r"\b(?:i|we) (?:already )?(?:booked|scheduled|set up|made) (?:the |my |our |an? )?"
                         r"(?:\w+ ){0,2}?(?:in )?for (?:an? |the |my )?(?:appointment|detail(?:ing)?|"
                         r"oil change|"
                         r"tire rotation|inspection|brake \w+|battery \w+|showing|consultation|test drive|"
                         r"valuation)\b|"
                         # "my inspection's on the first", "our showing is set for Saturday"
                         r"\b(?:my|our) (?:\w+ )?(?:appointment|appt|detail(?:ing)?|oil change|tire rotation|"
                         r"inspection|brake \w+|battery \w+|showing|consultation|test drive|valuation)"
                         r"(?:'s| is) (?:already |still )?(?:on|set for|booked for|scheduled for|for "
                         r"(?:this|next|tomorrow|(?:mon|tues|wednes|thurs|fri|satur|sun)day)|"
                         # "my inspection's Thursday at three thirty but I'd rather …"
                         r"(?:this |next )?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow)"
                         r"(?: at)?)\b|"
                         # "I've got my Civic booked with you Friday at eight"
                         r"\b(?:i|we)(?:'ve| have)? (?:got|have) (?:the |my |our |an? )?(?:\w+ ){0,2}?"
                         r"(?:booked|scheduled)\b|"
                         # "we're seeing a house with y'all Saturday at eleven"
                         r"\b(?:we'?re|i'?m|we are|i am) (?:already )?(?:seeing|touring|looking at) "
                         r"(?:a|the|that) (?:\w+ ){0,2}?(?:house|home|place)\b[^.?!]{0,20}\bwith "
                         r"(?:y'?all|you)\b|"
                         + _TOLD_AS_PLAN + "|"
                         # "I think I've got like three different things on the calendar with you guys?"
                         + SEVERAL_ASKED)
"""The caller says they have a booking ("I've got the car in for a detail on wednesday")."""


def asks_of_own(a: Understanding) -> bool:
    """A question asked of the caller's own booking, said with it ("… which is it?", "I think
    I've got like three different things on the calendar with you guys right now?")."""
    return a.is_question and a.intent in {"identity", "faq", "repeat"} and (
        len(a.text.split()) <= 5 or STATES_OWN.search(a.text.lower()) is not None)
_ANOTHER_DAY = re.compile(r"\b(?:get (?:me|us|it|her|him) in|instead|sooner|earlier|move|switch|change|bump|"
                          r"push|can (?:you|y'?all|we) (?:do|take))\b")
"""Words that ask for another day for the same visit ("can you get me in today")."""
_TO_SEE = re.compile(r"\b(?:i'?d|we'?d|i would|we would) (?:like|love|want) to (?:go )?"
                     r"(?:see|tour|look at)\b")
_SAME_DAY = re.compile(r"\bright (?:after|before)\b|\b(?:that|the) same (?:day|morning|afternoon|evening)\b|"
                       r"\bthat (?:day|morning|afternoon|evening)\b(?! (?:before|after)\b)|"
                       # "while I'm sitting there anyway, could I take that green Outback out?"
                       r"\bwhile (?:i'?m|we'?re|i am|we are) (?:sitting |waiting |stuck )?"
                       r"(?:there|in the lounge|"
                       r"waiting)\b")
_SAME_VISIT = re.compile(r"\b(?:while|since|as long as) (?:it'?s|its|it is|the \w+(?:'s| is)) "
                         r"(?:in|there|in there|in the shop)\b|\bsame (?:visit|trip|drop-?off)\b")
"""The new work done at the visit on file, its day and hour ("since it's in there, could you …")."""
_ONE_MORE = re.compile(r"\b(?:also|another|too|as well|second|new one|one more)\b")


def beside_the_one_on_file(whole: Understanding, on_file: list[Understanding], others: list[Understanding],
                           profile: BusinessProfile) -> None:
    """A new visit asked in sentences beside the one that tells of a booking on file: "I've got a
    showing on the 21st at ten, and … another listing I'd like to see too" (the day and hour are
    the one on file's, not the new visit's); "we've got the consultation Tuesday at ten, and we saw
    a three-bed … that we'd love to go see right after. like eleven?" (a showing, that day)."""
    # (what its own sentence says after the booking told, "… at ten, and we saw …", counts too)
    said = [r.text.lower() for r in others] + [_after_own(r.text.lower()) for r in on_file]
    same_day = any(_SAME_DAY.search(text) for text in said)
    # the day and hour the new visit is asked for are its own sentences', not the one on file's
    # ("I'm seeing a house with y'all Friday at noon … could I sit down with an agent first? like
    # eleven that same day?": Friday at eleven)
    asked_day = next((r.date for r in reversed(others) if r.date), None)
    same_visit = any(_SAME_VISIT.search(text) for text in said)
    told_day = next((r.date for r in on_file if r.date), None)
    whole.date = asked_day or (told_day if same_day or same_visit else None)
    whole.time = next((r.time for r in reversed(others) if r.time), None) or (
        next((r.time for r in on_file if r.time), None) if same_visit and not asked_day else None)
    if kind := next((r.appointment_type for r in reversed(others) if r.appointment_type), None):
        whole.appointment_type = kind  # "… we'd like to talk about buying as well": the kind said
        if kind != "service":  # ("… could I drive one of your Outbacks?": none of the visit's oil change)
            whole.services = [s for r in others for s in r.services]
    elif profile.kind == "real_estate" and any(_TO_SEE.search(text) for text in said):
        whole.appointment_type = "property_showing"
    elif profile.kind == "real_estate" and any(
            _TO_MEET.search(text) for text in said) and any(_BUYING.search(r.text.lower()) for r in others):
        # "… an agent coming out Thursday to look at my house. … I'd like to sit down about buying too":
        # a buyer's meeting beside the listing visit
        whole.appointment_type = "buyer_consultation"


_TO_MEET = re.compile(r"\b(?:sit down|meet|talk\w*|come in(?:to the office)?|come by the office)\b")
_BUYING = re.compile(r"\b(?:buy\w*|bought|purchas\w*|first[- ]time)\b")


def _after_own(text: str) -> str:
    """The words after the booking on file is told ("… at ten, and we saw a three-bed …")."""
    if (on_file := STATES_OWN.search(text)) is None:
        return ""
    after = re.compile(r"\b(?:and|but|so)\b|[,.;!?]").search(text, on_file.start())
    return text[after.start():] if after else ""


def new_visit_asked(whole: Understanding, text: str, profile: BusinessProfile, today: date) -> None:
    """"I already got a consultation friday at one and I wanted to see if I could also see a house
    saturday morning": the new visit is the kind, day and hour asked for, not those on file."""
    if whole.intent != "book" or (on_file := STATES_OWN.search(text.lower())) is None:
        return
    # (the booking on file is told up to the next "and": "… friday at one and um …")
    after = re.compile(r"\b(?:and|but|so)\b|[,.;!?]").search(text.lower(), on_file.end())
    end = after.start() if after else len(text)
    rest = normalise(f"{text[: on_file.start()]} {text[end:]}")
    owned = normalise(text[on_file.start(): end])
    kind = ex.extract_appointment_type(rest, profile) or (
        # "… and we saw a three-bed on Elm online that we'd love to go see right after": a showing
        "property_showing" if profile.kind == "real_estate" and _TO_SEE.search(rest.lower) else None)
    if kind in {
            None, ex.extract_appointment_type(owned, profile)}:
        if (had := when.extract_date(owned, today)) is not None and whole.date not in {None, had} and not (
                _ONE_MORE.search(rest.lower) or set(ex.extract_services(rest, profile))
                - set(ex.extract_services(owned, profile))) and _ANOTHER_DAY.search(rest.lower):
            # "i have a battery replacement on friday but … can you get me in today": that one, moved
            whole.intent = "reschedule"
        return
    whole.appointment_type = kind
    if (day := when.extract_date(rest, today) or (
            when.extract_date(owned, today) if _SAME_DAY.search(rest.lower) else None)) and day != whole.date:
        whole.date, whole.time = day, clock.extract_time(rest)
        whole.time_of_day, whole.window = clock.extract_time_of_day(rest), clock.extract_window(rest)
    elif (at := clock.extract_time(rest)) is not None and at != whole.time and clock.extract_time(owned):
        # "the sit down Wednesday at one … could we also see a house that same afternoon, say
        # two thirty": that day, the hour asked for the new one
        whole.time, whole.window = at, clock.extract_window(rest)


VISIT_NOT_NEEDED = re.compile(
    r"\b(?:we|i|he|she|they)(?:'ve| have| just| already)* (?:found|bought|went with|picked|chose|signed with|"
    r"closed on|got) (?:a|an|another|one|our|the|a different|someone|somebody|something)\b(?! (?:question|"
    r"quick question|minute|sec|second))|"
    r"\b(?:don'?t|do not|no longer|won'?t) need (?:it|that|one|the \w+|to come in|to come)"
    r"(?: anymore| any more)?\b|"
    r"\b(?:already )?(?:sold|fixed|traded in|got rid of) (?:it|the (?:car|truck|house|home|place))\b|"
    r"\b(?:got|had) (?:it|that) (?:fixed|done|taken care of|handled) (?:already|elsewhere|somewhere else)\b")
"""Why a visit on file is not needed any more ("we found a house through a friend, so we're
good"), said to the question whether to cancel it: a yes."""
