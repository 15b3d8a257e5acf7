"""Who answered our call, when it is not the one we called: someone answering for them ("this is
his son", "you've reached Samir Haddad's phone"), news that they have died, someone who looks
after it themselves ("I do all the scheduling for the truck"), the callee away or busy till a time,
or someone else at home who is the one to reach ("that's all my wife")."""

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


_AWAY_VERB = r"(?:'s|'re| is| are| isn'?t| aren'?t| won'?t be| will be|'ll be| went| left)"
_AWAY_WHERE = (
    r" (?:not )?(?:out|at|away|gone|working|asleep|sleeping|busy|in (?:a|the)|on (?:a|the)|home|back|"
    r"here|around|available|unavailable|fishing|hunting|driving|traveling|travelling|on shift|"
    r"on (?:his|her|their) shift|on call|on duty|deployed|overseas)\b")
CALLEE_AWAY = re.compile(rf"\b(?:he|she|they){_AWAY_VERB}?{_AWAY_WHERE}")
"""Whoever answers our call speaks of the callee as away ("she's at the gym till tonight", "he
won't be home till six", "they're not back until after seven")."""


def named_away(said: str, first_name: str) -> bool:
    """Whoever answers our call speaks of the callee by name as away ("Dave's at work right now",
    "Maria won't be back till Thursday"); "Dave here" is the callee himself."""
    return re.search(rf"\b{re.escape(first_name.lower())}{_AWAY_VERB}{_AWAY_WHERE}", said) is not None


_KIN = (r"(?:wife|husband|partner|son|daughter|mom|mother|dad|father|fianc[eé]e?|boyfriend|girlfriend|"
        r"roommate|brother|sister|grandson|granddaughter)")
LEAD_ELSEWHERE = re.compile(
    rf"\b(?:that'?s|it'?s|that was|it was|that'?d be|you want|you'?re looking for|"
    rf"(?:that|it) (?:might|must|could|may|would)(?:'ve| have) been) "
    rf"(?:all |probably |actually |really |prob(?:ly)? |more )?(?:my|our) (?P<kin>{_KIN})\b|"
    rf"\b(?:my|our) (?P<kin2>{_KIN})(?:'s| is| was) (?:the one|who)\b|"
    rf"\b(?:my|our) (?P<kin3>{_KIN})'?s (?:thing|department|deal|project|baby|call|area|job)\b|"
    rf"\b(?:my|our) (?P<kin4>{_KIN}) (?:handles|does|deals with|takes care of|is handling|is doing|"
    rf"filled (?:it|that|the form|that form) out|did (?:that|the form)|is the house person)\b|"
    rf"\b(?:talk to|speak (?:to|with)|ask|need|want) my (?P<kin5>{_KIN})\b")
"""Whoever answers our call says the one we want is someone else at home ("the houses? oh, that's
all my wife, she's the one on the websites")."""
BUSY_UNTIL = re.compile(r"\b(?:i'?m|i am|we'?re|we are|i'?ll be|we'?ll be)\b[^.?!]{0,40}?"
                        r"\b(?:till|until|'til|til)\b")
"""A callee busy until a time ("I'm on a job site till four thirty"): when to call, not a visit."""


CALLS_US_THEMSELVES = re.compile(
    r"\b(?:he|she|they)(?:'ll| will| can| could|'s gonna| is gonna| are gonna|'re gonna)? (?:just )?"
    r"(?:call|ring|get back to|reach out to) (?:you|y'?all|ya|you guys)(?: back)?"
    r"(?: him| her)?(?:self|selves)?\b|"
    r"\b(?:he|she|they)(?:'ll| will) call\b|"
    r"\b(?:call|ring) (?:you|y'?all|ya) (?:back )?(?:him|her|them)sel(?:f|ves)\b|"
    # "no, don't call back, I'll just tell her to call you if she wants"
    r"\btell (?:him|her|them) to (?:call|ring|get back to|reach out to) (?:you|y'?all|ya|you guys)\b")
"""Whoever answered says the one we called will ring us himself ("he can call y'all back himself",
"no, that's okay, he'll call"): no call back of ours is wanted."""

