"""The words that confirm or overrule a reading: cue vocabularies of the acts.

The act classifier proposes an act; for the acts with a small vocabulary ("who is this?",
"I'm back", a request to move an appointment) these patterns say whether the words that act is
always said with are there (:mod:`~frontdesk.brain.nlu.combine`), and the clause splitter and
the rules use the question shapes (:data:`QUESTION_START`, :data:`HOURS_QUESTION`).
"""

from __future__ import annotations

import re

# (the hours asked, kept beside the other cues for their many readers)
from frontdesk.brain.nlu.hours_asked import HOURS_LIMIT as HOURS_LIMIT
from frontdesk.brain.nlu.hours_asked import HOURS_QUESTION as HOURS_QUESTION
from frontdesk.brain.nlu.hours_asked import SLOTS_OPEN as SLOTS_OPEN
from frontdesk.brain.nlu.hours_asked import asks_hours as asks_hours

EVERY_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s\b")
"""A day of the week said as every one of them ("y'all do saturdays?")."""


HOME_PRICE = (r"\b(?:buy|buying|afford|purchase|find|get|looking for|want)\b[^.?!]{0,40}?\b(?:house|"
                     r"home|place|condo|townhome|townhouse|property|starter)\b[^.?!,]{0,30}?\bfor"
                     r"(?:\s+(?:around|about|roughly|maybe|like|under|up to|no more than|less than))*")
HOME_PRICE_BEFORE = HOME_PRICE + r"\s*$"
"""A figure after "for" when a home is being bought ("a house in Pflugerville for around two
fifty") is its price, not a clock time."""


QUESTION_START = re.compile(
    r"(?:\W*[a-z]+\?\s+(?=\w+\W+\w))?"  # "budget? hm. do i have to …": a word echoed, then the question
    r"(?:\W*(?:so|and|but|um+|uh+|hm+|hmm+|er+|like|okay|ok|well|oh|hey|hi|hello|sorry|wait)\W+)*"
    r"(?:what|when|where|how|why|"
    r"which|who|whose|do|does|did|is|isn'?t|are|aren'?t|can|could|will|would|should|have|has|am|"
    r"any|anything)\b")
"""How a real question starts; an answer said with a rising voice ("Tuesday?") does not."""


NO_LONGER_NEEDED = (r"\b(?:had|have|got) (?:an?|the|my|our) (?:showing|appointment|appt|consultation|"
                    r"valuation|test drive|oil change|detail\w*|inspection)\b[^.?!]{0,120}\b"
                    r"(?:won'?t|will not|don'?t|do not|no longer) (?:be )?need(?:ing)? (?:it|that|them)\b|"
                    r"\b(?:won'?t|will not|don'?t|do not|no longer|not gonna|not going to) (?:be )?"
                    r"need(?:ing)? (?:the|that|my|our|this) [\w' ]{0,30}?(?:anymore|any more|after all|"
                    r"no more)\b|\bno longer need (?:the|that|my|our|this)\b|"
                    # "so we won't need the one Saturday"
                    r"\b(?:won'?t|will not|don'?t|do not|no longer|not gonna|not going to) (?:be )?"
                    r"need(?:ing)? (?:the|that|this|our|my) (?:one|showing|appointment|meeting|visit)"
                    r"(?: (?:on|for|this|next))? (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
                    r"tomorrow|today)\b|"
                    # "my brother he change the battery already so i dont need no more"
                    r"\b(?:don'?t|do not|won'?t) need (?:it |that |them |one )?"
                    r"(?:no more|anymore|any more)\b|"
                    # "so yeah, we won't need the showing. you can cancel it."
                    r"\b(?:won'?t|will not|no longer) (?:be )?need(?:ing)? (?:the|that|this|our|my) "
                    r"(?:showing|appointment|appt|meeting|visit|consultation|test drive|valuation)\b"
                    r"(?! (?:until|till|before|for (?:a|another|the)|yet)\b)")
"""A booked visit the caller has no more use for ("I won't be needing that detail Saturday
anymore", "we no longer need the showing"): a cancellation in other words."""


_OWN_THEN_INSTEAD = (r"\b(?:i|we)(?:'ve| have)? (?:got|have|had) (?:the |my |our |an? )?(?:\w+ )?"
                     r"(?:appointment|appt|oil change|tire rotation|inspection|detail\w*|brake \w+|"
                     r"battery \w+|showing|consultation|test drive|valuation)\b[^.?!]{0,100}\binstead\b")
"""The caller's own booking, then another time for it ("i got the state inspection on the tenth
at three but … can i come in that morning instead")."""


MOVING = (r"move(?! (?:in(?! the (?:morning|afternoon|evening)\b)|into|out|away|house|here|there|closer|"
          # ("so we can move quick": the deal, not the booking)
          r"quick|quickly|fast|faster|forward|ahead|along|on it)\b)|"
          # "I need that moved to Thursday"
          r"moved(?= (?:to|up|back|over|till|until|for|from|off)\b)|"
          # "I need to get my inspection moved", "have our showing moved"
          r"(?:get|have|need|want) (?:my|our|the|his|her) (?:[\w'-]+ ){1,3}moved\b|"
          # "now I need it moved. Thursday at three."
          r"(?:(?<=\bit )|(?<=\bthat ))moved(?=\s*(?:[.,;!?]|$|again\b|please\b))|"
          # "could the battery be moved so it's right after the oil change"
          r"(?:(?<=\bbe )|(?<=\bget it )|(?<=\bhave it ))moved\b|"
          r"moving(?! (?:in|into|out|away|house|here|there|down|up|closer)\b)"
          r"(?! (?:my|our|his|her|their) [\w'-]+(?: [\w'-]+){0,2}? (?:in|into|out|to|over|from)\b)")
"""Moving a booking; not "we're moving my mother-in-law into assisted living" or "we want to move
in the spring", a household moving ("can we move in the morning instead" moves the booking)."""
KEEPS_IT = re.compile(r"\b(?:(?:i|we) )?(?:don'?t|do not|won'?t|no need to) (?:want to |wanna |need to |"
                      r"have to )?(?:change|move|reschedule|touch|mess with)"
                      r"(?: (?:that|it|this|anything|them))?\b")
"""A booking on file said to stay ("I've got a showing Thursday at three and I don't want to change
that"): told, not a change asked."""
CHANGE_CUE = re.compile(r"\b(?:re-?schedul\w*|" + MOVING + r"|"
                         r"push(?:ing|ed)?|bump(?:ing|ed)?|slid(?:e|ing)|switch|cancel\w*|"
                         r"change (?:it|that|the (?:time|day|date)|my (?:appointment|time))|"
                         # "can I get the inspection Saturday changed to like three"
                         r"changed? (?:over )?to|"
                         # "i gotta change my battery appointment on saturday"
                         r"change (?:my|our|the|his|her) (?:\w+ ){1,2}(?:appointment|appt|showing|"
                         r"consultation|booking)|"
                         r"call off|call (?:it|that|this) off|can'?t make|cannot make|won'?t make|"
                         r"not (?:gonna|going to) make|"
                         r"different (?:day|time)|another (?:day|time)|new (?:time|day|date)|"
                         r"rearrange|slide|trade|rebook|another date|a day later|shift it|"
                         r"(?:make|start|do|have) (?:it|that|this) (?:a (?:bit |little )?)?"
                         r"(?:later|earlier|sooner)|"
                         r"(?:can|could) (?:we|you|y'?all) (?:just )?make it\b|"
                         r"(?:it'?s|it is|we'?re|we are|i'?m|i am) (?:already )?(?:booked|scheduled|down)\b|"
                         r"(?:i|we) have appointment|change (?:it |that |this )?(?:for|to) "
                         r"(?:a |another |the |next |this )?(?:monday|tuesday|wednesday|thursday|friday|"
                         r"saturday|sunday|day|date|time|week)|"
                         r"doesn'?t work after all|not gonna happen|got a conflict|"
                         r"back out|not coming|wipe|off the schedule|(?:my|the|our) (?:appointment|"
                         r"appt|showing|consultation|booking|reservation)|i have an appointment|"
                         r"(?:i|we)(?:'ve| have)? (?:got|have|had) (?:an?|my|our|the) (?:[\w-]+ ){0,2}?"
                         r"(?:appointment|appt|oil change|tire rotation|inspection|brake check|battery|"
                         r"detail(?:ing)?|showing|consultation|valuation|test drive)\b[^.?!]{0,60}"
                         r"\binstead of)\b|" + NO_LONGER_NEEDED + "|" + _OWN_THEN_INSTEAD)
"""Words a request to change an existing appointment always has."""
ALREADY_BOOKED = re.compile(r"\b(?:it'?s|it is|i'?m|we'?re|i am|we are) (?:already )?(?:booked|scheduled)\b|"
                            r"\b(?:already|i'?m|we'?re) (?:on the (?:books|schedule|calendar)|"
                            r"booked (?:in|up|with))\b|"
                            r"\bi (?:already )?booked (?:it|one|that) (?:online|already|last)\b|"
                            r"\balready (?:set (?:that|it|one) up|booked (?:it|that|one|the \w+|us))\b|"
                            r"\b(?:i|we) (?:already )?(?:have|got|'ve got) (?:an? |my |our |"
                            r"the )?(?:appointment|booking|appt)\b|"
                            # "i was supposed to come test drive the outback saturday at eleven"
                            r"\b(?:i|we) (?:was|were|am|are|'m|'re) supposed to "
                            r"(?:come|bring|be|drop|meet|see)\b")
""""It's booked Wednesday at eleven, can we do Friday instead?": of the booking the caller has."""
CONFLICT = re.compile(r"\b(?:(?:must|has to|have to|gotta|got to) work|(?:can'?t|cannot|won'?t be able to) "
                      r"(?:make it|make that|come|do (?:it|that|then))|something (?:came|has come) up|"
                      r"not (?:gonna|going to) (?:make it|work)|"
                      # "I'm not sure I can make it anymore", "we might not make it"
                      r"(?:not sure|don'?t think|doubt|unsure)(?: if| whether| that)? (?:i|we)"
                      r"(?:'ll| will| can| could)? (?:make it|make that|be able to (?:make it|come|do it))|"
                      r"(?:might|may) not (?:be able to )?make (?:it|that)|"
                      r"(?:doesn'?t|won'?t) work (?:anymore|now|for)|can'?t (?:get out of|miss|skip|move)|"
                      r"(?:they|he|she) moved my|"
                      r"(?:totally |completely )?forgot (?:that |about )?(?:i|we|he|she) "
                      r"(?:have|had|got|'ve got|'ve|was|were|am|'m)|(?:got|get|been|was|were) called in|"
                      r"(?:have|had|got) (?:a |another )?conflict|double[- ]booked|jury duty)\b")
"""Why a booking the caller has cannot stand ("but now my wife she must work Friday", "I completely
forgot I have jury duty")."""
_VISIT_BOOKED = (r"(?:appointment|appt|oil change|tire rotation|rotation|(?:state )?inspection|"
                 r"brake (?:check|job|inspection|service)|battery (?:swap|replacement|change|check)|"
                 r"detail(?:ing)?|showing|consultation|consult|valuation|test drive|walk-?through|tour|"
                 r"recall (?:repair|work|fix|thing)|diagnostic|(?:service|brake|oil|inspection|agent|"
                 r"realtor|house|valuation|listing) thing|meeting with (?:you|y'?all|one of your|your|"
                 r"an? (?:agent|realtor))|visit (?:for|to) (?:see|look))")
OWN_BOOKING = re.compile(
    # not asked for: "can I set up an oil change for tomorrow", "could we have a showing friday"
    r"(?:\b(?:i|we) (?:called|phoned|rang|came|went|got)(?: in| online| y'?all| you)?(?: \w+){0,3} and "
    r"(?:booked|scheduled|made|set up)|"  # "I called in last week and set up an oil change for Saturday"
    r"(?<!\bcan )(?<!\bcould )(?<!\bmay )(?<!\bshould )(?<!\bwould )(?<!\bcan't )(?<!\bdo )"
    r"\b(?:i|we|my \w+|our \w+|he|she|they)(?:'ve|'s| have| has| had)? (?:got|have|has|had|booked|scheduled|"
    r"made|set up|lined up)(?: (?:me|us|him|her|them)(?: in)?)?|"
    r"^\W*(?:(?:so|yeah|hi|hey|um+|uh+|well)\W+)*(?:got|have)|"
    r"\b(?:i'?m|we'?re|i am|we are|it'?s|it is|he'?s|she'?s|they'?re) (?:booked|scheduled|down|set up)"
    r"(?: in)? for) (?:an?|my|our|the|his|her|their) "
    r"(?!(?:[\w-]+ )?(?:dentist|dental|doctor|doctors|medical|eye|hair|vet|court|therapy|school)\b)"
    # ("we've got a truck whose inspection sticker runs out": the work due, nothing booked)
    r"(?:(?!(?:whose|that|which|where)\b)[\w-]+ ){0,2}?" + _VISIT_BOOKED
    + r"\b(?! (?:due|done|last|ago|sticker))"
    r"(?![^.?!]{0,30}\b(?:last|ago)\b)[^.?!]{0,25}?\b(?:today|tomorrow|tonight|this|next|on|for|at|monday|"
    r"tuesday|wednesday|thursday|friday|saturday|sunday|the \d)"
    # "I've got two appointments for my Tacoma", "a couple things on the books with y'all"
    r"|\b(?:i|we)(?:'ve| have)? (?:got|have) (?:two|2|three|a couple(?: of)?|a few|both) (?:appointments|"
    r"appts|bookings|visits|showings|test drives|things (?:on the books|booked|scheduled|set up|lined up))\b"
    r"|\bon the (?:books|calendar|schedule) with (?:you|y'?all|your)\b"
    # "we're seeing two houses on Thursday with y'all"
    # "I've got two houses to see with you"
    r"|\b(?:i|we)(?:'ve| have)? (?:got|have) (?:two|2|three|a couple(?: of)?|both) (?:houses|homes|places|"
    r"properties) (?:to see|to look at|to tour|lined up)\b"
    r"|\b(?:we'?re|i'?m|we are|i am) (?:seeing|touring|viewing|looking at) "
    r"(?:two|2|three|a couple(?: of)?|both|the) (?:houses|homes|places|properties|listings)\b"
    r"[^.?!]{0,30}\bwith (?:you|y'?all|your)\b"
    # "my inspection's on the first", "our showing is set for Saturday"
    r"|\b(?:my|our) (?:[\w-]+ ){0,2}?" + _VISIT_BOOKED + r"(?:'s| is) (?:still |already )?(?:on|set for|"
    r"booked for|scheduled for|for (?:today|tomorrow|this|next|the \d))\b"
    # "hey its about my brake appointment friday at eight"
    r"|\b(?:about|regarding) (?:my|our) (?:[\w-]+ ){0,2}?" + _VISIT_BOOKED + r"\b[^.?!]{0,20}?\b(?:today|"
    r"tomorrow|this|next|on|for|at|monday|tuesday|wednesday|thursday|friday|saturday|sunday|the \d)"
    # "we had someone scheduled to come out Friday at eleven to look at our house"
    r"|\b(?:i|we)(?:'ve| have)? (?:had|have|got) (?:someone|somebody|an agent|a realtor|one of "
    r"(?:your|y'?all'?s?) (?:agents|realtors|guys|people)) (?:scheduled|booked|set up|lined up|coming)\b"
    # "i got my brakes getting checked monday at eight"
    r"|\b(?:i|we)(?:'ve| have)? (?:got|have) (?:my|our|the) (?:[\w-]+ ){1,3}?(?:getting|being) "
    r"(?:checked|done|looked at|serviced|changed|rotated|inspected|detailed|replaced)\b[^.?!]{0,25}?"
    r"\b(?:today|tomorrow|this|next|on|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    # "my grandson made me an appointment with you people, for the oil"; "i booked something
    # with y'all i think last week"
    r"|\b(?:i|we|my \w+|our \w+|he|she|they)(?:'ve| have| has| had)? (?:booked|scheduled|made|set up)"
    r"(?: (?:me|us|him|her|them))? (?:an? |the )?(?:something|appointment|appt|one) "
    r"(?:with (?:you|y'?all|your)\b|for (?:my|our|his|her|the) \w+)"
    # "my husband booked someone to come look at our house tomorrow evening"
    r"|\b(?:i|we|my \w+|our \w+|he|she|they)(?:'ve| have| has| had)? (?:booked|scheduled|set up|had|got) "
    r"(?:someone|somebody|an agent|a realtor|one of your \w+) (?:to come|coming)\b"
    # "I'm supposed to come in at eleven-thirty today for a tire rotation"
    r"|\b(?:i'?m|we'?re|i am|we are|he'?s|she'?s|they'?re) (?:supposed|scheduled|booked|set) to "
    r"(?:come|bring|be|drop|meet|see)\b[^.?!]{0,50}?"
    r"\b(?:today|tomorrow|this|next|on|at|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    # "you guys are coming out to look at my house on wednesday at four"; "someone's supposed to
    # come look at my house tomorrow at ten"
    r"|\b(?:you|you guys|y'?all|your (?:agent|guy|person|people|tech)|someone|somebody|an agent)"
    r"(?:'re|'s| are| is)? "
    r"(?:coming|supposed to come|scheduled to come|gonna come|going to come)\b[^.?!]{0,50}?"
    r"\b(?:today|tomorrow|this|next|on|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")
"""The caller says they have a booking, and when ("I've got an oil change this Wednesday at
ten", "i got a appointment saturday at ten", "we had someone scheduled to come out Friday"): the
day and time describe that booking; they ask for no new one."""
CANCEL_ASK = re.compile(r"(?<!\bif i )(?<!\bif we )(?<!\bto )"
                         # "so you can go ahead and scratch that one off", "scratch the wednesday one"
                         r"\bscratch (?:that|this|it|the [\w ]{2,20}?) (?:one|off)\b|"
                         r"(?:\bgo ahead and|\bcan|\bjust) scratch (?:that|it|this|the \w+)\b|"
                         # (not "I'm calling off my work line": the phone called from)
                         r"(?:\bcancel(?:l?ed|l?ing)?|"
                         r"\bcall(?:ing)? off(?! (?:my|a|the|our|his|her) (?:[\w']+ )?"
                         r"(?:line|phone|number|cell))|"
                         # "so can you drop that one?"
                         r"\bscrap|\bnix|\bdrop(?= (?:that|this) one\b)) (?:it|that|this|them|please|"
                         r"whatever|everything|both|"
                         r"all (?:of )?(?:them|'?em)|"
                         r"the (?:appointment|appt|showing|"
                         r"booking|"
                         r"consultation|consult|visit|tour|test drive|valuation|detail\w*|oil change|"
                         r"(?:tire )?rotation|(?:state )?inspection|battery|brake \w+|diagnostic|recall)|"
                         r"my|our)\b|"
                         # "I need to cancel it" (but not "do I need to cancel it a day ahead?")
                         r"\b(?<!do )(?:i|we) (?:really |just )?(?:need|want|have|'d like|would like|gotta|"
                         r"got) to cancel (?:it|that|this|them|the|my|our|(?:on )?(?:monday|tuesday|"
                         r"wednesday|thursday|friday|saturday|sunday|tomorrow|today)(?:'s)?)\b|"
                         # "forget it, I just want it cancelled, the one tomorrow at ten"
                         r"\b(?:want|need|like|have|get) (?:it|that|this|them|the \w+|my \w+) cancell?ed\b|"
                         r"\b(?:had|have|got) (?:an?|the|my|our) [\w ]{0,25}?(?:set up|booked|scheduled|"
                         r"on the (?:books|calendar|schedule))\b[^.?!]*"
                         r"(?<!\bgot )(?<!\bwas )(?<!\bwere )(?<!\bbeen )"
                         r"(?<!\bis )\b(?:cancel|call (?:it|that) off|"
                         r"(?:gonna|going to) (?:have to )?pass|not (?:gonna|going to) (?:make|need) it)|"
                         + NO_LONGER_NEEDED)
"""A request to cancel the caller's own appointment, however long the story around it ("we had
a showing set up for Saturday, but we put an offer on another place, can you cancel it?", "I
won't be needing that detail Saturday anymore")."""
ACT_CUES = {
    "identity": re.compile(r"\b(?:who|company|calling|about|regarding|concerning|purpose|name|which|"
                           r"with|from|business|place|outfit|you guys|y'all|pitch|sales|selling|"
                           r"survey|scam|spam|solicit\w*|telemarket\w*|what do you want|"
                           r"what(?:'s| is) this|you are|is this)\b"),
    "how_got_number": re.compile(r"\b(?:number|#|info|information|contact|details|list|sign(?:ed)? "
                                 r"up|find me|got me|get me|reach me|data|email|cell|name|"
                                 r"how(?:'d| did| do) (?:u|you|y'all) (?:get|know|find|have)|dig up|"
                                 r"unlisted|where'?d|"
                                 # "due according to who?", "who says it's due?": how we know of them
                                 r"due (?:according to|based on|says)|(?:who|what) says|"
                                 r"(?:how|why) (?:do|would|did) (?:u|you|y'?all)(?: guys)? (?:even )?"
                                 r"(?:know|think))\b|#"),
    "bot_check": re.compile(r"\b(?:robot|bot|chatbot|machine|computer|real|human|person|recording|"
                            r"automated|automatic|ai|artificial|live|recorded|program|siri|alexa|"
                            r"synthesi[sz]ed|ivr|robocall|auto ?dialer|dial(?:ed)? me|"
                            # ("… for this visit, am I?": no machine asked about)
                            r"(?:talking|speaking) (?:to|with)|some(?:one|body)|any(?:one|body)|people)\b"),
    # "can you hear me", not "people always hear Margaret"
    # (not "can you check it's still on there?": the booking, still on the books)
    "line_check": re.compile(r"\b(?:hello+|(?<!on )(?<!down )there|"
                             r"hear(?:ing)? (?:me|you|us|anything|a thing|that)|"
                             r"(?<!always )(?<!they )(?<!people )hear(?=\W*$)|"
                             r"cut|cutting|breaking|lost|line|signal|"
                             r"elevator|tunnel|"
                             r"(?:you|u|y'?all|anyone|anybody|someone|somebody)(?:'re| are)? still on|"
                             # "the call dropped", not "can you drop that one?" (a booking)
                             r"still on (?:the )?(?:line|phone|call)|"
                             r"drop(?:ped)?(?! (?:that|it|the|this|one|my|our|his|her|them|off)\b)|"
                             r"reception|choppy|static|"
                             r"connection|garbled|anyone|anybody|silent|froze|frozen|quiet|"
                             r"still going|other end|lag\w*|echo)\b|^\W*(?:hello|hi)\W*\?"),
    "hold": re.compile(r"\b(?:hold|hang|sec|second|minute|moment|wait|one sec|bear with|"
                       r"give me a|gimme a)\b"),
}
"""Words the closed-vocabulary acts are always said with: the classifier proposes, these
confirm (a confident classifier is still wrong on a phrasing it never saw)."""
BUSY_CUE = re.compile(r"\b(?:busy|meeting|driving|drive|at work|on the road|talk|chat|bad time|good time|"
                      r"later|call|calling|ring|reach|get back|buzz|shout|time right now|have time|"
                      r"another time|middle of|not now|right now|hands (?:are )?full|can'?t (?:do|chat)|"
                      r"in a (?:hurry|rush)|running|hectic|swamped|slammed|crazy (?:day|week)|"
                      r"dinner|kids|text me|email me)\b")
"""Words a "not now, call me later" is said with: "can you fit me in tomorrow after lunch?" asks
for a slot, however much it sounds like time being short."""
OTHER_WAY = re.compile(r"\b(?:instead|text me|text (?:is|would be|works)|a text|shoot me a text|email me|"
                       r"send me|try me|call me (?:in the|after|tonight|later|at home|on my|evenings?|"
                       r"this|tomorrow|next)|at work|in the evenings?|evenings?|after (?:\d|work|five|six)|"
                       r"weekends?|on my lunch|(?:another|a better|different) time|later|at the office|"
                       r"during (?:work|the day|business hours)|(?:mornings?|afternoons?|nights?) "
                       r"(?:are|is|would be|work) better)\b")
"""A way or a time to reach the caller: "don't call me at work, try evenings", "just text me
instead" ask for another way, not to be struck off."""
WHICH_NUMBER = re.compile(r"\b(?:just )?use (?:that|this|the same) one\b|"
                          r"\b(?:use|call|try|reach me (?:on|at)) (?:this|my|the) (?:cell|mobile|number|"
                          r"work number|cell ?phone)|\bdon'?t call (?:the|my|our) (?:house|home|landline|"
                          r"work|office|wife|husband)\b")
"""Which number to use ("please use this cell, don't call the house"): a contact detail, not a
request to be struck off."""
STRUCK_OFF = re.compile(r"\b(?:list|remove|delete|take me off|stop calling|quit calling|"
                        r"(?:again|anymore|ever)\b(?! (?:at work|during))|lose (?:my|this) number|"
                        r"never call)")
"""Words that really ask to be struck off the list."""
TEXT_INSTEAD = re.compile(r"\b(?:text (?:me|us|this number|my cell)|just text|a text|text(?:ing)? (?:is|"
                          r"would be|works|instead)|shoot me a text|(?:don'?t|do not) (?:really )?do "
                          r"(?:phone )?calls|email me|send me)\b")
"""The caller would rather be written to than called."""
GUARDED = {"identity", "how_got_number", "hold", "line_check", "bot_check"}
"""Acts whose misreading would lose what the caller said (hold waits; a line check, identity and
how-we-got-your-number answer instead of acting on the words, and "hmm, well the thing is…" must
reach the model as unclear): they need their words. A bot check misread costs one sentence and
offers a person, so the classifier alone decides it."""
RETURNED_CALL = re.compile(r"\b(?:missed (?:a|your|the) call|(?:got|had) a (?:missed )?call from|"
                           # ("but since you called, could we make it earlier?": our call, taken up)
                           r"(?<!since )(?<!now that )(?<!as long as )(?<!while )"
                           r"(?:someone|somebody|y'?all|you guys|you) "
                           r"(?:from (?:here|there|your \w+|y'?all) )?"
                           r"(?:called|rang|left (?:me )?(?:a )?(?:voicemail|message))|"
                           r"returning (?:a|your|the) call|just calling back)\b")
"""An inbound caller ringing back a number that called them: they ask who we are."""
ANOTHER_SLOT = re.compile(r"\b(?:anything|something|any (?:slots?|openings?|times?)|any ?time) "
                          r"(?:a (?:bit|little) )?(?:earlier|later|sooner)\b")
"""Asks for another time than the one on the table ("do you have anything earlier? like
eleven?"): a booking move, not a question for the FAQ."""
ASKS_BACK = re.compile(r"\b(?:(?:which|what) (?:days?|times?|dates?|ones?) (?:was|were) (?:that|it|they)|"
                       r"(?:which|what) (?:days?|times?|dates?|ones?) did you say|what (?:time|day) again|"
                       r"what was (?:that|the (?:\w+ )?(?:day|time|date|one))|say (?:that|it) again|"
                       r"did you (?:just )?say|what(?:'d| did) (?:u|you|ya)(?: just)? say|"
                       r"speak up|come again|"
                       r"(?:talk|speak|say it) (?:a (?:bit|little|lil) )?louder|louder,? please)\b|"
                       r"^\W*(?:(?:sorry|oh|eh|um+|uh+)\W+)*what'?s that\W*$")
"""Asks for what the agent just said ("sorry, which day was that?"), whatever the classifier's doubt."""
REPEAT_CUE = re.compile(r"\b(?:again|repeat|come again|pardon|what was (?:that|the|it)(?! about)|say that|"
                         r"missed|didn'?t (?:quite )?(?:catch|hear|get)|one more time|huh|what(?=\?)|"
                         r"sorry(?=\?)|once more|slow down|say it|speak up|"
                         r"(?:a (?:little|bit|lil|tad) |way |kinda |so |too )"
                         r"(?:fast|quick)(?! (?:as|to)\b)|(?:more )?slowly|louder|"
                         r"what(?:'d| did) (?:u|you)(?: just)? say|"
                         r"run that back|start over|what now|say what|you said what|"
                         r"what (?:time|day) did you say|where (?:were|was) we|"
                         r"(?:which|what) (?:days?|times?|dates?|ones?) (?:was|were|did you say)"
                         r"(?: (?:that|it|they))?|"
                         r"where did we (?:leave|stop)|"
                         r"left off|what did you (?:ask|need|want)|what was the question|"
                         r"what were you (?:asking|saying)|(?:i'?m|we'?re) back|i'?m here again|back on)\b"
                         r"|^\W*(?:what|sorry|huh)\W*$")
WRONG_PLACE = re.compile(r"\b(?:wrong (?:number|place|one|business|company|office|line|\w+)|"
                          r"sorry to (?:bother|trouble)|misdial\w*|dialed|meant to (?:call|dial|reach)|"
                          r"(?:need|want|wanted|meant|looking for) the (?:actual|real|right)|"
                          r"thought (?:this|you|it) (?:was|were)|must have (?:the )?wrong|"
                          r"not (?:the|who) i (?:wanted|meant|was (?:trying|calling|looking)))\b")
"""Words of a caller who meant to reach someone else ("no, I need the actual DMV, sorry to
bother you", "wrong Lakeside"): with them, a less certain wrong-number reading stands."""
PRICE_CUE = re.compile(r"\$|%|pric|cost|charg|afford|\b(?:expensive|money|cheap\w*|pay\w*|paid|budget\w*|"
                        r"dollars|bucks|fees?|commission|rates?|spend\w*|much|steep|pricey|a lot|"
                        r"less|more than|half|double|twice|rip ?off|robbery|rich|outrageous|swing|"
                        r"income|justify|number|bank|grand|percent|caro|between jobs|broke|tight|"
                        r"quoted?|deal|worth|can'?t do (?:that|it))\b")
"""Words a price objection is said with: without them, a refusal is about something else."""
NOT_CANCELLED = re.compile(r"\b(?:don'?t|do not|please don'?t)\s+"
                            r"(?:cancel|give (?:my|our|the) (?:spot|slot) away)\b|"
                            # "a tee time Saturday I'm trying to figure out whether I have to cancel"
                            r"\b(?:whether|if) (?:or not )?(?:i|we|he|she) (?:have to|need to|should|gotta|"
                            r"got to|might have to|would have to|'?d have to|'?ll have to) cancel\b")
"""A booking kept in so many words ("don't cancel it or anything"), or a cancel of something else
("whether I have to cancel" the tee time): no cancel of theirs asked."""
SUBORDINATE = re.compile(r"\b(?:after|when|once|if|before|while)\s+(?:i|we)\b[^?,.]*")
"""A clause that sets the scene ("after I drop it off"): its booking words ask for nothing."""
TALK_TO = re.compile(r"\b(?:talk|speak|transfer|connect|put me through|human|person|manager|"
                      r"representative|rep|agent|operator|supervisor|real|live)\b")
"""Words a request for a person has; "can someone give me a lift?" has none."""
PAUSE_ONLY = re.compile(r"\W*(?:(?:sorry|ok(?:ay)?|um+|uh+|oh|hold on|hang on|wait|please|just|yeah|"
                         r"one|a|1|give me|gimme|for|half|sec(?:ond)?s?|minute|moment)\W*)*"
                         r"(?:sec(?:ond)?|minute|moment)s?\W*(?:please|thanks)?\W*")
"""A message that only asks for a pause ("one moment please", "sorry, give me a sec")."""
SURELY_ELSEWHERE = re.compile(
    r"\b(?:(?:you(?:'ve)? (?:got|have)|this is|must be|dialed|called) (?:the )?wrong number|misdial\w*|"
    r"(?:meant|trying|tried|wanted) to (?:call|dial|reach|ring|get) (?:the|a|my|that) [^.,;]{0,40}?"
    r"(?:place|dealer\w*|shop|store|clinic|restaurant|pharmacy|school|across town|down the (?:road|street)|"
    r"on \w+ (?:street|road|avenue|drive|boulevard)|not (?:you|this)))\b")
"""Words only a caller who meant to reach someone else says ("no no, I meant to call the Ford
place across town", "you got the wrong number"): they end the call whatever was asked."""
HAVE_SOMEONE = re.compile(
    r"\b(?:agents?|realtors?|brokers?|brokerage|mechanics?|shops?|dealers?\w*|guy|gal|garage|"
    r"some(?:one|body)|brother|sister|son|daughter|husband|wife|buddy|friend|cousin|uncle|aunt|"
    r"dad|father|mom|mother|neighbor|man|woman|person|place|where|center|specialist|company|"
    r"customer|representation|lube|firestone|costco|pep boys|midas|myself|himself|herself|"
    r"ourselves|own|use|using|go to|goes to|take it|takes it|handles?|does (?:it|all|my|our|mine)|"
    r"takes care|listing|listed|list(?:ing)? with|signed|contract|work(?:s|ing)? with|he|she|"
    r"they|already)\b")
"""Who an "I already have someone" names: a person or a place that does the work."""
BACK = re.compile(r"\b(?:i'?m|i am|we'?re|we are) back\b(?! (?:at|to|in|from|home|on)\b)")
"""Back on the line ("sorry, I'm back"; not "I'm back at work Monday")."""

DONE_WITH_IT = re.compile(
    r"\b(?:i'?ll (?:figure it out|figure something out|manage|sort it out|call (?:back|again)|check "
    r"(?:back|my calendar)|think about it|look elsewhere)|never ?mind|forget (?:it|about it)|"
    r"no worries|don'?t worry(?: about it)?|skip it|thanks anyway|(?:i'?m|we'?re) (?:good|all set|set)|"
    r"that'?s (?:ok(?:ay)?|fine|alright|all right)(?:,? (?:thanks|thank you|then))?$)")
"""A caller letting the matter drop ("nah that's fine, I'll figure it out", "okay, no worries,
thank you"): not a request to hear the offer again or to ask for more."""


DEFERS = re.compile(
    r"\b(?:(?:i|we)'?(?:ll| will)|let me|lemme|i'?m (?:gonna|going to)|we'?re (?:gonna|going to)) "
    r"(?:just |probably |have to |need to |gotta )?(?:call|ring|phone|get back to|circle back with|"
    r"reach out(?: to| again)|touch base with|"
    r"give (?:you|y'all|ya|you guys|you all) a (?:call|ring|holler|shout))"
    r"(?: (?:you|y'all|ya|you guys|you all))?(?: back| again| later|"
    r" tomorrow| another time)*\b"
    r"|\b(?:and|then|or) (?:just |maybe |probably )?(?:call|ring|get back to)(?: (?:you|y'all|ya|you guys))?"
    r"(?: back| again)\b"
    # "I call again for the time"
    r"|\b(?:i|we) (?:call|ring|phone) (?:you |y'all )?(?:again|back later|later)\b"
    r"|\b(?:let me|lemme|i(?:'ll| will)? (?:need to|have to|gotta)|i need to|we need to|"
    r"(?:i|we) (?:wanna|want to|should)) (?:check|talk|ask|run it by|see|double[- ]check|confirm|"
    r"look at|sleep on it|think)(?: it over| about it| on it)?"
    r"(?: (?:with|by) (?:my|the|our) (?:\w+ )?(?:wife|husband|partner|spouse|boss|roommate|"
    r"calendar|schedule|work|family|kids|mom|dad|fiance|fiancee|girlfriend|boyfriend))\b"
    r"|\b(?:let me|lemme|i'?ll|i need to|i wanna|i want to|we'?ll|we need to|i'?m (?:gonna|going to)|"
    r"we'?re (?:gonna|going to)) (?:just |probably |maybe |"
    r"have to |gotta |kinda )?(?:think (?:about it|it over|"
    r"on it)|sleep on it|talk it over|check (?:my|our) (?:calendar|schedule))\b")
"""The caller will come back to us themselves ("let me check with my wife and I'll call you
back", "I'll just ring back later, I don't have my calendar"): an offer put off, not a request
for a callback and not a busy objection."""
_CALL_THEN = (r"\b(?:someone|somebody|you|y'?all) (?:please )?call (?:tomorrow|tonight|today|this "
              r"(?:morning|afternoon|evening)|in the (?:morning|afternoon|evening)|"
              r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b|"
              # "he'll be home tonight — call around seven?": no one named, the hour said
              r"(?:^|(?<=[.,;!?—-] )|(?<=\bjust )|(?<=\bso )|(?<=\bmaybe )|(?<=\bthen ))(?:please )?call "
              r"(?:back )?(?:around|at|after|about|before|like) (?:like )?(?:\d|one|two|three|four|five|six|"
              r"seven|eight|nine|ten|eleven|twelve|noon|lunch)")
"""A call asked in few words, with when ("Somebody call tomorrow morning, please?")."""
_NOT_THEIRS = (r"(?<!they'd )(?<!they'll )(?<!he'd )(?<!she'd )(?<!he'll )(?<!she'll )(?<!they )(?<!will )"
               # ("still waiting on em to get back to me": the lender's call)
               r"(?<!would )(?<!gonna )(?<!em to )(?<!them to )(?<!him to )(?<!her to )(?<!lender to )"
               r"(?<!bank to )")
"""Not a call someone else is to make ("they said they'd get back to me this week")."""
CALL_IF_NEEDED = re.compile(r"\b(?:call|ring|text|reach|contact|get (?:a )?hold of) (?:me|us)\b[^.?!]{0,40}?"
                            r"\b(?:if|in case|should|whenever) (?:anything|something|there'?s|there is|you|"
                            r"y'?all|plans?|it|he|she|that|the time|his|her)\b[^.?!]{0,30}?"
                            r"\b(?:changes?|comes? up|problem|issue|questions?|needs?|moves?)\b|"
                            r"\bif (?:anything|something) (?:changes|comes up)\b[^.?!]{0,30}"
                            r"\b(?:call|ring|text|reach) (?:me|us)\b")
"""Where to reach the caller should something come up ("you can call me at this number if
anything changes"): no call asked for now."""
CALL_ME = re.compile(r"\b(?:call|ring|phone|try|reach|text) (?:me|us)\b(?! at (?:this|that|the same) number)"
                     # ("will somebody call me before doing any repair?": how work is approved)
                     r"(?! first\b(?! thing)| before (?:doing|they|you|y'?all|any|starting|making|fixing|"
                     r"the (?:work|repair)|anything|going ahead|charging))|"
                     + _NOT_THEIRS + r"\bget back to (?:me|us)\b|"
                     r"\b(?:call|ring|phone) (?:him|her|them|my (?:husband|wife|son|daughter|dad|mom|"
                     r"partner)) back\b|"
                     r"\bgive (?:me|us) a (?:call|ring|buzz)\b|"
                     # "can y'all try her then?": the one we want, called when they are in
                     # ("you can reach him at this number": where, said at the read back; no call asked)
                     r"\b(?:call|ring|try|reach) (?:him|her|them) (?:then|back|later|tomorrow|tonight|"
                     r"in the|at(?! (?:this|that|the same) number)|after|around|on)\b|"
                     # "could y'all call back saturday morning": we call, then
                     r"\b(?:you|y'?all|ya|you guys|someone|somebody) (?:(?:could|can|to|please|just) )*"
                     r"(?:call|ring) back (?:on |at |in |this |next |tomorrow|tonight|later|"
                     r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|after|around|when)|"
                     + _CALL_THEN)
YOU_CALL_BACK = re.compile(r"\b(?:you|y'?all|ya|you guys|someone|somebody|the agent|an agent|"
                           r"one of (?:your|y'?all'?s) \w+)(?: from (?:the )?\w+)? "
                           r"(?:could |can |to |please |maybe |just )*(?:call|ring) (?:me|us)(?: back)?\b|"
                           # "can you give her the message and have her call us this evening"
                           r"\b(?:have|get|ask) (?:her|him|them|[a-z]+) (?:to )?(?:call|ring) (?:me|us)\b|"
                           r"\b(?:you|y'?all|someone|somebody) (?:could |can |to )?(?:call|ring) back\b|"
                           # "could someone give me a call Friday afternoon?"
                           r"\b(?:you|y'?all|someone|somebody|the agent|an agent)(?: from (?:the )?\w+)? "
                           r"(?:could |can |to |please |maybe |just )*give (?:me|us|him|her|them) "
                           r"a (?:call|ring|buzz)\b|"
                           # "could I get a call back from one of your agents after lunch?"
                           r"\b(?:can|could|may) (?:i|we) (?:get|have|request) a call ?back\b|"
                           r"\b(?:i'?d|we'?d|i would|we would) (?:like|love|appreciate) a call ?back\b|"
                           + _CALL_THEN)
"""We are asked to call back ("could y'all call back saturday morning"), not told a third party will."""
"""A request that we do the calling: "call me back", "try me tomorrow"."""
ONLY_COURTESY = re.compile(r"\W*(?:(?:ok(?:ay)?|perfect|great|cool|sure|yes|yeah|alright|all right|good|"
                           r"wonderful|awesome|lovely|thanks?|thank you|cheers|so much|very much|"
                           r"appreciate (?:it|you|that)|sounds good|got it|gotcha|i see|makes sense|then|"
                           r"seriously|really|truly|honestly|a lot|a million|bless you|(?:you'?re|you are) "
                           r"(?:the best|a lifesaver)|lifesaver)\W*)+")
"""Thanks and nothing else ("perfecto, gracias" asked for a name): the question still waits."""
WHO_MEETS = re.compile(
    r"\bwho(?:'ll| will| would| is| am i| are we| do i| do we)? (?:i |we )?(?:be )?(?:be )?"
    r"(?:meet(?:ing)?|see(?:ing)?|show(?:ing)?|talk(?:ing)? (?:to|with)|sit(?:ting)? (?:down )?with|"
    r"work(?:ing)? with|com(?:e|ing) out|be there)\b|"
    r"\bwhich (?:agent|realtor|person|salesperson|one of you)\b|"
    r"\bwho(?:'s| is) (?:gonna|going to) (?:show|meet|be there|come)\b")
"""Who the caller will meet at the visit ("who would be showing it to me?", "which agent is that?")."""
REMINDER_ASK = re.compile(
    r"\b(?:(?:will|do|would|can|could|should|does) (?:i|we) get|(?:is|will) there be|(?:will|do|would) "
    r"(?:you|y'?all|you guys) send(?: me| us)?) (?:a |an |any |some kind of |some sort of |some )?"
    r"(?:reminders?|confirmations?)\b|"
    r"\b(?:text|email|send) (?:me|us) (?:a |the |that |all the )?(?:reminders?|confirmations?|details|"
    r"address|info|information|time)\b|\b(?:a )?reminder (?:text|call|email)\b")
"""Whether a reminder or a written confirmation will come ("will I get a reminder text or
anything?", "can you text me the address and the time?")."""
CONFIRM_ASK = re.compile(
    r"\b(?:will|would|does|do|is) (?:somebody|someone|anyone|anybody|you|y'?all|you guys|they|there) "
    r"(?:\w+ )?"
    r"(?:call|text|email|contact|ring|be)(?: me| us)?(?: a)? (?:to |and |a )?confirm(?:ation)?\b|"
    r"\b(?:a |get a )?confirmation (?:call|text|email)\b|\b(?:should|do) (?:i|we) just show up\b|"
    r"\bor is (?:this|that) it\b|" + REMINDER_ASK.pattern)
"""Whether someone will confirm the booking ("will somebody call me to confirm, or is this it?"):
a question about what happens next, not a request to be called."""
WALK_IN_INSTEAD = re.compile(
    r"\b(?:i|we) (?:don'?t|do not|won'?t|will not) (?:really |even )?(?:need|want|wanna|bother with)"
    r"(?: to (?:make|book|set up|schedule|do))? (?:an? |the |any )?(?:appointment|appt|reservation)s?\b"
    r"(?! (?:today|tomorrow|this|next|on|at|for)\b)|"
    r"\b(?:i'?ll|ill|we'?ll|i will|we will|i'?m (?:just )?gonna|we'?re (?:just )?gonna) (?:probably |maybe |"
    r"prob |just |prolly )*(?:walk in|just show up|take my chances|"
    # "ok cool, ill probably just swing by, thanks"
    r"just (?:swing|stop|come|drop|pop|roll) (?:by|in))\b")
"""A caller who will walk in rather than book ("I'll just swing by in the morning then, I don't need
an appointment or nothing"): told the walk-in policy, nothing booked."""
NEEDS_APPOINTMENT = re.compile(
    r"\b(?:do|would|will|should) (?:i|we|you|ya|y'all) (?:really |even |still )?(?:need|have|gotta|got|"
    r"hafta|require)(?: to)?(?: (?:make|book|get|set up|have|schedule|call (?:ahead|first|for)))?"
    r"(?: an?)? (?:appointment|appt|reservation)\b"
    r"|\b(?:is|are) (?:an? )?(?:appointments?|appts?|reservations?) (?:required|needed|necessary|a must)\b"
    r"|(?<!don't )(?<!dont )(?<!do not )\b(?:need|required?) (?:an? )?(?:appointment|appt) (?:or|for that|"
    r"first)\b"
    r"|\b(?:do|would|will|should) (?:i|we) (?:really |even |still |always |usually )?(?:need|have|gotta|got|"
    r"hafta)(?: to)? (?:book|schedule|reserve|call ahead|make one)"
    r"(?: (?:one|it|ahead|first|in advance|a (?:spot|slot|time)))?\s*(?:[?.,!]|$)"
    r"|\b(?:do|would|will|should) (?:i|we) (?:\w+ )?(?:need|have|gotta|hafta)(?: to)? (?:book|schedule|make|"
    r"set up|reserve)\b[^?]{0,40}\bor (?:can|could|should|do) (?:i|we) (?:just )?(?:walk|come|stop|swing|pop|"
    r"drop|roll|show)")
"""Asks whether a visit needs booking ("can I just swing by, or do I gotta make an
appointment?"): a question about walk-ins, not a request for an appointment."""

NEVER_MIND = re.compile(r"\b(?:never ?mind|forget (?:it|that|about it)|you'?re (?:fine|good|doing fine)|"
                        r"no need|don'?t bother|i'?m (?:good|fine)(?: with you)?|cancel that|scratch that|"
                        r"(?:you|this) (?:can|will) do|no worries|"
                        r"you can (?:probably |prolly )?handle (?:it|that|this)|"
                        r"(?:don'?t|do not) (?:really )?(?:need|have) to (?:talk|speak) (?:to|with) "
                        r"(?:him|her|them|anyone|anybody|someone|somebody|a person|\w+) "
                        r"(?:right now|now|today|yet)|"
                        r"(?:don'?t|do not) (?:really )?need (?:to (?:talk|speak) (?:to|with) )?"
                        r"(?:him|her|them) (?:right now|now|today))\b")
""""eh, never mind, you're fine. just book it": the person asked for is no longer wanted."""


NEW_BOOKING_ASKED = re.compile(
    r"\b(?:(?:can|could|may|would) (?:i|we|you|y'?all)(?: also| just| please)?|i'?d like to|we'?d like to|"
    r"(?:want|need|wanna|gotta|have) to|please|let'?s) (?:book|schedule|set up|make|get) "
    r"(?:a|an|me|us|another|a new)\b(?! (?:for|with) (?:him|her|them))|"
    # "could we maybe sit down with an agent before that?": a meeting of another kind, asked
    r"\b(?:can|could|may) (?:i|we)(?: maybe| also| just| please)? (?:sit down|meet|talk) with (?:an?|one of|"
    r"somebody|someone)\b|"
    # "I'd like to sit down about buying too", "talking it through with an agent first. could I come in …"
    r"\b(?:i'?d|we'?d|i would|we would) (?:like|love|want) to (?:sit down|meet|talk)\b[^.?!]{0,30}"
    r"\b(?:too|as well|also|"
    r"first)\b|\b(?:with an agent|with somebody|with someone) first\b|"
    # "… and I saw another one of your listings … that I'd like to see too", "we saw a three-bed …"
    r"\b(?:(?:another|a second|one more) (?:one|house|home|place|listing|property)|(?:saw|found) (?:a|an))\b"
    r"[^.?!]{0,60}\b(?:i'?d|we'?d|i would|we would) (?:like|love|want) to (?:go )?(?:see|tour|look at)\b")
"""A booking asked for in so many words ("can I book a detailing for tuesday too"): a new one,
whatever the caller has on file."""


SOMEONE_ELSE = re.compile(r"\b(?:agent|realtor|broker|brokerage|mechanic|shop|dealer|dealership|guy|gal|lady|"
                           r"another|other|else|cousin|brother|sister|friend|in-law|relative|uncle|aunt|"
                           r"neighbor|license|firm|company|place)\b")
"""Words that name who else the caller works with; without one, "already talked to somebody" is us."""
ANY_TIME = re.compile(r"\b(?:whenever|any ?time|any time is|"
                      r"when(?:ever)? (?:they|you|someone|somebody|y'?all|he|she) "
                      r"(?:get|gets|have|has) (?:a )?(?:chance|minute|sec(?:ond)?|time)|"
                      r"(?:it )?doesn'?t matter|no preference|don'?t care when|either'?s fine|"
                      # "as soon as they know something", "when they find out what's wrong"
                      r"(?:as soon as|soon as|when(?:ever)?|once) "
                      r"(?:they|you|he|she|someone|somebody|y'?all) "
                      r"(?:know|hear|find out|figure (?:it |something )?out|have|get)"
                      r"(?: (?:something|anything|more|what'?s wrong|back|an answer|news))?)\b")
"""No time wanted for the callback ("whenever they get a chance", "any time's fine", "as soon as
they know something")."""




HESITATES = re.compile(r"(?!\W*uh-uh)\W*(?:(?:um+|uh+|er+|erm|hmm+|hm+|ah+|well|so|oh|gosh|geez|"
                       r"let'?s see|lemme see|let me see|let me think|lemme think|gimme a sec|"
                       r"give me a sec(?:ond)?)\W*)+")
"""Only the sounds and words of someone finding what to say ("um...", "uh, let me think")."""


FOR_THE_CALL = re.compile(r"\b(?:for|on|about) the (?:call ?back|call|phone call)\b|"
                          # "yes to Monday at ten, and the call in the evening"
                          r"\b(?:and|with|but|plus) (?:the|a) (?:call ?back|call|phone call) "
                          r"(?:in the|at|around|after|before|any ?time|tonight|this|tomorrow)\b|"
                          r"\bcall me (?:back )?(?:after|before|in the|around|any ?time)\b")
"""Words said of the call back asked beside the booking, not of the visit."""
CALLBACK_DROPPED = re.compile(r"\b(?:never ?mind|forget|skip|scratch|cancel|nix) (?:the|a|that|about the) "
                              r"call(?: ?-?backs?)?\b|"
                              r"\b(?:don'?t|do not) (?:need|want|bother with) (?:a|the) call ?-?back\b|"
                              r"\bno need to call (?:me )?back\b|"
                              # "no you don't need to call me back", "don't bother calling back"
                              # "let's just pick a time now so nobody has to call me back"
                              r"\b(?:nobody|no one|no-one|none of you) (?:has|needs|have|need) to "
                              r"(?:call|ring) (?:me |us )?back\b|"
                              r"\b(?:don'?t|do not|doesn'?t|no) (?:need to|have to|gotta|bother(?: to)?) "
                              r"(?:call(?:ing)?|ring(?:ing)?) (?:me |us )?back\b|"
                              # "eh, never mind, let's just do it real quick. Monday morning, eight?"
                              # ("ah, never mind — if you can book it, let's just book it")
                              r"\bnever ?mind\b[^.?!]{0,40}\blet'?s (?:just )?(?:do|book|set|get)\b")
"""A call back asked for, then let go ("never mind the call back", "forget the callback, just get
it on the schedule")."""


AND_ALSO = re.compile(r"\W*(?:(?:oh|um+|uh+|well|but)\W+)*(?:and|also|plus)\b")
"""A turn that adds to what was asked ("and i wanna talk to a real person"), not a no to it."""


FROM_UP_TO = re.compile(r"\b(from|between)\s+(\$?\d[\d,.]*(?:\s*(?:k|thousand|grand))?)\s+"
                        r"(?:and\s+)?up to\s+")
"""A span said as a floor and a ceiling ("anything from 200 up to 350")."""
NO_FIGURE_NEXT = re.compile(r"(?:[^\d]|\b1 of\b|\bat \d{1,2}(?::\d\d)?\b)*")
"""Words with no price in them: no figure, or only "1 of" and the hour of a meeting ("— can I
meet with 1 of your agents Thursday at 3")."""


TRAILING_PRICE = re.compile(r"(?i)(?<=[a-z0-9])\s+(?:so|and|but|anyway|anyways)\s+(?:(?:um+|uh+|like)\s+)*"
                            r"(?=how much (?:do|does|would|will|is|are|y'?all|you)\b|"
                            r"what do (?:you|y'?all|ya) "
                            r"(?:charge|get)\b|what(?:'?s| is| does) (?:a|an|the|it|one) (?:[\w-]+ ){0,3}"
                            r"(?:cost|run|go for)\b|"
                            # "… saturday at noon and uh whats yalls commission if we sell our condo too"
                            r"(?:what'?s|whats|what is|how much is) (?:your|y'?all'?s?|yalls|the) "
                            r"(?:commission|fee|cut|rate)s?\b)")
"""A price asked at the end of a story, without a stop before it."""
TRAILING_WHERE = re.compile(r"(?i)(?<=[a-z0-9])\s+(?:(?:so|and|but|um+|uh+)\s+)*"
                            r"(?=(?:what'?s|whats|what is) (?:the|your|y'?all'?s|yalls) address\b|"
                            r"where (?:are|is) (?:you|y'?all|the office|your office|the dealership)\b|"
                            r"where y'?all at\b)")
"""Where we are, asked at the end of a request without a stop ("… tomorrow at four whats the address")."""
PROBLEM_TAG = re.compile(r"(?i)(?<![,.;?!])\s+(?:is|would|will) (?:that|it|this) "
                         r"(?:like |gonna be |be |going to be )?"
                         r"(?:a (?:problem|big deal|deal breaker|dealbreaker)|an issue|"
                         # "… and its blowin warm again is that under warranty"
                         r"(?:still )?(?:under|covered(?: by| under)?) "
                         r"(?:the |a |your |y'?all'?s )?warranty|covered)"
                         r"\W*$")
"""A question tagged on a statement without a pause ("… is that gonna be an issue")."""
ASKS_OF_IT = re.compile(r"how \w+ (?:that|it|this)\b|(?:do|does|should) (?:i|we) (?:need|have) to "
                        r"(?:do|get) (?:that|it|this)\b")
"""A question about the topic said just before ("… a lender yet do we need to do that first")."""


ASKS_OPENING = re.compile(
    r"\b(?:what (?:do|would|have|did) (?:you|y'?all|ya|you guys) (?:have|got|got open|have open)|"
    r"what'?s (?:open|available|free)|(?:any|anything|something|any time|a time|an opening) "
    r"(?:open|available|free)|(?:you|y'?all|ya) (?:got|have) (?:anything|something|any|an opening|room|time)|"
    r"(?:does|would|will|is|could) (?:that|it|\w+(?: \w+)?) (?:work|be open|open|free|available|do)\b|"
    r"(?:can|could) (?:somebody|someone|an agent|you|y'?all|we|i|they) (?:come|do|get|fit|squeeze|see)\b)")
"""A question after an opening at a day or hour ("what do you have Monday?", "does eight thirty
work?", "can somebody come look at it Monday at ten?"): it asks for a booking, not a fact."""


CALL_TAKEN_BACK = re.compile(r"\b(?:call|ring) (?:me|us) back\b\W+(?:(?:actually|wait|no|never ?mind|hmm|"
                             r"or|y'?know what|you know what)\W+)+[^.?!]{0,30}?\b(?:set (?:up|something up)|"
                             r"book|schedule|make an? (?:appointment|time)|come in|meet|sit down)\b")
"""A call back asked, then taken back for a visit ("could somebody call me back — actually, y'know
what, can I just set up a time?")."""
FOR_GOOD = re.compile(r"\b(?:again|ever|anymore|any more|list|this number|stop|remove|never|take (?:me|us|my "
                      r"number|this number) off)\b")
"""Words that make "don't call me" a request never to be called, not a call back declined."""
CALL_TURNED_DOWN = re.compile(r"\b(?:no need|no one|nobody|don'?t|dont|do not|never|not)\b[^.?!]{0,20}$")
"""The words before a "call me" that turn it down ("no don't call me back", "no need to call"):
search up to the call's start."""


YES_WHO = re.compile(r"\W*(?:(?:yeah|yes|yep|yup|yea|ya|hello|hi|uh-? ?huh|mhm|okay|ok|um+|uh+|sorry|"
                     r"pardon)\W+)+"
                      r"(?:who'?s (?:this|that|calling)|who is (?:this|that|calling)|who am i (?:talking|"
                      r"speaking)"
                      r" (?:to|with)|who are (?:you|y'?all)|who dis|who this)"
                      r"(?:\W+(?:[a-z']+ ){1,2}(?:what|who|where)\?)?\W*$")
"""A yes-word in front of "who's this?": the caller asks who we are before agreeing to anything
("sorry, who is this? Riverside what?": the name half heard, echoed)."""
MEANT_TO_CALL_US = re.compile(r"\b(?:meant to|was (?:gonna|going to|about to)|been meaning to|wanted to) "
                               r"(?:call|ring|phone|reach out to) (?:you|y'?all|you guys)\b")
"""The callee was about to call us ("oh, shoot, I meant to call y'all"): no wrong number."""
KINDS_OF_US = re.compile(r"\b(?:dealerships|car dealers|car lots|realtors|real estate (?:agents|offices|"
                          r"companies|people)|brokerages)\b")
"""Businesses like ours spoken of ("I never know with dealerships"): no wrong number by itself."""


A_BOOKING_WORD = re.compile(r"\b(?:appointment|appt|meeting|consultation|showing|booking|booked|scheduled|"
                             r"visit|valuation|sit ?down|on the books)\b")
"""A word for a booking: without one, "moving" is a move of house."""


MISTOOK_US = re.compile(r"\bthought (?:you were|this was|it was|y'?all were) (?:the|my|a|an|some)\b")
"""On our call, the one we called took us for someone else a moment ago ("yes, that was me.
sorry, I thought you were the pharmacy"); an inbound caller saying it dialled the wrong place."""


NEW_CLAUSE = re.compile(r"[,;—–]\s*(?:and |but |so )?(?:he|she|they|i|we|it|my|his|her)\b")
"""Another clause with its own subject between a verb and a thing ("going through a divorce,
he's keeping the house"): the thing is not the verb's."""


WE_COME = re.compile(r"\b(?:i|we|he|she|they|my \w+|our \w+)"
                      r"(?:'d| would| wants?| wanna| want to| can| could|"
                      r" will|'ll| like to| love to| gonna| going to)?(?: to)?\s+$")
"""The caller's side coming to look (at a home on the market), not someone of ours."""
BUT_ASKS = re.compile(r"\bbut (?:i|we) (?:just )?(?:wanna|want to|wanted to|need to|would like to|"
                      r"'?d like to) (?:know|ask|find out)\b|\bbut (?:what|how much|how does|how do|do you|"
                      r"do y'?all)\b")
"""A question after "but" that a refusal only frames ("I'm not buying, but what do y'all charge")."""
UNSURE_OF_OWN = re.compile(r"\b(?:can'?t|don'?t|cannot|do not) (?:quite |really )?remember|\bforg[oe]t\b|"
                           r"\bnot sure (?:if|when|what time|which|whether)\b")
""""I can't remember if my detail is this saturday or next": the caller's own booking."""
AGENT_GONE = re.compile(r"\b(?:well,? )?(?:no,? )?(?:we|i) (?:were|was|used to be|had one)\b"
                        r"(?! (?:gonna|going to|just)\b)|\bnot anymore\b|\bno longer\b|"
                        r"\b(?:she|he|they) (?:moved|retired|quit|left|passed)\b|"
                        r"\b(?:didn'?t|did not) work out\b|"
                        r"\b(?:fired|let go of|dropped) (?:our|my|the|her|him|them)\b|"
                        r"\b(?:contract|listing|agreement) (?:ran out|expired|ended)\b")
"""An agent the caller had and has no longer ("well, no, we were. She moved to Dallas")."""


THIS_NUMBER_OFF = re.compile(r"\b(?:don'?t|do not|never|stop) (?:ever )?"
                             r"(?:call|calling|ring|ringing|contact) "
                             r"(?:this|my|the) (?:number|phone|line)\b|\btake (?:this|my|the) number off\b")
"""The number itself struck off, asked in so many words (whoever is speaking)."""


NEW_AT_IT = re.compile(r"\b(?:never (?:done|did|been through|gone through) (?:this|it|any of this|one)|"
                        r"never (?:bought|purchased|sold) (?:a|an|our|my) (?:house|home|place|condo)|"
                        r"first[- ]time|(?:know|sure) where to (?:start|begin)|"
                        # "I've never been out there": a first visit ahead
                        r"never been (?:out |over |up |down )?(?:there|here|to (?:you|y'?all|your))|"
                        r"(?:haven'?t|have not|never) (?:ever )?been (?:in|to) (?:before|your \w+))\b")
""""I've never done this", "we've never bought a house", "don't know where to start": a
newcomer to what we do, not a wrong number."""


ANOTHER_TIME = re.compile(r"\b(?:call|ring|try|catch|reach|get back to) (?:me|us|back)\b|\b(?:another time|"
                          r"(?:a )?bad time|not a good time|"
                          r"(?:i'?m|i am|we'?re|we are) (?:kinda |a bit |really )?"
                          r"(?:busy|driving|at work|in a meeting))\b")
"""A busy callee asking for another time, not a reason for a move."""


ALL_OF_THEM = re.compile(r"\b(?:both(?: of them)?|all (?:of them|three|of 'em)|the two of them|each one)\b")
"""A yes said of every booking the caller asked to cancel ("yes, both of them")."""
RENTS = re.compile(r"\b(?:looking|want|wanna|need|trying|hoping|planning|going|gonna) to rent\b|"
                   r"\blooking for (?:a |an )?(?:rental|place to rent|apartment)\b")
"""The caller means to rent ("I'm actually looking to rent, not buy"), not a rental named."""


NOT_BOOKING = re.compile(
    r"(?:\b(?:not|never)|\b(?:do|does|did|ca|wo|is|are|was|were|ai|have|has)n'?t)\b(?:\s+(?:really|quite|"
    r"looking to|gonna|going to|ready to|trying to|wanting to|"
    r"want to|wanna|need to|planning to|to))*\s+(?:book(?:ing)?|schedul(?:e|ing)|make (?:an? )?appointment|"
    r"set (?:anything|something|it|one) up)\b"
    r"(?:\s+(?:it|anything|one|that|this|yet|today|right now|now|just yet))*|"
    r"\bno (?:appointment|booking)s? (?:for now|yet|just yet|right now|today)\b|"
    # "take this number off, please? nobody here needs the service reminders"
    r"\b(?:nobody|no one|no-one|none of us)(?: here| in this house)? (?:needs?|wants?|drives?|uses?) [^.?!]*")
"""Booking words said not to be wanted: "I'm not booking it right now", "not looking to schedule yet"."""
