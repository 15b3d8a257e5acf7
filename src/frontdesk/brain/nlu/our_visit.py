"""One of ours coming to the caller's home, and what it would sell for: a listing visit asked in
callers' words ("could somebody come see the house", "somebody looking at the condo", "what the
place would even bring")."""

from __future__ import annotations

import re

_OURS = (r"\b(?:somebody|someone|an agent|one of (?:y'?all|you|your agents|your people)|y'?all|"
         r"(?:your|the) (?:agent|realtor|person|guy|lady)|you guys)")
"""One of the business's people, however named."""
_SOMEONE_OF_OURS = _OURS + (r"(?:'s| is| needs?| could| can| would| will| should| might| has to| have to|"
                            r" ought to)?(?: to)? ")
OURS_TO_COME = re.compile(_SOMEONE_OF_OURS + r"(?:come|coming|comes) (?:out |over |by )?"
                          r"(?:[\w ]{0,25}? )?(?:and |to )?"
                          r"(?:sees?|looks? at|checks? out|value|price|appraise|assess|"
                          r"takes? a look at|walk through) (?:the|her|his|their|my|our|mom'?s|dad'?s) "
                          r"(?:\w+ ){0,2}"
                          r"(?:house|home|place|property|condo|townhouse)\b|"
                          # "can someone come to the house first?"
                          + _SOMEONE_OF_OURS + r"(?:come|coming|comes) (?:out |over |by )?to "
                          r"(?:the|our|my|her|his) (?:house|home|place|property|condo|townhouse)\b|"
                          # "maybe start with somebody looking at the condo?"
                          + _OURS + r"(?:'s| is)? "
                          + r"(?:looking at|taking a look at|checking out|walking through) (?:(?:the|our|my) "
                          r"(?:\w+ ){0,2}(?:house|home|place|property|condo|townhouse)\b|ours\b|mine\b)|"
                          # "I guess start with the condo? can somebody come see it": see it where it is
                          + _SOMEONE_OF_OURS + r"(?:come|coming|comes) (?:out |over |by )?(?:and |to )?"
                          r"(?:see|look at|take a look at|check out|walk through|value|appraise) "
                          r"(?:it|ours|mine)\b|"
                          # "could someone come out thursday the fifteenth?": out to the caller's
                          + _SOMEONE_OF_OURS
                          + r"come out\b(?! (?:with|and see|to see|to the (?:listing|property)))")
"""One of ours to come to the caller's home ("could somebody come see the house")."""
WORTH_OF_OURS = re.compile(
    r"\bwhat (?:(?:our|my|the|her|his|their|mom'?s|dad'?s)\s+(?:\w+\s+)?(?:house|home|place|condo|townhouse|"
    r"property)(?:\s+(?:(?:out|over|up|down|back) )?(?:in|on|at|off|near|by) \w+(?: \w+)?)?|it|ours|that "
    r"place)\s+(?:would|could|might|will|'?d|can|should|is gonna|is going to)\s+(?:\w+\s+)?(?:bring|fetch|"
    r"go for|sell for|get|be worth)\b|"
    r"\bwhat (?:we|i|she|he|they|mom)\s+(?:\w+\s+)?(?:would|could|might|can|'?d)\s+(?:\w+\s+)?get for "
    r"(?:it|the|our|my|her|his|ours)\b")
"""What the caller's own home would sell for ("what the place would even bring", "what their house
out in Pflug would go for"): a listing appointment's valuation, whatever the words around it."""
