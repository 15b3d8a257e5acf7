"""Trouble with the car told in the caller's words, with no service named: a part that is not
working ("my ac ain't blowing cold"), a light on the dash, a smell, a noise that comes with braking.
Read by :func:`~frontdesk.brain.nlu.entities.extract_services`; split from it."""

from __future__ import annotations

import re

_SYSTEMS = (r"(?:ac|a/c|a\.c\.|air(?: conditioning| conditioner)?|heat(?:er)?|defrost(?:er)?|radio|stereo|"
            r"bluetooth|screen|(?:power |passenger |driver'?s? |back |rear |front )?windows?|wipers?|"
            r"headlights?|"
            r"(?:tail|brake|dash|dome|fog) ?lights?|(?:door )?locks?|transmission|trans|"
            r"steering|suspension|exhaust|muffler|alternator|starter|engine|motor|gears?|clutch|horn|"
            r"sunroof|(?:car |driver'?s? |passenger |back |rear |sliding )door|trunk|hatch|key ?fob|fob|"
            r"cruise control|backup camera|camera|sensor|gauge)")
SYMPTOM = re.compile(
    # ("the air in my truck has been blowing warm for like a week")
    rf"\b(?:the |my |our |her |his |its? )?(?:\w+ )?{_SYSTEMS}(?: in (?:(?:my|the|our|her|his|their) )?\w+)?"
    r"(?:'s| is| are| has been| have been|'s been| been)? (?:\w+ )?"
    r"(?:(?:is |are )?(?:not|n'?t|aint|ain'?t|isn'?t|won'?t|wont|doesn'?t|don'?t|quit|stopped|keeps?|"
    r"only) (?:\w+ )?(?:working|work|blowing|blow|going|turning|rolling|roll|coming|shifting|cranking|"
    r"starting|cooling|heating|locking|opening|closing|staying|connecting|cold|warm|hot)|"
    r"(?:is |are )?(?:broke|broken|busted|out|dead|acting (?:up|weird|funny)|"
    r"blowing (?:only |just |nothing but )?(?:warm|hot)|"
    r"going out|died|quit|messed up|on the fritz|slipping|jerking|sticking|stuck))\b|"
    # "the light of the engine is on", "the lamp for the motor is blinking": said in other words
    r"\b(?:light|lamp) (?:of|for|from) (?:the |my )?(?:engine|motor)\b[^.?!]{0,25}?\b(?:on|lit|blinking|"
    r"flashing|orange|yellow|red)\b|"
    # "this little orange light pops up on the dash"
    r"\b(?:light|symbol|icon) (?:\w+ ){0,2}(?:pops?|popped|came|comes|showed|shows|lit|lights) (?:up|on)\b"
    r"(?=[^.?!]{0,20}\b(?:dash|dashboard|cluster)\b)|"
    # "a yellow light just popped up", "some little orange light is flashing at me"
    r"\b(?:(?:some|a|this|that|the) )?(?:(?:little|small|tiny|orange|yellow|red|amber|warning|weird|strange|"
    r"funny|blinking|flashing) )+(?:light|lamp|symbol|icon)s? (?:\w+ ){0,2}(?:pops?|popped|came|comes|"
    r"showed|shows|lit|lights|flash\w*|blink\w*|turned|keeps|is on|'s on|stays on)\b|"
    r"\b(?:there'?s|there is) (?:some|a) (?:light|lamp) on\b|"
    r"\b(?:some|a) (?:light|lamp) (?:is|'s) (?:on|flashing|blinking|lit)\b")
"""Something on the car that is not working, in the caller's words: the diagnostic check."""


ODOUR = re.compile(r"(?<!new car )(?<!new-car )(?<!dog )(?<!pet )(?<!smoke )(?<!cigarette )(?<!food )"
                    r"\b(?:smell(?:s|ed|ing|y)?|stinks?|stinking|stinky|reeks?|odou?r|stench)\b"
                    r"(?! (?:fine|good|great|nice|clean|new)\b)")
"""A smell from the car, in any words ("a smell kinda like hot oil", "it stinks like gas when I
park it"): trouble the shop looks at first (not a new car's smell, nor the dog's)."""


_NOISE = (r"(?:grind\w*|squeal\w*|squeak\w*|scrap(?:e|es|ing|ed)|screech\w*|shudder\w*|pulsat\w*|"
          r"metal on metal)")
_BRAKING = (r"(?:when|whenever|every time|each time|as soon as|anytime) (?:i|you|we|she|he|they) "
            r"(?:stop|brake|hit the brakes?|slow down|press the brakes?|step on the brakes?|come to a stop|"
            r"pull up)")
ON_BRAKING = re.compile(rf"\b{_NOISE}\b[^.?!]{{0,60}}\b{_BRAKING}\b|\b{_BRAKING}\b[^.?!]{{0,60}}\b{_NOISE}")
"""A noise that comes with braking, in whichever order it is told: the brakes."""

_SYMPTOM_OF_IT = re.compile(r"\b(?:it'?s|its|it is|it)(?: been| keeps?| still| now| just)? "
                            r"(?:blowing (?:warm|hot)|"
                            r"not (?:cooling|working|blowing cold|turning on)|(?:stopped|quit) working|"
                            r"acting (?:up|weird|funny)|leaking|dead|broke(?:n)?)\b")


def it_symptom(text: str) -> re.Match[str] | None:
    """"y'all fixed my ac … and it's blowin warm again": the trouble said of a part named before."""
    found = _SYMPTOM_OF_IT.search(text)
    return found if found and re.search(rf"\b{_SYSTEMS}\b", text[: found.start()]) else None
