"""Which end of a price range a figure is, as callers say it in pieces.

A lead gives a budget in parts and names what each figure is: "bottom of my range is two-fifty",
"we start around three hundred … three-sixty, that's the ceiling", "pre-approved for eight hundred
but seven is the number", "the letter says four-sixty but we're not touching that". The general
reader (:func:`lead.extract_budget`) finds a figure; this module says whether it is the low end,
the top, or only what a lender allows — which is no budget when the caller says they will not
spend it.
"""

from __future__ import annotations

import re

from frontdesk.brain.nlu import lead
from frontdesk.brain.nlu.text import Utterance

_FLOOR_CUE = re.compile(
    r"\b(?:(?:the )?bottom(?: end)?(?: of (?:my|our|the) (?:range|budget))?(?: is| would be|'s)?|"
    r"(?:the )?(?:low|lower|bottom) end(?: of (?:my|our|the) (?:range|budget))?(?: is| would be|'s)?|"
    r"(?:we|i)(?:'d| would)? start(?:ing)? (?:at|around|about|from|like|somewhere around)|"
    r"start(?:ing)? (?:at|around|about|from)|at (?:the )?least|no less than|"
    r"(?:our|my|the) minimum(?: is|'s| would be)?|"
    r"nothing (?:decent |good |livable |worth (?:it|having) )?(?:under|below|less than))\b")
"""Words that make the figure after them the low end of the range."""

_TOP_CUE = re.compile(
    r"\b(?:top(?: end)?|ceiling|max(?:imum)?|tops|the most|limit|cap|no more than|up to|"
    r"not (?:a (?:dollar|penny|cent) )?(?:over|above|more than))\b")
"""Words that name a figure as the top of the range."""

_FIGURE = re.compile(r"\$?\d[\d,.]*(?: \d\d\b)?\s*(?:k\b|thousand|grand|million|mil\b)?")
"""A figure as the numeric reading writes it ("2 50" for "two-fifty")."""

_NOT_SPENT = re.compile(
    r"\b(?:not|never|won'?t be|aren'?t) (?:going to |gonna )?(?:touch|touching|use|using|spend|spending|"
    r"stretch|stretching|go(?:ing)? (?:there|that high|near (?:that|it)|anywhere near))\b|"
    r"\b(?:don'?t|do not|won'?t|will not) (?:want to |wanna |plan to |intend to )?"
    r"(?:max (?:it|that) out|touch (?:that|it)|use (?:all of )?(?:that|it)|go (?:there|that high))\b|"
    r"\bthat'?s not (?:our|my|the) (?:number|budget)\b")
"""Said of a lender's figure: the caller will not spend it ("we're not touching that")."""

_APPROVAL = re.compile(r"\b(?:pre-?approved|approved|qualified|letter says|letter's for|"
                       r"approval (?:is|says))\b")



def floor_of(u: Utterance) -> int | None:
    """The figure the caller names as their range's low end ("bottom of my range is two-fifty",
    "we start around three hundred"), in dollars."""
    cue = _FLOOR_CUE.search(u.numeric)
    if cue is None:
        return None
    after = u.numeric[cue.end():]
    figure = _FIGURE.search(after)
    if figure is None or figure.start() > 12:
        # "two-fifty, there's nothing decent under that": the figure said before the cue
        # ("two-fifty at least")
        before = list(_FIGURE.finditer(u.numeric[: cue.start()]))
        if not (before and (re.match(r"\s*(?:that|it)\b", after) or not u.numeric[
                before[-1].end(): cue.start()].strip(" ,"))):
            return None
        said = before[-1].group(0)
    else:
        said = figure.group(0)
    found = lead.extract_budget(Utterance(raw=said, lower=said, numeric=said), expecting=True)
    return found[1] if found and found[1] >= 50_000 else None


def top_after_floor(u: Utterance, floor: int) -> int | None:
    """The top said in the same message as a low end ("… three-sixty? yeah, three-sixty, that's
    the ceiling"), when it is above it."""
    if not _TOP_CUE.search(u.lower):
        return None
    tops = []
    for figure in _FIGURE.finditer(u.numeric):
        said = figure.group(0)
        if re.fullmatch(r"[1-9]", said.strip()) and floor >= 100_000:
            said = f"{said.strip()}00000"  # "at least three hundred, up to four"
        found = lead.extract_budget(Utterance(raw=said, lower=said, numeric=said), expecting=True)
        if found and floor < found[1] <= floor * 3:
            tops.append(found[1])
    return tops[-1] if tops else None


def only_what_is_allowed(u: Utterance) -> bool:
    """A lender's figure the caller says they will not spend ("the letter says four-sixty but
    we're not touching that"): no budget, whatever the figure."""
    approval = _APPROVAL.search(u.lower)
    return approval is not None and _NOT_SPENT.search(u.lower, approval.end()) is not None and len(
        _FIGURE.findall(u.numeric)) == 1

