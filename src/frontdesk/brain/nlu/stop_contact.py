"""Is the caller asking not to be contacted again, or stopping something else? ("take me off
your list" against "want to stop renting", "van number three squeals when it stops, the driver
won't stop complaining")."""

from __future__ import annotations

import re

_CONTACTING = re.compile(r"\b(?:call\w*|ring\w*|phon\w*|contact\w*|list|(?<!van )(?<!truck )(?<!unit )"
                         r"number(?! (?:one|two|three|four|five|six|seven|eight|nine|ten|\d))|"
                         r"bother\w*|text\w*|"
                         r"message\w*|email\w*|reach\w*|hear from|spam\w*|solicit\w*|robo\w*|"
                         r"marketing|leave (?:me|us) alone|remove|unsubscribe|harass\w*|pester\w*)\b")
"""Words naming the contact itself (calls, texts, the list), which stopping something else lacks."""
_STOPPING = re.compile(r"\b(?:(?<!hard )(?<!full )stop|don'?t(?! (?:you|ya|y'?all|they|it)\b)|do not|never|"
                       r"no (?:more|longer)|quit|"
                       # "take out my number from the list", "no call me more": as a learner says it
                       r"take (?:(?:me|us|my|our|this|the) (?:\w+ )?)?out|no (?:call|ring|phone|text)\w*|"
                       r"remove|off|struck|strike|scrub|wipe|erase|opt(?:ing)? out|leave (?:me|us) alone|"
                       r"unsubscribe|not interested|enough|lose (?:my|this)|delete|won'?t|no thanks|"
                       r"no thank you|harass\w*|pester\w*|bother\w*)\b")
"""Words every request to stop being contacted has: a stop, a never, an "off the list"."""
_STOPS_OTHER = re.compile(r"\b(?:stop|quit|done|no more|tired of) \w+ing\b")
"""Something else the caller stops ("want to stop renting")."""
_SPARE_OTHER = re.compile(r"\b(?:don'?t|do not|never|please don'?t) (?:call|ring|text|phone|contact|tell) "
                          r"(?:her|him|them|my (?:wife|husband|mom|mother|dad|father|son|daughter|boss|"
                          r"partner))\b")
_NOT_CALLING_YOU = re.compile(r"\b(?:he|she|they|i|we)(?:'ll|'d| will| would)? (?:never|won'?t|not|doesn'?t|"
                              r"don'?t|didn'?t) (?:\w+ )?(?:call|ring|phone|get back to|text) (?:you|y'?all|"
                              r"anyone|anybody|people)\b")
"""Someone who will not call *us* ("put it under my name, he'll never call you back"): no stop asked."""
_SPARE_ME = re.compile(r"\b(?:call|ring|text|phone|contact)(?:ing)? (?:me|us)\b|\blist\b|\bstop calling\b")


def asks_to_stop_contact(text: str) -> bool:
    """A stopping word, and if what stops is an "-ing", the contact itself is named; not a
    request to leave someone else out ("this number is mine, so don't call her and spoil it")."""
    if (_SPARE_OTHER.search(text) or _NOT_CALLING_YOU.search(text)) and not _SPARE_ME.search(text):
        return False
    return bool(_STOPPING.search(text)) and bool(_CONTACTING.search(text) or not _STOPS_OTHER.search(text))
