"""How a lead pays: cash, pre-approved, a loan under way, or not started — from the caller's own
words, not a question about how approval goes ("how long does getting pre-approved take?") and not
an approval taken back ("we're pre-approved — well, not technically"). Split from :mod:`.lead`
along the design: the budget is the figure, this is how it is paid."""

from __future__ import annotations

import re

from frontdesk.brain.nlu.text import Utterance, correction_tail

_ASKS_HOW_APPROVAL_GOES = re.compile(r"\b(?:how|what)\b[^.?!]{0,40}\b(?:getting |get |to get |a |the )?"
                                     r"pre-?(?:approved|approval)\b[^.?!]{0,30}(?:\?|\b(?:work|take|mean|cost|"
                                     r"involve|need)\b)|"
                                     r"\bhow (?:long|does)\b[^.?!]{0,40}\bapprov|"
                                     # "I don't really get how getting pre-approved works"
                                     r"\bhow (?:getting |to get )?pre-?approv\w* (?:works|goes|happens)\b|"
                                     # "do I need to be pre-approved to see it?"
                                     r"\b(?:do|would|will|does) (?:i|we|you|he|she|they) (?:need|have|got) "
                                     r"to (?:be|get) pre-? ?approv")
"""A question about how pre-approval goes, which says nothing of the caller's own."""


_CAME_THROUGH = re.compile(r"\b(?:it|that|the (?:letter|approval|pre-? ?approval|loan))(?:'s| has| have)? "
                           r"(?:came|come|went) (?:back )?through\b|\b(?:approved|came through) again\b")


_NO_LENDER_YET = re.compile(r"\b(?:haven'?t|havent|have not|didn'?t|did not|never)\b[^.?!]{0,15}"
                           r"\b(?:talked|spoken|gone|reached out|applied|contacted|called)\b[^.?!]{0,15}"
                           r"\b(?:lenders?|banks?|mortgage (?:people|guys?|brokers?)|loan officers?)\b")
"""No lender talked to yet: no loan begun."""
_CASH_NO = re.compile(r"\bcash\W*\?\W*(?:no|nah|nope)\b")
"""Cash said back and turned down ("cash? no. I'd need a loan")."""


_HESITATION = re.compile(r"\b(?:u+h+|u+m+|e+r+m*|h+m+)\b[,.]*\s*")
"""Sounds said while thinking, which split the words that say how the loan stands."""


def extract_financing(u: Utterance, *, expecting: bool = False) -> str | None:
    """Cash, pre-approved, in progress or not started. A bare "not yet" or "haven't" answers the
    financing question only when it is the one asked ("not yet, just getting the ball rolling"
    to "what's prompting the move?" says nothing of a loan)."""
    # "she hasn't talked to a bank yet", said for a daughter: read as the caller's own words
    text = re.sub(r"\b(?:hasn'?t|hasnt)\b", "haven't", re.sub(r"\bhas not\b", "have not", u.lower))
    text = _HESITATION.sub("", text)  # "we uh havent um talked to a bank or anything yet"
    if (tail := correction_tail(text)) and (put_right := extract_financing(
            Utterance(raw=tail, lower=tail, numeric=tail), expecting=True)) is not None and (
            _CASH_SAID.search(text[: len(text) - len(tail)])):
        return put_right  # "I'd be paying cash — hmm, well, no, scratch that, I'd need a mortgage …"
    back = re.search(r"\bpre-? ?approved\W+(?:\w+\W+){0,3}?not (?:technically|really|exactly|quite|yet|"
                     r"officially)\b", text)
    if re.search(r"\b(?:ain'?t|aren'?t|are not|not|never|haven'?t|havent|weren'?t|wasn'?t|isn'?t) "
                 r"(?:been |gotten |got |even |yet )?(?:pre-? ?)?approv", text) or (back and not re.search(
                     # "we're pre-approved — well, okay, not technically, not yet": taken back (not
                     # "pre-approved? uh, no, not yet — oh wait, yes we are")
                     r"\byes\b|\b(?:we'?re|we are|i'?m|i am) (?:pre-? ?)?approved\b", text[back.end():])):
        # "we ain't pre-approved yet, how does that even work?" ("not pre approved yet, we're
        # talking to a lender right now": under way)
        return "in_progress" if under_way(text) else "not_started"
    if re.search(r"\bpre-? ?approv|\bletter\b", text) and re.search(
            r"\b(?:expired|lapsed|ran out|no longer (?:good|valid)|"
            r"(?:we|i) were(?=\s*[.!,;]|\s+(?:but|until|till)\b)|"
            r"(?:redo|redoing|renew|renewing|re-?apply|re-?applying|do it again|doing it again))\b", text):
        # "we're pre-approved. well, we were … the letter expired … we called the lender": again
        # ("… they had to redo it, but it came through again Friday": approved again)
        if _CAME_THROUGH.search(text):
            return "pre_approved"
        return "in_progress" if under_way(text) or re.search(
            r"\b(?:redo|redoing|renew|renewing|re-?apply|re-?applying|again|called (?:the|our|a) "
            r"(?:lender|bank|credit union))\b", text) else "not_started"
    if re.search(r"\b(?:in the (?:middle|process) of (?:getting |doing )?(?:the |our |a |my )?|"
                 r"working on (?:getting )?(?:the |our |a |my )?|"
                 r"(?:partway|part way|halfway|half way|midway) (?:through|into) (?:getting |the |our )?|"
                 r"(?:we'?re|i'?m|we are|i am) (?:just |still |now |currently )?getting )(?:pre-? ?)?approv",
                 text) or (re.search(r"\bpre-? ?approv|\bloan\b|\bmortgage\b", text) and not re.search(
                     r"\b(?:haven'?t|have not|not|didn'?t|did not|never)\b", text) and re.search(
                     r"\b(?:in the works|in process|in progress|under way|underway|"
                     r"started (?:it|on it|that|the)|sent (?:our|my|the|in (?:our|my|the)) "
                     r"(?:stuff|paperwork|papers|documents|application)|pending)\b", text)):
        # "we're in the middle of getting pre-approved with our bank", "the pre-approval, we started
        # it, we sent our stuff to the bank last week, so it's in the works"
        return "in_progress"
    if re.search(r"\b(?:still |yet )?(?:need|needs|have|has|gotta|got) to (?:go )?"
                 r"(?:get|start (?:on )?|do|apply for) (?:(?:the|a|our|my) )?"
                 r"(?:pre-? ?approv\w*|approved|a mortgage|a loan|financing)\b", text):
        # "under four hundred, and we still need to get pre-approved, haven't done any of that"
        return "in_progress" if under_way(text) else "not_started"
    if re.search(r"\b(?:loan|mortgage|financing|pre-? ?approval)\b[^.?!]{0,20}?\b(?:did not|didn'?t|haven'?t|"
                 r"have not|not) (?:\w+ )?(?:start|started|begin|begun)\b", text) and not under_way(text):
        return "not_started"  # "for the loan, we did not start yet, nothing"
    if _NO_LENDER_YET.search(text) and not under_way(text):
        return "not_started"  # "I haven't talked to any lenders or anything yet"
    if _ASKS_HOW_APPROVAL_GOES.search(text) and re.search(
            r"\b(?:haven'?t|havent|have not|not)\b[^.?!]{0,12}\b(?:started|done|begun)\b[^.?!]{0,10}"
            r"\b(?:any of )?(?:that|this|it)\b", text):
        return "not_started"  # "do we have to be pre-approved …? we … haven't done any of that"
    if _ASKS_HOW_APPROVAL_GOES.search(text) and not re.search(
            r"\b(?:we'?re|i'?m|we are|i am|already|got|been|have been|are) (?:already )?pre", text):
        # "how long does getting pre-approved take?" asks; it says nothing of the caller ("… we
        # applied with our credit union last week": that does)
        return "in_progress" if under_way(text) else None
    if re.search(r"\b(?:about|on|for) (?:getting |the |a )?pre-? ?approv", text) and not re.search(
            r"\b(?:we'?re|i'?m|we are|i am|already|been) (?:already )?pre-? ?approved\b", text):
        # "could somebody call me about getting pre-approved? I haven't done any of that yet":
        # the topic of the call, and where the caller stands said beside it
        if re.search(r"\b(?:haven'?t|have not|not|didn'?t|never)\b[^.?!]{0,15}\b(?:started|done|begun|"
                     r"talked|applied)\b", text):
            return "not_started"
        return "in_progress" if under_way(text) else None
    if re.search(r"\bstill (?:working on|waiting on|getting|doing|sorting out) (?:it|that|the (?:letter|"
                 r"approval|pre-? ?approval|loan|paperwork))\b", text) and re.search(
                 r"pre-? ?approv|\bletter\b|\bloan\b|\blender\b|\bbank\b|credit union|mortgage", text):
        # "do I need the pre-approval letter in hand? I'm still working on it with my credit union"
        return "in_progress"
    if _STILL_TO_COME.search(text):
        # "we'll get pre-approved next month"; "talking to a lender now, should have the letter soon"
        return "in_progress"
    if under_way(text) and re.search(r"\b(?:don'?t|do not|haven'?t|have not|didn'?t|did not)\W+(?:\w+\W+)?"
                                     r"(?:have|got|get|gotten) (?:the |a |our |my |that )?(?:\w+ )?"
                                     r"(?:letter|approval|paper)", text):
        return "in_progress"  # "I'm talking to a lender right now, I just don't have the letter yet"
    if re.search(r"\b(?:pre-?approved|pre approved|preapproval|pre-?approval letter|already approved|"
                 # "I've got a pre-approval from my bank up here already"
                 r"(?:got|have|has|'ve got) (?:a |an |my |our |the )?(?:va |fha |usda |conventional )?"
                 r"(?:mortgage |loan |bank )?"
                 r"pre-? ?approval"
                 # "our pre-approval is for four fifty"
                 r"|(?:our|my|the) pre-? ?approval(?:'s| is| was| letter(?:'s| is| says)?)? "
                 r"(?:for|up to|at)\b"
                 # "we have pre-approve from bank already": the approval, said as a learner says it
                 r"|(?:got|have|has|'ve got) (?:a |the |our )?pre-? ?approve\b(?! (?:us|me|it)\b)"
                 # "that's with the pre-approval we already got"
                 r"|pre-? ?approval (?:we|i) (?:already )?(?:got|have|had)"
                 r"|got approved|have approval|pre-? ?approv\w* (?:came|went) through"
                 # "the top is what the VA loan approved me for"
                 r"|(?:loan|mortgage|lender|bank|credit union) (?:already |has |have )?approved (?:me|us) "
                 r"(?:for|up to)"
                 # "we talked to a lender, got the letter and everything", "got the pre-qual letter"
                 # ("the bank, they already give us the paper, the pre-approval")
                 # "the bank has already given us the pre-approval"
                 r"|(?:gave|give|given|sent|issued) (?:us|me) (?:the |a |our |my )?pre-? ?approval"
                 r"|(?:got|have|has|'ve got|(?:gave|give|given) (?:us|me)) (?:the|a|our|my) "
                 r"(?:pre-? ?qual(?:ification)? |approval |lender |bank )?(?:letter|paper)(?: thing)?"
                 r"(?! in the mail)"
                 r"|(?:we'?re|i'?m|we are|i am|we were|i was) approved (?:for|up to)"
                 r"|(?:bank|lender|credit union) (?:already |has |have )?"
                 r"(?:approve|approved|pre-?approved) (?:us|me)|(?:bank|lender|credit union|mortgage (?:guy|"
                 r"lady|broker)) "
                 r"(?:tells?|told|says?|said|gave) (?:me|us) (?:the )?(?:max(?:imum)?|up to|we can|i can))\b",
                 text) and not re.search(
                     # ("no more than four fifty … and were already pre approved": the "no" is the price's)
                     r"\b(?:not|haven't|havent|no)\b(?! (?:more|less|higher|lower|over|"
                     r"under)\b)[^.]{0,25}\bapprov",
                     text):
        return "pre_approved"
    if re.search(r"\b(?:cash|outright|all cash|cash buyer|no (?:mortgage|loan|financing) needed|"
                 r"(?:don'?t|won'?t|do not|will not) need (?:a |any )?(?:mortgage|loan|financing)|"
                 r"without (?:a |any )?(?:mortgage|loan|financing)|proceeds|equity from|"
                 r"(?:money|funds) from (?:the |our |my )?(?:sale|selling|house|home|place)|"
                 # "my half of the house money"
                 r"(?:house|home|sale) (?:money|proceeds)|"
                 r"from (?:the )?(?:sale|selling) of|"
                 # "I'd pay for the condo out of the house, I don't want a mortgage at my age"
                 r"pay (?:for )?(?:it|the (?:condo|house|new (?:one|place))|that) (?:out of|from|with) "
                 r"(?:the|our|my) (?:house|home|sale|place)|"
                 r"(?:don'?t|do not) (?:want|need) (?:a |any )?(?:mortgage|loan))\b", text) and (
                     not _LOAN_BESIDE.search(text)) and not _CASH_NO.search(text):
        return "cash"  # "proceeds from the sale": paid from what the old home brings
    if under_way(text):
        return "in_progress"
    if (expecting or re.search(r"\b(?:financ\w*|loan|mortgage|lender|pre-? ?approv\w*|fha|va|"
                               r"(?:buyer|assistance|down ?payment|grant) programs?)\b", text)) and (
            re.search(
                r"\b(?:not yet|haven'?t|havent|not started|nothing yet|none yet)\b", text)):
        return "not_started"  # "financing i havent started on that yet"
    if re.search(r"\b(?:no(?:t)? (?:pre-?)?approv|needs? (?:financing|a loan|"
                 r""
                 r"a mortgage)|(?:gotta|got to|have to|has to|need to|needs to|still need to) (?:get|find|"
                 r"apply for|"
                 r"line up) (?:a |the |our )?(?:loan|mortgage|financing|lender)|don't have (?:financing|a "
                 r"lender)|(?:still |gotta |got to |have to )?need "
                 r"to (?:talk|speak) (?:to|with) (?:a |the |our )?(?:lender|bank|mortgage|loan)|"
                 # ("we don't go to the bank yet": said the way a learner of English says it)
                 r"(?:haven'?t|have not|didn'?t|did not|don'?t|do not|not) (?:really |even |yet |actually )?"
                 r"(?:talked|talk|spoken|speak|gone|go|been|reached out|reach out) (?:to|with)"
                 rf"(?: (?:a|the|my|our|any))? {_LOAN_PERSON})\b", text):
        return "not_started"
    return None


_CASH_SAID = re.compile(r"\b(?:cash|pre-? ?approved|approved)\b")
"""Financing said before a correction, which the words after it may put right."""
_LOAN_BESIDE = re.compile(r"\b(?:plus|and|with|along with) (?:a |some |the )?(?:small |little |smaller )?"
                          r"(?:mortgage|loan)\b")
"""A loan beside the money from a sale ("the sale money plus a small mortgage"): no cash buyer."""
_PAPERS = r"(?:paperwork|documents|docs|tax returns|pay ?stubs|application)"
_LOAN_PERSON = r"(?:lender|bank|loan (?:lady|guy|officer)|mortgage (?:guy|lady|broker)|credit union)"
_REVIEWING = (r"(?:checking|looking (?:at|over|into)|reviewing|going (?:over|through)|processing|verifying|"
              r"running)")
_UNDER_WAY = re.compile(r"\b(?:working on it|working with a (?:lender|bank)|"
                        # "we're working on the loan with our credit union right now"
                        r"working on (?:the |a |our |my )?(?:loan|mortgage|financing|home loan)|"
                        r"(?:that'?s|it'?s) in progress|"
                        # "the loan lady has all my paperwork", "we sent the lender our tax returns"
                        rf"{_LOAN_PERSON} (?:has|have|got|is (?:pulling|reviewing|going over|looking at)|"
                        rf"'s (?:pulling|reviewing))(?: all)? (?:my|our|the) {_PAPERS}|"
                        rf"(?:sent|gave|submitted|turned in) (?:the |our |my )?{_LOAN_PERSON} (?:all )?"
                        rf"(?:our|my|the) {_PAPERS}|(?:pulling|getting|gathering) the paperwork together|"
                        # "the lender's got everything", "our bank has it all"
                        rf"{_LOAN_PERSON}(?:'s| has| have)? got (?:everything|it all|all of it)|"
                        rf"{_LOAN_PERSON} (?:has|have) (?:everything|it all|all of it)|"
                        r"(?:(?:started |been |just )?(?:talking|chatting|speaking|working)|"
                        r"(?<!n't )(?<!not )(?<!never )(?<!even )"
                        r"(?<!really )(?<!havent )(?:talked|spoke|spoken)) (?:to|with) "
                        # ("I'm talking to a couple lenders right now, comparing")
                        r"(?:a |the |our |my |a couple(?: of)? |a few |some |two |three |different |"
                        r"several )?"
                        r"(?:lenders?|banks?|credit unions?|loan officers?|"
                        r"mortgage (?:guy|lady|broker|person|company|companies|brokers))|"
                        r"(?<!haven't )(?<!havent )(?<!have not )(?<!not )(?<!never )(?<!didn't )applied|"
                        r"(?<!not )applying|"
                        # "we just started the application with our credit union"
                        r"(?:started|filled out|submitted|sent in|put in|turned in) (?:the |an |our |my |a )?"
                        r"(?:loan |mortgage )?application|"
                        r"in the process|waiting on|(?:loan|mortgage) application|application(?:'s| is) in|"
                        # "the application is not finish yet", "the paperwork's not done yet": begun
                        rf"(?:application|{_PAPERS}|approval|loan)(?:'s| is| are)? (?:not|n'?t|isn'?t) "
                        r"(?:finish|finished|done|complete|completed|through)(?: yet)?|"
                        # "the bank loan, we are doing it now"
                        r"(?:loan|mortgage|financing|pre-?approval|approval)\W+(?:we|i) (?:are|am|'re|'m) "
                        r"(?:doing|working on|getting) (?:it|that) (?:now|right now|currently)|"
                        r"waiting to hear|"
                        # "my bank, they are still checking my papers", "the lender's still reviewing it"
                        rf"{_LOAN_PERSON}\W+(?:(?:they|he|she|it)\W+)?(?:is|are|'s|'re)?\W*"
                        r"(?:still|now|currently)? ?"
                        rf"{_REVIEWING}|\bstill {_REVIEWING} (?:my|our|the) (?:papers|{_PAPERS}|file|credit)|"
                        # "I have started the mortgage with my bank"
                        r"(?<!n't )(?<!nt )(?<!not )(?<!never )(?:started|begun|began|start) "
                        r"(?:the|a|my|our) "
                        r"(?:mortgage|loan|pre-?approval|approval))\b")
"""A loan under way: applied for, a lender talked to."""
_NEGATED_BEFORE = re.compile(r"\b(?:haven'?t|havent|have not|hasn'?t|has not|didn'?t|did not|not|never)\W+"
                             r"(?:(?:actually|really|even|yet|ever|officially|formally|gone and)\W+){0,2}$")


def under_way(text: str) -> bool:
    """A loan said to be under way and not denied: "I haven't actually applied with a lender yet"
    has the words of one, taken back by the words before them."""
    return any(not _NEGATED_BEFORE.search(text[max(0, m.start() - 40): m.start()])
               for m in _UNDER_WAY.finditer(text))

_STILL_TO_COME = re.compile(r"\b(?:should(?! (?:i|we) )|will|'ll|gonna|going to|hope to|hoping to|expect to|"
                            r"supposed to|"
                            r"waiting (?:on|for)|until (?:we|i))\s+(?:\w+\s+){0,2}?(?:have|get|got|see|hear|"
                            r"the|our|my|a)\b[^.?!,;]{0,25}\b(?:letter|approval|pre-?approv\w*|approved)\b")
"""An approval or its letter said as still to come ("should have the letter in a couple weeks"; not
"should I bring the letter with me?", a question)."""
