"""The runtime tagger: a cheap gate per token, the CRF on windows around the tokens that fired, and
span clean-up (honorifics out, facility and product names dropped)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import ClassVar

import pycrfsuite

from ..detection import Detection
from .features import NAME_SUFFIX, PARTICLES, Featurizer, _words, tokenize
from .lexicon import DATA_DIR, Lexicon, foreign_common
from .lexicon import load as load_lexicon

MODEL_PATH = DATA_DIR / "name_crf.crfsuite"
TYPES = {"PER": "MEMBER_NAME", "ADDR": "ADDRESS"}
WINDOW = 4  # tokens either side of a token that fired the gate
_PUNCT_END = frozenset(",.;:!?-()[]\"'/|")
PLAIN_ZIPF = 3.3  # English words at least this frequent, and in no name list, never end a name span
# Insurer and program names: products, never a person.
PRODUCTS = frozenset(
    [
        "humana",
        "aetna",
        "cigna",
        "anthem",
        "molina",
        "ambetter",
        "wellcare",
        "medicare",
        "medicaid",
        "tricare",
        "highmark",
        "unitedhealthcare",
        "optum",
        "caremark",
        "kaiser",
        "centene",
        "oscar",
        "goodrx",
        "teladoc",
        "walgreens",
        "cvs",
        "visa",
        "mastercard",
        "amex",
        # plan tiers and types: "Gold PPO 2026" is a plan's name
        "gold",
        "silver",
        "bronze",
        "platinum",
        "catastrophic",
        "ppo",
        "hmo",
        "epo",
        "hdhp",
    ]
)
COMMON_ZIPF = 4.3  # ...nor do frequent English words outside the US census name lists ("glasses")
_SAINT = frozenset(["st", "saint", "san", "santa"])
# Insurance and clinical shorthand of agents' notes ("REQ PROV NPI", "ADDR CHG", "DOB corr"): never a name.
SHORTHAND = _words(
    "req reqd prov provs addr chg chgd clm clms rej upd updt dob corr mbr mbrs enrl enrld auth auths eval evals "
    "dme ed er npi mbi mrn ssn cin esrd ada proc rx dx pa eob eobs hipaa cobra ppo hmo epo pos pcp snf asc ltc icu "
    "nicu ob gyn obgyn ent pt ot slp mri ct ekg ecg cpt icd hcpcs ndc ins pmt pymt acct bal adj appt appts ref "
    "refs msg msgs vm cb lvm ptnt pt's pts hx sx tx fu f/u rec'd recd rcvd sched resched cxl canc oon inn ded oop "
    "coins copay copays prior preauth precert chemo endo postop post-op pre-op preop f2f tpa asap fyi"
)
# Clinic names end in a specialty ("Bayview Neurology", "Sun Valley Infusion"): a span that ends in one, or is
# followed by one, is a facility.
SPECIALTY = _words(
    "neurology oncology dermatology cardiology behavioral infusion urology gastroenterology gastro endocrinology "
    "rheumatology pulmonology nephrology hematology ophthalmology optometry audiology podiatry chiropractic "
    "orthopedic orthopaedic orthodontics ortho obstetrics gynecology womens women's pediatric psychiatry psychiatric "
    "psychology counseling therapy therapies physiotherapy allergy immunology dialysis fertility midwifery "
    "maternity birthing sleep pain spine vascular wound hearing imaging nursing homecare dme supply supplies "
    "ambulance transport urgentcare telehealth"
)
# In text that capitalizes, a frequent English word written in lowercase is that word ("the claim may be denied").
LOWER_IN_MIXED_ZIPF = 4.5
FOREIGN_SHARE = 0.4  # a message this much made of common Spanish, Portuguese, French or Italian words is in one
_SALUTATION = frozenset(["sir", "sirs", "madam", "madame", "maam", "ma'am"])


class NameTagger:
    _loaded: ClassVar[dict[Path, NameTagger]] = {}
    _lock = threading.Lock()

    def __init__(self, model_path: Path = MODEL_PATH, lexicon: Lexicon | None = None):
        self._crf = pycrfsuite.Tagger()
        self._crf.open(str(model_path))
        known = frozenset(a for a, _ in self._crf.info().state_features)
        self._feat = Featurizer(lexicon if lexicon is not None else load_lexicon(), known=known)
        self._crf_lock = threading.Lock()  # a crfsuite Tagger is not safe to share across threads
        self._foreign = foreign_common()
        self.stats = {"messages": 0, "gated": 0, "tokens_tagged": 0}

    @classmethod
    def load(cls, model_path: Path = MODEL_PATH) -> NameTagger:
        """The shipped model, loaded once per process (no network)."""
        with cls._lock:
            tagger = cls._loaded.get(model_path)
            if tagger is None:
                tagger = cls._loaded[model_path] = cls(model_path)
            return tagger

    def _gate(self, toks, infos, mode: str) -> list[int]:
        fired = []
        for i, ti in enumerate(infos):
            if (
                ti.gate
                or ti.is_word
                and ti.low not in self._foreign  # "tarjeta" is rare in English, common in Spanish
                and (
                    (ti.zipf < 3.0 and len(ti.low) > 2)  # a word English rarely uses: maybe a name
                    or (mode == "mixed" and ti.cap and ti.zipf < 4.5 and i and toks[i - 1][2] not in ".!?")
                )
            ):
                fired.append(i)
        return fired

    def detect(self, text: str) -> list[Detection]:
        stats = self.stats
        stats["messages"] += 1
        toks = tokenize(text)
        if not toks:
            return []
        info = self._feat.info
        infos = [info(t[2]) for t in toks]
        mode = self._feat.mode(text)
        fired = self._gate(toks, infos, mode)
        if not fired:
            return []
        stats["gated"] += 1
        n = len(toks)
        windows: list[list[int]] = []
        for i in fired:
            lo, hi = max(0, i - WINDOW), min(n, i + WINDOW + 1)
            if windows and lo <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], hi)
            else:
                windows.append([lo, hi])
        labels = ["O"] * n
        for lo, hi in windows:
            xseq = self._feat.sequence(text, toks, infos, lo, hi, mode)
            with self._crf_lock:
                labels[lo:hi] = self._crf.tag(xseq)
            stats["tokens_tagged"] += hi - lo
        words = [ti for ti in infos if ti.is_word]
        in_other_language = sum(ti.low in self._foreign for ti in words) >= FOREIGN_SHARE * len(words)
        return self._spans(text, toks, infos, labels, mode, in_other_language)

    def _plain_word(self, ti, tok: str = "", foreign: bool = False, mixed: bool = False) -> bool:
        return (
            ti.is_word
            and (
                (ti.zipf >= PLAIN_ZIPF and not ti.in_lexicon)
                or (ti.zipf >= COMMON_ZIPF and not ti.in_census)
                or (foreign or tok[:1].islower())
                and ti.low in self._foreign
                or ti.low in SHORTHAND
                or mixed
                and tok[:1].islower()
                and ti.zipf >= LOWER_IN_MIXED_ZIPF
            )
            and len(ti.low) > 1
            and ti.low not in NAME_SUFFIX
            and ti.low not in PARTICLES
        )

    def _spans(self, text: str, toks, infos, labels: list[str], mode: str, foreign: bool) -> list[Detection]:
        """foreign: the message is written in another language, so its common words are words even when
        capitalized ("Le mandé el formulario"); in English text only lowercase ones are ("Reuben Castellano")."""
        spans: list[list] = []  # [type, first token, last token]
        for i, lab in enumerate(labels):
            if lab == "O":
                continue
            kind = lab[2:]
            if lab[0] == "I" and spans and spans[-1][0] == kind and spans[-1][2] == i - 1:
                spans[-1][2] = i
            else:
                spans.append([kind, i, i])
        out = []
        n = len(toks)
        for kind, a, b in spans:
            if kind == "PER":
                while a <= b and (infos[a].honorific or toks[a][2] in _PUNCT_END):
                    a += 1
                while a <= b and (
                    toks[b][2] in _PUNCT_END and not (toks[b][2] == "." and b > a and len(toks[b - 1][2]) <= 3)
                ):
                    b -= 1
                if a <= b and toks[b][2].lower() in ("'s", "\u2019s"):
                    b -= 1
                # English words at the edges that no name list holds ("a great", "yesterday", "cancel")
                mixed = mode == "mixed"
                while a <= b and self._plain_word(infos[a], toks[a][2], foreign, mixed):
                    a += 1
                while a <= b and self._plain_word(infos[b], toks[b][2], foreign, mixed):
                    b -= 1
                if (
                    a <= b
                    and b + 1 < n
                    and toks[b + 1][2] == "."
                    and toks[b + 1][0] == toks[b][1]
                    and (len(toks[b][2]) == 1 or infos[b].low in ("jr", "sr"))
                ):
                    b += 1  # "Jr." and "T." keep their period
                if a > b or all(infos[j].low in PRODUCTS for j in range(a, b + 1) if infos[j].is_word):
                    continue
                if foreign and all(infos[j].low in self._foreign for j in range(a, b + 1) if infos[j].is_word):
                    continue  # "Fecha de nacimiento": words of another language, not a name
                if all(infos[j].honorific or infos[j].low in _SALUTATION for j in range(a, b + 1) if infos[j].is_word):
                    continue  # "Mr", "Sirs": a title without its name
                word = toks[a][2]
                if a == b and mode != "upper" and word.isupper() and len(word) <= 5 and not infos[a].in_lexicon:
                    continue  # an acronym in mixed-case text (SSN, MBI, POA, EOB), not a name in capitals
                nxt = b + 1
                if nxt < n and toks[nxt][2].lower() in ("'s", "\u2019s"):
                    nxt += 1
                if nxt < n and (infos[nxt].facility or infos[nxt].low in SPECIALTY) or infos[b].low in SPECIALTY:
                    continue  # "Mark Twain Medical Center", "Rose Garden Pharmacy", "Bayview Neurology"
                prv = a - 1
                if prv >= 0 and toks[prv][2] == ".":
                    prv -= 1
                if prv >= 0 and infos[prv].low in _SAINT and toks[prv][2][0].isupper():
                    continue  # "St. Jude"
            else:
                while a <= b and toks[b][2] in _PUNCT_END:
                    b -= 1
                if a > b:
                    continue
            s, e = toks[a][0], toks[b][1]
            out.append(Detection(s, e, TYPES[kind], text[s:e]))
        return out
