"""The words that introduce a name ("my name is …", "this is …", "put it under …", "the name on
the booking is …") and the span of name words after them, read by :func:`.names.extract_name`."""

from __future__ import annotations

import re

from frontdesk.brain.nlu.name_frames import _NAME_WORD, SURNAME_PARTICLES

NAME_SPAN = (_NAME_WORD + r"(?:\s+(?:(?:" + "|".join(sorted(SURNAME_PARTICLES)) + r")\s+){0,2}"
             + _NAME_WORD + r"){0,3}")
"""Up to four names after a cue (two given names and two surnames: "Maria Jose Garcia Lopez"),
particles inside a surname aside ("Carlos De La Cruz")."""

NAME_CUE = re.compile(
    r"(?:(?:^|[,.?!;]\s*|\s[—–]\s*|\b(?:hi|hello|hey|yeah|yes|oh|and|also|uh|um|sorry|okay|ok|so|well|right|"
    r"please|thanks)[,\s]+)(?:this is|it's|it is|i am|i'm|im)(?!\s+for\b)|^its|"
    # "Hello, here is Klaus Becker": a caller's "this is", put as their own language puts it
    r"(?:^|[,.?!;]\s*|\b(?:hi|hello|hey|good (?:morning|afternoon|evening))[,\s]+)(?:here is|here speaks)|"
    # ("put me through to marcus please its anthony deluca")
    r"\b(?:sorry|okay|ok|yeah|yes|oh|um|uh|hi|hello|well|so|please|thanks)[,\s]+its|"
    # "could you put it under Jeffrey? Jeffrey Lowry": the name the booking goes under
    r"\b(?:put|book|have) (?:it|that|this|everything|it all|the (?:appointment|booking)) under(?: the name)?"
    # "Book it under him, Luis Carrillo"; "The appointment's for her — Marisol Ortega"
    r"(?: (?:him|her|them),)?|"
    r"\b(?:the )?(?:appointment|booking|call ?back)(?:'s| is) for(?: (?:him|her|them)\b)?(?:\s*[,:—–-]+)?"
    r"(?!\s*(?:mr|mrs|ms|dr)\b)|"
    # "name on it's Curtis Boone", "under her name please, Anh Pham", "the appointment goes under
    # him: Tomasz Nowak", "it oughta be Margaret Ellison on the appointment"
    r"\b(?:the )?name on (?:it|the (?:appointment|booking|paperwork))(?:'s| is| should be| will be)?[,:]?|"
    r"\bunder (?:his|her|their) name(?:,? please)?[,:]?|"
    r"\b(?:the )?(?:appointment|booking|visit|showing|meeting) (?:goes|should go|will go|can go|'ll go) "
    r"under(?: (?:him|her|them))?[,:]?|"
    r"\b(?:it|that|the name) (?:oughta|ought to|should|needs to|has to) be(?: (?:under|for))?|"
    r"\b(?:it'?s|it is|this is) for(?=\s+(?!(?:my|his|her|the|a|an|me|him|them|us|our|your|sure|real|"
    r"now|today|tomorrow|next|this|that|service|sales|work)\b)))"
    r"\s+(?:(?:uh+|um+|er)[,\s]+)*"
    r"(" + NAME_SPAN + r")"
)


_WHOSE = (r"(?: (?:wife|husband|partner|fianc[eé]e?|son|daughter|mom|mother|dad|father|boss|"
          r"brother|sister|girlfriend|boyfriend)'?s)?")
"""Whose name a booking is put under: "my wife's name", "my husband's name"."""
STRONG_CUE = re.compile(r"\b(?:my name is|my name's|my names(?= [a-z])|name is|name's|the names|the name is|"
                         r"(?:^|(?<=name\. ))just(?= [a-z]+ (?:is fine|is good|works|will do)\b)|"
                         # "call me Jo" (not "supposed to call me last week", "call me back")
                         r"(?<!to )(?<!'ll )(?<!will )(?<!should )(?<!didn't )(?<!never )"
                         r"call me(?!\s*[?.!;—–-])(?! (?:last|next|this|back|later|again|tomorrow|today|"
                         r"tonight|"
                         r"around|at|in|mornings?|afternoons?|evenings?|nights?|weekends?|weekdays?|early|late|"
                         r"during|between|once|maybe|first|"
                         r"after|before|on|sometime|any ?time|whenever|when|about|if|and|or|please|right|"
                         r"asap|soon|up|then|every|any|some|a|an|the)\b)|"
                         r"name (?:would|will|should|'d|'ll) be|my name(?= [a-z]+(?: [a-z]+|[,.]|$))|"
                         r"(?:put|book|make|have) (?:it|that|this) under(?: the name)?(?: my (?:son|daughter|"
                         r"tenant|husband|wife|mom|dad|mother|father|partner)'?s?,?(?= [a-z]+ [a-z]+))?"
                         r"(?:,? (?:his|her|my|our|their)" + _WHOSE + r" name)?|"
                         r"(?:under|in) (?:the name|(?:his|her|my|our|their)" + _WHOSE + r" name)(?: of)?|"
                         # "it'd be under Peter Hollis", "its gonna be her name judith kowalski"
                         r"(?:it'?d|it would|it'?ll|it will|it should|should|it'?s gonna|its gonna|"
                         r"it'?s going to|that'?d|that would) be under(?! (?:his|her|my|our|their|the) )|"
                         # "it's 830-560-1522, and it's under Ruth Abernathy"
                         r"(?:it'?s|its|it is|that'?s|booked|should be) under"
                         r"(?! (?:his|her|my|our|their|the|this|that|"
                         r"a|an|\d|warranty|budget|contract|review|construction|water|pressure|way|control|"
                         r"age|par|wraps|cover|oath|lease|(?:[a-z']+ )?(?:number|name|account))\b)|"
                         r"(?:it'?s|its|it'?s gonna be|its gonna be|gonna be|it'?ll be|it should be) "
                         r"(?:his|her|their)" + _WHOSE + r" name|"
                         # "I'm their daughter, Hannah Kim": who the caller is to them, then the name
                         r"(?:i'?m|i am|this is) (?:his|her|their) (?:wife|husband|partner|son|daughter|mom|"
                         r"mother|dad|father|brother|sister|assistant|neighbou?r|nephew|niece|grand\w+)(?=,)|"
                         # "I'm calling on behalf of my dad, Harold Jennings": whom the call is for
                         r"(?:calling|call|here|booking) (?:for|on behalf of) (?:my|our) (?:wife|husband|"
                         r"partner|son|daughter|mom|mother|dad|father|brother|sister|boss|grand\w+|"
                         r"aunt|uncle|neighbou?r)(?=,))"
                         r"[,:?.\s—–-]+"
                         r"(?:(?:um+|uh+|er|like|actually|it's|its|it is|oh|me|myself)[,\s]+)*"
                         r"(" + NAME_SPAN + r")")
