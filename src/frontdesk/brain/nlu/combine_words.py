"""The words :func:`~frontdesk.brain.nlu.combine.combine` weighs when the rules' reading and the
classifier's disagree: a day refused, a visit asked, a call named, a cancel said plainly. Kept
apart so that the decisions in ``combine`` read as decisions."""

from __future__ import annotations

import re

from frontdesk.brain.nlu.cues import CALL_ME, MOVING, YOU_CALL_BACK, asks_hours
from frontdesk.brain.nlu.said import WANTS_NOT_TO
from frontdesk.brain.nlu.understanding import Understanding

WHY_NEEDED = re.compile(r"\bwhy (?:do|would|d'?) ?(?:you|y'all|ya) (?:guys )?(?:need|want)\b|"
                         r"\bwhat (?:do|would) you (?:need|want) (?:it|that|my \w+) for\b|"
                         # "and if you're gonna ask for a phone number, why?"
                         r"\b(?:number|name|email|address|info|information|details)\b[^.!]{0,16}\bwhy\s*\?")
""""why do you need my number?" asks what it is for."""
CONTACT_ASKED = re.compile(r"\b(?:(?:phone )?number|name|email|cell|phone)\b")
"""What a "why do you need it?" is about, when nothing was asked: a contact detail."""
PROPOSES = re.compile(r"\b(?:what about|how about|anything|any chance|is there|do you have|could (?:we|"
                       r"i) do|"
                       r"can (?:we|i) do|maybe|like|say|instead|later|earlier|after|before)\b")
A_DAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)day|tomorrow)"
DAY_REFUSED = re.compile(r"\b(?:can'?t|cannot|won'?t be able to|couldn'?t) (?:do|make)(?: it)?(?: on)?"
                          r"(?: this| that)? (?:" + A_DAY + r"|today|that day|then|the morning|"
                          r"the afternoon)\b|"
                          r"\b" + A_DAY + r"(?:'s| is| are)? "
                          r"(?:no good|not good|bad|out|a no|no go|not gonna work|won'?t work|"
                          r"doesn'?t work)\b")
"""A day the caller cannot come ("we can't do Saturday after all, the kids have games"): asked
for a day, a limit on the visit, not a wish to be called later."""
GO_ON = re.compile(r"^\W*(?:(?:sure|yeah|yes|yep|ok(?:ay)?|alright|uh|um|well)\W+)*(?:what(?:'ve|"
                    r" have)? (?:you|ya|y'?all) "
                    r"got|what'?s (?:up|this about|it about|this regarding)|what is it|what (?:do you|"
                    r"ya) want|"
                    r"go ahead|shoot|i'?m listening|make it quick)\b")
""""sure, what've you got?", "what's this about?" to "do you have a minute?": a yes."""
WAS_IT_ABOUT = re.compile(r"\b(?:was|is) (?:it|this|that) (?:about|regarding|for|on) "
                           r"(?:the |a |an |some |my |our )?|"
                           # "oh, is it the truck? that's really my husband's"
                           r"\b(?:is|was) (?:it|this|that) (?:the|my|our|his|her) (?:truck|car|suv|van|jeep|"
                           r"ride|vehicle|house|home|place|condo)\b"
                           r"(?! (?:still|you|y'?all|on the lot|for sale))")
"""A guess at what our call is about ("was it about houses in Cedar Park?")."""
DEMURS = re.compile(r"\b(?:no|nope|nah|not|don'?t|wait|hold on|hang on|actually|but|think|maybe|later|"
                     r"instead|change|wrong|cancel)\b")
"""A thanks that holds back ("thank you, no", "thanks, but…"): no yes to a read-back."""
VISIT = re.compile(r"\b(?:come (?:in|by|over|down|talk|meet|see)|stop by|swing by|sit down|"
                    r"meet (?:with|up))\b")
""""could I just come in and talk to someone today?": a visit, whatever else it asks."""
INSTEAD = re.compile(r"\b(?:instead|scratch that)\b")
""""can we do the inspection instead, same time?" asked mid-booking changes the booking under way."""


ASKS_YOU = re.compile(r"\b(?:are|do|does|can|could|will|would) (?:you|y'?all|ya|you guys)\b|"
                       r"\b(?:what|when|how|is there|is it)\b")
"""The words of a question, wherever in the clause ("two things real quick: are y'all open Saturdays")."""
ASKS_FOR_WORK = re.compile(
    r"\b(?:(?:(?:can|could|would|will) (?:i|we|you|y'?all|ya|you guys|somebody|someone|one of (?:you|y'?all|"
    r"your guys)|your (?:guys|techs?|mechanics?|people))|(?:you|y'?all|you guys) (?:can|could))"
    r" (?:please |also |maybe |just |possibly )?"
    r"(?:get|have|check|look at|take a look|put|book|squeeze|fit|schedule|bring|add|throw in|swap|replace|"
    r"change|rotate|inspect|detail|fix|clean)|(?:wondering|wonder|see) (?:if|whether) (?:i|we|you|y'?all) "
    r"(?:could|can|might)|is it possible to (?:get|have|do|book|bring))\b")
"""A request put as a question: the caller asks for the work, not about it (a learner's "you
can check the brake?" too)."""


BYE = re.compile(r"\b(?:bye|goodbye)\b")
NO_RESCHEDULE = re.compile(r"\b(?:don'?t|do not|won'?t) (?:want|need) to "
                            r"(?:re-?schedule|re-?book|move it)\b|"
                            r"\bno need to (?:re-?schedule|re-?book)\b|"
                            r"\bnot (?:re-?scheduling|re-?booking)\b")
"""No new time wanted: said with a cancel, the cancel is the request."""
JUST_CANCEL = re.compile(r"\b(?:just|only|go ahead and|rather|better) cancel\b|"
                          r"\bcancel (?:it|that|the whole thing)(?: (?:instead|altogether|then))?\b")
ASKS_TO_SEE = re.compile(r"\b(?:can|could|may) (?:we|i|my \w+ and i) "
                          r"(?:get in to |come (?:in |by |out )?(?:and |to )?|stop by (?:and |to )?|go )?"
                          r"(?:see|view|tour|visit|look at|check out|walk through|get inside|get in)\b|"
                          # "is anyone around to show me the Mueller townhouse today?"
                          r"\b(?:(?:is|are) (?:anyone|anybody|someone|somebody|one of you|an agent|"
                          r"any agents?) "
                          r"(?:around|available|there|free|in) to|(?:can|could) (?:anyone|anybody|someone|"
                          r"somebody|you|an agent|one of you)) (?:show|take) (?:me|us)\b")
"""A request to see a home, asked as a question: a booking, whatever else it mentions."""
MOVE_IT = re.compile(r"\b(?:move|push|bump|shift|slide|switch|reschedule|change) (?:it|that|this|the \w+)\b|"
                      r"\breschedule\b|\b(?:don'?t|do not) (?:really )?want to cancel\b|"
                      # "rather than cancelling, could we just do it saturday instead?"
                      r"\b(?:rather than|instead of) cancel\w*\b|"
                      r"\b(?:can|could) (?:we|i|you) (?:just )?(?:do|have|make) it [^.?!]{0,25}\binstead\b")
"""A wish to move the appointment, said while something else about it is being confirmed."""
MOVE_THEM = re.compile(r"\b(?:can|could|would|will) (?:you|y'?all|we|ya) (?:please |just |maybe )?"
                       r"(?:(?:bump|push|move|slide|shift|reschedule) "
                       r"(?:it|that|them|'?em|both|those|these|the|my|our|his|her|each)\b|"
                       # ("can y'all swap it out", "swap the battery": the work, not the bookings)
                       r"(?:switch|swap|flip) (?:it|that|them|'?em|both|those|these|each|the two|the times)\b"
                       r"(?! out\b))|"
                       # "could the battery be moved so it's right after the oil change?"
                       r"\b(?:can|could|would) (?:the|my|our|that|it|this|those|they|both)(?: [\w-]+){0,3}? "
                       r"(?:be|get) (?:moved|pushed|bumped|switched|rescheduled|swapped)\b")
"""A move asked of bookings on file ("can you bump both of them exactly one week?"), not a question."""
NEEDS_INFO = re.compile(r"\b(?:need|want|looking for|give me|tell me|send me|text me|get)\s+"
                         r"(?:your|the|y'?all'?s?)\s+"
                         r"(?:\w+\s+)?(?:address|hours|location|directions|phone number|number|website|"
                         r"email|fax)\b")
"""Information asked for as a statement ("I just need your address")."""
THANKS_ANYWAY = re.compile(r"\b(?:thanks|thank you|appreciate it) (?:anyway|anyways|though|all the same)\b")
"""A polite no to what was offered, and the end of the call ("so Austin area only? okay, no
worries, thanks anyway")."""
GOES_ON = re.compile(r"\b(?:i )?(?:might|may|will|'ll|gonna|going to) (?:go|talk|be|have to (?:go|be)) "
                      r"(?:fast|quick)\b|"
                      r"\bonly (?:have|got) (?:like |about )?(?:a few|a couple|\w+) minutes\b|"
                      r"\bmake (?:this|it) quick\b|\breal quick\b")
"""Short of time, and going on with the call anyway."""
ABOUT_TO_GO = re.compile(r"\b(?:about to|have to|gotta|got to|need to|just about to) "
                          r"(?:walk into|walk in to|head (?:into|out|to)|jump (?:on|into)|step into|go into|"
                          r"run into|get on|board)\b|"
                          r"\bwalking into (?:a|my|the) (?:meeting|appointment|class)\b|"
                          # "I'd like to talk to an agent, but I'm driving right now"
                          r"\b(?:i'?m|i am|we'?re|we are) (?:driving|behind the wheel|on the road)"
                          r"(?: right now| at the moment| rn)?\b(?! (?:to|over|down|up|out)\b)")
"""The caller is leaving the phone in a moment: a person later, not a transfer now."""
WANTS_CHANGE = re.compile(r"\b(?:re-?schedul\w*|"
                           # (not "my wife moved the calendar": where it was written down)
                           r"(?!mov\w* (?:the|my|our|her|his) (?:calendar|planner|stuff|things|furniture|"
                           r"notes?)\b)"
                           + MOVING + r"|push|bump|slide|switch|(?<!oil )change|"
                           r"another (?:day|time)|(?<!on )different (?:day|time)(?!s)|instead|sooner|earlier|"
                           r"make it (?:later|earlier)|slide|shift|rearrange|rebook|"
                           # "i cant do eight anymore … so can we make it ten thirty"
                           r"make it (?:at |for )?(?:like )?(?:\d|one|two|three|four|five|six|seven|eight|"
                           r"nine|ten|eleven|twelve|noon)|can'?t do (?:\w+ ){0,3}?(?:anymore|no more))")
"""A wish to have a booking at another time (not "I'm booked for Friday", which only says it is)."""


BOOK_IT = re.compile(r"^\W*(?:(?:ok(?:ay)?|so|well|then|yeah)\W+)*(?:can|could|would|will) "
                      r"(?:we|you|y'?all|you guys|i) (?:just |go ahead and |maybe )?"
                      r"(?:set (?:it|that|me|us|[\w-]+(?: [\w-]+){0,2}) up|book (?:it|me|us|that)|"
                      r"put (?:me|us|it) (?:down|in)|get (?:me|us|it) (?:in|on the books|scheduled)|"
                      r"schedule (?:it|me|us|that))\b"
                      r"(?: (?:then|now|for (?:me|us|him|her|them|my \w+)))?\W*$")
"""A booking asked in a question of its own ("can we just set it up?")."""
SPELLS_A_WORD = re.compile(r"(?<![\w'])(?:[a-z][- ]){2,}[a-z]\b|\bwith an? [a-z]\b(?! (?:\w{2,}))")
"""A word spelled out ("k r i s t i n, i n at the end", "Katherine with a K"): a name put right,
never a wrong number."""


UNDER_NAME = re.compile(r"\b(?:put|book|make|have|change|switch) (?:it|that|this|the \w+) (?:under|in|to) "
                         r"(?:my|his|her|our|their|[a-z]+'s) (?:[a-z-]+'?s? )?name\b")
"""The name a booking goes under, asked as a question ("can you put it under my mom's name?")."""
ONES_OWN_AGENT = re.compile(r"\b(?:for|from|to give|to bring) (?:my|our|his|her|their) (?:own )?"
                             r"(?:agent|realtor|rep|representative)\b|"
                             r"\b(?:my|our) (?:agent|realtor) (?:said|told|says|sent|wants|has|had|is|was)\b")
"""The caller's own agent, named as someone they deal with, not a person asked for."""


def names_a_call(text: str) -> bool:
    """The caller speaks of a call ("call me back", "ring me"): a wish to be called, not the visit."""
    return bool(CALL_ME.search(text) or re.search(r"\b(?:call|ring)\b", text))


AGREES_IN_PASSING = re.compile(
    r"(?:^|[.!?,;—-]\s*)(?:oh\W+)?(?:yeah|yes|yep|yup|sure|uh-?huh|mm-?hm+)\b"
    r"(?![^.?!]{0,30}\b(?:but|busy|not|n't|driving|meeting|work)\b)|"
    # "I'm probably overdue": the reason we call, agreed with
    r"\b(?:i'?m|we'?re|it'?s) (?:probably |definitely |way |long )?(?:over ?due|due)\b|"
    r"\b(?:about time|been meaning to)\b")
"""Agreement said in passing to our reason for calling ("Oh, Riverside. Yeah, I'm probably overdue")."""
CAN_YOU_DO_WHEN = re.compile(
    r"\b(?:can|could) (?:you|y'?all|ya|you guys|we) (?:do|fit me in|get me in|squeeze me in)"
    r"(?: (?:it|that|me|us))? (?:on |at |for |this |next |tomorrow|today|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d|the \d)|"
    # "can I drop it off first thing instead, like eight when y'all open"
    r"\b(?:can|could) (?:i|we) (?:drop (?:it|her|him|the \w+) off|bring (?:it|her|him|the \w+) (?:in|by)|"
    r"come (?:in|by)) (?:\w+ ){0,3}?(?:instead|first thing|at \d|on \w+day|tomorrow|today)\b|"
    # "I can't do weekdays … what about Saturday? not today, next Saturday": a day put forward
    r"\b(?:what|how) about (?:this |next |the )?(?:monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday|tomorrow|\d)")
"""A day or time asked for ("can y'all do Tuesday at nine?"), not a service ("can you do brakes?")."""


NO_NEW_DAY = re.compile(r"\b(?:no need to|don'?t (?:need|want|wanna) to|not gonna|won'?t (?:be )?|"
                         r"not going to|(?:i'?m|we'?re) not|no|without) (?:re-?schedul(?:e|ing)|"
                         r"re-?book(?:ing)?|"
                         r"put (?:it|one) back on)\b")
"""A booking called off with no new day wanted ("no need to reschedule"): a cancel, not a move."""


ASKS_NOW = re.compile(r"\blet me (?:ask|check with) (?:my|our|the) \w+\b[^.?!]{0,60}?"
                       r"\b(?:hang on|hold on|one (?:sec|second|moment|minute)|"
                       r"(?:just )?a (?:sec|second|moment|minute)|real quick)\W*$")
"""The caller asks someone in the room, now ("let me ask my husband … hang on"): a pause."""
LATER_ON = re.compile(r"\b(?:later|earlier|sooner|move|push|bump|instead|next week|another day)\b")
CANCEL_SAID_PLAIN = re.compile(r"\bcancel\w*\b")
"""A booking kept in so many words ("don't cancel it or anything"), and a cancel asked elsewhere."""


MESSAGE_ASKED = re.compile(
    r"\b(?:have|get|ask|tell) (?:him|her|them|someone|somebody|an agent|the agent|"
    r"(?!me\b|us\b|you\b|it\b|that\b|this\b|the\b|a\b|to\b)[a-z]+)(?: from [\w' ]{1,25}?)? (?:to )?"
    r"(?:call|ring|phone|text) (?:me|us)\b|"
    r"\b(?:have|get|ask) (?:him|her|them|someone|somebody|(?!me\b|us\b|you\b|it\b|the\b|a\b|to\b)[a-z]+)"
    r"(?: from [\w' ]{1,25}?)? (?:to )?(?:give (?:me|us) a (?:call|ring|buzz)|get back to (?:me|us))\b|"
    # (not "… called me yesterday and didn't leave a message": the call we made)
    r"(?<!didn't )(?<!didnt )(?<!did not )(?<!never )(?<!without )(?<!n't even )"
    r"\bleave (?:a |him a |her a |them a )?message\b|"
    r"\b(?:don'?t|do not|no need to|you don'?t (?:have|need) to|no) (?:need to )?transfer me\b")
"""A message or a call back asked for, not a person now ("can you have Mike call me?", "can I
leave a message for Jordan?", "no need to transfer me, I'm driving … have him call me back")."""


_NAME_FILLER = re.compile(r"\b(?:yes|yeah|yep|um+|uh+|oh|ok|okay|it'?s|its|this is|i'?m|my name is|name'?s|"
                          r"sure|hi|hello|that'?s me|speaking)\b")


WHEN_IS = re.compile(r"(?i)\b(?:when(?:'s| is| was| are)|what (?:time|day)(?:'s| is| was| are| did))\b|"
                     # "can you just tell me what day and time I got"
                     r"\bwhat (?:day|time)(?: and (?:day|time))? (?:i|we|he|she)(?:'ve| have| has)? "
                     r"(?:got|have|had|booked|picked|am|'m|are|'re)\b|\btell me when (?:it|my|i|we|our)\b")
STILL_ON = re.compile(r"\b(?:check|make sure|confirm|verify) (?:that |if |whether )?(?:it'?s|it is|i'?m|i am|"
                      r"we'?re|we are|that'?s) still (?:on|booked|scheduled|there|good|set|down)\b")
"""A booking asked to be still on the books ("can you just check it's still on there?")."""
"""When a booking is, asked ("when is the appointment for the Tahoe?"): no new one."""


def said_only(text: str, name: str) -> bool:
    """The message is the name and nothing more (a filler or two aside)."""
    words = re.findall(r"[a-z']+", _NAME_FILLER.sub(" ", text.lower()))
    return bool(words) and words == re.findall(r"[a-z']+", name.lower())


LIVES_THERE = re.compile(r"\b(?:we'?re|i'?m|we are|i am|we live|i live|living|lives?|moved|moving|staying)"
                          r"(?: (?:up|down|over|out|back|still|already))* there\b|"
                          # "I'll find somebody up there", "I'll ask around down there"
                          r"\b(?:find|ask|look|try|get) (?:\w+ ){0,2}(?:up|down|over|out) there\b")
"""A place the caller lives or goes ("we're up there now", "I'll find somebody up there"), not a
check on the line."""
SOMEONE_TO_DRIVE = re.compile(r"\b(?:somebody|someone|one of (?:y'?all|you)|y'?all|you) "
                               r"(?:to |could |can )?(?:run|drive|take|give|pick) (?:me|us|him|her|them)\b"
                               r"(?! (?:through|a call))")
"""A ride asked for ("somebody to run me to work"), not a person to talk to."""
STOP_TALKING = re.compile(r"\W*(?:(?:ok(?:ay)?|wait|hey|no|sorry|please|hold on)\W+)*(?:stop\W*){1,3}"
                           r"(?:(?:please|a (?:sec|second|moment)|there|talking|for a sec(?:ond)?)\W*)*")
""""Stop.", "wait, stop", "stop stop": the caller cuts the agent off."""
LEAVING = re.compile(r"\b(?:bye|goodbye|take care|have a (?:good|great|nice)|that'?s (?:all|it|everything)|"
                      r"gotta go|got to go|talk (?:to you )?later|see ya|later|all set|nothing else|"
                      r"no thanks|thanks|thank you|cheers|appreciate)\b")
"""Words every goodbye has; without them the classifier's "goodbye" guess is not one."""


TALK_ABOUT_A_MOVE = re.compile(
    r"\b(?:talk|speak|sit down|meet|chat)(?:ing)? (?:to|with) (?:somebody|someone|(?:an |the )?agent|"
    r"a realtor|one of (?:your|y'?all'?s?|the) agents|you(?: guys)?|y'?all)(?: about (?:buying|selling|"
    r"listing|(?:a|our|my|the) (?:house|home|condo|place|options|process)|homes|houses)\b|"
    # "we want talk with agent, to understand how it works", "talking to someone would help us decide"
    r",? to (?:understand|learn|figure out|know more|see how|help us)\b|"
    r" (?:would|could|might|will|should) (?:really )?help\b)")
"""A meeting about the move asked for ("we're finally ready to talk to somebody about buying", "we
want talk with agent, to understand how it works"), not a person on the line now."""
IF_I_BOOKED = re.compile(r"\b(?:if|say|suppose|what if) (?:i|we) (?:booked|book|scheduled|schedule|made|make|"
                         r"came|come|brought|bring|set)\b")
"""A booking thought of, not one on file ("if I booked an oil change at five-thirty, would that work?")."""
TALK_IN_PERSON = re.compile(r"\b(?:talk|speak|sit down|meet|chat)(?:ing)? (?:to|with) (?:somebody|someone|"
                            r"an? (?:agent|realtor|person)|the agent)\b|\bin person\b")
"""Someone to talk to, said with a day and an hour ("I might as well talk to somebody. next Monday, the
28th? ten in the morning"): a meeting then, not a person on the line now."""
NOW_OR_A_PERSON = re.compile(r"\b(?:now|right away|transfer|connect|put me through|hold|real person|human|"
                             r"live (?:person|agent)|manager|supervisor|(?<!than )(?<!not )(?<!over )"
                             r"on the (?:phone|line))\b")
"""Words that ask for a person on this call."""
COST_FIRST = re.compile(r"\W*(?:(?:hi|hey|hello|good (?:morning|afternoon|evening)|so|um+|uh+)\W+)*"
                        r"(?:is there (?:a|any) (?:charge|fee|cost)|does (?:it|that) cost|"
                        r"how much (?:is|does|do|would)|do (?:you|y'?all) charge|"
                        r"what do (?:you|y'?all) charge)\b")
"""A message that opens with what something costs."""
COST_OF_TALKING = re.compile(r"\b(?:(?:must|have to|need to|got to|gotta|do i|do we|should i) (?:\w+ )?pay|"
                             r"(?:cost|costs|charge|charges|free|fee|fees|price)\b)")
"""A person or a meeting asked about only for what it costs ("to talk with an agent, I must
pay?", "is it free to talk to somebody?"), not asked for."""
IF_THEN_ASKS = re.compile(r"\W*(?:(?:and|so|but|oh|um+|uh+)\W+)*(?:if|when|say) (?:we|i)\b[^?.!]{0,60},\s*"
                          r"(?:is|are|does|do|will|would|can|could)\b[^?.!]*\?\s*$")
"""A question asked on a condition ("and if we call back in March, is the valuation still free?"):
what is asked, not a visit on the condition's day."""
AGENT_COMING = re.compile(r"(?i)\bagents? (?:is |'s |are )?(?:coming|booked|scheduled)\b")
"""Our agent's visit told ("we already have an agent coming by Friday"), no agent of their own."""


def meeting_asked(low: str, rule: str, model: str, lead_or_day: bool, day_and_hour: bool) -> bool:
    """Someone to talk to asked for as a meeting, not a person on the line now: about the move ("we're
    finally ready to talk to somebody about buying … could we come in Sunday?"), or with a day and an
    hour ("we'd like to talk to somebody in person … Tuesday late morning, say eleven?")."""
    about_the_move = rule == "escalation" and model != "escalation" and lead_or_day and bool(
        TALK_ABOUT_A_MOVE.search(low))
    then = "escalation" in {rule, model} and day_and_hour and bool(TALK_IN_PERSON.search(low)) and not (
        CALL_ME.search(low))
    return (about_the_move or then) and not NOW_OR_A_PERSON.search(low)
ASKED_LAST = re.compile(r"(?:^|[.!;,—–-]\s*|\s(?:but|and|so)\s+)(?:how|what|why|does|do|is|are|can|could|"
                         r"would|will|should)\b[^.?!—–]*\?\s*$")
"""A question said last, after what the caller tells ("… yet — how does that even work?")."""
ALL_DONE = re.compile(r"\b(?:that'?s (?:all|it|everything)|all i needed|nothing else|that'?ll be all|"
                       r"(?:i'?m|we'?re) (?:all )?(?:set|good))\b")
"""The caller has what they called for: asked "anything else?", they are done."""
SAYS_YES = re.compile(r"\b(?:yes|yeah|yep|yup|ya|sure|please|do that|call me|that'?d be|that would be|"
                       r"go ahead|sounds good|have (?:them|someone|somebody) call)\b")
"""A yes in so many words; "perfect, thanks, bye" to an offer says none."""
REALLY_DERAILS = re.compile(
    r"\b(?:list|stop|remove|don'?t|do not|never|anymore|bother|person|human|manager|somebody|"
    r"someone|transfer|connect|wrong (?:number|place|business)|later|call (?:me |us )?back|"
    r"can'?t talk|bad time|not a good time|busy|not interested|hold on|one (?:sec|second|moment))\b")


def talk_or_call(r: Understanding, rule: str, model: str) -> tuple[str, float] | None:
    """Someone to talk to, asked for some other time than now: a call back at an hour said, a
    meeting, or what talking costs; None when it is none of these."""
    if model in {"provide_info", "book", "unknown", "faq"} and rule in {
            "provide_info", "unknown", "faq"} and (
            r.date or r.time or r.window or r.time_of_day) and YOU_CALL_BACK.search(r.text.lower()) and not (
            r.services or r.appointment_type or r.vehicle):
        return "objection_busy", 0.8  # "could yall call back saturday morning, my husband's home then"
    if "escalation" in {rule, model} and (r.date or r.time or r.window or r.time_of_day) and CALL_ME.search(
            r.text.lower()):  # "talk to somebody about financing, can they call me back tonight?"
        return "objection_busy", 0.8  # ("… could she call me back tomorrow morning? she did my brakes")
    if "escalation" in {rule, model} and (r.date or r.time or r.window or r.time_of_day) and not (
            r.services or r.vehicle) and r.appointment_type and (r.time or VISIT.search(r.text.lower())):
        return "book", 0.8  # "can we come talk to someone today at three?": a meeting, not a transfer
    if r.is_question and "price_question" in r.flags and IF_THEN_ASKS.match(r.text.lower()):
        return "faq", 0.85  # "and if we call back in March, is the valuation still free?"
    if "escalation" in {rule, model} and r.is_question and COST_OF_TALKING.search(r.text.lower()):
        return "faq", 0.85  # "to talk with an agent, the consultation, I must pay?": what it costs
    # (an hour said by a buyer or seller is a meeting's too: "… talk with an agent after it, about five?
    # we're new to buying")
    if meeting_asked(r.text.lower(), rule, model, bool(r.lead_intent or r.date),
                     bool(r.time and (r.date or r.lead_intent))):
        # "we're finally ready to talk to somebody about buying … could we come in Sunday?"
        return ("book", 0.8) if r.date or r.time or r.appointment_type else ("lead", 0.85)
    if rule == "escalation" and ABOUT_TO_GO.search(r.text.lower()) and not re.search(
            r"\b(?:now|right away|transfer|connect|put me through|hold)\b", r.text.lower()):
        return "objection_busy", 0.8  # "I'd like to talk to someone, but I'm about to walk into a meeting"
    return None


SAID_NOT_ASKED = re.compile(r"\W*(?:(?:and|so|oh|but|well|yeah)\W+)*(?:that'?s|that is|it'?s|it is|this is|"
                            r"i'?m|we'?re)\b(?![^.?!]*\?)|"
                            r"\bwhat (?:am|was) i (?:saying|thinking|doing|on about)\b")
"""A statement or the caller talking to themselves ("that's what I'm calling about, the battery's
fine", "what am I saying, with a C"): no one asked who we are."""


CALLED_FOR_SOMEONE = re.compile(r"\b(?:keeps?|kept) (?:calling|ringing|phoning|texting)"
                                r"(?: (?:me|my (?:phone|cell|number)|this number|here))?,? "
                                r"(?:asking|looking) for\b")
"""We keep calling the caller for someone else ("somebody from this number keeps calling my phone
asking for a Brenda"): a wrong number on our list, to come off it."""


def no_refusal(text: str) -> bool:
    """Words the act classifier may take for "not interested" that refuse nothing: "I'm interested
    in seeing a house y'all have listed", "I don't want to be second in line" (why they ask)."""
    return bool(re.search(r"\binterested\b", text) and not re.search(
        r"\b(?:not|no|nah|nope|don'?t|never|stop|pass|longer)\b|n't\b", text)) or bool(
        WANTS_NOT_TO.search(text))


_DAY_TURNED_TO = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day,? then\b|"
                            r"\b(?:then|so|how about|what about|okay|ok)\W+(?:on |the )?"
                            r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b")


def answered_own_question(r: Understanding, awaiting: str | None) -> tuple[str, float] | None:
    """"can you guys replace it tomorrow? oh wait, you're not open Sundays, are you. Monday then,
    like eleven?", asked what day: the hours asked and answered in one breath, then the day and
    hour turned to (the hours question is no question left to answer)."""
    said = r.text.lower()
    if awaiting in {"date", "time", "pick_alternative"} and r.date and (r.time or r.time_of_day) and (
            asks_hours(said)) and (turn := _DAY_TURNED_TO.search(said)) and not (
            asks_hours(said[turn.start():])):
        r.is_question = False
        r.flags.discard("question")
        return "provide_info", 0.85
    return None


_NOT_YET = re.compile(r"\W*(?:(?:no|nope|nah|um+|uh+|well)\W+)*not (?:yet|quite yet)\b")


def financing_at_read_back(r: Understanding, awaiting: str | None) -> tuple[str, float] | None:
    """"we've started the pre-approval, just waiting to hear back" or "not yet, we're getting
    pre-approved this week" to a booking read back: where their money stands, told (noted, and
    the read back asked again), not a question about pre-approval nor a no to the booking."""
    if awaiting != "confirm_booking" or r.financing is None or r.is_question or r.affirm or CALL_ME.search(
            r.text.lower()) or (
            r.date or r.time or r.services or r.appointment_type or r.name):
        return None
    if r.deny and not _NOT_YET.match(r.text.lower()):
        return None  # ("no, pre-approved, I said Tuesday": a no)
    r.deny = r.affirm = False
    r.flags.discard("faq_topic")
    return "provide_info", 0.85
