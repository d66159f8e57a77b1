"""Dates the Vietnamese way, and every way the program shows a date or a time: all here, once.

Drafts store dates as ISO ``yyyy-mm-dd``; people type ``15/4/2026`` or ``15-04-2026``. Times
(saves, versions, the data lock) are ISO stamps. The display forms:

* :func:`heading_date` ``ngày 15 tháng 4 năm 2026``: the printed report's date line.
* :func:`short_date` ``13/4/2026``: a date inside running text (placeholders in sentences).
* :func:`numeric_date` ``13/04/2026``: a date in a list or table column;
  :func:`numeric_date_text` the same from a stored (ISO or typed) value.
* :func:`stamp_text` ``13/04/2026 09:05``: a time stamp in a list or table column.
* :func:`stamp_phrase` ``9:05 ngày 13/4/2026``: a time stamp inside a sentence.
"""

from __future__ import annotations

import re
from datetime import date, datetime

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


def numeric_date(d: date) -> str:
    """``13/04/2026``: two-digit day and month, so that a column of dates lines up."""
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def numeric_date_text(value: str, empty: str = "—") -> str:
    """A stored date (ISO or as typed) as :func:`numeric_date`; ``empty`` when empty, and text
    that is not a date as it is."""
    d = parse_date(value) if value else None
    return numeric_date(d) if d else (value or empty)


def _moment(stamp: str) -> datetime | None:
    """An ISO stamp as a datetime in local time (a stamp without zone is taken as local)."""
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return None
    return moment.astimezone() if moment.tzinfo is not None else moment


def stamp_text(stamp: str) -> str:
    """``13/04/2026 09:05`` in local time; "—" when empty, and a stamp that cannot be read as
    it is."""
    moment = _moment(stamp)
    if moment is None:
        return stamp or "—"
    return moment.strftime("%d/%m/%Y %H:%M")


def saved_text(stamp: str, today: date | None = None) -> str:
    """When a draft was saved, for a list: ``Hôm nay 09:05`` today, else as :func:`stamp_text`."""
    moment = _moment(stamp)
    if moment is None:
        return stamp or "—"
    if moment.date() == (today or date.today()):
        return f"Hôm nay {moment:%H:%M}"
    return moment.strftime("%d/%m/%Y %H:%M")


def stamp_phrase(stamp: str, unknown: str = "không rõ lúc nào") -> str:
    """``9:05 ngày 13/4/2026`` in local time, for a sentence; ``unknown`` when it cannot be read."""
    moment = _moment(stamp)
    if moment is None:
        return unknown
    return f"{moment.hour}:{moment.minute:02d} ngày {short_date(moment.date())}"
