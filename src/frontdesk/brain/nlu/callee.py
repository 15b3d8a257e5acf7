"""Who answered our call, when it is not the one we called: someone answering for them ("this is
his son", "you've reached Samir Haddad's phone"), news that they have died, or someone who looks
after it themselves ("I do all the scheduling for the truck")."""

from __future__ import annotations

import re

PASSED_AWAY = re.compile(r"\b(?:passed away|passed on|(?:he|she)(?:'s| has| had) passed|(?:he|she) died|"
                         r"is deceased|(?:died|passed) (?:last|back in|a few|in|this)\b)")
"""Someone has died ("my dad actually passed away back in March")."""

ANSWERS_FOR_THEM = re.compile(r"\b(?:this is|i'?m|i am|it'?s) (?:his|her|their) (?:son|daughter|wife|husband|"
                              r"widow|brother|sister|mom|mother|dad|father|kid|grandson|granddaughter|neighbou?r|"
                              r"caregiver|assistant|secretary)\b|"
                              r"\byou'?ve reached (?:(?:mr|mrs|ms|dr)\.? )?[a-z]+(?: [a-z]+)?'s "
                              r"(?:phone|cell|line)\b|"
                              r"\b(?:he|she) (?:did fill|filled) out (?:that|the) form\b")
"""Whoever answered our call is someone else of the one we called ("this is his son", "you've
reached Samir Haddad's phone, this is his assistant"): the right number, whoever picked up."""

HANDLES_IT = re.compile(r"\b(?:i|i'?m the one (?:that|who)|i'?m the one)\s+(?:do|does|handle|handles|"
                        r"take care of|keep(?:s)? up with|schedule|book|set(?:s)? up|make)\b[^.?!]{0,25}\b"
                        r"(?:scheduling|appointments?|truck|car|van|suv|cars|vehicles?|maintenance|service|that|it)\b|"
                        r"\bi can (?:set|book|schedule) (?:it|that|something|that up|it up)\b|"
                        r"\bi handle (?:that|it|all (?:of )?that|all the)\b")
"""Whoever answered our call looks after it themselves ("this is his wife … honestly I do all the
scheduling for the truck anyway, so go ahead"): the call goes on with them."""
