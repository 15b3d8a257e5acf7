"""Names spelled out on the phone: letters said one by one ("k-o-w-a-l-s-k-i"), a word put right
by its spelling ("caitlin … no, with a k, k a i t l y n"), one name heard as two words then spelled
("mac kenzie … m a c k e n z i e"), and a name on file corrected by the part spelled."""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

from rapidfuzz import fuzz

from frontdesk.brain.nlu.lexicon import lexicon
from frontdesk.brain.nlu.sounds import sounds
from frontdesk.brain.nlu.text import CORRECTION, Utterance, normalise


def _sounds_as(word: str, spelled: str) -> bool:
    """A word heard the way its spelling sounds ("lynn" for L-I-N-H), same first letter."""
    word = word.replace("'", "")
    words = lexicon()
    if word not in words.first_names and (word in words.everyday_words or word in words.common_words):
        return False  # ("sara with no h, sorry, s a r a h": not "sorry")
    return word[:1] == spelled[:1] and len(spelled) >= 3 and sounds(word) == sounds(spelled)


def spelled_in_place(u: Utterance) -> Utterance:
    """"its caitlin with a c no sorry with a k k a i t l y n fry f r y": a word said, then put right
    by its spelling a few words on; the spelling stands in the word's place ("its kaitlyn fry")."""
    text = u.lower
    changed = False
    for run in reversed(list(SPELLED_OUT.finditer(text))):
        spelled = re.sub(r"[^a-z]", "", run.group(0))
        if re.search(r"\bwith $", text[: run.start()]) and spelled.startswith("a"):
            spelled = spelled[1:]  # "with a k k a i t l y n", heard "with a k a i t …": the note's "a"
        if len(spelled) < 3:
            continue
        # (the words, not the letters of a spelling begun and dropped: "steven — s-t-e-v — no, sorry")
        before = [w for w in re.finditer(r"[a-z']+", text[: run.start()]) if len(w.group(0)) > 1][-8:]
        if any(w.group(0).replace("'", "") == spelled for w in before):
            continue  # "fry f r y": the word said, spelled as said
        # ("its lynn spelled l i n h": heard as it sounds, spelled as it is)
        said = next((w for w in reversed(before) if len(w.group(0)) >= 3 and (
            fuzz.ratio(w.group(0).replace("'", ""), spelled) >= 60 or _sounds_as(w.group(0), spelled))), None)
        between = text[said.end(): run.start()] if said is not None else ""
        if said is None or re.search(r"[\d?!]", between) or (
                "." in between and not CORRECTION.search(between)):
            continue  # (a stop in between only after the caller puts it right: "… no, sorry, it's p-h.")
        if (plain := said.group(0).replace("'", "")) != spelled and (
                spelled in plain or (spelled.startswith(plain) and spelled[len(plain):] in {"i", "a"})
                or (spelled.endswith(plain) and re.search(r"\bno $", text[: run.start()]))):
            continue  # "ybarra why b a r r a", "brandt b r a n d t i need", "jon no h j o n": the
            # letters heard short or run on; the word as said is the name ("aliyah a a l i y a h" is not)
        if put_right := CORRECTION.search(between):
            # "caitlin … no sorry … k a i t l y n": the spelling in its place ("catherine price
            # sorry its k a t h r y n kathryn": and the surname said before the "sorry" kept)
            kept = [w for w in SPELLING_NOTE.sub(" ", between[: put_right.start()]).split()
                    if w not in {"no", "nope", "uh", "um", "wait", "oh"}
                    and re.fullmatch(r"[a-z']{2,}(?:-[a-z']{2,})*[.,]?", w)]  # (not "s-t-e-v", begun)
            text, changed = _spelled_for(text, said, run, spelled, kept if len(kept) <= 2 else []), True
        elif (re.search(r"\bwell\b", between) or re.match(r"\W*(?:actually|,? no [a-z]\b)",
                                                          text[run.end():])) and (
                said.group(0) in lexicon().first_names or said.group(0) not in lexicon().everyday_words):
            # "John Kessler — well, J-O-N actually, no H": the word put right where it stands
            rest = re.sub(r"^\W*actually\b", "", text[run.end():])
            between = re.sub(r"[—–,-]*\s*well\W*$", " ", between)
            text = f"{text[: said.start()]}{spelled}{between}{rest}"
            changed = True
        elif len(kept := _SPELLING_WORDS.sub(" ", between).split()) <= 2 and not _spelled_as_one(
                before, spelled, fuzz.ratio(said.group(0), spelled)):
            # "its hannah shultz s c h u l t z", "grace chow uh thats c h o u chou", "its shawn
            # gallagher thats s e a n sean gallagher …": the name as a phone line heard it, then its
            # spelling, which is the name
            text, changed = _spelled_for(text, said, run, spelled, kept), True
    return normalise(text) if changed else u


def _spelled_for(text: str, said: re.Match[str], run: re.Match[str], spelled: str, kept: list[str]) -> str:
    """``text`` with the spelling in the place of the word ``said``, the words ``kept`` from between
    them after it, and the word said again after the letters ("s e a n sean gallagher") said once."""
    rest = re.sub(rf"^\W*{spelled}\b", "", text[run.end():])
    tail = f" {' '.join(kept)}" if kept and not rest.lstrip().startswith(" ".join(kept)) else ""
    return f"{text[: said.start()]}{spelled}{tail}{rest}"


def _spelled_as_one(before: list[re.Match[str]], spelled: str, as_said: float) -> bool:
    """Do two or three of the words before the letters, joined, fit them at least as well as the
    one word does ("lan tran l a n t r a n", "peter son p e t e r s o n")?"""
    named = [w.group(0) for w in before if not _SPELLING_WORDS.fullmatch(w.group(0))]
    return any(fuzz.ratio("".join(named[i: i + n]), spelled) >= as_said
               for n in (2, 3) for i in range(len(named) - n + 1))


_SPELLING_WORDS = re.compile(r"\b(?:uh+|um+|er|sorry|that'?s|thats|that is|it'?s|its|it|spelled|spelt|"
                             r"i'?ll|ill|spell|spelling|like|so)\b")
"""Words between a name and its spelling that are not the name ("… thats c h o u")."""


def split_then_spelled(u: Utterance) -> Utterance:
    """"its mac kenzie hollis m a c k e n z i e", "thomas jon son j o h n s o n": one name heard as
    two words, then spelled; the spelling joins them ("mackenzie hollis", "thomas johnson")."""
    text = u.lower
    for run in reversed(list(SPELLED_OUT.finditer(text))):
        spelled = re.sub(r"[^a-z]", "", run.group(0))
        words = list(re.finditer(r"[a-z']+", text[: run.start()]))[-8:]
        given = lexicon().first_names
        pair = next(((a, b) for i, (a, b) in enumerate(pairwise(words))
                     if text[a.end(): b.start()] == " " and len(spelled) >= 5 and (
                         joined := (a.group(0) + b.group(0)).replace("'", ""))[0] == spelled[0]
                     and fuzz.ratio(joined, spelled) >= 80
                     # ("thanh nguyen t h a n h n g u y e n": a first and last name, spelled in one go)
                     and (spelled in given or b.group(0) in lexicon().everyday_words
                          # "sam del gado d e l g a d o": a surname in two pieces, spelled whole
                          # (not "sunita rao s u n i t a r a o": a whole name, first and last
                          # spelled in one go, with nothing before it)
                          or (joined == spelled and i > 0 and (words[i - 1].group(0) in given or (
                              a.group(0) not in given
                              and words[i - 1].group(0) not in lexicon().everyday_words))))
                     and not any(w.group(0) == spelled for w in words)), None)
        if pair is not None:
            text = f"{text[: pair[0].start()]}{spelled}{text[pair[1].end(): run.start()]}{text[run.end():]}"
        elif (pieces := _heard_in_pieces(text, run.start(), spelled)) is not None:
            text = f"{text[: pieces[0]]}{spelled}{text[pieces[1]: run.start()]}{text[run.end():]}"
    return u if text == u.lower else normalise(text)


def _heard_in_pieces(text: str, spelled_at: int, spelled: str) -> tuple[int, int] | None:
    """Where a surname heard as two to four sounds ("keisha bruce sard", "ray oh ka for", "nathan oh
    yell a ran") stands, right after a first name and before its spelling ("… thats b r o u s s a r
    d"): the start and end of those words, or None."""
    head = text[:spelled_at]
    note = re.search(r"(?:\s+(?:thats|that's|that is|its|it's|spelled|like|um|uh))*\W*$", head)
    words = list(re.finditer(r"[a-z']+", head[: note.start() if note else len(head)]))[-6:]
    given = lexicon().first_names
    for size in (4, 3, 2):
        # (a first name the list lacks, said first of all, when the pieces sound like the letters:
        # "hamid ra heemy r a h i m i")
        first = words[0].group(0) if words else ""
        unknown_first = len(words) == size + 1 and not head[: words[0].start()].strip() and (
            re.fullmatch(r"[a-z]+", first) is not None and first not in lexicon().everyday_words
            and first not in lexicon().common_words)
        if len(spelled) < 4 or len(words) < size + 1 or not (
                words[-size - 1].group(0) in given or unknown_first):
            continue
        heard = words[-size:]
        joined = "".join(w.group(0).replace("'", "") for w in heard)
        if joined[0] == spelled[0] and (sounds(joined) == sounds(spelled) or (
                fuzz.ratio(joined, spelled) >= 65 and words[-size - 1].group(0) in given)) and all(
                text[a.end(): b.start()] == " " for a, b in pairwise(heard)):
            return heard[0].start(), heard[-1].end()
    return None


def _forms(part: str) -> set[str]:
    """A name word as it may be spelled out: "O'Rourke" is "orourke" or "rourke" (the O said apart);
    "Beltrán" is "beltran" (no letter is said for the accent)."""
    plain = "".join(c for c in unicodedata.normalize("NFD", part.lower()) if not unicodedata.combining(c))
    return {part.lower(), part.lower().replace("'", ""), part.lower().split("'")[-1], plain,
            plain.replace("'", "")}


def respelled(u: Utterance, known: str) -> str | None:
    """The name on file with the part the caller spells out corrected ("my first name is
    spelled K-A-T-H-R-Y-N" for "Catherine Boyle" → "Kathryn Boyle"); None when nothing is."""
    parts = known.split()
    noted = notes_out(u.lower)
    if any(re.sub(r"[^a-z]", "", m.group(0)) == re.sub(r"[^a-z]", "", known.lower())
           for m in SPELLED_OUT.finditer(noted)):
        return None  # "its wei zhang w e i z h a n g": the whole name, spelled in one run, as it is
    # ("no, A-O-I-F-E, not E-F-A": the letters said to be wrong spell no part of it)
    spelled = [w for m in SPELLED_OUT.finditer(noted)
               if len(w := re.sub(r"[^a-z]", "", m.group(0))) >= 2 and not NOT_THESE_LETTERS.search(
                   noted, 0, m.start())]
    if len(parts) > 1 and len(spelled) == len(parts) and any(w not in _forms(p) for w, p in zip(
            spelled, parts, strict=True)) and all(
            fuzz.ratio(w, p.lower()) >= 40 for w, p in zip(spelled, parts, strict=True)):
        # "It's the Irish one, S-I-O-B-H-A-N. Kelleher's K-E-L-L-E-H-E-R.": the whole name, spelled
        return " ".join(w[:1].upper() + w[1:] for w in spelled)
    for match in SPELLED_OUT.finditer(said := notes_out(u.lower)):
        word = re.sub(r"[^a-z]", "", match.group(0))
        if NOT_THESE_LETTERS.search(said, 0, match.start()):
            continue  # "the name's J-A-I-M-E, not J-A-M-I-E": the letters said to be wrong
        if len(word) < 2 or not parts or word in {form for p in parts for form in _forms(p)}:
            continue  # "O'Shea, S-H-E-A", "o apostrophe b r i e n": the name as it is
        before = u.lower[max(0, match.start() - 40): match.start()]
        if "last name" in before or "surname" in before:
            index = len(parts) - 1
        elif "first name" in before:
            index = 0
        else:
            scores = [fuzz.ratio(word, p.lower()) for p in parts]
            index = scores.index(max(scores))
            if scores[index] < 50:
                continue
        parts[index] = word[:1].upper() + word[1:]
        return " ".join(parts)
    return None


SPELLING_NOTE = re.compile(r"(?i)\b(?:(?:with )?no [a-z]|with (?:an?|one|two|double) (?:[a-z](?:'?s)?|ends|"
                            r"ells|esses|ohs|ees|tees)|"
                            r"double[- ][a-z]|[a-z] as in [a-z]+|like it sounds|one word)\b")
"""How a caller tells the spelling apart ("Jon, no H", "with two Ns", "V as in Victor")."""


def notes_out(text: str) -> str:
    """``text`` without its spelling notes ("Jon, no H", "with two Ns"), except a "no" that puts
    a name right by a spelling that starts with the letter after it ("marissa joe no m a r i s a c
    h o", "the meaty vulcan no d m i t r i v o l k o v"): the letter is the spelling's first. It is
    a note only where the letters after it are a word said just before ("jon no h j o n") and what
    was heard nearest the letters with it does not start with it."""
    def out(note: re.Match[str]) -> str:
        letter = re.fullmatch(r"(?i)(?:with )?no ([a-z])", note.group(0))
        spaced = text[note.end(): note.end() + 1] == " "
        run = SPELLED_OUT.match(text.lower(), note.end() + 1) if letter and spaced else None
        if run is None:
            return " "
        rest = re.sub(r"[^a-z]", "", run.group(0).lower())
        whole = letter[1].lower() + rest
        said = [w.replace("'", "") for w in re.findall(r"[a-z']{2,}", text[: note.start()].lower())[-4:]]
        heard = [*said, *(a + b for a, b in pairwise(said))]
        nearest = max(heard, key=lambda w: fuzz.ratio(w, whole), default="")
        # ("duh shawn no d e s h a w n": the letter starts what was heard, so it starts the spelling)
        given = lexicon().first_names  # (or the letter with them spells a given name: "d e s h a w n")
        return " " if any(fuzz.ratio(w, rest) >= 85 for w in said) and not nearest.startswith(
            whole[0]) and not (whole in given and rest not in given) else note.group(0)
    return SPELLING_NOTE.sub(out, text)


NOT_THESE_LETTERS = re.compile(r"\bnot\W+$")
"""Letters said to be the wrong spelling ("J-A-I-M-E, not J-A-M-I-E")."""
SPELLED_OUT = re.compile(r"(?<!['\w])(?:[a-z][- ]){2,}[a-z]\b"
                         r"(?!(?<= i) (?:need|needed|want|wanted|was|am|have|had|just|would|think|got|can|"
                         r"could|will|called|saw)\b)")
"""Letters spelled out ("k-o-w-a-l-s-k-i", "s o u s a"); not the "s" of "it's", nor the "i" that
starts the next sentence ("b r a n d t i need a tire rotation")."""


_DIGIT_WORDS = {"zero": 0, "oh": 0, "o": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9}
_TENS_DIGIT = {"ten": 1, "twenty": 2, "thirty": 3, "forty": 4, "fifty": 5, "sixty": 6, "seventy": 7,
               "eighty": 8, "ninety": 9}
FIGURE_THEN_DIGITS = re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine) "
                                r"(ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                                r"(?:[- ](one|two|three|four|five|six|seven|eight|nine))?"
                                r"[\s,.]+(one|two|three|four|five|six|seven|eight|nine)[\s,.]+"
                                r"(zero|oh|o|one|two|three|four|five|six|seven|eight|nine)[\s,.]+"
                                r"(zero|oh|o|one|two|three|four|five|six|seven|eight|nine)\b")
"""A figure, then its digits one by one on a bad line ("three ninety three nine zero")."""


def digits_said_once(m: re.Match[str]) -> str:
    said = (_DIGIT_WORDS[m[1]], _TENS_DIGIT[m[2]], _DIGIT_WORDS.get(m[3] or "zero"))
    spelled = (_DIGIT_WORDS[m[4]], _DIGIT_WORDS[m[5]], _DIGIT_WORDS[m[6]])
    return m.group(0)[: m.end(3 if m[3] else 2) - m.start()] if said == spelled else m.group(0)


_SPELLED_AFTER = re.compile(r"\b(?:(?:the |my )?(?P<part>first|last|sur) ?name(?:'s| is)? |"
                            r"(?:it'?s |its |that'?s |thats |is )?)(?:spelled|spelt)\b")
"""The letters that follow are how the name is written ("but its spelled t o m a s z and then n o w a k",
"but the last name is spelled n g u y e n")."""
_LETTERS = re.compile(r"(?<!['\w])(?:[a-z][- ])+[a-z](?![\w'])")
"""Letters said one by one, two or more ("l y")."""


def spelled_parts(text: str, name: str | None) -> str | None:
    """The name as spelled after "spelled": two runs of letters are the first and last name; one
    is the part it is said to be (the last name, the first) or, said of neither, the part it
    sounds most like ("its thomas no vac but its spelled t o m a s z and then n o w a k":
    Tomasz Nowak; "anh win but the last name is spelled n g u y e n": Anh Nguyen)."""
    cue = _SPELLED_AFTER.search(text)
    if cue is None:
        return None
    found = list(_LETTERS.finditer(text, cue.end()))  # ("l y" too)
    # ("spelled S-H-A-W — no, sorry, S-E-A-N": the letters after the correction)
    last = next((i for i in range(len(found) - 1, 0, -1)
                 if CORRECTION.search(text, found[i - 1].end(), found[i].start())), 0)
    runs = [re.sub(r"[^a-z]", "", m.group(0)) for m in found[last:]]
    if not runs:
        return None
    if len(runs) >= 2:
        return f"{runs[0].capitalize()} {runs[1].capitalize()}"
    parts, word = (name or "").split(), runs[0].capitalize()
    if not parts:
        return None
    if cue["part"] in {"last", "sur"}:
        return f"{parts[0]} {word}" if len(parts) >= 2 or parts[0].lower() != runs[0] else None
    at = 0 if cue["part"] == "first" else max(range(len(parts)),
                                              key=lambda i: fuzz.ratio(parts[i].lower(), runs[0]))
    return " ".join(word if i == at else p for i, p in enumerate(parts))


def spelled_anew(raw: str) -> str | None:
    """"It's Caitlin, with a C — oh gosh, no, sorry, habit. It's with a K. K-A-I-T-L-I-N. Reyes.":
    a name word said, put right and spelled anew — the spelling takes its place (what was said
    between goes), and the word said after the letters follows it as the rest of the name."""
    low = raw.lower()
    for run in SPELLED_OUT.finditer(low):
        word = re.sub(r"[^a-z]", "", run.group(0))
        if len(word) < 3:
            continue
        for said in reversed(list(re.finditer(r"\b[a-z']{3,}\b", low[: run.start()]))):
            fix = CORRECTION.search(low, said.end(), run.start())
            if said.group(0) != word and fuzz.ratio(said.group(0), word) >= 70 and fix and not (
                    # ("it's Jon Reyes. J-O-N. no wait … J-O-H-N": a surname said with it stays)
                    re.search(r"\b[A-Z][a-z]{2,}", raw[said.end(): fix.start()])):
                return f"{raw[: said.start()]}{word.capitalize()} {raw[run.end():].lstrip(' .,')}"
    return None
