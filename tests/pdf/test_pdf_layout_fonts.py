"""The layout profile is data, checked on load; fonts are Times New Roman or the bundled serif."""

from __future__ import annotations

import copy
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pdf_helpers import LAYOUT_FILE, MM, bundled_layout, open_pdf, render
from pypdf import PdfReader

from dienchau_desktop.draft import example_draft
from dienchau_desktop.layout import parse_layout
from dienchau_desktop.pdf import LayoutError, load_layout
from dienchau_desktop.pdf import fonts as fonts_module

LIBERATION = [LAYOUT_FILE.parents[1] / "fonts" / name for name in fonts_module.BUNDLED_SERIF]


def _data() -> dict[str, Any]:
    return json.loads(LAYOUT_FILE.read_text("utf-8"))  # type: ignore[no-any-return]


@pytest.fixture
def fresh_fonts() -> Iterator[None]:
    """Forget the chosen font family before and after the test."""
    fonts_module.reset_cache()
    yield
    fonts_module.reset_cache()


def test_bundled_profile_has_the_party_values() -> None:
    """The default profile carries HD 36's page: A4, margins 20/20/30/15 mm, 165 mm of text."""
    layout = load_layout()
    assert layout.id == "party-hd36"
    page = layout.page
    assert (page.size, page.margin_top_mm, page.margin_bottom_mm) == ("A4", 20, 20)
    assert (page.margin_left_mm, page.margin_right_mm) == (30, 15)
    assert layout.text_width_mm == 165
    assert sum(c.width_mm for c in layout.table.columns) == 165
    assert [c.title for c in layout.table.columns][:2] == ["TT", "Nội dung"]
    assert layout.header.party_name == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert (layout.recipients.prefix, layout.recipients.separator, layout.recipients.last) == (
        "- ",
        ",",
        ".",
    )


def test_profile_mistakes_are_all_named_with_file_and_place() -> None:
    """A broken profile is refused with every mistake, each naming the file and its place."""
    data = _data()
    data["table"]["columns"][2]["width_mm"] = -3
    data["page"]["margin_left_mm"] = "30"
    del data["header"]["star"]
    data["body"]["extra"] = 1
    with pytest.raises(LayoutError) as info:
        parse_layout(data, "ho-so.json")
    message = str(info.value)
    for place in (
        "ho-so.json: table.columns[2].width_mm",
        "ho-so.json: page.margin_left_mm",
        "ho-so.json: header.star: thiếu",
        "ho-so.json: body.extra",
    ):
        assert place in message, place


def test_columns_must_fill_the_text_width() -> None:
    """Column widths that do not add up to the text width are refused."""
    data = _data()
    data["table"]["columns"][1]["width_mm"] += 10
    with pytest.raises(LayoutError, match="tổng độ rộng các cột"):
        parse_layout(data, "x.json")


def test_newer_profile_format_is_refused() -> None:
    """A profile of a newer format version is refused, not half-read."""
    data = _data()
    data["format_version"] = 99
    with pytest.raises(LayoutError, match="format_version"):
        parse_layout(data, "x.json")


def test_profile_in_the_data_folder_wins(data_dir: Path) -> None:
    """An office's own profile in <data>/layouts/ replaces the bundled one of the same name."""
    data = _data()
    data["page"]["margin_left_mm"] = 35
    data["page"]["margin_right_mm"] = 10
    (data_dir / "layouts").mkdir(parents=True)
    (data_dir / "layouts" / "party-hd36.json").write_text(json.dumps(data), "utf-8")
    assert load_layout().page.margin_left_mm == 35


def test_layout_values_move_the_print() -> None:
    """Changing a margin in the profile moves the printed text: layout is data, not code."""
    data = _data()
    data["page"]["margin_left_mm"] = 40
    data["page"]["margin_right_mm"] = 5
    moved = parse_layout(copy.deepcopy(data), "moved.json")
    with open_pdf(render(example_draft(), final=True, layout=moved)) as pdf:
        x0 = min(float(c["x0"]) for c in pdf.pages[0].chars)
    with open_pdf(render(example_draft(), final=True, layout=bundled_layout())) as pdf:
        x0_default = min(float(c["x0"]) for c in pdf.pages[0].chars)
    assert x0 - x0_default == pytest.approx(10 * MM, abs=1)


def test_bundled_family_when_times_new_roman_is_missing(
    fresh_fonts: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without Times New Roman the bundled Liberation Serif prints, and the metadata says so."""
    monkeypatch.setattr(fonts_module, "system_times_candidates", lambda: [])
    family = fonts_module.report_family()
    assert (family.display_name, family.origin) == ("Liberation Serif", "bundled")
    info = PdfReader(io.BytesIO(render(example_draft()))).metadata
    assert info is not None
    assert "Liberation Serif (phông đi kèm chương trình)" in str(info["/Keywords"])


def test_system_times_new_roman_is_preferred(
    fresh_fonts: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Where the system has Times New Roman's four faces, the report uses them."""
    names = ("times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf")
    faces = [tmp_path / n for n in names]
    for source, target in zip(LIBERATION, faces, strict=True):
        shutil.copyfile(source, target)  # stand-ins with full Vietnamese coverage
    monkeypatch.setattr(
        fonts_module, "system_times_candidates", lambda: [(faces[0], faces[1], faces[2], faces[3])]
    )
    family = fonts_module.report_family()
    assert (family.display_name, family.origin) == ("Times New Roman", "system")
    assert family.files[0] == str(faces[0])
    info = PdfReader(io.BytesIO(render(example_draft()))).metadata
    assert info is not None
    assert "Times New Roman (phông của hệ thống)" in str(info["/Keywords"])


def test_incomplete_or_non_vietnamese_system_font_is_passed_over(
    fresh_fonts: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A system family missing a face, or lacking a Vietnamese letter, is not used."""
    faces = [tmp_path / n for n in ("times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf")]
    for source, target in zip(LIBERATION[:3], faces[:3], strict=True):
        shutil.copyfile(source, target)
    monkeypatch.setattr(
        fonts_module, "system_times_candidates", lambda: [(faces[0], faces[1], faces[2], faces[3])]
    )
    assert fonts_module.report_family().origin == "bundled"

    fonts_module.reset_cache()
    shutil.copyfile(LIBERATION[3], faces[3])
    monkeypatch.setattr(
        fonts_module, "REQUIRED_CHARACTERS", fonts_module.REQUIRED_CHARACTERS | {"\u4e00"}
    )
    with pytest.raises(fonts_module.FontUnavailableError):
        fonts_module.report_family()  # neither family has 一: nothing is good enough
