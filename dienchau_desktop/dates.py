"""Dates the Vietnamese way: ``ngày 15 tháng 4 năm 2026`` in a heading, ``13/4/2026`` in text.

Drafts store dates as ISO ``yyyy-mm-dd``; people type ``15/4/2026`` or ``15-04-2026``.
"""

from __future__ import annotations

import re
from datetime import date

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_DMY = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")


def parse_date(text: str) -> date | None:
    """Read an ISO date or a day/month/year date; None when it is not a real date."""
    if not text:
        return None
    m = _ISO.match(text)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m = _DMY.match(text)
        if not m:
            return None
        d, mo, y = (int(g) for g in m.groups())
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def to_iso(text: str) -> str:
    """ISO form of a typed date, or the text unchanged when it is not a date (kept, flagged)."""
    parsed = parse_date(text)
    return parsed.isoformat() if parsed else text


def heading_date(d: date) -> str:
    """``ngày 15 tháng 4 năm 2026``; a leading zero for days 1–9 and months 1–2 (HD 36)."""
    day = f"{d.day:02d}" if d.day < 10 else str(d.day)
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"ngày {day} tháng {month} năm {d.year}"


def short_date(d: date) -> str:
    """``13/4/2026``: the form used inside running text."""
    return f"{d.day}/{d.month}/{d.year}"
