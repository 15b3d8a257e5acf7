"""Rebuild ``src/frontdesk/brain/nlu/everyday_words.txt`` from public-domain and MIT-licensed
word lists on PyPI (run once by a maintainer; the result is committed, nothing runs at start):

    pip download names==0.3.0 symspellpy==6.10.1 faker==40.63.0 --no-deps -d /tmp/wl
    cd /tmp/wl && tar xzf names-0.3.0.tar.gz && unzip -oq symspellpy-6.10.1-py3-none-any.whl -d sym
    unzip -oq faker-40.63.0-py3-none-any.whl -d fk && cd - && python scripts/word_lists.py /tmp/wl

An everyday word is one of the 20,000 most frequent English words (symspellpy's frequency
dictionary, MIT, built from Google Books Ngram counts, CC BY 3.0). Names are taken out where the
word is rarer than the 3,000 most frequent: first names of Faker's locales (MIT) and the 20,000
most common surnames of the 1990 US Census (public domain), so "Aaliyah", "Liam" and "Reyes" are
no everyday words, while "Worth" and "Way" stay everyday words. A name read from a weak cue
("it's worth it", "I'm way past due") is never made of everyday words alone, unless one is a
first name of ``first_names.txt``.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
from pathlib import Path

NLU = Path(__file__).parents[1] / "src" / "frontdesk" / "brain" / "nlu"
TOP_WORDS, TOP_SURNAMES, VERY_COMMON = 20_000, 20_000, 3_000


def main(source: Path) -> None:
    freq = (source / "sym" / "symspellpy" / "frequency_dictionary_en_82_765.txt").read_text().split("\n")
    words = [line.split()[0] for line in freq if line.strip()]
    words = [w for w in words if re.fullmatch(r"[a-z]{2,}", w)][:TOP_WORDS]
    rank = {w: i for i, w in enumerate(words)}
    census = (source / "names-0.3.0" / "names" / "dist.all.last").read_text().splitlines()
    surnames = {line.split()[0].lower() for line in census[:TOP_SURNAMES]}
    names = surnames | _faker_first_names(source / "fk")
    lines = sorted(w for w in words if w not in names or rank[w] < VERY_COMMON)
    header = __doc__.split("\n\n")[2].replace("\n", " ")
    out = NLU / "everyday_words.txt"
    out.write_text("".join(f"# {chunk}\n" for chunk in _wrap(header)) + "\n".join(lines) + "\n")
    print(f"{out}: {len(lines)} words")


def _faker_first_names(root: Path) -> set[str]:
    sys.path.insert(0, str(root))
    import faker.providers.person as person

    found: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"):
            value = next((base.__dict__[attr] for base in provider.__mro__ if attr in base.__dict__), None)
            if isinstance(value, dict | list | tuple):
                found |= {n.lower() for n in value if re.fullmatch(r"[A-Za-z'-]+", n)}
    return found


def _wrap(text: str, width: int = 98) -> list[str]:
    out, line = [], ""
    for word in text.split():
        if len(line) + len(word) + 1 > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*out, line]


if __name__ == "__main__":
    main(Path(sys.argv[1]))
