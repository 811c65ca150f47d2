"""Tokenization with character offsets, and the CRF's features per token.

Token-only features (word, shape, affixes, lexicon and frequency classes) are computed once per
distinct token string and cached; a token's features in a message add its neighbours' cached
context features, its position and the message's casing mode.
"""

from __future__ import annotations

import re

from .lexicon import Lexicon, fold

# A word (inner apostrophes and hyphens kept: O'Neil, Al-Hassan, Cedars-Sinai), a possessive 's on its own,
# or one punctuation character.
TOKEN = re.compile(r"['\u2019][sS]\b|\w+(?:['\u2019\-](?![sS]\b)\w+)*|[^\w\s]")


def tokenize(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


HONORIFICS = _words("mr mrs ms miss mx mister missus dr doctor prof professor rev fr pastor sr sra srta")
GREETINGS = _words("hi hello hey hiya howdy dear greetings morning afternoon evening yo hola bonjour")
SIGNOFFS = _words(
    "thanks thank thx ty tks thnx thankyou regards sincerely cheers best cordially respectfully warmly "
    "love xoxo sent signed yours"
)
RELATIVES = _words(
    "wife husband son daughter mom mother dad father brother sister child kid kids baby grandson "
    "granddaughter grandma grandmother grandpa grandfather aunt uncle niece nephew spouse partner fiance "
    "fiancee boyfriend girlfriend stepson stepdaughter stepmom stepdad dependent cousin mum mama papa "
    "toddler infant newborn caregiver roommate friend neighbor sibling twins twin"
)
CLINICIANS = _words(
    "physician surgeon provider pcp nurse therapist dentist specialist cardiologist pediatrician np pa "
    "counselor psychiatrist psychologist ob obgyn gyn oncologist dermatologist chiropractor midwife "
    "pharmacist optometrist rn md do dds"
)
INTRO = _words("name named called is am im i'm this call me spelled spell spelling signed")
ROLES = _words(
    "member patient subscriber agent rep representative policyholder insured caller beneficiary "
    "guardian holder employee advocate coordinator manager supervisor"
)
FACILITY = _words(
    "hospital hospitals clinic clinics center centre medical pharmacy pharmacies health healthcare labs lab "
    "laboratory laboratories institute urgent associates group practice physicians pediatrics dental "
    "memorial regional general university foundation rehab hospice imaging radiology orthopedics surgery "
    "surgical partners network system systems diagnostics drugs drugstore infirmary sanitarium "
    "wellness care medicine cancer heart eye vision"
)
STREET = _words(
    "st street ave avenue av rd road blvd boulevard ln lane dr drive ct court pl place way ter terrace cir "
    "circle pkwy parkway hwy highway trl trail sq square loop row pike run path cv cove xing crossing "
    "bend ridge hollow pt point plz plaza aly alley expy expressway fwy freeway tpke turnpike"
)
UNIT = _words("apt apartment unit ste suite bldg building fl floor rm room lot trlr spc #")
POBOX = _words("po p o box pob post office pmb")
RURAL = _words("rr rural route hc hcr rte")
DIRECTION = _words("n s e w ne nw se sw north south east west northeast northwest southeast southwest")
NAME_SUFFIX = _words("jr sr ii iii iv v")
PARTICLES = _words("van der den de la del da dos das di le du von ten ter bin bint ibn al el st")
MONTHS = _words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
STATES = _words(
    "al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm ny nc "
    "nd oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy dc pr alabama alaska arizona arkansas california "
    "colorado connecticut delaware florida georgia hawaii idaho illinois indiana iowa kansas kentucky "
    "louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana nebraska "
    "nevada hampshire jersey mexico york carolina dakota ohio oklahoma oregon pennsylvania rhode tennessee "
    "texas utah vermont virginia washington wisconsin wyoming"
)
CUE_CLASSES = (
    ("hon", HONORIFICS),
    ("greet", GREETINGS),
    ("sign", SIGNOFFS),
    ("rel", RELATIVES),
    ("clin", CLINICIANS),
    ("intro", INTRO),
    ("role", ROLES),
    ("fac", FACILITY),
    ("street", STREET),
    ("unit", UNIT),
    ("pobox", POBOX),
    ("rural", RURAL),
    ("dir", DIRECTION),
    ("nsuf", NAME_SUFFIX),
    ("part", PARTICLES),
    ("month", MONTHS),
    ("state", STATES),
)
# Words that make a message worth running the model on.
GATE_CUES = HONORIFICS | GREETINGS | SIGNOFFS | RELATIVES | CLINICIANS | _words("name named spelled member patient")
_SHAPE = str.maketrans(
    {**{c: "x" for c in "abcdefghijklmnopqrstuvwxyz"}, **{c: "X" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}}
)
_CTX = (-2, -1, 1, 2)


def shape(tok: str) -> str:
    out = []
    for ch in tok:
        if ch.isdigit():
            c = "d"
        elif ch.isalpha():
            c = "X" if ch.isupper() else "x"
        else:
            c = ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out[:6])


def _zbucket(z: float | None) -> str:
    if z is None:
        return "z=0"
    if z < 3:
        return "z=<3"
    return f"z={min(int(z), 6)}"


class TokenInfo:
    """Everything about a token that doesn't depend on its neighbours."""

    __slots__ = (
        "by_mode",
        "cap",
        "ctx",
        "ctx_word",
        "facility",
        "gate",
        "honorific",
        "in_census",
        "in_lexicon",
        "is_word",
        "low",
        "own",
        "zipf",
    )

    def __init__(self, tok: str, lex: Lexicon, known: frozenset[str] | None = None):
        low = tok.lower().replace("\u2019", "'")
        f = fold(low)
        self.low = low
        z = lex.zipf.get(low)
        self.zipf = z or 0.0
        sh = shape(tok)
        alpha = tok[0].isalpha()
        self.is_word = alpha
        classes = [name for name, words in CUE_CLASSES if low in words]
        in_first = f in lex.first
        in_last = f in lex.last
        own = [f"sh={sh}", _zbucket(z)]
        if z is not None or classes or not alpha:
            own.append(f"w={low}")
        if alpha and len(tok) >= 3:
            own += [f"p2={f[:2]}", f"p3={f[:3]}", f"s2={f[-2:]}", f"s3={f[-3:]}", f"s4={f[-4:]}"]
        if not tok.isascii() and alpha:
            own.append("acc")
        if in_first:
            own.append("lf")
        if in_last:
            own.append("ll")
        if in_first or in_last:
            own.append(f"lex|{_zbucket(z)}")
        own += [f"c={c}" for c in classes]
        n = len(tok)
        own.append("len=" + ("1" if n == 1 else "2" if n == 2 else "3-4" if n <= 4 else "5-7" if n <= 7 else "8+"))
        if "-" in tok:
            own.append("hyph")
        if "'" in tok or "\u2019" in tok:
            own.append("apos")
        if any(c.isdigit() for c in tok):
            own.append("digit" if tok.isdigit() else "alnum")
            if tok.isdigit():
                own.append(f"nd={min(len(tok), 6)}")
        self.own = tuple(own) if known is None else tuple(f for f in own if f in known)
        self.by_mode = {m: (f"m={m}", f"sh|m={sh}|{m}") for m in ("lower", "upper", "mixed")}
        if known is not None:
            self.by_mode = {m: tuple(f for f in v if f in known) for m, v in self.by_mode.items()}
        lexc = "lfl" if in_first and in_last else "lf" if in_first else "ll" if in_last else "nolex"
        is_known = z is not None or bool(classes) or not alpha
        self.ctx_word = low if is_known else "UNK"
        ctx = [f"w={self.ctx_word}", f"sh={sh}", lexc, _zbucket(z)]
        ctx += [f"c={c}" for c in classes]
        self.ctx = {o: tuple(f"{o}:{k}" for k in ctx if known is None or f"{o}:{k}" in known) for o in _CTX}
        self.cap = alpha and tok[0].isupper()
        self.in_lexicon = in_first or in_last
        self.in_census = f in lex.census
        self.facility = low in FACILITY
        self.honorific = low in HONORIFICS
        # The gate: a name-lexicon word that is not a frequent English word, a cue word, or a number
        # (an address may follow).
        self.gate = ((in_first or in_last) and self.zipf < 4.9) or low in GATE_CUES or tok.isdigit() or low in POBOX


_BOUNDARY = frozenset(".!?:;\n")


class Featurizer:
    def __init__(self, lex: Lexicon, cache_size: int = 200_000, known: frozenset[str] | None = None):
        """known: the attributes the model has weights for; others are dropped when cached (a runtime
        saving: crfsuite would look each one up for nothing)."""
        self.lex = lex
        self.known = known
        self._cache: dict[str, TokenInfo] = {}
        self._cache_size = cache_size

    def info(self, tok: str) -> TokenInfo:
        ti = self._cache.get(tok)
        if ti is None:
            if len(self._cache) >= self._cache_size:
                self._cache.clear()
            ti = self._cache[tok] = TokenInfo(tok, self.lex, self.known)
        return ti

    @staticmethod
    def mode(text: str) -> str:
        if not any(c.isupper() for c in text):
            return "lower"
        letters = [c for c in text if c.isalpha()]
        if len(letters) > 3 and sum(c.isupper() for c in letters) / len(letters) > 0.8:
            return "upper"
        return "mixed"

    def sequence(self, text: str, toks, infos, lo: int, hi: int, mode: str) -> list[list[str]]:
        """Features of tokens lo..hi-1 (neighbours outside the window still count)."""
        n = len(toks)
        out = []
        for i in range(lo, hi):
            ti = infos[i]
            f = [*ti.own, *ti.by_mode[mode]]
            start = toks[i][0]
            if i == 0:
                f.append("bos")
            else:
                gap = text[toks[i - 1][1] : start]
                prev = toks[i - 1][2]
                if "\n" in gap:
                    f.append("bol")
                elif prev in _BOUNDARY:
                    f.append("after_end")
                elif prev == ",":
                    f.append("after_comma")
                if not gap:
                    f.append("glued")
                f += infos[i - 1].ctx[-1]
                if i > 1:
                    f += infos[i - 2].ctx[-2]
                    f.append(f"w-2w-1={infos[i - 2].ctx_word}|{infos[i - 1].ctx_word}")
                else:
                    f.append("-2:BOS")
            if i + 1 < n:
                f += infos[i + 1].ctx[1]
                if "\n" in text[toks[i][1] : toks[i + 1][0]]:
                    f.append("eol")
                if i + 2 < n:
                    f += infos[i + 2].ctx[2]
            else:
                f.append("eos")
            if ti.cap and i and mode == "mixed" and "after_end" not in f and "bol" not in f:
                f.append("cap_inner")
            out.append(f)
        return out
