"""Days said of something else than the visit: an event ahead ("my new job starts January 4th"),
one done ("I got it inspected back on the 3rd"), a trip ("we're driving up to Tulsa on Wednesday"),
when the trouble began ("the light came on Thursday"), how long something else lasts ("I've got
the summer off until August ninth")."""

from __future__ import annotations

import re

from frontdesk.brain.nlu.stance import clause_before
from frontdesk.brain.nlu.text import WEEKDAY

_OTHER_EVENT = re.compile(
    r"(?:\b(?:job|work|lease|school|semester|closing|flight|contract|class|baby|wedding|surgery|"
    r"trip|vacation|move|offer|sticker|registration)\b[\w\s']{0,25}?\b(?:starts?|starting|begins?|"
    r"ends?|closes?|expires?|runs? out|leaves|leaving|departs|lands|(?:is |'s )?due|(?:is |'s )?up|comes)"
    r"|(?<!can )(?<!could )(?<!should )"
    r"\b(?:i|we|he|she|they|(?:my|our|his|her|their) \w+)(?:'m|'re|'s|m|re)?(?: \w+)? "
    r"(?:(?:leave|fly|close)s?"
    r"(?: out| town)?|"
    r"(?:flying|flies|fly|driving) (?:in|back|home|into town)|(?:land|arrive)s?|gets (?:in|here|home|back)|"
    r"(?:start|begin)s?(?: "
    r"(?:work|school|the (?:new )?job|my (?:new )?job|a new job|there|(?:at|with) [\w&'-]+(?: [\w&'-]+)?))?)"
    r"|\bdue date(?: is)?"
    # "my mother in law is flying in from Tucson on Friday": someone else's arrival
    r"|\b(?:my|our|his|her) [\w-]+(?:[ -]in[ -]laws?)? (?:is|are|'s|'re) (?:flying|driving) "
    r"(?:in|into town|down|up)(?: from [\w' ]{1,25}?)?)\s*(?:on\s+)?(?:the\s+)?$")
"""What a date may belong to instead of the appointment ("my new job starts January 4th")."""
_CONTACTED = re.compile(r"\b(?:left|sent|gave|got) (?:me |us )?(?:a |your |the |that )?"
                        r"(?:voice ?mail|message|text|letter|postcard|e-?mail|call|reminder)\s*"
                        r"(?:on |last |this past )?$|"
                        r"\b(?:you|y'?all|you guys|somebody|someone) (?:called|rang|texted) (?:me |us )?"
                        r"(?:on |last |this past )?$|"
                        # "I called Monday about my brakes and nobody called me back": the caller's
                        r"\b(?:i|we|my \w+|he|she)(?: already| first)? (?:called|rang|phoned|emailed|texted|"
                        r"messaged|reached out|left (?:a |y'?all a |you a )?(?:message|voice ?mail)|"
                        r"(?:talked|spoke) (?:to|with) (?:someone|somebody|a guy|a lady|one of))"
                        r"(?: (?:y'?all|you|you guys|there|in|here|your \w+|about \w+(?: \w+)?))*"
                        r" (?:on |last |this past |back on |earlier )?$")
"""When we were last in touch ("y'all left me a voicemail Tuesday about service"): gone by."""
_EVENT_DAY = re.compile(r"\b(?:graduat\w*|"
                        # "… saturday morning instead, I forgot I got my kids friday": whose day that is
                        r"(?:i|we)(?:'ve| have)? (?:got|have) (?:the|my|our) "
                        r"(?:kids?|son|daughter|boys|girls)|"
                        # "let's just say Wednesday, I'm getting my hair done Tuesday": an errand's day
                        r"(?:i'?m|we'?re|i am|we are) (?:getting|having) (?:my|our|the) [\w ]{2,20}?"
                        r" (?:done|cut|colou?red|cleaned|fixed|pulled|checked)|"
                        r"(?:graduation|ceremony|wedding|funeral|recital|reunion|tournament)"
                        r"(?:'s| is)?)\s*(?:on\s+)?(?:the\s+)?$")
"""An event said right before its day ("my baby girl is graduating saturday"), unless the day is
then taken up ("… the wedding friday, saturday then")."""


_DONE = re.compile(
    r"\b(?:back (?:on|in)|(?:got|had|have had|'ve had) (?:it|them|her|him|(?:the|my|our) \w+) \w+(?:ed|en)|"
    r"(?:bought|picked up|purchased|sold|traded(?: in)?) (?:it|her|him|them|(?:the|my|our|this) \w+)|"
    r"did (?:it|that|one|the \w+)|"
    # "we met with him on Friday and we have a few questions": a meeting had, not one asked for
    r"(?:we|i|he|she|they) (?:met|talked|spoke|toured|visited|stopped by|dropped by|came by|saw|"
    r"looked at|walked through|checked out|drove by|went (?:and saw|to see|through|by))\b|"
    r"(?:picked|brought|drove) (?:it|her|him|them) (?:up|in|home|back)|"
    r"(?:was|were) (?:in|there|done|serviced|seen)|came in|went in|last (?:time|visit|came|was|had)|"
    # "we were driving back from my son's tournament on Sunday": what the caller was doing then
    r"(?:we|i|he|she|they) (?:was|were) (?!gonna\b|going to\b|hoping\b|wondering\b|thinking\b|looking\b|"
    r"planning\b|calling\b|wanting\b|trying\b)\w+ing)\b"
    r"(?![^,.;?!]*\b(?:can|could|would|want|wanna|need|book|schedule|come|bring)\b)[^,.;?!]*$")
"""A visit or purchase already made before the date ("I got it inspected back on the 3rd",
"bought it on the 12th"): that date is in the past of the caller's story."""


TRIP = re.compile(r"\b(?:(?:leaving|taking off|road trip|fly(?:ing)? out|heading out|drive out|driving out|"
                   r"(?:driving|flying|heading|traveling|travelling) (?:back|home))\b"
                   r"(?: (?:to|for)\b[\w' ]{0,30}?)?"
                   r"|(?:driving|flying|heading|traveling|travelling|drive (?:up|down))\b"
                   r"(?: (?:up|down|out|over|back|home))? (?:to|for)\b[\w' ]{0,30}?)"
                   r",?\s+(?:on\s+)?(?:the\s+)?$")
"""A trip said right before its day ("we're driving up to my sister's in Tulsa on Wednesday",
"we're leaving Friday"): that day is the trip's, not the visit's. Driving down or flying in with
no place named is coming here ("we're driving down Saturday the 23rd. could we sit down with an
agent around eleven?"): that day can be the visit's."""
_AWAY_TILL = re.compile(r"\b(?:traveling|travelling|on the road|out of town|away|gone|on a trip|on vacation|"
                        r"out of state|deployed|on business)\b[^.?!]{0,20}?\b(?:till|until|til|through|thru)"
                        r"\s+(?:(?:this|next|the)\s+)?$")
"""Away until a day ("I'm traveling till Thursday night. Friday at ten?"): the trip's end, not the
visit's day."""


_ARRIVING = re.compile(r"\b(?:driving|flying|coming|getting|heading|rolling) (?:down|in|up|into town|back)\s+"
                       r"(?:on\s+)?(?:the\s+)?$")
"""Coming to town on a day ("I'm driving down Friday"), said before another day asked for."""


def belongs_elsewhere(text: str, start: int) -> bool:
    """A date of something else: an event ahead ("my new job starts January 4th") or one done
    ("I got it inspected back on the 3rd")."""
    if said_with := re.search(rf"\b{WEEKDAY},?\s+$", text[max(0, start - 14): start]):
        start = max(0, start - 14) + said_with.start()  # "on Wednesday, the 23rd": one day, said twice
    before = text[max(0, start - 60): start]
    if re.search(r"\btoday(?:'s| is)\s+(?:the\s+)?$", before) or re.match(
            r"today(?:'s| is)\s+(?:the\s+)?\d", text[start:]) or (
            re.search(r"\b(?:it'?s|it is)\s+(?:the\s+)?$", before) and re.match(
                r"(?:the\s+)?\d[\w-]*\s+today\b", text[start:])) or (
            text.startswith("today", start) and re.search(r"\b(?:it'?s|it is)\s+the\s+\d[\w-]*\s+$", before)):
        return True  # "it's the twenty-ninth today, right?", "today's the 29th": today's date, in passing
    return bool(_OTHER_EVENT.search(before) or TRIP.search(before) or _CONTACTED.search(before)
                or _AWAY_TILL.search(before)
                # "I'm driving down Friday. could someone meet me at the house Saturday morning?":
                # the day they arrive, another asked for the visit after it
                or (_ARRIVING.search(before) and re.match(
                    rf"[^?]*?\b(?:{WEEKDAY}|tomorrow)\b[^?]*?\b(?:{WEEKDAY}|tomorrow)\b", text[start:])
                    is not None)
                # "my number after Monday is …": when a number holds, not a visit
                or re.search(r"\b(?:number|phone|cell)\b[^.?!]{0,25}$", before)
                or (_EVENT_DAY.search(before) and not re.match(  # ("… wednesday, wednesday at ten": taken up)
                    r"\W*(\w+)\W+(?:then|instead|\1|at|around)\b", text[start:]))
                or _DONE.search(clause_before(text, start))
                or re.search(r"\b(?:(?:since|ever since|as of),?\s+(?:(?:oh|uh|um|like|about|around|maybe|"
                             r"i (?:think|guess)|last|this past),?\s+)*|"
                             r"(?:(?<!the )last|this past)\s+)$",
                             text[max(0, start - 25): start])  # "the light's been on since sunday"
                # "my check engine light came on Thursday": when the trouble began, gone by
                # (not "could someone come on the 12th": a visit; "the light will come on" is its own)
                or re.search(r"\b(?:came on|lights? (?:\w+ )?come on|popped on|lit up|went out|went off|died|"
                             r"broke down|"
                             r"quit on me|quit|"
                             r"started (?:acting up|making|doing|leaking|smoking)[\w ]{0,20}?|"
                             r"acted up|stalled|overheated|got a flat)\s+(?:on\s+)?(?:me\s+)?(?:on\s+)?$",
                             text[max(0, start - 45): start])
                # "I've got the summer off until August ninth": how long something else lasts
                or re.search(r"\b(?:off|out|away|gone|closed|on (?:vacation|leave|break)|summer|break|"
                             r"vacation|leave|lease|contract)\b[^.?!,]{0,25}\b(?:until|till|through|thru)\s+$",
                             text[max(0, start - 50): start]))
