"""Validators that turn digit look-alikes into identifiers: Luhn, NPI, NANP phones, SSN ranges, IPs, dates."""

from __future__ import annotations

import ipaddress
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


def ip_ok(text: str) -> bool:
    """IPv4 or IPv6 (compressed, zoned "fe80::1%eth0", mapped "::ffff:1.2.3.4"), per the standard library."""
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


_NUMERIC_DATE = re.compile(r"(\d{1,4})([/.-])(\d{1,2})\2(\d{2,4})")
_COMPACT_DATE = re.compile(r"(\d{2})(\d{2})(\d{4})")  # 03041975: month, day, year
_WORDS = re.compile(r"[a-z]+|\d+")


def _year(y: str) -> int:
    """Two-digit years: up to this year's are 20xx, the rest 19xx."""
    n = int(y)
    if len(y) == 4:
        return n
    return n + (2000 if n <= date.today().year % 100 else 1900)


def _month_day(a: int, b: int) -> tuple[int, int]:
    """US order (month first) unless the first number can't be a month ("25/03/1975")."""
    return (b, a) if a > 12 >= b else (a, b)


def normalize_date(text: str) -> str:
    """ISO form of a date (see date_iso), the text itself if unparsable.
    Placeholders key on it, so one birth date written two ways gets one placeholder."""
    iso = date_iso(text)
    return text if iso is None else iso


def date_iso(text: str) -> str | None:
    """ISO form of "03/04/1975", "3/4/75", "4.3.1975", "1975-03-04", "03041975", "March 4th, 1975",
    "4 March 1975", "Mar 4 '75", "the 4th of march 1975"; None if it is no calendar date."""
    try:
        s = text.strip()
        m = _NUMERIC_DATE.fullmatch(s)
        if m:
            a, _, b, c = m.groups()
            if len(a) == 4:
                return date(int(a), int(b), int(c)).isoformat()
            month, day = _month_day(int(a), int(b))
            return date(_year(c), month, day).isoformat()
        m = _COMPACT_DATE.fullmatch(s)
        if m:
            return date(int(m.group(3)), int(m.group(1)), int(m.group(2))).isoformat()
        month = day = year = None
        for w in _WORDS.findall(s.lower()):
            if w.isdigit():
                if day is None and len(w) <= 2 and year is None:
                    day = int(w)
                else:
                    year = _year(w)
            elif month is None and w[:3] in _MONTHS:
                month = _MONTHS[w[:3]]
        if month is None or day is None or year is None:
            return None
        return date(year, month, day).isoformat()
    except ValueError:
        return None
