"""Which side of a home sale the caller is on: buy, sell, both or rent — the caller's own plan,
not someone else's, not one ruled out or put off, not a sale long done
(:func:`extract_lead_intent`)."""

from __future__ import annotations

import re

from frontdesk.brain.nlu.lexicon import lexicon
from frontdesk.brain.nlu.our_visit import OURS_TO_COME, WORTH_OF_OURS
from frontdesk.brain.nlu.text import Utterance, correction_tail, correction_tails

OWNS_RENTAL = re.compile(r"\b(?:(?:i|we|he|she|they)(?:'?ve|'s| have| has)?(?: also| still| just| already)? "
                         r"(?:got|have|has|own|owns|manage|look after)|my|our|his|her|their)\s+"
                         r"(?:a |an |two |three |a couple (?:of )?|some |little )?(?:rental|rent) "
                         r"(?:house|home|property|properties|place|condo|duplex|unit)s?\b")
"""A rental the caller owns: an owner speaking, not a renter."""
DONE_LANDLORDING = re.compile(r"\b(?:done|tired of|sick of|through|finished|over) (?:with )?"
                              r"(?:being a landlord|landlording|(?:dealing with )?(?:the )?"
                              r"(?:tenants|renters))\b")
"""A landlord done with renting out ("done with tenants"): the rental goes."""
THIS_NOT_THAT = re.compile(r"\b(sell(?:ing)?|buy(?:ing)?),? (?:and )?not (?:buy(?:ing)?|sell(?:ing)?)\b|"
                           # "we decided to sell our place in Austin instead of buying", "put ours on
                           # the market instead of buying"
                           r"\b(sell(?:ing)?|buy(?:ing)?|list(?:ing)?|put (?:\w+ ){0,2}on the market)\b"
                           r"[^.?!]{0,40}?\b(?:instead of|rather than) "
                           r"(?:buy(?:ing)?|sell(?:ing)?)\b|"
                           # "we're actually more thinking about selling than buying"
                           r"\bmore (?:\w+ ){0,3}?(sell(?:ing)?|buy(?:ing)?) than "
                           r"(?:buy(?:ing)?|sell(?:ing)?)\b|"
                           # "we're not buying, we're selling"
                           r"\bnot (?:buy(?:ing)?|sell(?:ing)?),? "
                           r"(?:(?:we|i)(?:'re| are|'m| am) |just |only )?(sell(?:ing)?|buy(?:ing)?)\b|"
                           # "it's actually the opposite of buying now … so we've got to sell"
                           r"\bopposite of (?:buy(?:ing)?|sell(?:ing)?)\b[^?!]{0,80}?"
                           r"\b(sell(?:ing)?|buy(?:ing)?|list(?:ing)?)\b")
"""One side said, the other ruled out ("we're selling, not buying", "sell our place instead of
buying")."""
_NOT_MOVING = re.compile(r"\b(?:don'?t|do not|not|won'?t|never|no longer|aren'?t|isn'?t|wasn'?t|"
                         r"decided against|no plans? to)\s+"
                         # ("I don't know the first thing about selling a house": new to it, not against it)
                         r"(?!(?:really )?(?:know|understand|get|have a clue|have any idea|even know)\b)"
                         r"(?:\w+\s+){0,5}?(?:sell|buy|purchas|list)"
                         # ("we won't be buying for at least a year": a buyer later, not none)
                         r"(?!\w*\s+(?:for (?:at least |another |about |maybe )?"
                         r"(?:a|an|one|two|six|\d+|a few|a couple)\b|"
                         r"until|till|before)\b)|"
                         # "I know buying is not happening right now", "selling's off the table"
                         r"\b(?:buy|sell|purchas)ing(?:'s| is| was)? (?:just |really |definitely )?"
                         r"(?:not|n't|never|out of the question|off the table)\b"
                         r"(?: (?:happening|gonna happen|"
                         r"going to happen|in the cards|an option|possible|realistic))?|"
                         # "we're renting, there's nothing to sell"
                         r"\b(?:nothing|no (?:house|home|place|condo)|not anything) to (?:sell|list)\b")


_OWN_SUBJECT = re.compile(r"\b(?:i|we|i'?d|we'?d|wed|i'?ll|we'?ll|i'?m|we'?re|were)\s+$")
_SOMEONE_ELSE = re.compile(r"\b(?:he|she|they|hes|shes|theyre|theyve|landlord|landlady|owners?|sellers?|"
                           r"neighbou?rs?|brother|"
                           r"sister|parents|friends?|buddy|cousin|in-laws?|folks|uncle|aunt|"
                           # "does anybody over there actually want to sell houses?": the business
                           r"(?:any|some)(?:body|one) (?:over )?there)"
                           r"(?:'s|'re| is| are| was| were| just| has| have| had| already)?"
                           r"(?: \w+){0,2}\s*$|"
                           # "our landlord's retiring to Florida and selling the place": theirs
                           r"\b(?:landlord|landlady|owners?)(?:'s| is)? (?:\w+ ){0,4}and\s*$")
"""A buyer or seller who is not the caller ("the landlord just told us he's selling it")."""
_NOT_NOW = re.compile(r"(?:can'?t|cannot|can not|won'?t|couldn'?t|not (?:ready|able|in a position) to|"
                      r"\bnot|aren'?t|no way (?:we|i) can|not gonna|not going to)(?: \w+){0,2}\s*$")
"""A buy or sale the caller rules out for now ("we can't buy right now")."""


_WAITS = re.compile(r"(?:'s|\s)*(?:is |will |has to |have to |can |'ll )?(?:gonna |going to )?(?:have to )?"
                    r"(?:wait|hold off|be on hold|be later)\b")
"""A buy or sale put off ("buying's gonna have to wait a couple years")."""


_ON_BEHALF = re.compile(r"\b(?:calling|call(?:ed)?|here|asking) (?:for|on behalf of|about) (?:my|our) "
                        r"(?:mom|mother|momma|mama|dad|father|parents|grand(?:ma|pa|mother|father|parents|daughter|son|kids?|child)|"
                        r"aunt|uncle|son|daughter|sister|brother|in-laws?|mother-in-law|father-in-law|boss|"
                        r"husband|wife|friend|neighbou?r)\b|"
                        r"\bhelping (?:my|our) (?:mom|mother|dad|father|parents|grand\w+|son|daughter|"
                        r"in-laws?)\b|"
                        # "my husband asked me to call around for 'em"
                        r"\b(?:asked|wants|wanted|had) me (?:to )?call\b|\bcall(?:ing)? around for "
                        r"(?:them|'?em|him|her)\b|"
                        # "I manage a rental house in Round Rock for an owner out in California"
                        r"\b(?:for|on behalf of) (?:an?|the|my|our) (?:owner|client|landlord)\b")
"""The caller speaks for a relative whose move it is ("I'm calling for my mom … she wants to sell
her place"): that relative's buy or sale is the lead's."""


_SPOUSE = re.compile(r"\b(?:my|our) (?:wife|husband|hubby|partner|spouse|fianc[eé]e?)\b")
_SPOUSE_SAID = re.compile(r"\b(?:he|she|hes|shes)(?:'s| is| just| has| already)?(?: \w+){0,2}\s*$")
"""The one of the couple who sells ("my wife has a condo … she wants to sell that"): the lead's."""


_SPOUSES = {"wife", "husband", "hubby", "partner", "spouse", "fiance", "fiancé", "fiancee", "fiancée"}
_PERSON = re.compile(r"\b(?:landlord|landlady|owners?|neighbou?rs?|brother|sister|friends?|buddy|cousin|"
                     r"parents|mom|dad|mother|father|sellers?|agent|boss|uncle|aunt|in-laws?|tenants?|"
                     r"wife|husband|hubby|partner|spouse|fianc[eé]e?)\b")


def _spouse_last(before: str) -> bool:
    """Is the person spoken of last before this the caller's spouse ("my wife has a condo … she
    wants to sell that"; not "my husband and I rent … our landlord told us he's selling")?"""
    said = [m.group(0) for m in _PERSON.finditer(before)]
    return bool(said) and said[-1] in _SPOUSES and _SPOUSE.search(before) is not None


def _callers_own(pattern: re.Pattern[str], text: str) -> bool:
    """Does the caller say they themselves mean to do this (not someone else, not ruled out)?"""
    behalf = _ON_BEHALF.search(text) is not None
    # "she says we'd have to sell ours first": reported, but "we" sell; "my wife has a condo … she
    # wants to sell that": the household's sale
    return any(not ((not behalf and _SOMEONE_ELSE.search(text[max(0, m.start() - 40): m.start()])
                     and not (_SPOUSE_SAID.search(text[max(0, m.start() - 40): m.start()])
                              and _spouse_last(text[: m.start()]))
                     and not re.match(r"(?:i|we)\b", m.group(0))
                     and not _OWN_SUBJECT.search(text[max(0, m.start() - 12): m.start()]))
                    or (_NOT_NOW.search(text[max(0, m.start() - 40): m.start()])
                        # "we're not really ready to buy until sometime next year": a buyer, later
                        and not _UNTIL_THEN.match(text, m.end()))
                    or _WAITS.match(text, m.end())) for m in pattern.finditer(text))


_UNTIL_THEN = re.compile(r"\w*\W+(?:\w+\W+){0,2}?(?:until|till|til|before|for (?:another|a few|a couple|"
                         r"a while|(?:six|\d+) (?:months|weeks)|an?(?:other)? (?:year|month))|"
                         # "I'm not buying anytime soon, like not for a year or two": later, a buyer
                         r"any ?time soon|right away|just yet|quite yet)\b")


_NOT_A_HOME = re.compile(r"\b(?:sell|selling|sold|buy|buying|bought)(?: off)? "
                         r"(?:a |an |the |my |our |his |her |their )?"
                         r"(?:\w+ )?(?:business|company|car|truck|boat|rv|stocks?|shares|practice|restaurant|"
                         r"shop|store|furniture|stuff|things|franchise|equipment|cattle|horses?)\b|"
                         r"\b(?:less|not so much|not really|not even) (?:about |into |on the )?"
                         r"(?:buying|selling)(?: side)?\b")
"""A sale or purchase that is no home ("we're selling a business"), and one said to matter less
("it's less about buying, really, we're thinking about selling first")."""


_VALUATION = re.compile(r"\b(?:a |my |our |the )?(?:home|house|condo|property|place)(?:'s)? "
                        r"(?:valuation|appraisal|evaluation|market analysis|price opinion)\b|"
                        # "tell me what I could get for it": what the caller's home would sell for
                        r"\bwhat (?:(?:i|we) (?:could|can|would|might|should|'d)|"
                        r"(?:could|can|would|might|should) (?:i|we)) (?:get|ask) for "
                        r"(?:it|(?:the|my|our) (?:house|home|place|property|condo|townhouse|townhome))\b|"
                        # "somebody to come look at it and tell us what it'd go for"
                        r"\bwhat (?:it|the (?:house|home|place))(?:'d| would| could| will|'ll) "
                        r"(?:go for|sell for|get|bring|fetch)\b|"
                        # "what would my place in Teravista sell for, roughly?"
                        r"\bwhat (?:would|could|will|might|does|do) (?:my|our) (?:\w+ )?(?:place|house|home|"
                        r"condo|townhouse|townhome)(?: (?:in|on|over in|out in) [\w ]{2,20}?)? (?:sell for|"
                        r"go for|be worth|get|bring|fetch)\b")
"""A home to be valued ("a home valuation", "our house appraisal"): the caller's own, to sell."""


_INVESTOR = re.compile(r"\b(?:rental|investment|income) propert(?:y|ies)\b|"
                       r"\b(?:i|we)(?:'ve| have)? (?:already )?(?:own|have|got) (?:\w+ ){0,2}"
                       r"(?:rentals|rental (?:houses|homes|units))\b|"
                       r"\b(?:investor|1031|cash ?flow|rent (?:it|them) out)\b")
"""A buyer of a home to let ("I own a couple rentals and I'm looking for another, a duplex"):
buying, however many words of renting the message holds."""


_RENT_FIRST = re.compile(r"\brent(?:ing)? (?:first|for (?:a|the first|about a|maybe a) (?:year|while|"
                         r"few months|couple (?:of )?years)(?: or (?:so|two))?)\b[^.?!]{0,30}"
                         r"\b(?:before|then|and then|until)\b|\brent first\b|"
                         # "rent near the Domain for a year or so before I buy anything"
                         r"\brent(?:ing)?\b[^.?!—–]{0,50}\b(?:before|until|till) (?:i|we) (?:buy|purchase)")
"""A renter first, a buyer only later ("rent for a year before we buy anything")."""
_RENT_OR_BUY = re.compile(r"\b(?:decide|deciding|undecided|not sure|don'?t know|torn|debating|on the fence|"
                          r"whether|if (?:we|i) should|figure out|wondering)\b[^.?!]{0,30}"
                          r"\b(?:rent\w*\b[^.?!]{0,20}\bor\b(?: \w+){0,3} buy|"
                          r"buy\w*\b[^.?!]{0,20}\bor\b(?: \w+){0,3} rent)")
"""Renting or buying, not decided ("we can't decide if we should rent first or just buy right away"):
a buyer who weighs it, for us (a renter only when renting is settled)."""
_SELL_ONE_BUY_ONE = re.compile(r"\bsell[- ](?:one|ours|this one)[- ](?:and |then |to )?"
                               r"buy[- ](?:one|another)\b|"
                               r"\bbuy[- ]one[- ](?:and |then )?sell[- ]one\b|"
                               r"\bsell (?:this|that) one and (?:then )?buy\b")
_BUY_ONCE_SOLD = re.compile(r"\b(?:buy\w*|spend|afford|budget|next (?:place|house|home|one))\b[^.?!]{0,40}"
                            r"\b(?:until|till|before|once|after|when|depends? on|depending on|hinges on) "
                            r"(?:what |how much |whether |if )?"
                            r"(?:ours|our (?:house|home|place|condo|townhouse)|mine|"
                            r"my (?:house|home|place|condo))"
                            r"(?: [^.?!]{0,30}?)? "
                            r"(?:sells|is sold|has sold|sold|closes|goes for|brings|gets)\b")
"""A purchase waiting on the caller's own sale ("what we can spend really depends on what ours
sells for"): both sides."""
_SELL_LATER = re.compile(r"\b(?:and )?(?:then )?(?:sell|flip) (?:it|the place|the house|the condo) "
                         r"(?:when|once|after) (?:she|he|they|we|i|the kids?)\b[^.?!]{0,30}")
"""A sale of the home bought, far off ("… and then sell it when she graduates"): no sale now."""


_BOTH_SAID = re.compile(r"\b(?:we'?re|i'?m|we are|i am|we|i)(?: \w+){0,2} (?:buy(?:ing)? (?:and|&|plus) "
                        r"sell(?:ing)?|sell(?:ing)? (?:and|&|plus) buy(?:ing)?)\b")
"""Both sides said in so many words ("we're buying and selling, both")."""
_ROLLED_INTO = re.compile(r"\b(?:1031|roll(?:ing)? (?:the money|it|the proceeds|that) into|trade up|"
                          r"put (?:the money|it) (?:toward|towards|into) (?:a|an|two|another|something))\b")
"""A sale's money put into another home ("roll the money into two smaller ones"): buying too."""
_RELOCATING = re.compile(r"\brelocat(?:e|es|ed|ing|ion)\b(?! (?:to|here|down|up|over|into)\b)|"
                         # "my children move to Houston, I go live with them": moving in with family
                         r"\b(?:my|our) (?:children|kids|son|daughter|family|parents|mom|dad)(?:'s)? "
                         r"(?:\w+ )?"
                         r"(?:move|moves|moved|moving)(?: (?:to|out to|up to|down to|away to) \w+)?\b|"
                         r"\b(?:go|going|gonna|will|'ll|want to|wanna) (?:go )?(?:live|stay|move in) with\b")
"""Moving for work, or in with family, said beside a home to sell: the caller leaves the area and
buys nothing."""


_SIDE_HANDLED = re.compile(r"\b(?:he|she|they|someone|somebody|\w+)(?:'s|'re| is| are)? (?:already )?"
                           r"(?:handling|taking care of|covering|doing|got|has|have)\s+"
                           r"(?:that|the|our|my)\s+(?:(?P<side>buy|buying|purchase|sell|selling|sale|listing)\w*"
                           r"(?:\s+(?:side|part|end))?|side|part|end)\b")
"""The other side handled by someone else ("we're buying out in Lakeway and my brother-in-law's a
realtor out there, so he's handling that side, we just need someone for the Round Rock house")."""


def _side_handled(lower: str) -> str | None:
    """``buy`` or ``sell``: the side of a move someone else handles, so it is not the lead's."""
    if (handled := _SIDE_HANDLED.search(lower)) is None:
        return None
    if side := handled["side"]:
        return "buy" if side.startswith(("buy", "purchase")) else "sell"
    before = re.findall(r"\b(buy|sell|list|purchas)\w*", lower[: handled.start()])
    return ("buy" if before[-1] in {"buy", "purchas"} else "sell") if before else None


LOOKING = re.compile(r"\b(?:we'?re|i'?m|we are|i am|we'?ve been|i'?ve been|been)"
                      r"(?: just| kind of| kinda| still)* (?:looking (?:in|around|somewhere|"
                      r"at (?:homes|houses|places)|for (?:a|our|my) (?:first )?(?:home|house|place))|"
                      r"house[- ]hunting|home shopping|"
                      r"getting a feel for (?:things|the market|prices|the area))\b")
"""A home looked for, no side named ("we're looking in Cedar Park"): a buyer."""
_NEVER_BEFORE = re.compile(r"\b(?:i|we)(?:'ve| have)? never (sold|bought|purchased) (?:a|an|our|my|any) "
                           r"(?:house|home|place|condo|property)\b")
"""A caller new to one side of a sale ("I've never sold a house before")."""


_RENT_NOW = re.compile(r"\b(?:need|want|looking for|look for|find|get)\b[^.?!]{0,30}?\b(?:to rent|"
                       r"(?:a |an )?rental|(?:a |an )?(?:apartment|place|house) to rent)\b|"
                       r"\brent(?:ing)? (?:for now|in the meantime|instead)\b")
"""A home to rent wanted now ("I need something to rent")."""
_UNDECIDED_AFTER = re.compile(r"\b(?:might|may|maybe|could|possibly|perhaps)(?: \w+)? (?:buy|purchas)\w*")
_NOT_DECIDED = re.compile(r"\b(?:haven'?t|have not|not) (?:really )?(?:decided|figured (?:it|that) out|sure)|"
                          r"\b(?:don'?t|do not) know (?:yet|if|whether)|\bundecided\b")
"""A purchase after a sale left open ("we might buy again, might rent, we haven't decided"): the
lead sells; the buying side is not yet a plan to record."""


_RATHER = re.compile(r"\bmore (?:\w+ )?(?:about |into |on |like )?(selling|sell|buying|buy)\b[^.?!]{0,50}?"
                     r"\bthan (?:\w+ )?(?:buying|buy|selling|sell)\b|"
                     # "we're actually thinking about selling, more than buying"
                     r"\b(selling|sell|buying|buy)\b,? (?:a lot |way |much |far |probably |really )?"
                     r"more (?:so )?than (?:\w+ )?(?:buying|buy|selling|sell)\b")
"""One side put before the other ("more thinking about selling … than buying right now")."""


def extract_lead_intent(u: Utterance) -> str | None:
    """Buy, sell, both or rent — not when the caller rules it out ("we won't be buying") or
    speaks of a sale that is done ("cash from selling our place in California")."""
    intents = lexicon().intents
    if re.fullmatch(r"\W*(?:(?:um+|uh+|oh|just|i want to|to|we want to)\W+)*(?:rent|renting|a rental)\W*",
                    u.lower):
        return "rent"  # "rent.", said alone to "buy, sell, or something else?"
    if _NOT_A_HOME.search(u.lower):
        kept = _NOT_A_HOME.sub(" ", u.lower)
        u = Utterance(raw=u.raw, lower=kept, numeric=u.numeric)
    if _RENT_NOW.search(u.lower) and any(re.search(r"buy|purchas", m.group(0)) for m in _NOT_MOVING.finditer(
            u.lower)):
        return "rent"  # "I'm not ready to buy again, not for a while. I need something to rent"
    if re.search(r"\brent(?:ing|al)?,? (?:and |but )?not (?:to )?(?:buy|purchas)", u.lower):
        return "rent"  # "so yeah renting, not buying"
    if _RENT_OR_BUY.search(u.lower):
        return "buy"  # "we can't decide if we should rent first or just buy": buying is being weighed
    if _RENT_FIRST.search(u.lower):
        return "rent"  # "we want to rent for a year before we buy anything": a renter, for now
    if rather := _RATHER.search(u.lower):
        # "honestly I'm more thinking about selling my condo downtown than buying right now"
        return "sell" if (rather[1] or rather[2]).startswith("sell") else "buy"
    if _SELL_ONE_BUY_ONE.search(u.lower) or _BOTH_SAID.search(u.lower):
        return "both"  # "we're doing the whole sell-one-buy-one thing", "we're buying and selling, both"
    # ("… buying in Round Rock, but — actually, I guess first we'd have to sell ours": one before
    # the other, both)
    # (the latest correction that names a side: "sell, no, wait, I mean buy. sorry, I've been on
    # the phone with our landlord all morning")
    for tail in [t.lstrip(" ,.;:—–-") for t in correction_tails(u.lower)] if correction_tail(u.lower) else []:
        # (not "does anybody over there actually want to sell houses?": "actually" said of someone else)
        head = u.lower[: len(u.lower) - len(tail)].rstrip(" ,.;:—–-")
        if tail != u.lower and not re.search(r"\b(?:too|also|as well|both|first)\b", tail) and not (
                _SOMEONE_ELSE.search(head + " ")) and (
                said := extract_lead_intent(Utterance(raw=tail, lower=tail, numeric=tail))) in {
                "buy", "sell"}:
            return said  # "… listing the house on Maple — wait, no, I'm saying that wrong … I'm the buyer"
    if _BUY_ONCE_SOLD.search(u.lower):
        return "both"  # "we can't buy anything until our house in Cedar Park sells": both sides
    if side := THIS_NOT_THAT.search(u.lower):
        # "'cause we're selling, not buying"
        return "buy" if next(g for g in side.groups() if g).startswith("buy") else "sell"
    # "buy a little place near campus and then sell it when she graduates": a sale years on
    # ("if we sold our house with y'all, what's your cut?": a sale thought of, not one done)
    lower = re.sub(r"\bif (we|i) sold\b", r"if \1 sell", _SELL_LATER.sub(" ", u.lower))
    u = Utterance(raw=u.raw, lower=lower, numeric=u.numeric)
    if DONE_LANDLORDING.search(u.lower) and not _NOT_MOVING.search(u.lower):
        return "sell"  # "honestly i'm done being a landlord": the rental house goes
    # (not "my husband wants to talk to somebody about selling his rental house": the rental sold)
    if OWNS_RENTAL.search(u.lower) and not re.search(
            r"\b(?:sell|selling|list|listing)\b (?:my|our|his|her|the|that|their) rental\b", u.lower):
        # "I've got a rental house out in Pflugerville … the tenants are buying their own place":
        # the caller owns a rental; nobody asked to rent one
        u = Utterance(raw=u.raw, lower=OWNS_RENTAL.sub(" ", u.lower), numeric=u.numeric)
    if refused := [m for m in _NOT_MOVING.finditer(u.lower) if not _UNTIL_THEN.match(u.lower, m.end())]:
        # "not ready to buy, gonna keep renting": a renter for now, else nothing (but "not ready
        # to buy until next year" is a buyer, later; "I'm not buying, I clicked the wrong thing …
        # I'm looking to sell my condo": the other side, said as well)
        rest = u.lower
        for m in reversed(refused):  # ("not buying or selling": both refused)
            both = re.match(r"\w*\s+(?:or|nor|and)\s+(?:\w+\s+)?(?:sell|buy|purchas|list)\w*", rest[m.end():])
            rest = f"{rest[: m.start()]} {rest[m.end() + (both.end() if both else 0):]}"
        sides_refused = {"buy" if re.search(r"buy|purchas", m.group(0)) else "sell" for m in refused}
        other = [side for side in ("sell", "buy")
                 if side not in sides_refused and _callers_own(intents[side], rest)]
        if len(other) != 1 or _NOT_MOVING.search(rest) or intents["rent"].search(u.lower):
            return "rent" if intents["rent"].search(u.lower) else None
        return other[0]
    if re.search(r"\b(?:we'?re|i'?m|we are|i am) (?:selling|gonna sell)\b[^.?!]{0,40}?,? so (?:(?:we|i)"
                 r"(?:'ll| will| can)? (?:be )?pay(?:ing)? (?:in |all )?|it'?ll be (?:all |in )?|"
                 r"it will be )cash\b",
                 u.lower):
        return "buy"  # "we're selling my mother's place, so we'll be paying cash": the money for the buy
    lower = re.sub(r"\b(?:from|after|since|by|when we|clos(?:e|ed|ing) on|finished|done) "
                   r"(?:selling|sold)\b[^,.]*"
                   # "sell it to one of those we-buy-houses outfits": a kind of buyer, not the caller buying
                   r"|\bwe[- ]buy[- ](?:houses|homes|ugly houses)\b|\bcash (?:buyers?|offers?)\b",
                   " ", u.lower)
    # "do y'all help people find rentals or is it just buyin": what the business does, asked
    lower = re.sub(r"\bor (?:is it|do (?:you|y'?all)(?: guys)?|y'?all|you) (?:just|only) \w+"
                   r"(?: (?:and|or|&) \w+)?", " ", lower)
    # "oh so it's mostly buying and selling?": what the business does, said back
    lower = re.sub(r"\b(?:it'?s|it is|you(?: guys)?|y'?all) (?:do )?(?:mostly|just|only|all) (?:do )?"
                   r"(?:buying|selling|sales)(?: (?:and|or|&) (?:buying|selling))?\b", " ", lower)
    u = Utterance(raw=u.raw, lower=lower, numeric=u.numeric)
    valued = _VALUATION.search(u.lower) is not None or WORTH_OF_OURS.search(u.lower) is not None
    # "I need somebody to come look at our townhouse": one of ours to see the caller's home
    ours_seen = any(re.search(r"\b(?:our|my|mom'?s|dad'?s)\b", m.group(0))
                    for m in OURS_TO_COME.finditer(u.lower))
    if valued:  # "I want a home valuation": a home to value is the caller's to sell, not one to buy
        lower = WORTH_OF_OURS.sub(" ", _VALUATION.sub(" ", u.lower))
        u = Utterance(raw=u.raw, lower=lower, numeric=u.numeric)
    # "a house for sale" is one the caller saw; "put it up for sale" is theirs.
    selling = valued or (_callers_own(intents["sell"], u.lower) and not re.search(
        r"(?<!\bup )\b(?:for sale|on sale)\b", u.lower))
    # an investor buys ("I own a couple rentals, looking for another"), unless selling one
    # ("we're looking for a place for her to rent near campus": the place looked for is a rental)
    rentals = [m.span() for m in intents["rent"].finditer(u.lower)]
    buying = (_callers_own(intents["buy"], u.lower) and not (rentals and all(
        any(start < b.end() < end for start, end in rentals) for b in intents["buy"].finditer(u.lower)))) or (
        not selling and _INVESTOR.search(u.lower) is not None)
    if ours_seen and buying and not selling and not _callers_own(intents["buy"],
                                                                 _RELOCATING.sub(" ", u.lower)):
        return "sell"  # "somebody to come look at our townhouse … we're relocating for work": moving away
    if buying and selling and not _callers_own(intents["buy"], _RELOCATING.sub(" ", u.lower)):
        return "sell"  # "we're relocating for my husband's job and need to sell our place": moving away
    if buying and selling and _UNDECIDED_AFTER.search(u.lower) and (
            intents["rent"].search(u.lower) or _NOT_DECIDED.search(u.lower)):
        return "sell"  # "selling … after that we might buy again, might rent, we haven't decided"
    if buying and selling and (handled := _side_handled(u.lower)):
        return "sell" if handled == "buy" else "buy"  # "… so he's handling that side": the other one
    if buying and selling:
        return "both"
    if selling and _ROLLED_INTO.search(u.lower):
        return "both"  # "sell it and roll the money into two smaller ones in Pflugerville. a 1031 thing"
    if selling:
        return "sell"
    if buying:
        return "buy"
    if intents["rent"].search(u.lower):
        return "rent"
    if first_time := _NEVER_BEFORE.search(u.lower):
        # "I've never sold a house before — how does this even work with y'all?": new to that side
        return "sell" if first_time[1] == "sold" else "buy"
    return None

