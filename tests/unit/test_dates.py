"""Every display form of a date or a time, from dienchau_desktop.dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from dienchau_desktop.dates import (
    heading_date,
    numeric_date,
    numeric_date_text,
    parse_date,
    short_date,
    stamp_phrase,
    stamp_text,
    to_iso,
)


@pytest.mark.parametrize(
    ("d", "heading", "short", "numeric"),
    [
        (date(2026, 4, 15), "ngày 15 tháng 4 năm 2026", "15/4/2026", "15/04/2026"),
        (date(2026, 1, 3), "ngày 03 tháng 01 năm 2026", "3/1/2026", "03/01/2026"),
        (date(2026, 2, 9), "ngày 09 tháng 02 năm 2026", "9/2/2026", "09/02/2026"),
        (date(2026, 12, 25), "ngày 25 tháng 12 năm 2026", "25/12/2026", "25/12/2026"),
    ],
)
def test_date_forms(d: date, heading: str, short: str, numeric: str) -> None:
    """Heading (HD 36 leading zeros), running text (no zeros), list column (always two digits)."""
    assert heading_date(d) == heading
    assert short_date(d) == short
    assert numeric_date(d) == numeric


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2026-04-15", "15/04/2026"),
        ("5/4/2026", "05/04/2026"),
        ("", "—"),
        ("chưa rõ", "chưa rõ"),
        ("31/2/2026", "31/2/2026"),
    ],
)
def test_numeric_date_text(value: str, shown: str) -> None:
    """A stored date in the drafts list: numeric; empty is a dash, a non-date is shown as is."""
    assert numeric_date_text(value) == shown


def test_parse_and_iso() -> None:
    assert parse_date("15-04-2026") == date(2026, 4, 15)
    assert parse_date("2026-02-30") is None
    assert to_iso("15/4/2026") == "2026-04-15"
    assert to_iso("sớm") == "sớm"


def _local(moment: datetime) -> datetime:
    return moment.astimezone()


def test_stamp_text() -> None:
    """A time stamp in a list: dd/mm/yyyy HH:MM in local time."""
    assert stamp_text("2026-04-15T09:05:33") == "15/04/2026 09:05"
    aware = datetime(2026, 4, 15, 2, 5, tzinfo=UTC)
    assert stamp_text(aware.isoformat()) == f"{_local(aware):%d/%m/%Y %H:%M}"
    plus7 = datetime(2026, 4, 15, 9, 5, tzinfo=timezone(timedelta(hours=7)))
    assert stamp_text(plus7.isoformat(timespec="milliseconds")) == f"{_local(plus7):%d/%m/%Y %H:%M}"
    assert stamp_text("") == "—"
    assert stamp_text("hôm qua") == "hôm qua"


def test_stamp_phrase() -> None:
    """A time stamp inside a sentence: 9:05 ngày 15/4/2026; a fallback when unknown."""
    assert stamp_phrase("2026-04-15T09:05:00") == "9:05 ngày 15/4/2026"
    assert stamp_phrase("2026-12-01T14:30:00") == "14:30 ngày 1/12/2026"
    here = datetime(2026, 4, 15, 9, 30).astimezone()
    assert stamp_phrase(here.isoformat(timespec="seconds")) == "9:30 ngày 15/4/2026"
    assert stamp_phrase("") == "không rõ lúc nào"
    assert stamp_phrase("x", unknown="—") == "—"


def test_saved_text_says_today_or_the_date() -> None:
    from datetime import date

    from dienchau_desktop.dates import saved_text

    assert saved_text("2026-04-15T09:05:00", today=date(2026, 4, 15)) == "Hôm nay 09:05"
    assert saved_text("2026-04-14T09:05:00", today=date(2026, 4, 15)) == "14/04/2026 09:05"
    assert saved_text("") == "—"
    assert saved_text("hỏng") == "hỏng"


def test_a_date_field_shows_blank_as_blank() -> None:
    from dienchau_desktop.dates import numeric_date_text

    assert numeric_date_text("", empty="") == ""
    assert numeric_date_text("2026-04-15", empty="") == "15/04/2026"
