"""Validators that turn digit look-alikes into identifiers: Luhn, NPI, NANP phones, SSN ranges, dates."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    m: i + 1 for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))
}


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def npi_ok(digits: str) -> bool:
    """The NPI check digit is Luhn over the card-issuer prefix 80840 plus the 10 digits."""
    return len(digits) == 10 and digits[0] in "12" and luhn_ok("80840" + digits)


def nanp_ok(digits: str) -> bool:
    """A 10-digit North American number: area code and exchange both start with 2-9."""
    return len(digits) == 10 and digits[0] >= "2" and digits[3] >= "2"


def ssn_ok(digits: str) -> bool:
    """The SSA never issues area 000, 666 or 9xx, group 00 or serial 0000."""
    area = digits[:3]
    return area not in ("000", "666") and area[0] != "9" and digits[3:5] != "00" and digits[5:] != "0000"


_NUMERIC_DATE = re.compile(r"(\d{1,4})[/-](\d{1,2})[/-](\d{2,4})")


def normalize_date(text: str) -> str:
    """ISO form of "03/04/1975", "3/4/75", "1975-03-04", "March 4, 1975"; the text itself if unparsable.
    Placeholders key on it, so one birth date written two ways gets one placeholder."""
    try:
        m = _NUMERIC_DATE.fullmatch(text)
        if m:
            a, b, c = m.groups()
            if len(a) == 4:
                return date(int(a), int(b), int(c)).isoformat()
            year = int(c) + (0 if len(c) == 4 else (2000 if int(c) <= date.today().year % 100 else 1900))
            return date(year, int(a), int(b)).isoformat()
        parts = text.replace(",", " ").replace(".", " ").split()
        month = _MONTHS[parts[0][:3].lower()]
        return date(int(parts[2]), month, int(re.sub(r"\D", "", parts[1]))).isoformat()
    except (ValueError, KeyError, IndexError):
        return text
