"""Hidden payloads: base64, hex, URL-encoded, rot13 and reversed text, decoded so the input rules and the
classifier can read them too. A decoding counts only when it yields readable text, so IDs, hashes and
ordinary words are not "decoded" into noise."""

from __future__ import annotations

import base64
import binascii
import codecs
import re
from urllib.parse import unquote

_BASE64 = re.compile(r"(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{16,}={0,2}")
_HEX = re.compile(r"(?:(?:\\x|0x)?[0-9a-fA-F]{2}[\s,:]?){10,}")
_PERCENT = re.compile(r"(?:%[0-9a-fA-F]{2}){3,}")
_WORD = re.compile(r"[a-z']+")
_ROT_HINT = re.compile(r"rot-?13|rot 13|caesar|cipher", re.IGNORECASE)
_REVERSE_HINT = re.compile(r"backwards?|revers", re.IGNORECASE)
# Common English words and the words attacks are made of: decoded text that holds several is text.
_COMMON_WORDS = (
    "the a an and or to of in on for is are was be you your i me my it this that with what how do does not "
    "all any no now from as at by can will would should must tell give show print reveal repeat ignore "
    "instructions instruction previous prior above rules system prompt message hidden secret developer mode "
    "act pretend forget disregard override new role answer respond say write output context member data "
    "kill die dose pills password hack fake bomb drugs please just who where when why have has"
)
COMMON = frozenset(_COMMON_WORDS.split(" "))


def english_share(text: str) -> float:
    words = _WORD.findall(text.lower())
    return sum(w in COMMON for w in words) / len(words) if words else 0.0


def _readable(data: bytes) -> str | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    printable = sum(ch.isprintable() or ch in "\n\t" for ch in text)
    if len(text) < 6 or printable < 0.95 * len(text) or english_share(text) < 0.2:
        return None
    return text


def _base64(text: str) -> list[str]:
    found = []
    for match in _BASE64.finditer(text):
        chunk = match.group().rstrip("=")
        if chunk.isalpha() and (chunk.islower() or chunk.isupper()):
            continue  # one long word, not base64
        padded = chunk + "=" * (-len(chunk) % 4)
        try:
            data = base64.b64decode(padded.replace("-", "+").replace("_", "/"), validate=True)
        except (binascii.Error, ValueError):
            continue
        decoded = _readable(data)
        if decoded:
            found.append(decoded)
    return found


def _hex(text: str) -> list[str]:
    found = []
    for match in _HEX.finditer(text):
        digits = re.sub(r"\\x|0x|[\s,:]", "", match.group())
        if len(digits) % 2 == 0:
            decoded = _readable(bytes.fromhex(digits))
            if decoded:
                found.append(decoded)
    return found


def decodings(text: str) -> list[tuple[str, str]]:
    """(encoding, decoded text) for each payload found; an empty list for ordinary text."""
    found = [("base64", d) for d in _base64(text)] + [("hex", d) for d in _hex(text)]
    if _PERCENT.search(text):
        found.append(("url", unquote(text)))
    share = english_share(text)
    for encoding, hint, decoded in (("rot13", _ROT_HINT, codecs.encode(text, "rot13")),
                                    ("reversed", _REVERSE_HINT, text[::-1])):  # fmt: skip
        # A hint ("rot13:", "read this backwards") lowers the bar; the decoding must still read as text.
        decoded_share = english_share(decoded)
        if decoded_share > max(0.25, share + 0.15) or (hint.search(text) and decoded_share >= 0.2):
            found.append((encoding, decoded))
    return found


__all__ = ["decodings", "english_share"]
