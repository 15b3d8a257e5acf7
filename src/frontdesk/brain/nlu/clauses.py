"""Where a caller message splits into clauses that may each carry an act of their own.

"Wednesday works. Oh, and do you have a shuttle?" is two clauses; "if I drop my car off for a
tire rotation, can somebody give me a lift home?" is a request and a question; "when I come
pick it up, can I pay by card?" is one question.
"""

from __future__ import annotations

import re

from frontdesk.brain.nlu import entities as ex
from frontdesk.brain.nlu.text import normalise
from frontdesk.knowledge.profile import BusinessProfile

_CLAUSE_BREAK = re.compile(
    # (not after "Mr." in "you've reached Mr. Okafor's phone")
    r"(?<!\bmr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bMrs\.)(?<=[.?!])\s+"
    r"|(?<=\w):\s+"  # "three quick ones: are you open Sundays, …"
    r"|[,;]?\s+(?:and\s+)?(?:oh,?\s+and|oh,?\s+also|and\s+also|also,|plus,?|but\s+also)\s+"
    # "… go ahead and cancel it and oh one more thing what time yall open saturday"
    r"|[,;]?\s+(?:and\s+)?(?:oh,?\s+)?(?:one more thing|one other thing|another thing|real quick)[,.:]?\s+"
    r"(?=(?:what|when|where|how|why|who|which|do|does|is|are|can|could|will|would)\b)"
    # (" — is that free, by the way?": a yes-or-no question after a dash)
    r"|\s[—–]\s+(?:and\s+|but\s+|so\s+)?(?=(?:is (?:that|it|there)|are (?:you|there)|do (?:you|y'?all|your)|"
    r"does|can (?:you|i|y'?all)|could (?:you|i))\b)"
    # (", but first, do your agents work saturdays?")
    r"|[,;]\s+(?:and\s+|but\s+|so\s+)?(?:first,?\s+|real quick,?\s+)?"
    # not before a tag ("say that again slower, would you?"): it is part of the request
    r"(?!(?:would|could|will|can|won'?t|wouldn'?t|can'?t) (?:you|ya|y'?all)(?: please)?\s*(?:[?.!]|$))"
    # nor before a tag checking what was just said ("… only twenty bucks, is that true?")
    r"(?!(?:is|isn'?t) (?:that|it|this) (?:right|true|correct|so|for real|still (?:right|true))"
    r"\s*(?:[?.!]|$))"
    # nor before a tag that makes the statement a question ("I'm not paying anything for this visit,
    # am I?", "there's no fee for that, is there?")
    r"(?!(?:am|are|is|was|were|do|does|did|have|has|can|will|isn'?t|aren'?t|wasn'?t|don'?t|doesn'?t|"
    r"didn'?t|haven'?t|hasn'?t|won'?t|can'?t) (?:i|we|you|ya|y'?all|it|there|they|that|he|she)\s*\?)"
    # nor before a clause that says more of what came before it ("before the wedding, which is in
    # May, so …", "my brother, who lives in Austin", "in Georgetown, where my mom is"), not asked
    r"(?!(?:who|which) (?:is|'s|was|were|should|will|would|'ll|means|meant|lives|lived|works|worked|has|"
    r"had|i|we|he|she|they|you)\b[^?.!]*(?:[.!]|$))"
    r"(?!(?:when|where) (?!(?:do|does|did|is|are|was|were|can|could|will|would|should|have|has)\b)"
    r"[^?.!]*(?:[.!]|$))"
    r"(?=(?:what|when|where|how|why|who|which|do you|do y'?all|do ya|do your|are your|"
    r"does|is there|"
    r"are you|are there|can you|could you|can i|could i|will you|would you|is it|is that|"
    r"(?:can|could|will|would) (?:y'?all|ya|you guys)|"
    r"did you|have you|you still|you there|hello|should (?:i|we)|"
    # "… I wanna see that little place on Elm, and would I be meeting the agent at the house?"
    r"(?:would|will) (?:i|we) be|am i|are we)\b)"
    # "… tuesday morning, I'm guessing you guys got a shuttle?": a hedged question of its own
    r"|[,;]\s+(?:and\s+|but\s+|so\s+)?(?=(?:i'?m guessing|i'?m assuming|i assume|i suppose|i'?m hoping|"
    r"i was wondering|just wondering|i wonder|i'?m wondering|i'?m curious)\b,?[^,.]*\?)"
    # "around noonish wait actually what time do you open in the mornings": a question cut in
    r"|\s+(?:(?:oh\s+)?(?:wait|actually|hold on|hang on)[,\s]+)+"
    r"(?=(?:what|when|where|how|why|which|do you|do y'?all|does|is there|are you|can you|could you)\b)"
    r"|\s+and\s+(?:(?:uh+|um+|er)\s+)*(?:remind (?:me|us) (?=(?:what|when|where|how)\b)|"
    r"tell (?:me|us) (?=(?:where|when|what time|how (?:late|early|long))\b))?"
    r"(?=(?:what|when|where|how|why|who|which|do(?= (?:you|y.all|ya|they|we|i)\b)|does|"
    r"did|is|are|can|could|will|"
    r"would|have you)\b)",
    re.IGNORECASE,
)


_ECHO = re.compile(r"(?i)(?:when|what|where|why|how|who|which|how much|how soon)\?")
_FIGURE_ALONE = re.compile(r"(?i)\W*(?:\$?\d[\d,.]*\s*k?|(?:one|two|three|four|five|six|seven|eight|nine)[- ]"
                           r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)[\w-]*)(?:-?ish)?\W*")
"""A figure said as a sentence of its own ("Three-fifty-ish.")."""
_LEAD_IN = re.compile(r"(?i)(?:(?:so|and|but|okay|ok|um|uh),?\s+)*(?:when|if|once|whenever|say|after|"
                      r"before|while)\s+(?:i|i'm|we|we're|you|you're|y'all|my|our|the|it|he|she|they)"
                      r"\b[^?]*$")
"""A clause that sets up the next one ("when I come pick it up, can I pay by card?")."""


_LIST_START = re.compile(r"(?i)\b(?:first(?:ly)?|first of all|number one)\b"
                         r"(?!\s+(?:thing|time|of (?:the|next)|come|available|opening|slot|week|day|one))"
                         r"(?=.*\b(?:second(?:ly)?|lastly|finally|number two|third(?:ly)?)\b"
                         r"(?!\s+(?:time|thing)))")
"""A message that counts off what it is about ("first …, second …, and lastly …")."""
_LIST_NEXT = re.compile(r"(?i)[,.]?\s+(?:(?:and|then|um+|uh+)[,\s]+)*\b"
                        r"(?:second(?:ly)?|third(?:ly)?|lastly|finally|number (?:two|three))\b"
                        r"(?!\s+(?:time|thing))[,:]?")
"""Where the next item of such a list starts; the counting word goes (the item is read alone)."""


def split_clauses(text: str) -> list[str]:
    """Split a message where a new act may start: sentences, "oh and", ", what …?". A clause of
    one word ("sorry,", "hello?", "okay.") leans on the next one rather than standing alone."""
    if _LIST_START.search(text):
        # "first I need my inspection done second an oil change and uh lastly how much is …":
        # a list said without stops; each item is a clause
        text = _LIST_NEXT.sub(". ", text)
    elif re.search(r"(?i)\bone,.*\btwo,", text):  # "one, I want to see … two, do you work with …"
        text = re.sub(r"(?i)[,.]?\s+(?:and\s+)?(?:two|three|four),", ". ", text)
    if (first := _QUESTION_THEN_STORY.match(text)) is not None:
        # "where yall located at exactly and um my a c is blowing hot air … look at it": the
        # question asked first, unpunctuated, then what the caller needs
        text = f"{text[: first.end()].rstrip(' ,')}? {text[first.end():].lstrip()}"
    parts = [p.strip(" ,;") for p in _CLAUSE_BREAK.split(text) if p and p.strip(" ,;")]
    parts = [p for p in parts if re.search(r"[A-Za-z0-9]", p)]
    merged: list[str] = []
    carry = ""
    for part in parts:
        if (len(part.split()) <= 1 or _LEAD_IN.match(part)) and part is not parts[-1] and not (
                _ECHO.fullmatch(part) or _FIGURE_ALONE.fullmatch(part)):
            # ("oh, when? the lease is month to month…": asked back; "Three-fifty-ish. Can somebody
            # call me back …": a figure said on its own, an answer of its own)
            # the comma after a lead-in stays: it marks where its question starts
            carry = f"{carry} {part}".strip() + ("," if _LEAD_IN.match(part) else "")
            continue
        merged.append(f"{carry} {part}".strip() if carry else part)
        carry = ""
    if carry:
        merged.append(carry)
    for i in range(len(merged) - 1, 0, -1):
        if _PURPOSE_FIRST.fullmatch(merged[i - 1]) and merged[i].rstrip().endswith("?"):
            # "to meet one of your agents, do I have to pay something?": what the question is of
            merged[i - 1: i + 1] = [f"{merged[i - 1]}, {merged[i]}"]
        elif _HOW_SAID.fullmatch(merged[i]):
            # "Sorry, can you repeat, please? Slowly?": how to say it, of the ask before
            merged[i - 1: i + 1] = [f"{merged[i - 1]} {merged[i]}"]
        elif _FIGURE_GUESS.fullmatch(merged[i]) and "?" in merged[i - 1]:
            # "how much is the inspection again? thirty-something?": the figure guessed at is the
            # same question
            merged[i - 1: i + 1] = [f"{merged[i - 1]} {merged[i]}"]
        elif _TOPIC_ASKED_AFTER.fullmatch(merged[i]) and merged[i - 1].rstrip().endswith("?"):
            # "that doesn't cost me anything, does it? The valuation?": what the question was of
            merged[i - 1: i + 1] = [f"{merged[i - 1]} {merged[i]}"]
        elif _TOPIC_AT_END.search(merged[i - 1]) and _OF_THE_TOPIC.match(merged[i]):
            # "oh, and your commission, does that come out at closing?": the topic said first
            merged[i - 1: i + 1] = [f"{merged[i - 1]}, {merged[i]}"]
    return merged


_TOPIC_ASKED_AFTER = re.compile(r"(?i)\W*(?:the|that|this|your|my|our)\s+[a-z-]+(?:\s+[a-z-]+)?\s*\?\W*")
_PURPOSE_FIRST = re.compile(r"(?i)\W*(?:(?:and|so|but|um+|uh+|ok(?:ay)?)\W+)*(?:just )?to [a-z]+\b[^.?!]*")
_HOW_SAID = re.compile(r"(?i)\W*(?:(?:more |a bit |a little |bit )?(?:slowly|slower|louder|clearer|clearly)|"
                       r"please|one more time)(?:,?\s*please)?\W*")
"""A topic alone, asked after a question ("… does it? The valuation?")."""
_TOPIC_AT_END = re.compile(r"(?i)(?:^|[,.!?]\s*|\band\s+|\bso\s+|\boh\s+)"
                           r"(?:your|the|that|this|y'?all'?s|yalls)\s+[a-z-]+(?:\s+[a-z-]+)?\W*$")
"""A clause that ends on a topic alone ("oh, and your commission")."""
_OF_THE_TOPIC = re.compile(r"(?i)\W*(?:does|is|will|would|do|how does|how do|how is|what does|"
                           r"when does|when is|how much is) (?:that|it|this|they|those)\b")
"""A question about the topic said just before ("… does that come out at closing?")."""


_QUESTION_THEN_STORY = re.compile(
    r"(?i)(?:\W*(?:yeah|yes|hi|hey|hello|ok|okay|so|um+|uh+|quick question)\W+)*"
    r"(?:where|what time|when|how much|how late|how early|do you|do y'?all|do ya|are you|are y'?all|"
    r"is there)\b[^.?!]{3,60}?"
    r"(?=\s+and\s+(?:(?:um+|uh+|also|then|like)\s+)*(?:my|i|i'?m|im|we|we'?re|our)\b)")
"""A question said first and run on into the caller's own story with "and" ("where yall located
at exactly and um my a c is blowing hot air")."""
_FIGURE_GUESS = re.compile(r"(?i)(?:(?:is it|was it|like|about|around|maybe|or)\s+)?(?:\$?\d[\d,.]*|"
                           r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|hundred)"
                           r"(?:[- ](?:something|ish|odd|one|two|three|four|five|six|seven|eight|nine|bucks|"
                           r"dollars))*)(?:\s+(?:bucks|dollars))?\s*\?")
"""A figure guessed at on its own ("thirty-something?", "is it 49?")."""


_LEAD_IN_HEAD = re.compile(
    r"(?i)^(?P<head>(?:(?:so|and|but|okay|ok|um|uh),?\s+)*(?:when|if|once|whenever|after|before|while)"
    r"\s+[^,?]+?),\s+(?P<ask>(?:and\s+|so\s+)?(?:can|could|will|would|is|are|do|does|should|who|what|"
    r"how|where)\b[^?]*\?)$")


def split_lead_in(clause: str, profile: BusinessProfile) -> list[str]:
    """"If I drop my car off for a tire rotation, can somebody give me a lift home?": a lead-in
    that names the work is a request of its own, and the question after it is asked apart."""
    match = _LEAD_IN_HEAD.match(clause.strip())
    if match is None:
        return [clause]
    head = normalise(match.group("head"))
    if not (ex.extract_services(head, profile) or ex.extract_appointment_type(head, profile)):
        # "when I come pick it up, can I pay by card?", "if I swing by Sunday, will anybody be
        # there?": one question
        return [clause]
    return [match.group("head"), match.group("ask")]


TAG_NOT = (r"(?:can'?t|cant|couldn'?t|couldnt|don'?t|dont|doesn'?t|doesnt|isn'?t|isnt|shouldn'?t|shouldnt|"
           r"wouldn'?t|wouldnt|won'?t|wont)")
"""The negative of a tag question ("… cant i", "… isn't it")."""
TAGGED = re.compile(r"(?:^|\b(?:and|so|but|um|uh)\s+|\s)((?:i|we|you)\b[^.?!]*?)\s+"
                     r"((?:" + TAG_NOT + r"|do|does|is|can|should|will|would) (?:i|we|you|it|they)\W*)$")
"""A statement turned into a question by its tag ("i can find houses myself cant i")."""
WHICH_ASK = (r"(?:what|which) (?:(?:what|which) )?(?:areas?|neighbou?rhoods?|towns?|cities|parts?|hours|"
               r"days|kinds? of|sorts? of|services|times?) (?:do|does|are|can) (?:you|y'?all|your)\b")
"""A question for which of our areas, hours or services ("what areas do you guys cover")."""
EMBEDDED_ASK = re.compile(r"\b(?:don'?t|do not|never) (?:really |even |quite |totally |fully |honestly |"
                           r"actually )*(?:get|understand|know|knew) "
                           r"(?:how|what (?:that|it|this) (?:means|is))\b|"
                           r"\b(?:confused|unclear) (?:about|on|how)\b|"
                           r"\bcurious (?:about )?how\b|"
                           # "… to look at the house and i wanted to know how does yalls commission work"
                           # ("… and I just wanted to get an idea of how your commission works")
                           r"\b(?:wanted|wants?|wanna|'?d like|would like|needs?) to (?:know|ask|find out|"
                           r"understand|get (?:an idea|a sense|a feel)(?: (?:of|for))?),? "
                           r"(?:(?:like|um+|uh+|just|real quick|quick),? )?"  # "i wanted to know like what …"
                           r"(?:how|what|if|whether|about|when|why|which|where)\b|"
                           r"\b(?:no|not a|any) (?:idea|clue) how\b|"
                           # "I'm just calling to ask how your commission works if I sell with you"
                           r"\b(?:calling|called|phoning|ringing|reaching out|here) (?:just )?to "
                           r"(?:ask|find out|see|check) (?:how|what|if|whether|about)\b|"
                           # "i dont really need a realtor i can find houses myself cant i": a tag question
                           r"\b" + TAG_NOT + r" (?:i|we|you|it|they)\W*$|"
                           # "we dont need an agent to buy a house do we"
                           r"\b(?:don'?t|dont|doesn'?t|doesnt|not|never|no)\b[^.?!]{3,80}\b(?:do|does|is|can|should|"
                           r"will|would) (?:i|we|you|it|they)\W*$|"
                           r"\bwonder(?:ing|in'?|ed)? (?:about|if|whether|how|what|do|does|can|could|are|"
                           r"is)\b|"
                           # "… we don't know austin at all what what areas do you guys cover"
                           r"(?<=[a-z] )" + WHICH_ASK + r"|"
                           # "… helping her out with all this do you guys work with first time buyers"
                           r"(?<=[a-z] |[—–] )(?:do|does|are|is|would|will|can|could) (?:you|y'?all|your) "
                           r"(?:guys |office |team |agents? |company |shop |people |folks )?"
                           r"(?:even |ever |still |also |actually |like |really )?"
                           r"(?:work|do|take|help|handle|charge|need|"
                           r"have|offer|got|run|provide|give|require|deal|finance|accept|carry|approve)\b|"
                           # "… sorry if this is a dumb question but do i need a lender first"
                           r"(?<=[a-z] )(?:do|does|should|would) (?:i|we) (?:need|have to|gotta|got to) "
                           r"(?:[\w-]+ ){0,4}?(?:first|before(?:hand)?|ahead of time)\b|"
                           # "we ain't pre-approved yet how does that even work": the topic said before
                           r"(?<=[a-z] )how (?:does|do|would|will|is) (?:that|it|this)(?: (?:even|all|"
                           r"whole thing|"
                           r"process))? (?:work|go|happen)\b|"
                           # "… first time buyers and like how does the whole pre approval thing work"
                           r"(?<=[a-z] )how (?:does|do|would|will) (?:the |a |an )(?:whole )?[\w -]{2,30}? "
                           r"(?:work|go|happen)\b")
"""A question said as a statement, or run on without a stop, inside a message that also gives
facts."""
