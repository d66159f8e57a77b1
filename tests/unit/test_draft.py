"""The draft file format: round trips, refusals, migration, cleaning on the way in."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from dienchau_desktop import atomic
from dienchau_desktop import draft as draft_module
from dienchau_desktop.dates import heading_date, parse_date, short_date
from dienchau_desktop.draft import (
    DraftError,
    draft_from_dict,
    example_draft,
    fill_placeholders,
    new_draft,
    read_draft_file,
    write_draft_file,
)
from dienchau_desktop.template import load_template


def _example_dict() -> dict[str, Any]:
    return example_draft().to_dict()


def test_example_round_trips_exactly(tmp_path: Path) -> None:
    """Writing and reading a draft gives back the same document."""
    d = example_draft()
    path = tmp_path / "a.json"
    write_draft_file(d, path)
    again = read_draft_file(path)
    assert again.to_dict() == d.to_dict()
    top = json.loads(path.read_text("utf-8"))
    assert list(top) == ["format", "format_version", "template", "meta", "answers"]
    assert top["format"] == "dienchau-draft" and top["format_version"] == 1


def test_invalid_figure_is_kept_as_typed() -> None:
    """A figure that cannot be read is stored exactly, never dropped or rounded."""
    data = _example_dict()
    data["answers"]["I.2"]["figures"]["so_nghi_quyet_chuyen_de"] = "abc  8,75 "
    data["answers"]["II.3"]["figures"]["tong_kinh_phi"] = 500000000.75
    d = draft_from_dict(data)
    assert d.answers["I.2"].figures["so_nghi_quyet_chuyen_de"] == "abc 8,75"
    assert d.answers["II.3"].figures["tong_kinh_phi"] == "500000000.75"


def test_values_cleaned_on_load() -> None:
    """Pasted markup and NFD in a file are cleaned to plain NFC lines."""
    data = _example_dict()
    data["answers"]["I.1"]["text"] = unicodedata.normalize("NFD", "<p>Một</p><p>Hai</p>")
    d = draft_from_dict(data)
    assert d.answers["I.1"].text == "Một\nHai"


def test_newer_format_refused_clearly() -> None:
    """A file from a newer program is refused and says to update."""
    data = _example_dict()
    data["format_version"] = 2
    with pytest.raises(DraftError, match="phiên bản chương trình mới hơn"):
        draft_from_dict(data)


def test_older_format_migrated_step_by_step(monkeypatch: pytest.MonkeyPatch) -> None:
    """An older file runs through every migration step up to the current version."""
    monkeypatch.setattr(draft_module, "DRAFT_FORMAT_VERSION", 3)
    calls: list[int] = []

    def step1(d: dict[str, Any]) -> dict[str, Any]:
        calls.append(1)
        d["meta"]["title"] = d["meta"]["title"] + " (v2)"
        return d

    def step2(d: dict[str, Any]) -> dict[str, Any]:
        calls.append(2)
        return d

    monkeypatch.setattr(draft_module, "MIGRATIONS", {1: step1, 2: step2})
    d = draft_from_dict(_example_dict())
    assert calls == [1, 2]
    assert d.title.endswith("(v2)")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "không đọc được"),
        (b"{not json", "bị hỏng"),
        (b"\x00\x01\x02binary\xff", "nhị phân"),
        (b"\xff\xfe\xfa", "UTF-8"),
        (b"[1, 2, 3]", "không phải tệp nháp"),
        (b'{"format": "other"}', "không phải tệp nháp"),
        (b'{"format": "dienchau-draft", "format_version": "1"}', "phiên bản"),
        (b'{"format": "dienchau-draft", "format_version": 1}', "template"),
        (
            b'{"format": "dienchau-draft", "format_version": 1, "template": {"id": "kl62", '
            b'"version": 1}, "meta": {}, "answers": {"I.1": {"text": 5}}}',
            "answers.I.1.text",
        ),
        (
            b'{"format": "dienchau-draft", "format_version": 1, "template": {"id": "kl62", '
            b'"version": 1}, "meta": {"title": {"a": 1}}, "answers": {}}',
            "meta.title",
        ),
        (b"[" * 100_000 + b"]" * 100_000, "không phải tệp nháp"),
        (
            b'{"format": "dienchau-draft", "format_version": 1, "template": {"id": "kl62", '
            b'"version": 1}, "meta": {"x": ' + b"[" * 40 + b"]" * 40 + b"}}",
            "lồng nhau",
        ),
    ],
)
def test_bad_files_refused_with_vietnamese_message(
    tmp_path: Path, content: bytes, words: str
) -> None:
    """Every kind of broken file gives a DraftError with a clear message, never a crash."""
    path = tmp_path / "x.json"
    path.write_bytes(content)
    with pytest.raises(DraftError, match=words):
        read_draft_file(path)


def test_missing_file_and_directory_refused(tmp_path: Path) -> None:
    """A missing path or a folder is refused by name."""
    with pytest.raises(DraftError, match="Không tìm thấy"):
        read_draft_file(tmp_path / "khong-co.json")
    with pytest.raises(DraftError, match="thư mục"):
        read_draft_file(tmp_path)


def test_huge_file_refused_without_reading(tmp_path: Path) -> None:
    """A file far larger than any draft is refused on its size."""
    path = tmp_path / "big.json"
    with path.open("wb") as fh:
        fh.seek(50 * 1024 * 1024)
        fh.write(b"x")
    with pytest.raises(DraftError, match="quá lớn"):
        read_draft_file(path)


def test_unknown_answer_fields_survive_round_trip() -> None:
    """Fields written by a newer minor version are carried along, not lost."""
    data = _example_dict()
    data["answers"]["I.1"]["attachments"] = ["a.pdf"]
    d = draft_from_dict(data)
    assert d.to_dict()["answers"]["I.1"]["attachments"] == ["a.pdf"]


def test_new_draft_has_defaults_and_id() -> None:
    """A new draft starts from the template's defaults with its own id."""
    t = load_template()
    d = new_draft(t)
    assert len(d.id) == 32
    assert d.meta["signer_authority"] == "T/M BAN THƯỜNG VỤ"
    assert d.meta["subject"] == t.summary
    assert d.meta["recipients"] == [] or isinstance(d.meta["recipients"], list)
    assert new_draft(t).id != d.id


def test_placeholders_fill_dates_short_and_gaps_visible() -> None:
    """Template sentences take meta values; ISO dates print d/m/yyyy; a blank shows as a gap."""
    meta = {"instruction_date": "2026-04-13", "commune": "xã Diễn Châu", "subject": ""}
    assert fill_placeholders("{instruction_date} {commune} {subject}", meta) == (
        "13/4/2026 xã Diễn Châu …"
    )


@pytest.mark.parametrize(
    ("iso", "heading"),
    [
        ("2026-04-15", "ngày 15 tháng 4 năm 2026"),
        ("2026-01-03", "ngày 03 tháng 01 năm 2026"),
        ("2026-02-09", "ngày 09 tháng 02 năm 2026"),
        ("2026-12-25", "ngày 25 tháng 12 năm 2026"),
        ("2026-03-10", "ngày 10 tháng 3 năm 2026"),
    ],
)
def test_heading_dates_follow_hd36(iso: str, heading: str) -> None:
    """Leading zeros only for days 1–9 and months 1–2."""
    d = parse_date(iso)
    assert d is not None and heading_date(d) == heading


def test_dates_typed_the_vietnamese_way() -> None:
    """15/4/2026 and 15-04-2026 read as dates; 31/2/2026 does not exist."""
    assert parse_date("15/4/2026") == parse_date("2026-04-15") == parse_date("15-04-2026")
    assert parse_date("31/2/2026") is None
    d = parse_date("2026-04-13")
    assert d is not None and short_date(d) == "13/4/2026"


def test_written_files_get_normal_permissions(tmp_path: Path) -> None:
    """An exported draft can be read by others on a shared PC, like a file Word would write."""
    import os
    import stat

    if os.name != "posix":
        pytest.skip("POSIX permissions")
    path = tmp_path / "a.json"
    write_draft_file(example_draft(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~atomic._UMASK
