"""The multi-origin name lexicon and English word frequencies the model's features use.

Built once by `build()` from Faker's Latin-script person locales, the census lexicon in
`lifecycle_core/pii/lexicon_data.py` and wordfreq's English list, then shipped as
`data/lexicon.json.gz`, so the runtime needs neither Faker nor wordfreq.
"""

from __future__ import annotations

import gzip
import importlib
import json
import pkgutil
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
LEXICON_PATH = DATA_DIR / "lexicon.json.gz"
# English words kept with their Zipf frequency: enough to tell "will" and "grace" from "Oyelaran".
N_ENGLISH_WORDS = 40_000
# Common words of the other languages members write in: "fecha de nacimiento" is no name.
FOREIGN_PATH = DATA_DIR / "foreign_common.txt.gz"
FOREIGN_LANGUAGES = ("es", "pt", "fr", "it")
N_FOREIGN_WORDS = 10_000
FOREIGN_MARGIN = 1.0  # Zipf points a word must be more frequent in the language than in English
FOREIGN_FUNCTION_ZIPF = 6.0  # words this frequent ("de", "el", "con") count even where a name list holds them


def _latin(name: str) -> bool:
    for ch in name:
        if ch in " '-\u2019.":
            continue
        if not ch.isalpha() or "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def _title(name: str) -> str:
    return name.title() if name.isupper() and len(name) > 2 else name


# Romanized names of origins Faker writes only in their own script (Greek, Cyrillic, Arabic, Korean,
# Hebrew, Persian, Armenian, Georgian), written by hand.
EXTRA_FIRST = [
    "Dimitrios",
    "Georgios",
    "Konstantinos",
    "Nikolaos",
    "Eleni",
    "Katerina",
    "Sofia",
    "Ioanna",
    "Vasilis",
    "Panagiotis",
    "Christos",
    "Yannis",
    "Spyros",
    "Athena",
    "Despina",
    "Stavros",
    "Anastasia",
    "Dmitri",
    "Sergei",
    "Vladimir",
    "Olga",
    "Svetlana",
    "Natalia",
    "Yekaterina",
    "Irina",
    "Tatiana",
    "Aleksandr",
    "Mikhail",
    "Nikolai",
    "Oksana",
    "Yulia",
    "Bogdan",
    "Taras",
    "Ahmed",
    "Mohammed",
    "Mohamed",
    "Muhammad",
    "Omar",
    "Khalid",
    "Youssef",
    "Yusuf",
    "Fatima",
    "Aisha",
    "Layla",
    "Leila",
    "Noor",
    "Nour",
    "Amira",
    "Samira",
    "Hassan",
    "Hussein",
    "Karim",
    "Rania",
    "Mariam",
    "Zainab",
    "Tariq",
    "Rashid",
    "Farida",
    "Salma",
    "Ji-woo",
    "Min-jun",
    "Seo-yeon",
    "Ji-hoon",
    "Hye-jin",
    "Soo-ah",
    "Jae-won",
    "Eun-ji",
    "Dong-hyun",
    "Yuna",
    "Minho",
    "Avraham",
    "Yitzhak",
    "Moshe",
    "Shira",
    "Noa",
    "Tamar",
    "Yael",
    "Eitan",
    "Reza",
    "Mehdi",
    "Parisa",
    "Shirin",
    "Dariush",
    "Farhad",
    "Arash",
    "Narges",
    "Mahsa",
    "Armen",
    "Ani",
    "Gor",
    "Nino",
    "Giorgi",
    "Levan",
    "Tamari",
]
EXTRA_LAST = [
    "Papadopoulos",
    "Papadakis",
    "Georgiou",
    "Nikolaidis",
    "Konstantinou",
    "Dimitriou",
    "Christodoulou",
    "Karagiannis",
    "Ivanov",
    "Petrov",
    "Smirnov",
    "Sokolov",
    "Popov",
    "Volkov",
    "Kuznetsov",
    "Morozov",
    "Fedorov",
    "Ivanova",
    "Petrova",
    "Smirnova",
    "Kovalenko",
    "Shevchenko",
    "Bondarenko",
    "Tkachenko",
    "Melnyk",
    "Boyko",
    "Haddad",
    "Mansour",
    "Nasser",
    "Khoury",
    "Hamdan",
    "Saleh",
    "Abdullah",
    "Rahman",
    "Al-Hassan",
    "Al-Sayed",
    "El-Amin",
    "Abboud",
    "Farah",
    "Aziz",
    "Qureshi",
    "Siddiqui",
    "Kim",
    "Lee",
    "Park",
    "Choi",
    "Jung",
    "Kang",
    "Cho",
    "Yoon",
    "Jang",
    "Lim",
    "Han",
    "Shin",
    "Seo",
    "Kwon",
    "Hwang",
    "Cohen",
    "Levi",
    "Mizrahi",
    "Friedman",
    "Katz",
    "Shapiro",
    "Goldberg",
    "Rosenberg",
    "Ahmadi",
    "Hosseini",
    "Karimi",
    "Rahimi",
    "Mohammadi",
    "Tehrani",
    "Sarkisian",
    "Petrosyan",
    "Hovhannisyan",
    "Grigoryan",
    "Beridze",
    "Kapanadze",
    "Gelashvili",
]


def _faker_names() -> dict[str, dict[str, list[str]]]:
    """{"first": {locale: [names]}, "last": {...}} from every Faker person locale written in Latin script."""
    from faker.providers import person

    out: dict[str, dict[str, list[str]]] = {"first": {}, "last": {}}
    for mod in sorted(m.name for m in pkgutil.iter_modules(person.__path__)):
        provider = importlib.import_module(f"faker.providers.person.{mod}").Provider
        for kind in ("first", "last"):
            names: set[str] = set()
            for attr in dir(provider):
                if (
                    f"{kind}_names" in attr
                    or attr.startswith(f"{kind}_romanized_names")
                    or (kind == "first" and attr.startswith("middle_names"))
                ):
                    value = getattr(provider, attr)
                    if isinstance(value, (dict, list, tuple)):
                        names.update(n for n in value if isinstance(n, str))
            names = {_title(n.strip()) for n in names if n.strip() and _latin(n) and n not in ("John", "Jane", "Doe")}
            if len(names) >= 5:
                out[kind][mod] = sorted(names)
    return out


def build(path: Path = LEXICON_PATH) -> dict:
    """Write the lexicon file (needs faker and wordfreq); returns what it wrote."""
    from wordfreq import top_n_list, zipf_frequency

    from ..lexicon_data import FIRST_NAMES, LAST_NAMES

    by_origin = _faker_names()
    by_origin["first"]["extra"] = sorted(EXTRA_FIRST)
    by_origin["last"]["extra"] = sorted(EXTRA_LAST)
    by_origin["first"]["census"] = sorted(FIRST_NAMES)
    by_origin["last"]["census"] = sorted(n.title() for n in LAST_NAMES)
    words = top_n_list("en", N_ENGLISH_WORDS)
    zipf = {w: round(zipf_frequency(w, "en"), 1) for w in words if w.isalpha() or "'" in w}
    data = {"names": by_origin, "zipf": zipf}
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as f:
        json.dump(data, f, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return data


def build_foreign(path: Path = FOREIGN_PATH) -> list[str]:
    """Write the common non-English words that no name list holds (needs wordfreq); returns them."""
    from wordfreq import top_n_list, zipf_frequency

    lex = load()
    words = set()
    for lang in FOREIGN_LANGUAGES:
        for w in top_n_list(lang, N_FOREIGN_WORDS):
            here = zipf_frequency(w, lang)
            named = fold(w) in lex.first or fold(w) in lex.last
            # A word English uses about as often keeps its English frequency ("favor"); "gracias" does not
            english = lex.zipf.get(w, 0.0) > here - FOREIGN_MARGIN
            if w.isalpha() and (here >= FOREIGN_FUNCTION_ZIPF or not named and not english):
                words.add(w)
    out = sorted(words)
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("\n".join(out) + "\n")
    return out


@cache
def foreign_common() -> frozenset[str]:
    with gzip.open(FOREIGN_PATH, "rt", encoding="utf-8") as f:
        return frozenset(f.read().split())


_NOT_NAME_TOKENS = frozenset(["the", "and", "of", "a", "an", "in", "on", "to", "for", "at", "by", "is", "or"])


def _tokens(name: str) -> list[str]:
    """Lexicon tokens of a name; parts of multi-word names shorter than 3 letters ("de", "A") are left out."""
    parts = name.replace("-", " ").replace(".", " ").lower().split()
    return [t for t in parts if t not in _NOT_NAME_TOKENS and (len(parts) == 1 or len(t) > 2)]


def fold(word: str) -> str:
    """Lowercase without accents: "Núñez" and "NUNEZ" meet at "nunez"."""
    low = word.lower()
    if low.isascii():
        return low
    return "".join(c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c))


@dataclass(frozen=True)
class Lexicon:
    first: frozenset[str]  # folded tokens
    last: frozenset[str]
    zipf: dict[str, float]
    names: dict[str, dict[str, list[str]]]  # kind -> origin -> names as written (for the generator)
    census: frozenset[str] = frozenset()  # tokens of the US census lists (the common US names)

    def without(self, held_out: set[str]) -> Lexicon:
        """The same lexicon missing some tokens: training sees names the lexicon lacks."""
        return Lexicon(self.first - held_out, self.last - held_out, self.zipf, self.names, self.census)


@cache
def load(path: Path = LEXICON_PATH) -> Lexicon:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        data = json.load(f)
    first = {fold(t) for names in data["names"]["first"].values() for n in names for t in _tokens(n)}
    last = {fold(t) for names in data["names"]["last"].values() for n in names for t in _tokens(n)}
    census = {fold(t) for kind in ("first", "last") for n in data["names"][kind]["census"] for t in _tokens(n)}
    return Lexicon(frozenset(first), frozenset(last), data["zipf"], data["names"], frozenset(census))


if __name__ == "__main__":
    d = build()
    print({k: {o: len(v) for o, v in d["names"][k].items()} for k in ("first", "last")}, len(d["zipf"]))
