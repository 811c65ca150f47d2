"""One normalizer for every rule: the text as written, and views that undo the usual disguises.

``fold`` undoes Unicode tricks (NFKC folds full-width and mathematical letters; a small confusables
map turns Cyrillic, Greek and small-capital look-alikes into Latin letters; accents and invisible
characters go). ``plain`` also undoes typing tricks: leetspeak ("sh1t", "a$$"), masked letters
("f*ck" keeps "*" as a wildcard the lexicons accept), spaced letters ("f u c k", "f.u.c.k") and
long letter runs ("fuuuuck" -> "fuuck"; lexicon patterns accept repeats).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Look-alikes of Latin letters, applied before casefold so capitals count too ("НАСК"). A word that
# holds a Latin letter gets the whole map; a word of look-alikes alone only when each is a close one
# (_CLOSE), so Russian or Greek prose is left as written.
_CLOSE_SOURCE = (
    "аa еe ёe іi їi јj оo рp сc уy хx ѕs ԁd ԛq ԝw һh ӏl үy ɑa αa οo ιi κk νv ρp υu χx "
    "АA ВB ЕE КK МM НH ОO РP СC ТT ХX ЅS ІI ЈJ ΑA ΒB ΕE ΖZ ΗH ΙI ΚK ΜM ΝN ΟO ΡP ΤT ΥY ΧX օo սu հh ցg զq "
    "ıi ȷj ſs ɩi ɪi ʏy ᴀa ʙb ᴄc ᴅd ᴇe ꜰf ɢg ʜh ᴊj ᴋk ʟl ᴍm ɴn ᴏo ᴘp ʀr ꜱs ᴛt ᴜu ᴠv ᴡw ᴢz øo đd ħh łl ŧt ƒf"
)
_LOOSE_SOURCE = "вb гr иu йu кk мm нh пn тt шw ъb ьb ғf ҽe βb γy εe ηn μu πn σo ςs τt ωw ϲc ϳj ոn"
CLOSE = {pair[0]: pair[1] for pair in _CLOSE_SOURCE.split()}
CONFUSABLES = {**CLOSE, **{pair[0]: pair[1] for pair in _LOOSE_SOURCE.split()}}
_CONFUSABLE_TABLE = str.maketrans(CONFUSABLES)
LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g",
                      "@": "a", "$": "s", "!": "i", "|": "l", "€": "e", "+": "t"})  # fmt: skip
MASKS = str.maketrans({"#": "*", "%": "*", "_": "*"})

_NON_ASCII_WORD = re.compile(r"\w*[^\x00-\x7f]\w*")
_SPACES = re.compile(r"[^\S\n]+")
# Only words holding a leet or mask character need a look; a word is tried from its start only, so a long word
# without one costs one pass, not one per character.
_TOKEN = re.compile(r"(?<!\S)\S*[0-9@$!|€+#%_]\S*")
_LEAD = re.compile(r"^[\"'(\[{<]+")
_TRAIL = re.compile(r"[.,!?;:\"')\]}>]+$")
# Number with a unit or ordinal ("50mg", "3rd"), word with a number ("covid19"): not leetspeak.
_NOT_LEET = re.compile(
    r"\d+(?:st|nd|rd|th|mg|mcg|ml|g|kg|lb|lbs|oz|cc|iu|u|k|m|x|s|h|hr|hrs|d|am|pm|min|mins|yr|yrs|mo|day|days)?"
    r"|[a-z]+\d+|[^a-z]*"
)
# Short words a leetspeak writer spells with a trailing digit, which _NOT_LEET would take for a word with a
# number ("th3", "m3", "t0"), and "0d" (OD), which it would take for a number with a unit.
_LEET_WORDS = {"m3": "me", "th3": "the", "w3": "we", "sh3": "she", "h3": "he", "b3": "be", "t0": "to", "d0": "do",
               "n0": "no", "s0": "so", "g0": "go", "1s": "is", "0d": "od"}  # fmt: skip
# Three or more single characters each set apart by a separator: "f u c k", "k.i.l.l", "s-h-1-t".
_SPACED = re.compile(r"(?<![^\s\"'(])(?:[a-z0-9@$!*](?:[ .\-_|/~,]{1,2})){2,}[a-z0-9@$!*](?![^\s.,!?\"')])")
_RUNS = re.compile(r"([a-z])\1{2,}")


def _fold_word(match: re.Match) -> str:
    word = match.group()
    stripped = "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))
    if any(ch.isascii() and ch.isalpha() for ch in stripped) or all(ch in CLOSE for ch in stripped if ch.isalpha()):
        stripped = stripped.translate(_CONFUSABLE_TABLE)
    return unicodedata.normalize("NFC", stripped)


def lower(text: str) -> str:
    """NFKC, casefold, invisible (format) characters removed: for scripts the other views leave alone."""
    text = unicodedata.normalize("NFKC", text).casefold()
    if not text.isascii():
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return text


def fold(text: str) -> str:
    """lower(), with look-alikes turned into Latin letters and accents off; runs of spaces become one."""
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
        text = _NON_ASCII_WORD.sub(_fold_word, text)
    return _SPACES.sub(" ", text.casefold())


def _unleet(match: re.Match) -> str:
    token = match.group()
    lead = _LEAD.match(token)
    trail = _TRAIL.search(token)
    start, end = (lead.end() if lead else 0), (trail.start() if trail else len(token))
    core = token[start:end]
    if core in _LEET_WORDS:
        return token[:start] + _LEET_WORDS[core] + token[end:]
    if not core or _NOT_LEET.fullmatch(core):
        return token
    return token[:start] + core.translate(LEET).translate(MASKS) + token[end:]


def _join_spaced(match: re.Match) -> str:
    letters = [ch for ch in match.group() if ch not in " .-_|/~,"]
    return "".join(letters) if sum(ch.isalpha() for ch in letters) >= 2 else match.group()


def plain(folded: str) -> str:
    """fold()ed text with spaced letters joined, leetspeak and masks undone, letter runs cut to two."""
    text = _SPACED.sub(_join_spaced, folded)
    text = _TOKEN.sub(_unleet, text)
    return _RUNS.sub(r"\1\1", text)


@dataclass(frozen=True)
class TextView:
    raw: str  # as written
    lower: str  # NFKC + casefold: for Chinese, Russian and other scripts
    folded: str  # + look-alikes and accents folded: for phrases with numbers and punctuation
    plain: str  # + disguises undone: for words

    @classmethod
    def of(cls, text: str) -> TextView:
        folded = fold(text)
        return cls(text, lower(text), folded, plain(folded))


__all__ = ["CONFUSABLES", "TextView", "fold", "lower", "plain"]
