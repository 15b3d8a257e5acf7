"""Where the caller wants a home: the place said among the places they come from, live in, visit,
rule out, or put right — and whether the business serves it (:func:`extract_location`)."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from itertools import pairwise

from rapidfuzz import fuzz, process

from frontdesk.brain.nlu import entities as ex
from frontdesk.brain.nlu.lead_intent import extract_lead_intent
from frontdesk.brain.nlu.lexicon import lexicon
from frontdesk.brain.nlu.names import extract_name
from frontdesk.brain.nlu.sounds import sounds
from frontdesk.brain.nlu.text import Utterance, correction_tails, normalise, ruled_out
from frontdesk.knowledge.profile import BusinessProfile


@cache
def _place_said(words: str) -> re.Pattern[str]:
    """A place's name as said: "p ville" is "P-ville", "g town" "G-town" (a short form's hyphen
    is heard as a space or nothing); never inside a longer name."""
    pattern = re.escape(words).replace(r"\-", r"[\s-]?").replace(r"\ ", r"[\s-]")
    return re.compile(rf"(?<![\w-]){pattern}(?![\w-])")


_OUR_HOME_IN = re.compile(r"\b(?:(?:my|our)\s+(?:current\s+|own\s+)?|"
                          r"(?:i|we)\s+(?:have|own|got|'ve got|have got)\s+(?:a\s+|the\s+)?|"
                          r"(?:left|gave)\s+(?:me|us)\s+(?:his|her|their|a|the)\s+|"
                          r"inherited\s+(?:his|her|their|a|the)\s+)(?:house|home|place|condo|townhouse|"
                          r"townhome|property|land|farm|ranch|acreage)\s+(?:(?:up|down|out|over|just)\s+)?"
                          r"(?:in|at|outside(?: of)?|near|by)\s+(?:the\s+)?$")
"""The caller's own home, named by its town ("our house in Cedar Park", "I have a house in Georgetown",
"left me his place outside Waco")."""


_OWNED_IN = re.compile(r"\b(?:i|we)(?:'ve| have)? (?:already )?(?:got|own|have|bought) (?:\w+ ){0,3}?"
                       r"(?:in|up in|out in|down in|over in) $")
"""A place named as where the caller already owns ("I've got two in Round Rock already")."""


_PLACED = re.compile(r"\b(?:in|near|around|to|by|from|of|do|serve|cover|covers|service|work)\s+$")
"""Words a place is said after ("in", "near", "do you serve …")."""
_OURS_THERE = re.compile(r"\b(?:you|y'?all|ya'?ll|you guys|you all|your (?:office|company|agency|team|"
                         r"business|shop|dealership|brokerage))(?: are| is|'re|'s) (?:all |just |only )?"
                         r"(?:in|based (?:in|out of)|located (?:in|out of)|out of|over in) $")
"""The business's own place said just before a town ("y'all are in Austin")."""


def _said_as_one(words: str) -> str:
    """How a town sounds with its pieces run together ("flew ger ville" and Pflugerville: "flgrvl")."""
    return re.sub(r"^pf", "f", sounds(words.lower().replace(" ", "")))


def extract_location(u: Utterance, profile: BusinessProfile, *,
                     expecting: bool = False) -> tuple[str, bool] | None:
    """The place the caller wants and whether it is in the business's service area. A place
    ruled out ("anywhere but Round Rock", "not Dallas") is not it; of several, a served one
    wins ("Leander or maybe Cedar Park")."""
    areas = [(a, True) for a in profile.service_areas] + [(a, False) for a in profile.nearby_areas]
    if not areas:
        return None
    found: list[tuple[int, str, bool]] = []
    inside_of = dict(areas)
    said = [(a, a, inside) for a, inside in areas] + [
        (alias, area, inside_of[area]) for alias, area in profile.area_aliases.items() if area in inside_of]
    spans: list[tuple[int, int]] = []
    for words, area, inside in sorted(said, key=lambda a: len(a[0]), reverse=True):
        for match in _place_said(words.lower()).finditer(u.lower):
            if (before := re.search(r"\b([a-z]{3,}) $", u.lower[: match.start()])) and (
                    before[1] in lexicon().first_names) and before[1] not in lexicon().everyday_words and (
                    before[1] not in lexicon().common_words):
                continue  # "Tara Temple", "Jo Austin": a surname after a first name, not the town
            if re.search(r"\b(?:this is|i'?m|it'?s|my name'?s|my name is|name is|the name'?s) $",
                         u.lower[: match.start()]) and (
                    re.match(r" [a-z'-]{2,}\W*$", u.lower[match.end():])):
                continue  # "this is Kyle Benson": a first name, not the town
            if _in_the_name(u, match.group(0), match.end()):
                continue  # "I'm Kyle, Kyle Brennan": the caller's name, said twice
            if _OURS_THERE.search(u.lower[: match.start()]):
                continue  # "I just realized y'all are in Austin": where the business is, not the caller
            if words == area and _STREET_AFTER.match(u.lower, match.end()):
                continue  # "the listing on burnet road": a street named for a town, not the town
            if not any(match.start() < end and start < match.end() for start, end in spans):
                found.append((match.start(), area, inside))  # "east austin" once, as Austin
                spans.append(match.span())  # each time it is said: "grew up in X … buying in X"
    found.sort()
    # "we're in Kyle, off Center Street near the old downtown": that town's downtown, not Austin's
    found = [f for f in found if not (u.lower[f[0]:].startswith("downtown") and re.search(
        r"\b(?:the|old|its|their|little) $", u.lower[: f[0]]) and any(
        o[1] != f[1] and o[0] < f[0] and not re.search(r"[.?!]", u.lower[o[0]:f[0]]) for o in found))]
    if not found:
        # A near miss of a place name is a place only where a place is expected: asked for
        # one, or after "in"/"near" ("we're working with a lender" is not Leander).
        names = [a for a, _ in areas]
        aliases = [a for a, area in profile.area_aliases.items() if area in inside_of and len(a) >= 7]
        words = list(re.finditer(r"[a-z]+", u.lower))
        chunks = [(w.start(), w.group(0)) for w in words] + [  # every word, and every two in a row
            (a.start(), u.lower[a.start(): b.end()]) for a, b in pairwise(words)
            if u.lower[a.end(): b.start()] == " "] + [  # and three ("new braun fells" for New Braunfels)
            (a.start(), u.lower[a.start(): c.end()])
            for a, b, c in zip(words, words[1:], words[2:], strict=False)
            if u.lower[a.end(): b.start()] == u.lower[b.end(): c.start()] == " " and (
                expecting or _PLACED.search(u.lower, 0, a.start()))]
        for start, chunk in sorted(chunks, key=lambda c: (c[0], -len(c[1]))):
            if (said_before := re.search(r"\b([a-z]{3,}) $", u.lower[:start])) and (
                    said_before[1] in lexicon().first_names and said_before[1] not in lexicon().common_words):
                continue  # "beatriz salgado": a surname after a first name, no near miss of Salado
            placed = _PLACED.search(u.lower, 0, start)
            if not (expecting or len(u.lower.split()) <= 3 or placed) or _OURS_THERE.search(u.lower[:start]):
                continue
            if chunk in lexicon().common_words or _in_the_name(u, chunk, start + len(chunk)):
                continue
            match = process.extractOne(chunk, [n.lower() for n in names], scorer=fuzz.ratio)
            if not (match and match[1] >= 88) and len(chunk) >= 8:
                # "seeder park" for Cedar Park, "jorjtown": heard by sound, spelled another way
                match = next(((n, 100, i) for i, n in enumerate(names)
                              if sounds(chunk) == sounds(n.lower()) or (
                                  # ("new braun fells": a town of two words heard in three; not "Brianna
                                  # Tate" for Burnet)
                                  " " in n and chunk.count(" ") > n.count(" ")
                                  and sounds(chunk).replace(" ", "") == sounds(n.lower()).replace(" ", "")
                              ) or (
                                  # ("out in flew ger ville": a town of one word heard in three)
                                  " " not in n and " " in chunk and len(n) >= 9
                                  and _said_as_one(chunk) == _said_as_one(n))),
                             None)
            if match and match[1] >= 88:
                name = names[match[2]]
                found.append((start, name, dict(areas)[name]))
                break
            # "tera vista", "terra vista": a neighbourhood's one word heard as two, or misspelled
            alias = process.extractOne(chunk.replace(" ", ""), [a.lower().replace(" ", "") for a in aliases],
                                       scorer=fuzz.ratio) if len(chunk) >= 7 else None
            if not (alias and alias[1] >= 88) and len(chunk) >= 7:
                # "hide park" for Hyde Park: a neighbourhood heard by sound
                alias = next(((a, 100, i) for i, a in enumerate(aliases)
                              if sounds(chunk) == sounds(a.lower())), None)
            if alias and alias[1] >= 88:
                area = profile.area_aliases[aliases[alias[2]]]
                found.append((start, area, inside_of[area]))
                break
    # a place ruled out anywhere is not it ("you're just Austin area? … I can't do Austin")
    ends = dict(spans)  # "… so Austin doesn't really work for me": ruled out by what follows too
    # "cedar park no g town georgetown my bad": a bare "no" between two places, as speech has it,
    # turns from the first to the second
    turns = [(before, after) for before, after in pairwise(found) if before[1] != after[1]
             and _BARE_NO.fullmatch(u.lower[ends.get(before[0], before[0]): after[0]])]
    turned_to = {after[0] for _, after in turns}
    # ("round rock. wait no. pflugerville? no its round rock": turned back to the first)
    turned_from = {before[1] for before, _ in turns} - ({turns[-1][1][1]} if turns else set())
    # "on the form I said Austin, but … we're looking in Pflugerville now": the old answer
    # (every time it is said: "not hutto, round rock, we said round rock" is said again, kept)
    said_before = {area for start, area, _ in found
                   if _SAID_BEFORE.search(u.lower[max(0, start - 30): start])} - {
        area for start, area, _ in found if not _SAID_BEFORE.search(u.lower[max(0, start - 30): start])}
    if not {area for _, area, _ in found} - said_before:
        said_before = set()
    # ("somewhere in Austin, I work downtown": where the job is says nothing of the place wanted)
    found = [f for f in found if not _WORK_THERE.search(u.lower[max(0, f[0] - 40): f[0]])] or found
    side = extract_lead_intent(u)  # the caller's own side, once
    refused = {area for start, area, _ in found
               if (ruled_out(u.lower, start) and start not in turned_to and not (
                   # "I don't know Austin at all … near Mueller": new to the town, not against it
                   # ("oh, you don't do New Braunfels": the business's not serving it, no refusal)
                   re.search(r"\b(?:don'?t|do not|didn'?t) (?:really )?know (?:much about )?$|"
                             r"\b(?:you|y'?all|you guys|ya'?ll) (?:don'?t|do not|dont) "
                             r"(?:do|cover|serve|go (?:to|out to)) (?:out in |in )?$",
                             u.lower[max(0, start - 30): start])))
               or area in turned_from
               or area in said_before or _YOUR_AREA.search(u.lower[max(0, start - 40): start])
               or _ANOTHER_AGENT_IN.search(u.lower[max(0, start - 50): start])
               # "we're not looking in Austin anymore. my husband's job moved us to San Antonio"
               or _NOT_LOOKING_IN.search(u.lower[max(0, start - 50): start])
               or (start in ends and re.match(r"\s*(?:area )?(?:anymore|any more|no more)\b(?! than)",
                                              u.lower[ends[start]:]))
               or (start in ends and _PLACE_REFUSED_AFTER.match(u.lower, ends[start]))
               or (start in ends and _ANOTHERS_AFTER.match(u.lower, ends[start]))
               # "Houston closes end of November": the home sold there, said by its town
               or (start in ends and _CLOSES_AFTER.match(u.lower, ends[start])
                   and side != "sell")}
    wanted = [(start, area, inside) for start, area, inside in found if area not in refused]
    if not wanted:
        return None
    # "my house up in Georgetown is under contract … a condo in Austin": where the caller lives
    # or comes from is not where they look, unless the home is what they sell
    # (the caller's own sale: not "our landlord just told us he's selling it")
    selling = lexicon().intents["sell"].search(u.lower) is not None and side in {
        "sell", "both", None} and not _NOT_SELLING.search(u.lower)  # ("… we're not selling it")
    def own_home(w: tuple[int, str, bool]) -> bool:  # "my Georgetown house"
        # ("we'll pay cash outta the Dallas house": the home they sell, named by its town)
        return bool(_HOME_AFTER.match(u.lower[w[0] + len(w[1]):])
                    and re.search(r"\b(?:my|our)\s+(?:current\s+|old\s+)?$|"
                                  # ("depending on what we get for the Houston house")
                                  r"\b(?:outta|out of|from|sell(?:ing)?|sale of|"
                                  r"(?:get|got|getting|make|net) for) (?:the|my|our)\s+$",
                                  u.lower[: w[0]]))

    # ("I've got two in Round Rock already and now I'm looking for a duplex in East Austin": the
    # rentals owned are not where the investor looks)
    elsewhere = [w for w in wanted if not _ORIGIN.search(u.lower[max(0, w[0] - 40): w[0]])
                 # "I'm in Round Rock now but I'm getting transferred to San Antonio": where a buyer
                 # is now (a seller's home is where they are)
                 and (selling or not _NOW_IN.search(u.lower[max(0, w[0] - 30): w[0]]))
                 and (selling or not (_HOME_NOW.search(u.lower[max(0, w[0] - 40): w[0]]) or own_home(w) or (
                     side == "buy" and _OWNED_IN.search(u.lower[max(0, w[0] - 40): w[0]]))))]
    if not elsewhere and not expecting and not selling and all(
            re.search(r"\b(?:from|leaving|moving out of)\s+(?:the\s+)?$", u.lower[max(0, w[0] - 25): w[0]])
            or _LIVES_NOW.search(u.lower[max(0, w[0] - 40): w[0]]) for w in wanted):
        return None  # "we're up from Houston on the fifteenth": where they come from, not where they look
    if not elsewhere and not expecting and not selling and any(own_home(w) for w in wanted):
        return None  # "once my Georgetown house closes": their home, not where they look
    wanted = elsewhere or wanted
    # ("I'm looking to sell my place in Round Rock, well, no, the house is in Pflugerville": the
    # home put right is the one after the correction)
    put_right = next((len(u.lower) - len(t) for t in correction_tails(u.lower)
                      if any(w[0] >= len(u.lower) - len(t) for w in wanted)), 0)
    homes = [w for w in found if w[1] not in refused and w[0] >= put_right and _OUR_HOME_IN.search(
        u.lower[max(0, w[0] - 40): w[0]])]
    moving_here = [w for w in wanted if w[2] and w not in homes
                   and _MOVING_TO.search(u.lower[max(0, w[0] - 30): w[0]])]
    if homes and moving_here and not any(w[2] for w in homes):
        # "I'm selling my place up in Dallas and moving to Austin": the home sold is elsewhere;
        # where they move to is where they look
        wanted = moving_here
    elif (side == "sell" or ex.extract_appointment_type(u, profile) == "listing_appointment") and homes:
        # "we been in our house in cedar park since oh nine and my wife wants to move closer to her
        # job down in san marcos, so i want somebody to come value our house": the home sold
        wanted = homes
    # another's place ("my sister just closed on a place in Cedar Park") when the caller names
    # their own; alone ("near my daughter, she lives in Cedar Park") it is where they look
    wanted = [w for w in wanted if not _SOMEONE_ELSES.search(u.lower[max(0, w[0] - 60): w[0]])
              or _WHERE_WE_WANT.match(u.lower, w[0] + len(w[1]))] or wanted
    wanted = [w for w in wanted if not _LEFT_BEHIND.search(u.lower[max(0, w[0] - 40): w[0]])
              and not (not w[2] and _TRIP.search(u.lower[max(0, w[0] - 40): w[0]]))]
    if not wanted:
        return None  # "I got let go in Dallas back in September": where they were, not where they look
    # "ill actually be in austin on february first": where the caller will be for the visit
    wanted = [w for w in wanted if not (_VISITING.search(u.lower[max(0, w[0] - 40): w[0]]) and not re.match(
        r"[a-z ]{0,12}\b(?:looking|to look|house hunting|to see (?:houses|homes|places))", u.lower[w[0]:]))]
    if not wanted:
        return None
    # "somewhere north of Austin … so maybe Georgetown": a place that only says where the
    # wanted one lies (or where the caller works) is not it when another is named
    wanted = [w for w in wanted if not _LANDMARK.search(u.lower[max(0, w[0] - 40): w[0]])] or wanted
    settled = [w for w in wanted if _SETTLED_ON.match(u.lower, ends.get(w[0], w[0] + len(w[1]))) or (
        # "… South Austin's way out of my budget. And Buda's got nothing. So Kyle.": the answer, last
        _DECIDED_BEFORE.search(u.lower[max(0, w[0] - 20): w[0]])
        and re.match(r"\W*$", u.lower[ends.get(w[0], w[0] + len(w[1])):]))]
    if settled:
        # "we're looking around Austin — well, north of Austin. Round Rock, really": the one said
        # to be it
        return settled[-1][1], settled[-1][2]
    for tail in correction_tails(u.lower):
        # "Round Rock — no, I mean Cedar Park": the place after the last correction that names
        # one ("… well, actually, we're going with Leander instead, it's closer to her parents")
        corrected = [w for w in wanted if w[0] >= len(u.lower) - len(tail)]
        # ("wait, no, that's Round Rock. we want the other side, Pflugerville": the place the
        # landmark is in, named, then the one wanted)
        corrected = [w for w in corrected
                     if _WANTED_HERE.search(u.lower[max(0, w[0] - 30): w[0]])] or corrected
        if corrected:
            return corrected[0][1], corrected[0][2]
    homes = [w for w in wanted if (_HOME_NOW.search(u.lower[max(0, w[0] - 40): w[0]]) or own_home(w))
             and not re.search(r"\b(?:closed on|sold|finished|done|after)\b",
                               u.lower[max(0, w[0] - 50): w[0]])]
    if selling and homes and len({w[1] for w in wanted}) > 1 and not (
            # ("selling our house down in Houston … that money's gonna go into buying something up in
            # Round Rock": a home we cannot sell, beside one here they buy)
            not any(h[2] for h in homes) and any(w[2] for w in wanted)
            and side == "both"):
        # "we just moved down here to Austin, but we still own our old house up in Dallas and we
        # need to sell it": the home sold is where it is, not where the seller lives now
        return homes[0][1], homes[0][2]
    # "the kids moved up by austin, so we're thinking we buy up in g town": the one said as
    # where the caller would buy or look
    # ("i work down in south austin but … we been looking more like kyle or buda": where they look,
    # served or not)
    wanted = [w for w in wanted if _TARGET.search(u.lower[max(0, w[0] - 30): w[0]])] or wanted
    wanted.sort(key=lambda f: (not f[2], f[0]))
    return wanted[0][1], wanted[0][2]


_WANTED_HERE = re.compile(r"\b(?:we|i) (?:want|wanna|need|like|prefer)\b[^.?!]{0,25}$")
_WORK_THERE = re.compile(r"\b(?:i|we|he|she) (?:work|works)\b[^.?!,]{0,25}$|"
                         # "I'll be commuting into Austin for work, so … somewhere in between"
                         r"\b(?:commut\w*|driv\w+) (?:in)?to\s+$")
_ANOTHERS_AFTER = re.compile(r"(?:'s| is)\s+(?:my|our|his|her|their)\s+[\w-]+'?s\s+"
                             r"(?:place|house|home|condo|property|neighborhood)\b")
""""Sun City's my mother-in-law's place … ours is in Pflugerville": someone else's home, not the lead's."""
_YOUR_AREA = re.compile(r"\b(?:you|y'?all|you guys|ya|companies|agencies|brokers|realtors|agents|"
                        r"brokerages|firms|is it)(?:'re| are| were| guys are)? "
                        r"(?:just|only|mostly|strictly|more) "
                        r"(?:(?:in|around|serving|covering|cover|serve|do|the)\s+)*$|"
                        r"\b(?:mostly|usually|always|only) (?:see|seen|notice) (?:your|y'?all'?s|yalls) "
                        r"(?:signs|offices?|ads|billboards)\b[^.?!]{0,20}?\b(?:in|around)\s+$")
"""The business's area asked back ("oh, so you're just the Austin area?", "I figured y'all were
more Austin", "I mostly see your signs up in Austin"), not the caller's."""
_ANOTHER_AGENT_IN = re.compile(r"(?<!for )(?<!need )(?<!want )(?<!find )"
                               r"\b(?:my|our|the|some|that|previous|old|last|an?) (?:(?:old|last|previous) )?"
                               r"(?:realtor|agent|realty|real estate agent|brokerage|firm)s? "
                               r"(?:in|from|out of|up in|down in|over in|based in)\s+$")
"""Where another agent the caller had is ("my last experience with a realtor in Houston"), not
where they look; not "I need an agent in Round Rock"."""
_VISITING = re.compile(r"\b(?:i'?ll|ill|we'?ll|i will|we will|i'?m|im|we'?re) "
                       r"(?:actually |only |just |gonna |going to |fixin'? to |fixing to |about to )?"
                       r"(?:be|flying|driving) (?:in|into|down (?:in|to)|up (?:in|to)|over in|out in)\s+$")
"""Where the caller will be when they come ("I'll be in Austin on February first"), not where
they look."""
_SAID_BEFORE = re.compile(r"\b(?:(?:i|we) (?:said|put(?: down)?|wrote(?: down)?|told (?:you|y'?all)|"
                          r"entered|picked|chose|"
                          r"(?:were|was) (?:looking|(?:dead |pretty |really |all )?set on|going for)"
                          r"(?: in| at)?)|"
                          r"(?:form|application) (?:says|said))\s+$")
"""A place given before, in a form or an earlier call, that the caller has since changed."""
_BARE_NO = re.compile(r"\W*(?:(?:uh+|um+|oh|wait|sorry|well)\W+)*(?:no+|nope|nah|i mean|actually|well)"
                      r"(?:\W+(?:uh+|um+|wait|sorry|i mean|make (?:it|that)|it'?s|its|it is|"
                      r"it'?s in|its in|we'?re in))*\W*")
_LANDMARK = re.compile(r"\b(?:(?:north|south|east|west|northeast|northwest|southeast|southwest|"
                       r"outside|ten minutes|\d+ minutes|an hour|half an hour) of|outside|close to|closer to|"
                       r"just (?:past|outside)|past|commute (?:in)?to|drive (?:in)?to|far from|away from|"
                       # (not "do you work in leander?": where the business works)
                       r"(?<!you )(?<!y'all )(?<!yall )(?<!guys )"
                       r"(?:work(?:s|ing)?|jobs?(?:'s| is| are)?|office(?:'s| is)?)(?: \w+)? in|"
                       r"(?:jobs?|work|office)(?:'s| is| are)(?: \w+)?|"  # "my job is downtown austin"
                       # "a job at the Samsung plant in Taylor"
                       r"(?:plant|factory|facility|campus|headquarters|hq|base|site)"
                       r"(?: (?:up|down|out|over))? in)"
                       r"\s+(?:the\s+)?$")
"""Words that make a place a landmark for another ("north of Austin", "a commute to Austin")."""
_CLOSES_AFTER = re.compile(r"(?:'s)?\s+(?:house |home |place |sale )?(?:closes|closing|is closing|"
                           r"should close|will close|is under contract|sold|sells|is sold)\b")
_HOME_AFTER = re.compile(r"\s+(?:house|home|place|condo|townhouse)\b")
"""A place used to name the caller's own home ("my Georgetown house")."""
_LIVES_IN = (r"(?:live|lives|living|lived) (?:down|up|out|over|back) (?:in|there in)|"
             r"(?:i'?m|we'?re) an? (?:\w+ ){1,3}(?:down|up|out|over|back) in")
_ORIGIN = re.compile(r"\b(?<!to )(?<!wanna )(?:from|live in|living in|lived in|currently in|leaving|"
                     r"moving out of|grew up in|staying in|based in|"
                     # "we've been renting over in Cedar Park … has to be in Leander"
                     r"(?:renting|rent|rented|leasing)(?: (?:a|an|our) \w+)? "
                     r"(?:over |out |up |down |back )?in|"
                     # "I've lived on the same farm outside Lubbock my whole life"
                     r"(?:farm|ranch|place|land|acreage|property) (?:outside(?: of)?|near|by)|"
                     # "we're up in Dallas now", "I'm still in Houston till next week"
                     r"(?:we'?re|i'?m|we are|i am) (?:up|down|over|out|still) (?:in|there in|down in|up in)|"
                     # "I work at the Domain, so I want a short commute": where the job is
                     r"(?:i|we|he|she) (?:work|works) (?:at|in|near|by|out of|over at|down at)|"
                     # "I'm a widower, live down in Corpus Christi": where the caller lives now
                     + _LIVES_IN + r")\s+(?:the\s+)?$")
_MOVING_TO = re.compile(r"\b(?:moving|move|relocating|relocate|coming|heading|transferring|retiring)"
                        r"(?: (?:back|down|up|over|out))? (?:to|into)\s+(?:the\s+)?$")
_NOW_IN = re.compile(r"\b(?:we'?re|i'?m|we are|i am) (?:currently |now )?in\s+$")
_LIVES_NOW = re.compile(r"\b(?:" + _LIVES_IN + r")\s+(?:the\s+)?$")
"""Where the caller lives now, said of themselves ("a retired schoolteacher down in San Antonio")."""
_LEFT_BEHIND = re.compile(r"\b(?:sold|closed on|closed the sale of|got rid of) (?:our|my|the|his|her|their) "
                          r"(?:old |\w+ )?"
                          r"(?:place|house|home|condo|ranch|farm|land|property|townhouse) "
                          # "we sold our place in houston", "we sold our ranch out near Burnet"
                          r"(?:up |down |over |out |back )?(?:in|near|by|outside(?: of)?)\s+$|"
                          r"\b(?:let go|laid off|fired|grew up|was born|used to live|moving from|"
                          r"relocating from|transferring from|coming from|came from|moved from)"
                          r"(?: \w+)? in\s+(?:the\s+)?$|"
                          r"\b(?:moving|relocating|transferring|coming|came|moved|driving|drivin'?|flying|"
                          r"flyin'?|heading|headed) "
                          r"(?:down |up |over |in |back )?from\s+$|"
                          # "our agent … she moved to Dallas last month": where someone else went
                          r"\b(?:she|he|they|agent|realtor)(?:'s| has| had)? (?:moved|relocated|retired) "
                          r"(?:up |down |out |over |back )?to\s+$|"
                          # "we want to get out of Houston — the hurricanes, the humidity"
                          r"\b(?:get|getting|got|move|moving|moved) (?:out of|outta|away from)\s+$|"
                          # "a dscr loan through my guy in houston": where a lender works, not the home
                          r"\b(?:lender|bank|broker|guy|lawyer|attorney|cpa|accountant|credit union|"
                          r"loan officer)(?: \w+)? (?:in|out of|from|over in|down in|up in)\s+$")
"""A place the caller is leaving or has left behind, or where someone who serves them is."""
_PLACE_REFUSED_AFTER = re.compile(
    # ("what about Georgetown... nah, never mind, that's like an hour each way to post")
    r"\W*(?:(?:nah|no|nope|wait|eh|hmm|um+|uh+)\b\W*)*"
    r"(?:(?:is|'s)\s+)?(?:(?:does(?:n'?t| not)|won'?t|will not|wouldn'?t) (?:really |quite )?work|"
    r"(?:is |'s )?(?:out of the question|not an option|a no)|"
    # "we were looking at Leander, but forget that, the commute's brutal"
    # "it was Austin at first, but honestly Georgetown's more our speed now": the first idea, left
    r"(?:at first|originally|initially|to start with)\W+(?:but|now|then)\b|"
    r"(?:at first\W+|originally\W+)?(?:but\s+)?(?:forget (?:that|it|about (?:that|it))|scratch that|"
    r"never ?mind(?: (?:that|it))?\b(?! (?:the|about|what|i)\b))|"
    # "Austin proper but it's just too pricey", "Pflugerville too, it's not for us"
    r"(?:proper\s+)?(?:too,?\s+)?(?:but\s+)?(?:(?:honestly|frankly|now),?\s+)?"
    r"(?:it'?s|that'?s|it is|that is)\s+(?:just |way |really |like )?"
    r"(?:too (?:pricey|expensive|far|crowded)|not for (?:us|me)|out of (?:our|my) (?:budget|price range)|"
    # "South Austin's way out of my budget", "Buda's got nothing for sale"
    r"(?:way )?out of (?:our|my) (?:budget|price range|league)|"
    r"(?:got|has|have) nothing (?:for sale|on the market)|"
    r"(?:like )?an hour (?:each way|away)(?! but\b))|"
    # "we looked at Leander but the commute down 183 is a killer, so that's out"
    r"[^.?!]{0,60}\bso (?:that'?s|it'?s|that is) (?:out|off the (?:table|list))|"
    # "out in Lockhart on a job all day tomorrow": where the caller works, not where they look
    r"on a job|all day|"
    # "I'm actually in Austin this week for a conference": where the caller is for now
    r"(?:this|next) week for|for (?:a|the) (?:conference|convention|work trip|wedding|visit|meeting)|"
    r"on business)\b")
"""Words after a place that rule it out ("so Austin doesn't really work for me")."""
PRICED_OUT = re.compile(r"\b(?:looking|looked|living|live|renting|were)\b[^.?!]{0,30}\b(?:in|at|around) "
                        r"[a-z][\w ]{1,25}?,?\s+(?:but\s+)?(?:(?:honestly|frankly|now),?\s+)?"
                        r"(?:it'?s|that'?s|it is|that is)\s+"
                        r"(?:just |way |really |gotten |getting )?(?:too|so) (?:expensive|pricey)\b")
"""A place the caller found too dear ("looking in Austin, but honestly it's just too expensive"): no
price objection to us."""
_SOMEONE_ELSES = re.compile(
    # "that's my sister, she's the one moving to San Marcos": her move, not the caller's
    r"\b(?:she|he|they|sister|brother|mom|dad|parents|friend|cousin|son|daughter)(?:'s| is| are|'re)? "
    r"(?:the (?:one|ones) )?(?:moving|relocating|headed|heading|going) (?:out |down |up |over )?to\s+$|"
    r"\b(?:sister|brother|mom|mother|dad|father|parents|friend|cousin|aunt|uncle|son|daughter|in-?laws|"
    r"neighbou?r|coworker|co-worker|boss|she|he|they)(?:'s)?\b(?:(?!\b(?:i|we|i'm|we're)\b)[^.?!]){0,40}"
    r"\b(?:closed on|bought|buys|lives?|living|moved|has|got|just got|owns?|rents?)\b[^.?!]{0,25}\bin\s+$|"
    # "you guys sold my mom's house a few years ago up in georgetown": hers, not the caller's
    r"\b(?:sister|brother|mom|mother|dad|father|parents|grandma|grandmother|grandpa|aunt|uncle|son|daughter|"
    r"in-?laws|neighbou?r|friend)'?s (?:old )?(?:house|home|place|condo)\b[^.?!]{0,35}\bin\s+$|"
    # "with the grandkids all up in Dallas": where family are, not where the caller looks
    r"\b(?:kids|grandkids|grandchildren|children|family|folks|parents|in-?laws|son|daughter)(?:'s| are| is)?"
    r"(?: all| both| now)?(?: (?:moved|moving|live|living|went|settled))?(?: (?:up|down|out|over|back))? "
    r"(?:in|by|near|around)\s+$")
"""A place another person bought or lives in ("my sister just closed on a place in Cedar Park")."""
_WHERE_WE_WANT = re.compile(r"[^.?!]{0,120}?\bthat'?s where (?:we|i) (?:want|wanna|would like|'d like|plan|"
                            r"hope|are looking|'re looking|need)\b")
"""A place said of someone else, then taken up ("her sister lives in Sun City up in Georgetown …
so that's where we want to buy")."""
_STREET_AFTER = re.compile(r"\s+(?:road|rd|street|st|drive|dr|lane|ln|boulevard|blvd|avenue|ave|parkway|"
                           r"pkwy|highway|hwy|loop|trail|court|ct|circle|cir)\b")
_TRIP = re.compile(r"\b(?:(?:driv|fly|flew|head|go|went|travel|road-?trip)\w* "
                   r"(?:up |down |over |out |back )?to|"
                   r"(?:trip|flight|drive|run) (?:up |down |over |out )?to|visiting|back from|"
                   r"(?:conference|wedding|game|funeral|meeting|(?<!you )(?<!y'all )(?<!yall )work|hospital|"
                   r"nursing home|rehab|icu) "
                   r"(?:up |down |over |out )?in|"
                   # "the fourth. The third I'm in Houston": away on a day, not where they look
                   r"(?:the (?:\w+(?:st|nd|rd|th)|first|second|third)|\w+day|tomorrow|that day|that week|"
                   r"then) (?:i'?m|we'?re|i'?ll be|we'?ll be|i will be|we will be) (?:gonna be )?"
                   r"(?:up |down |over |out )?in)"
                   r"\s+(?:the\s+)?$")
"""A trip somewhere ("I'm driving up to Dallas Tuesday"): out of the area, it is not where they look."""
_SETTLED_ON = re.compile(r"\W{0,3}(?:really|for sure|specifically|mostly|most likely|ideally)\b")
"""Words right after a place that make it the one meant ("Round Rock, really")."""
_DECIDED_BEFORE = re.compile(r"(?:^|[.!?,]\s*)(?:so|then|okay,? so|just|let'?s (?:say|go with)|"
                             r"final answer)\W*$")
"""Words that give the answer the caller settles on, said last ("… So Kyle.")."""
_NOT_SELLING = re.compile(r"\b(?:not|never|no plans to|aren'?t|ain'?t|won'?t be) (?:\w+ )?sell(?:ing)?\b")
_HOME_NOW = re.compile(r"\b(?:my|our) (?:current |old )?(?:house|home|place|condo|townhouse|"
                       r"apartment)(?: (?:up|down|over|out|here))? in\s+$|"
                       # "we're in a two-bedroom apartment in Austin", "rentin the same house in killeen"
                       r"\b(?:(?:we'?re|were|i'?m|im|we are|i am|live|living|livin|lived|been|stay\w*) in|"
                       r"rent(?:ing|in)?|liv(?:e|ing|in)|stay(?:ing|in)?) (?:a|an|the|this|that) "
                       r"(?:same |little |tiny |small |cramped )?(?:[\w-]+ ){0,2}?(?:apartment|rental|house|"
                       r"home|place|condo|duplex|townhouse|townhome|trailer|unit)"
                       r"(?: (?:up|down|over|out|here))? in\s+$")
_TARGET = re.compile(r"\b(?:look\w*|buy\w*|house hunting|search\w*|settle|move|moving|relocat\w*|switch\w*|"
                     r"(?:want|wanna|hoping|like) to be|somewhere)(?: (?:up|down|out|over))? "
                     r"(?:in|to|around)\s+$|"
                     # "we been looking more like kyle or buda"
                     r"\blook\w* (?:more |mostly |mainly )?(?:like |at |toward |towards )(?:maybe )?$")
"""Words that make a place the one the caller would buy in or look at ("we buy up in g town")."""


_SELLS_AWAY = re.compile(r"\bsell(?:ing)? (?:our|my|the|his|her|their|(?:my |our )?"
                         r"(?:mom|dad|mother|father|parents|grandma|grandpa)'?s) (?:old )?"
                         r"(?:house|home|place|condo|townhouse|townhome|ranch|farm|land|acreage|property) "
                         r"(?:in|out in|up in|back in|down in|over in|out by|up by|near|outside(?: of)?) "
                         r"(?!(?:the|a|this|that|our|my)\b)([a-z .]+?)(?=,|\.| and\b| so\b| to\b| that\b|"
                         r" which\b|$)|"
                         # "we'll sell the San Antonio place and pay cash for whatever we buy up there"
                         r"\bsell(?:ing)? (?:our|my|the) ([a-z]+(?: [a-z]+)?) "
                         r"(?:house|home|place|condo|property)\b")
"""A home the caller sells somewhere ("we're selling my mom's place in Ohio", "selling the ranch
out by Llano", "sell the San Antonio place")."""
_SOLD_THERE = re.compile(r"\b(?:relocating|moving|coming|transferring|retiring) (?:up |down |over |here )?"
                         r"from\b[^.?!]{0,100}\bsell(?:ing)? (?:our|my|the) "
                         r"(?:house|home|place|condo|townhouse) (?:out |down |up |back )?(?:there|here)\b")
"""A home sold where the caller comes from ("we're relocating from San Jose, we're selling our
house there", "… our place out here")."""
_MOVING_HERE = re.compile(r"\b(?:moving|relocating|move|coming|retiring) (?:down |up |out |over |back )?"
                          r"(?:to|here)\b|"
                          # "… paying cash from the sale for something smaller in Georgetown"
                          r"\b(?:cash|money|proceeds|equity) (?:from|outta|out of) (?:the|that) sale\b|"
                          r"\bfor something (?:smaller|bigger|newer|new|else|closer|here)\b|"
                          # "that money's gonna go into buying something", "rolling that into a place"
                          r"\b(?:go|goes|going|roll|rolling|put|putting|use|using)"
                          r"(?: (?:that|it|the money|the cash|the proceeds))? (?:into|towards?|for) "
                          r"(?:buying|a |an |something|whatever)|"
                          r"\bto pay for (?:it|the new (?:one|place|house)|whatever (?:we|i) buy)\b")
BUYS_WITH_OTHERS = re.compile(r"\b(?:agent|realtor|broker|somebody|someone)\b[^.?!]{0,30}\bfor the "
                               r"(?:buying|purchase|buy) side\b|\b(?:buying|the buying) (?:side )?(?:is|'s) "
                               r"(?:handled|taken care of|covered)\b|"
                               r"\b(?:has|have|got|handles|handling|covers|covering) the (?:buying|"
                               r"purchase|buy) "
                               r"(?:side|end)\b")


@lru_cache(maxsize=256)
def _name_said(u: Utterance) -> tuple[str, ...]:
    """The caller's name in the message, read once however many of its words could be towns."""
    return tuple((extract_name(u) or "").lower().split())


def _in_the_name(u: Utterance, word: str, end: int) -> bool:
    """A town that is also a first name, said as the caller's (and said again with the surname)."""
    if word not in lexicon().first_names or len(parts := _name_said(u)) < 2:
        return False
    after = u.lower[end:]
    return parts[0] == word and (after.startswith((f" {parts[-1]}", f", {word} {parts[-1]}")))


def _served(place: str, profile: BusinessProfile) -> bool:
    """Is the place one the business serves, however it was heard ("seder park", "flugerville")?"""
    found = extract_location(normalise(place), profile, expecting=True)
    return found is not None and found[1]


def sells_elsewhere(said: str, profile: BusinessProfile) -> bool:
    """The caller sells a home in a place the business does not serve ("we're selling my mom's
    place in Ohio", "selling the ranch out by Llano")."""
    if _SOLD_THERE.search(said):
        return True
    away = _SELLS_AWAY.search(said)
    place = away and (away.group(1) or away.group(2))
    return bool(place) and not _served(place, profile) and not re.search(
        r"\b(?:neighbou?rhood|hills|subdivision|area|part|side|city|town|country|suburbs?|old|big|little|"
        r"small|new|family|first|other|current)\b", place) and (away.group(1) is not None or (
            extract_location(normalise(place), profile, expecting=True) is not None))


_MOVING_AWAY = re.compile(r"\b(?:relocat\w*|moving|transferr\w*|getting transferred) "
                          r"(?:up |down |out |over )?to ([a-z][a-z .]+?)"
                          r"(?=,|\.| for\b| in\b| and\b| so\b| next\b| this\b| by\b| at\b| after\b| before\b|"
                          r" when\b| because\b| once\b|$)")


def moves_away(said: str, profile: BusinessProfile) -> str | None:
    """The place a caller leaves for, when the business does not serve it ("I'm relocating to
    Dallas for work in January, so I need to sell my condo downtown"): none of their business
    here is there."""
    away = _MOVING_AWAY.search(said)
    if away is None or _served(away[1], profile):
        return None
    return away[1] if extract_location(normalise(away[1]), profile, expecting=True) is not None else None


def intent_here(intent: str | None, said: str, profile: BusinessProfile) -> str | None:
    """What the caller does with us, when a sale or a purchase happens elsewhere: "we're selling
    our house in San Diego and moving to Austin" buys here; "we've already got an agent in
    Dallas for the buying side … somebody to sell our house here" sells here."""
    if intent in {"sell", "both"} and sells_elsewhere(said, profile):
        # a sale we cannot make, beside a home here: a buyer ("… moving to Austin", "that money's
        # for something smaller in Cedar Park"); alone it stays a sale, out of our area
        # ("relocating from San Jose … selling our place out here": the move is to us)
        return "buy" if _MOVING_HERE.search(said) or _SOLD_THERE.search(said) else intent
    if intent == "both" and (BUYS_WITH_OTHERS.search(said) or moves_away(said, profile)):
        return "sell"  # the buying is done elsewhere, or far away
    return intent


COVERAGE = re.compile(r"\b(?:serve|serving|cover|covering|work (?:in|out|up|down)|do you do|handle|"
                      # "you guys don't do San Antonio, do you?"
                      r"(?:you|y'?all|you guys) (?:don'?t|do not) (?:do|cover|serve|work|go)|"
                      r"service area|areas?|go (?:out )?to|operate|help (?:with|in)|something "
                      r"you do|y'all do|you guys do|is it just|"
                      # "y'all don't go up that way?", "do y'all even go down as far as Kyle?"
                      r"go (?:up|down|out|over) (?:that way|this way|there|that far|as far as))\b")
"""Words that ask whether we work in a place ("do you cover Round Rock?")."""
THAT_WAY = re.compile(r"\b(?:that way|up there|down there|out there|over there|that far)\b")
"""The place asked about is the one already said ("y'all don't go up that way?")."""


_PRICEY = re.compile(
    r"\b((?:[a-z]+ )?[a-z]+)(?:'s| is| are| has gotten| have gotten| got| gets)"
    r"(?: (?:just|really|way|so|getting|gotten|become|all|pretty|kinda|crazy))* "
    r"(?:too |crazy |so |insanely |ridiculously )?(?:expensive|pricey|steep)\b")
_MARKET = frozenset({"prices", "houses", "homes", "rent", "rents", "market", "housing", "the market"})


def pricey_place(said: str, profile: BusinessProfile) -> bool:
    """A place's homes called too dear ("Austin's just too expensive for us", "prices in Round Rock
    are crazy expensive"): where the caller can afford to look, not an objection to our fees."""
    places = {p.lower() for p in (*profile.service_areas, *profile.nearby_areas, *profile.area_aliases)}
    for m in _PRICEY.finditer(said):
        words = m.group(1).split()
        if {words[-1], " ".join(words)} & (places | _MARKET) or (
                len(words) == 2 and words[0] in {"in", "around", "near"} and words[1] in places):
            return True
    return False


_NOT_LOOKING_IN = re.compile(r"\b(?:not|no longer|n't) (?:\w+ )?(?:looking|searching|shopping|hunting|moving|"
                             r"buying|interested)(?: \w+)? (?:in|at|around|near|to|for) (?:the )?$")
"""A place the search has left ("we're not looking in Austin anymore")."""
