"""Words of a question about the caller's own booking ("when is my appointment?", "what time was
that?", "what's the time on that one", "I've got a consultation tomorrow, is it ok to bring my
wife?"): with them a service and a day describe that booking, they ask for no new one."""

from __future__ import annotations

import re

_CHECKING_IT = (r"\b(?:make|making) sure (?:i|we) (?:have|got|'ve got|wrote|put) (?:it|that|this|"
                r"the (?:day|time|date|right day|right time))(?: down)? (?:right|correct)\b")
"""A booking's day or time checked in so many words ("just making sure I have it right")."""
LOOKUP_CUE = re.compile(r"\b(?:(?:my|our) (?:appointment|appt|booking|reservation|showing|"
                         r"consultation|test drive|oil change|service|tire rotation|inspection|"
                         r"detail(?:ing)?|battery|brake|walkthrough|tour|visit|slot|thing|"
                         # not "eleven my time, which is ten your time"
                         r"time(?!\s*,?\s*(?:which|that'?s|that is|or|so|i mean)\b)|"
                         # "remind me when my showings are"
                         r"(?:appointment|appt|booking|showing|consultation|test drive|visit)s)|"
                         r"(?:what time|what day|when)(?:'s| is| was| are) (?:my|our)|"
                         # not "I forgot to ask when I booked": when it was booked
                         r"(?<!when i )(?<!when we )booked|scheduled|on the (?:books|schedule|calendar)|"
                         r"(?:am i|are we) (?:coming|supposed|set|down|booked|scheduled|on)|"
                         r"(?:i'?m|we'?re) (?:coming in|supposed to|set for|down for)|"
                         r"did (?:i|we) (?:book|schedule|make)|lined up|(?:i|we) put (?:it )?down|"
                         # "my wife set up that recall thing … I just wanna make sure what time it is"
                         r"(?:make sure|check|confirm|double[- ]?check|verify) (?:what (?:time|day)|when) "
                         r"(?:it|that|we|i|the \w+)(?:'s| is| are| am| was)?|"
                         # "can you just check it's still on there?": the booking, still on the books
                         r"(?:make sure|check|confirm|double[- ]?check|verify) (?:that |if |whether )?"
                         r"(?:it'?s|it is|i'?m|i am|we'?re|we are|that'?s|(?:my|our|the) \w+(?:'s| is)) "
                         r"still "
                         r"(?:on|booked|scheduled|there|good|set|down|happening)\b|"
                         r"(?:my (?:wife|husband|son|daughter|mom|dad|partner)|she|he) (?:set up|booked|made|"
                         r"scheduled) (?:that|the|an?|our|my|his|her)\b|"
                         r"(?:i|we)(?:'ve| have)? (?:have|got|had) (?:an?|the|our|my|any|two|some) "
                         r"(?:appointment|"
                         r"appt|showing|consultation|test drive|valuation|walkthrough|tour|"
                         r"service|oil change|booking)s?|"
                         # not "I can't remember what y'all charge": the price, not the booking
                         r"(?:(?:can'?t|don'?t|cannot) remember|for ?got)(?![^.?!]{0,30}\b(?:charge|costs?|"
                         # ("I honestly can't remember the last time": when it was last done)
                         r"price|how much|address|hours|(?:the )?last time|when (?:i|we|it) last|"
                         r"to (?:ask|mention)|"
                         r"(?:you|y'?all|ya|you guys|they) (?:said|told|say|quoted))\b)|"
                         # "I have appointment with you this Friday": one already made, said by a learner
                         r"(?:i|we) (?:have|got|had) (?:an? )?(?:appointment|appt|showing|consultation|"
                         r"test drive|valuation|booking) (?:with (?:you|y'?all|your)|already|"
                         r"for (?:this|next|"
                         r"tomorrow|today|monday|tuesday|wednesday|thursday|friday|saturday|sunday))|"
                         r"(?:do|have) (?:i|we) (?:have|got) (?:anything|any|an?|two|something)|"
                         # "what have I got with you guys?", "what've we got coming up"
                         r"what(?: have|'ve| do| did) (?:i|we)(?: got| have| get)? "
                         r"(?:with (?:you|y'?all|ya|u)\b|coming up|down for)|"
                         r"what (?:time|day) (?:was|is|am|are) (?:i|we|it|my|our)|"
                         r"what (?:time|day) (?:was (?:that|it)|did (?:i|we|y'?all|you) (?:say|put|book)"
                         r"(?: for)? (?:that|it|the \w+|my \w+))|"
                         # "… keep the buyer consultation, what's the time on that one"
                         r"what(?:'s| is|s) the (?:time|day|date) (?:on|for|of) "
                         r"(?:that|it|this|mine|ours|my|our|the))\b|"
                         # "… on Friday, at five-thirty? Just making sure I have it right"
                         + _CHECKING_IT + r"|"
                         # "the valuation thing … that's Wednesday at eleven, right? just making sure"
                         r"\b(?:that'?s|it'?s|we'?re|i'?m) (?:still )?(?:on |at |for )?(?:this |next )?"
                         r"(?:monday|tuesday|wednesday|thursday|friday|saturday|tomorrow)\b[^.?!]{0,25}\bright\s*\?")
"""Words a question about one's own appointment always has ("when is my appointment?")."""
_ASKS_OWN = r"\b(?:what time|what day|when)(?:'s| is| was| are| were){} (?:my|our|mine\b|ours\b)"
_TIME_ON_IT = (r"\bwhat(?:'s| is|s) the (?:time|day|date) (?:on|for|of) "
               r"(?:that|it|this|mine|ours|my|our|the)\b")
_WHEN_WAS_IT = r"\b(?:my|our) [^.?!]{3,40}\bwhat (?:time|day) was (?:that|it)\b"
ASKS_OWN = re.compile(_ASKS_OWN.format("?") + "|" + _WHEN_WAS_IT + "|" + _TIME_ON_IT)
ASKS_OWN_TIME = re.compile(_ASKS_OWN.format("") + "|" + _WHEN_WAS_IT + "|" + _TIME_ON_IT)
"""The same, its verb said ("when is my …", not "when my son's in town")."""
"""A question about the caller's own booking ("what time's my thing tomorrow? the battery"):
with it, a service and a day named describe that booking, they do not ask for a new one."""
SEVERAL_ASKED = (r"\b(?:i|we)(?:'ve| have)? (?:got|have) (?:like |maybe )?"
                 r"(?:two|three|a couple|a few|some|both)\b[^.?!]{0,25}\b"
                 r"(?:appointments?|appts?|things|bookings?|visits?|showings?)\b[^.?!]{0,30}\b"
                 r"(?:with (?:you|y'?all|you guys)|on the (?:calendar|books|schedule))[^.?!]{0,20}\?")
"""Several bookings the caller has, asked about ("I think I've got like three different things on
the calendar with you guys right now?"); said without a question it may be the lead-in to a change."""
OWN_QUESTION = re.compile(_ASKS_OWN.format("") + "|"
                          r"\b(?:when|what time|what day) (?:are|am|do|did|will) (?:we|i) (?:meet(?:ing)?|"
                          r"see(?:ing)?|supposed to|coming in|booked)\b|"
                          r"\bcheck (?:on )?(?:the (?:time|day|date) (?:of|for) )?(?:my|our) (?:appointment|"
                          r"appt|showing|consultation|booking|test drive|valuation|service)\b|"
                          r"\b(?:i|we|my \w+|our \w+|he|she|they) (?:set (?:it |one |this |that )?up|"
                          r"arranged|booked|made|scheduled|had|have)\b[^.?!]{0,120}?"
                          r"\b(?:forgot|for got|mislaid|misplaced|lost (?:the|my|our)|"
                          r"can'?t\b[^.?!]{0,25}\bremember|don'?t remember|can'?t find)\b|"
                          # "I think I've got a couple things on the books with y'all?"
                          + SEVERAL_ASKED)
"""Asks about the caller's own booking in so many words, whatever the classifier heard."""


HAS_OWN_AND_ASKS = re.compile(
    r"\b(?:i|we)(?:'ve| have| had)? (?:got|have|had) (?:the |my |our |an? )?"
    r"(?:appointment|appt|detail(?:ing)?|oil change|tire rotation|inspection|brake \w+|battery \w+|showing|"
    r"consultation|test drive|valuation)\b[^.?!]{0,40}\b(?:on|for|this|next|tomorrow|today)\b"
    r"[^.?!]{0,60}\b(?:wanted to (?:see|check|ask|know)|wondering|is it (?:ok|okay|alright|fine)|"
    r"can i bring|do i (?:need|have) to bring|should i bring)\b"
    # "someone called me … was it about my detail on friday?"
    r"|\b(?:was|is) (?:it|that|this) (?:about|regarding|for) (?:my|our) (?:\w+ ){0,2}(?:appointment|appt|"
    r"detail\w*|oil change|rotation|inspection|battery|brakes?|showing|consultation|test drive|valuation)\b")
"""The caller says they have a booking, then asks about it ("i got a consultation tomorrow at
eleven and i wanted to see if its ok to bring my wife"): about that one, not a new one."""


HOW_LONG_VISIT = re.compile(r"\bhow long(?:'s| (?:does|do|will|would|is|'s|it|that|this|they|we|i|are|"
                            r"should))\b|\bhow much time\b|\blike an hour or\b|"
                            # "will it be there all day?"
                            r"\b(?:will|would|is) (?:it|she|he|the car|my car|the truck) (?:be )?"
                            r"(?:there|in|gone|take) all day\b")
"""How long the visit itself takes ("how long does that take, like an hour or …", "how long it
take", "about how long will they be at the house")."""
BRING_ASKED = re.compile(
    r"\b(?:do|does|should|would|will) (?:i|we|she|he|they) (?:need to |have to |gotta |got to )?bring\b|"
    r"\bwhat (?:do|should|would|will) (?:i|we) (?:need to |have to |got to |gotta )?bring\b|"
    r"\b(?:anything|something) (?:i|we) (?:need|have|should|gotta) (?:to )?bring\b")
"""What to bring to the visit, asked ("do I need to bring anything, like pay stubs?")."""
VISIT_ABOUT = re.compile(
    r"\bwhat (?:exactly |actually |all |really )?(?:do|does|will|would|did) (?:they|you|y'?all|the agent|"
    r"he|she|it|that|the (?:consultation|appointment|meeting|showing|visit|listing appointment))"
    r"(?: \w+)?(?: \w+)? (?:do|involve|cover|entail|consist of|look like)\b|"
    r"\bwhat (?:all |exactly |actually )?(?:happens|goes on|do (?:they|you) do) (?:at|during|in|when)\b|"
    r"\bwhat(?:'s| is) (?:involved|included)\b|\bwhat should (?:i|we) expect\b|"
    r"\bhow does (?:that|the|this) (?:part|appointment|visit|consultation|meeting|listing appointment|"
    r"showing|sit ?down)(?: \w+)? work\b|\bis it (?:like )?an? interview\b|"
    r"\bwhat(?:'s| is) (?:the|a|that) (?:consultation|listing appointment|showing|appointment|meeting) "
    r"(?:like|about|for)\b|"
    # "what actually is a buyer consultation? is it a sales pitch?"
    r"\bwhat (?:exactly |actually |really )?(?:is|'s) (?:a|an|the|this|that) (?:buyer |buyers? |listing )?"
    r"(?:consultation|consult|listing appointment|valuation|home valuation|showing)\b(?! (?:at|on|for) \w)|"
    r"\bis (?:it|that|the consultation) (?:just )?(?:a|some) (?:sales pitch|pitch|sales thing)\b|"
    # "do i need to bring anything": what the visit asks of the caller is in what it is
    r"\b(?:do|should|would) (?:i|we) (?:need to |have to )?bring (?:anything|something)\b|"
    r"\bwhat (?:do|should|would|will) (?:i|we) (?:need to |have to |got to |gotta )?bring\b|"
    # "does she need to bring her license with her?": what the visit asks of whoever comes
    r"\b(?:do|does|should|would|will) (?:i|we|she|he|they) (?:need to |have to |gotta )?bring "
    r"(?:my|our|her|his|their|a|the) (?:license|licence|id|insurance|paperwork|documents?|keys?)\b|"
    r"\bwhat (?:do|should|would) (?:i|we) (?:need to |have to )?bring\b|"
    # "does the agent come out to the house?", "do y'all come to us or do we come in?": where it is
    # (not "will somebody come out to the house tomorrow?": a visit asked for)
    r"\b(?:do|does|will|would) (?:the |your |an? )?(?:agent|realtor|someone|somebody|they|y'?all|you|he|"
    r"she)(?: guys)? (?:come|go|drive|stop) (?:out |over |by )?(?:to )?(?:the|our|my|us|me)\b"
    r"(?! [^.?!]*\b(?:today|tomorrow|(?:mon|tues|wednes|thurs|fri|satur|sun)day|morning|afternoon|\d))|"
    r"\bor do (?:we|i) (?:come|go) (?:in|to (?:you|the office))\b")
"""What happens at the visit ("what do they actually do when they come out", "what does the
consultation actually involve? is it like an interview?")."""


STILL_ON = re.compile(r"\b(?:is|'s|are|'re)\s+still\s+(?:at|on|for|set|good|happening|booked|scheduled|the)\b"
                      r"(?=[^.?!]{0,40}(?:\bright|\bcorrect|\bthough|\byeah|\?|$))|"
                      # "I just wanted to make sure that's still happening — and also …"
                      r"\b(?:make sure|check|double[- ]check|confirm)\b[^.?!]{0,20}\b(?:is|'s|are|'re)\s+"
                      r"still\s+(?:on|set|good|happening|booked|scheduled|a go)\b|"
                      # "… on Friday, at five-thirty? Just making sure I have it right"
                      + _CHECKING_IT + r"|"
                      # "the detail thing, that's Friday at ten, right?"
                      r"\b(?:that'?s|it'?s|we'?re|i'?m) (?:still )?(?:on |at |for )?(?:this |next )?"
                      r"(?:monday|tuesday|wednesday|thursday|friday|saturday|tomorrow)\b[^.?!]{0,25}\b(?:right|"
                      r"correct)\s*\?")
"""A booking checked as still standing ("and the explorer is still at eight right")."""
KEEP_THE_OTHER = re.compile(r"\b(?:cancel|scratch|scrap|drop) (?:the|my|our|that|this) [\w ']{2,80}?\b"
                            r"(?:but|and) (?:please |just )?(?:keep|leave) (?:the|my|our) ")
""""cancel the detail part … but keep the oil change": one goes, another stays."""
LEFT_AS_IS = re.compile(r"\b(?:keep|leave) (?:the|my|our|that) (?:appointment|appt|booking|showing|"
                        r"consultation|visit|oil change|service|inspection|valuation|test drive)s? "
                        r"(?:as (?:it is|is)|alone|"
                        r"where (?:it is|it'?s at)|like it is|the same|on the (?:books|calendar))\b")
"""A booking said to stand in so many words ("and leave the appointment as it is"): kept."""


SET_UP_BEFORE = re.compile(
    r"\b(?:a|the|an|my|our|his|her) (?:showing|appointment|appt|consultation|listing appointment|oil change|"
    r"tire rotation|inspection|test drive|detail(?:ing)?|service appointment|valuation|visit)s? (?:that )?"
    r"(?:my (?:husband|wife|partner|son|daughter|mom|dad|boss)|he|she|they|someone|somebody) "
    r"(?:set up|booked|scheduled|made|had (?:set up|booked))\b|"
    r"\b(?:my|our) (?:husband|wife|partner|son|daughter|mom|mother|dad|father)(?: [a-z]+){0,2} "
    r"(?:has|had|'s got|got) (?:a|an|the|his|her) (?:showing|appointment|appt|consultation|oil change|"
    r"tire rotation|inspection|test drive|detail(?:ing)?|service appointment|valuation|battery|"
    r"recall(?! (?:letter|notice|thing|notification|in the mail)))\b|"
    # "my wife booked us to see a house Friday", "my father-in-law scheduled a listing appointment"
    r"\b(?:my|our) (?:husband|wife|partner|son|daughter|mom|mother|dad|father|grand\w+|"
    r"(?:father|mother|son|daughter|brother|sister)-in-law)(?: [a-z]+)? (?:already )?"
    r"(?:booked|scheduled|set up|made) (?:for )?"
    r"(?:us|me|him|her|it|an?|the|one|some|something|stuff|a couple|to see|to look at|to tour|to meet)\b|"
    # "my daughter set something up for us with one of your people"
    r"\b(?:my|our) (?:husband|wife|partner|son|daughter|mom|mother|dad|father|boss)(?: [a-z]+)? (?:already )?"
    r"set (?:something|one|it|that|(?:an?|the) \w+) up (?:for|with)\b|"
    # "my wife's Escape is on for the inspection Friday afternoon"
    r"\b(?:my|our|his|her) (?:[\w'-]+ ){0,2}(?:is|'s) (?:on|in|booked|scheduled|down) for "
    r"(?:the|an?|its|her|his) "
    r"(?:inspection|oil change|rotation|tire rotation|detail(?:ing)?|battery|brakes?|brake \w+|recall|"
    r"diagnostic|test drive|showing|valuation|consultation)\b|"
    # "she had you guys down to put a new battery in her Corolla tomorrow"
    r"\b(?:had|has|have|got) (?:you|y'?all|you guys|your guys|one of your \w+) (?:down|scheduled|booked|"
    r"lined up|coming)\b|"
    # "my dad's got his Lincoln in with you Monday for brakes"
    r"\b(?:'s|has|have|had) got (?:his|her|their|the|my) [\w-]+(?: [\w-]+)? in with (?:you|y'?all)\b")
"""A booking someone else made before the call, spoken of by the one who calls about it."""


UNDER_NUMBER = re.compile(r"\b(?:booked|scheduled|made|it'?s|its|it'?d be|is|be|appointment'?s|showing'?s)\s+"
                           r"under\s+(?:my|his|her|our|the|a|their)\s+(?:\w+'?s\s+)?"
                           r"(?:cell|number|phone|other number|"
                           r"work number|home number|house phone|mobile)\b|"
                           # "it's under his name, Martin Hartmann, his cell's 830-559-1132"
                           r"\b(?:booked|scheduled|made|it'?s|its|is)\s+under\s+(?:my|his|her|our|their)\s+"
                           r"(?:\w+'?s\s+)?name\b(?=[^.?!]{0,60}\b(?:cell|number|phone)(?:'s| is)?\s*[\d(+])|"
                           # "the number it's under is 830 559 0317"
                           r"\b(?:number|phone) (?:it'?s|it is|the appointment'?s|that'?s) "
                           r"(?:under|booked under)\b|"
                           # "he booked it from his phone, 830-559-0314"
                           r"\b(?:booked|made|scheduled|set) (?:it|that|the appointment|them) "
                           r"(?:from|on|with|under) (?:his|her|their|my \w+'?s) (?:own )?"
                           r"(?:phone|cell|number|mobile)\b")
"""A booking said to be under another number than the one calling."""


NOTHING_ELSE = re.compile(
    r"(?:no|nope|nah)\W+(?:no\W+)?(?:that'?s|that is|it'?s|that sounds|sounds|that works) "
    r"(?:perfect|great|fine|good|right|correct|all good)\W*$|"
    # "no, the others are fine", "the rest stay" to one booking's cancel of several: that one goes
    r"(?:(?:yes|yeah|yep|no|nope|nah|uh+|um+|oh|ok|okay|and)\W+)*"
    r"(?:(?:just )?(?:keep|leave) (?:the )?(?:others?|rest)(?: (?:ones?|two|three|of (?:them|'?em)))?"
    r"(?: (?:as is|like (?:they are|it is)|where they are))?|"
    r"(?:the |all the )?(?:others?|rest)(?: (?:ones?|two|three|of (?:them|'?em)))? "
    r"(?:stays?|are fine|is fine|are good|is good|can stay|stay put|are ok(?:ay)?|"
    r"are all (?:fine|good|set)))\W*$")
""""No, that's perfect" to a read-back: nothing to change, a yes; so is "no, the others are fine"
to the cancel of one booking of several."""


BOOKING_FORGONE = re.compile(r"\b(?:instead of|rather than|without) (?:booking|making an appointment|"
                             r"an appointment|scheduling|setting (?:up )?an appointment|a reservation)\b|"
                             # "could I just come in whenever?": a walk-in, asked about
                             r"\b(?:just )?(?:come in|come by|swing by|stop by|drop by|show up) "
                             r"(?:whenever|any ?time|any ?day|when(?:ever)? (?:i|we) can)\b")
"""A booking said as what the caller would rather not do ("can I just walk in instead of booking?")."""


CANCEL_TAKEN_BACK = re.compile(r"\b(?:wait|no|nah|actually|never ?mind|on second thought)\b[^?!]{0,120}?"
                               r"\b(?:keep|leave) (?:it|that|the|my|our)\b")
"""A cancel said, then taken back ("scratch the detail … wait, no … keep the detail")."""
THEN_MOVED = re.compile(r"\b(?:move|push|bump|slide|shift|switch|reschedule|go to|be on|instead|earlier|"
                        r"later|change)\b")
"""What is asked after a cancel taken back: another booking moved."""


MOVE_ASK = re.compile(
    r"\b(?:(?:i|we)(?:'ve| have)? (?:got|have|had)|(?:i|we|my \w+|he|she|someone|somebody) "
    r"(?:set up|booked|made|scheduled)) (?:us )?(?:for us )?(?:an?|my|our|the) (?:[\w-]+ ){0,2}?"
    r"(?:appointment|appt|oil change|tire rotation|inspection|brake \w+|battery \w+|detail(?:ing)?|showing|"
    r"consultation|valuation|test drive)\b[^?!]{0,160}?"
    r"\b(?:sooner|earlier|get it (?:over with|out of the way)|"
    r"(?:move|push|bump|slide|change|switch|shift) (?:it|that|this)|reschedule|"
    r"(?:do|have) it [^?!.]{0,40}?instead|another (?:day|time)|different (?:day|time))\b|"
    # "i got em booked for tomorrow at eleven … can you take it today at like two", "i have an
    # appointment for tomorrow at eleven but could y'all do it today": the one booked, at another time
    r"\b(?:i|we)(?:'ve| have)? (?:got|have|had) (?:it|them|'?em|an? (?:appointment|appt|booking)) "
    r"(?:already )?(?:booked |scheduled |set up |down )?(?:for|on|at) [^?!]{0,120}?"
    r"\b(?:can|could|would) (?:you|y'?all|ya|we)(?: guys)? (?:just )?(?:(?:take|get|fit|squeeze|have|do) "
    r"(?:it|them|'?em|that)|do)(?: in)? [^?!.]{0,20}?"
    r"\b(?:today|tomorrow|tonight|this|next|(?:mon|tues|wednes|thurs|fri|satur|sun)day|instead|sooner|earlier)\b")
"""A booking the caller has, and a wish to have it at another time ("I've got an oil change
Wednesday at eight, but I'd rather get it out of the way sooner")."""
