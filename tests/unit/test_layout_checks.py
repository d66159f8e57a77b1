"""A layout profile is checked for what can be laid out, and a refused data-folder profile is
replaced by the bundled one, with the user told (issue 16, item 3).

Each hostile value below crashed, hung or was accepted before the checks: ``10**400`` raised
``OverflowError``, ``["A4"]`` ``TypeError``, a 100,000-letter column title reached ReportLab
(``LayoutError``: too large on page) and a 2-million-character star took over a minute.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dienchau_desktop.cli.app import main
from dienchau_desktop.draft import example_draft
from dienchau_desktop.layout import (
    LayoutError,
    load_layout,
    load_layout_file,
    parse_layout,
)
from dienchau_desktop.pdf import render_pdf
from dienchau_desktop.word import render_docx
from dienchau_desktop.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "resources" / "layouts" / "party-hd36.json"
DEFAULT_NOTICE = "đang dùng bố cục mặc định của chương trình"


def _profile() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(BUNDLED.read_text("utf-8"))
    return data


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A change to a profile: ``path`` like ``table.columns[2].title``."""

    def change(data: dict[str, Any]) -> None:
        parts = path.replace("[", ".").replace("]", "").split(".")
        target: Any = data
        for part in parts[:-1]:
            target = target[int(part)] if part.isdigit() else target[part]
        target[parts[-1]] = value

    return change


HOSTILE = [
    ("body.size", 10**400, "body.size"),
    ("body.size", -(10**400), "body.size"),
    ("body.size", True, "body.size"),
    ("body.size", float("inf"), "body.size"),
    ("body.size", float("nan"), "body.size"),
    ("page.size", ["A4"], "page.size"),
    ("page.size", {"A4": 1}, "page.size"),
    ("page.size", "A3", "page.size"),
    ("header.party_name", {"a": 1}, "header.party_name"),
    ("header.party_name", ["ĐẢNG"], "header.party_name"),
    ("header.star", "*" * 100_000, "header.star"),
    ("table.columns[2].title", "a" * 100_000, "table.columns[2].title"),
    ("table.columns", [], "table.columns"),
    ("table.columns", [{"title": "x", "width_mm": 10, "padding_pt": 1}] * 10_000, "table.columns"),
    ("table.bullet", "", "table.bullet"),
    ("table.max_piece_lines", 16.5, "table.max_piece_lines"),
    ("draft_mark.text", "DỰ THẢO " * 20, "draft_mark.text"),
    ("recipients.separator", ";" * 50, "recipients.separator"),
]


def _id(value: Any) -> str:
    """A short test id for a hostile value (never the value itself: some are megabytes)."""
    text = repr(value)
    return text if len(text) <= 24 else f"{type(value).__name__}-{len(text)}-chars"


@pytest.mark.parametrize(
    ("where", "value", "named"), HOSTILE, ids=[f"{w}={_id(v)}" for w, v, _ in HOSTILE]
)
def test_hostile_values_are_refused_naming_the_file_and_the_field(
    where: str, value: Any, named: str
) -> None:
    """Wrong types (a bool or a list where a number or text belongs), numbers of any size and
    texts far too long are refused with a LayoutError naming the file and the field."""
    data = _profile()
    _set(where, value)(data)
    with pytest.raises(LayoutError) as caught:
        parse_layout(data, "ho-so.json")
    assert f"ho-so.json: {named}" in str(caught.value)


FITS = [
    # The party's name is drawn on one line: at 24 pt it runs out of the header's right column.
    ("header.party_name_size", 24, "header.party_name", "không vừa một dòng"),
    ("draft_mark.size", 30, None, None),  # "DỰ THẢO" at 30 pt still fits: accepted
    ("header.star", "* * * * *", None, None),
    ("draft_mark.text", "BẢN DỰ THẢO XIN Ý KIẾN CÁC BAN", "draft_mark.text", "không vừa"),
    ("title.mark", "-" * 60, None, None),  # a wrapping string, bounded by its length only
    ("table.columns[0].padding_pt", 12, "table.columns[0].padding_pt", "không còn chỗ"),
    ("table.bullet_indent_mm", 15, "table.columns[4].padding_pt", "gạch đầu dòng"),
    ("table.columns[0].title", "Số thứ tự của câu hỏi", "table.columns[0].title", "quá dài"),
    ("page_number.baseline_from_top_mm", 25, "page_number.baseline_from_top_mm", "đè lên"),
]


@pytest.mark.parametrize(
    ("where", "value", "named", "said"), FITS, ids=[f"{w}={_id(v)}" for w, v, _, _ in FITS]
)
def test_what_must_fit_its_place_is_checked(
    where: str, value: Any, named: str | None, said: str | None
) -> None:
    """Strings drawn on one line fit there, columns leave room for text after their padding and
    bullet indent, column titles wrap over a few lines at most, the page number stays in the
    top margin; values that do fit are accepted."""
    data = _profile()
    _set(where, value)(data)
    if named is None:
        parse_layout(data, "ho-so.json")
        return
    with pytest.raises(LayoutError) as caught:
        parse_layout(data, "ho-so.json")
    message = str(caught.value)
    assert f"ho-so.json: {named}" in message and said in message


def test_a_header_row_too_tall_for_the_page_is_refused() -> None:
    """The table's header row (repeated on every page) and two lines of text must fit on a page:
    a tall title at the largest size and spacing is refused, not left to ReportLab."""
    data = _profile()
    table = data["table"]
    table.update(size=7, leading=32, header_size=16)
    table["columns"][2]["title"] = "Nội dung trả lời tóm tắt kết quả đánh giá của cấp ủy"
    with pytest.raises(LayoutError, match="hàng tiêu đề của bảng quá cao"):
        parse_layout(data, "ho-so.json")


def test_the_largest_accepted_profile_lays_out_in_both_writers() -> None:
    """A profile at the edge of what the checks accept prints, as PDF and as Word: the checks
    refuse what cannot be laid out, nothing more is left for ReportLab to refuse."""
    data = _profile()
    data["header"]["star"] = "*" * 10
    data["header"]["number_prefix"] = "Số văn bản"
    data["table"]["columns"][2]["title"] = "Nội dung trả lời (tóm tắt kết quả và đánh giá) " * 2
    data["table"]["header_size"] = 14
    data["title"]["mark"] = "-" * 30
    data["draft_mark"]["text"] = "BẢN XIN Ý KIẾN LẦN HAI"
    layout = parse_layout(data, "ho-so.json")
    assert render_pdf(example_draft(), layout=layout).startswith(b"%PDF")
    assert render_docx(example_draft(), layout=layout).startswith(b"PK")


def test_no_other_exception_escapes_the_checker(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fault inside the checker refuses the profile (LayoutError naming the file), so that
    printing falls back to the bundled profile instead of failing."""
    from dienchau_desktop import layout as layout_module

    def broken(*_args: Any) -> None:
        raise RuntimeError("a checker bug")

    monkeypatch.setattr(layout_module, "_check_fit", broken)
    with pytest.raises(LayoutError, match=r"ho-so\.json"):
        parse_layout(_profile(), "ho-so.json")


def test_a_huge_profile_file_is_refused_without_being_parsed(tmp_path: Path) -> None:
    """A profile is a few kilobytes; a file of megabytes is refused from its size."""
    path = tmp_path / "party-hd36.json"
    data = _profile()
    data["header"]["star"] = "*" * 2_000_000
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(LayoutError, match="quá lớn"):
        load_layout_file(path)


def _override(data_dir: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    data = _profile()
    change(data)
    folder = data_dir / "layouts"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "party-hd36.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


REPORTED = [
    ("body.size", 10**400),
    ("page.size", ["A4"]),
    ("table.columns[2].title", "a" * 100_000),
    ("header.star", "*" * 2_000_000),
]


@pytest.mark.parametrize(("where", "value"), REPORTED, ids=[w for w, _ in REPORTED])
def test_a_refused_data_folder_profile_gives_way_to_the_bundled_one(
    data_dir: Path, where: str, value: Any
) -> None:
    """The workspace prints with the bundled profile and says why: the file, the field (or the
    reason) and that the program's default layout is used."""
    path = _override(data_dir, _set(where, value))
    workspace = Workspace(data_dir)
    layout = workspace.layout()
    assert layout == load_layout_file(BUNDLED)
    notice = workspace.layout_notice
    assert str(path) in notice and DEFAULT_NOTICE in notice
    field = where if where != "header.star" else "quá lớn"  # refused from its size first
    assert field in notice
    assert render_pdf(example_draft(), layout=layout).startswith(b"%PDF")


def test_a_good_data_folder_profile_is_used_without_a_notice(data_dir: Path) -> None:
    """An office's own valid profile still wins, and nothing is said about it."""
    _override(data_dir, _set("draft_mark.text", "BẢN XIN Ý KIẾN"))
    workspace = Workspace(data_dir)
    assert workspace.layout().draft_mark.text == "BẢN XIN Ý KIẾN"
    assert workspace.layout_notice == ""


def test_a_profile_named_by_path_is_still_refused(tmp_path: Path) -> None:
    """``--layout FILE``: the user chose that file, so its mistakes are an error, not a notice."""
    path = tmp_path / "mine.json"
    data = _profile()
    data["body"]["size"] = 10**400
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(LayoutError, match=r"body\.size"):
        Workspace(tmp_path / "data").layout(str(path))
    with pytest.raises(LayoutError, match=r"body\.size"):
        load_layout(str(path))


def test_render_warns_and_prints_with_the_bundled_profile(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``render --data-dir D`` with a broken ``D/layouts/party-hd36.json``: exit 0, the PDF
    written, a warning in Vietnamese on stderr naming the file and the field."""
    path = _override(data_dir, _set("body.size", 10**400))
    draft = tmp_path / "ex.json"
    assert main(["example", "-o", str(draft)]) == 0
    out = tmp_path / "out.pdf"
    code = main(["render", str(draft), "-o", str(out), "--data-dir", str(data_dir)])
    err = capsys.readouterr().err
    assert code == 0, err
    assert out.read_bytes().startswith(b"%PDF")
    assert "Cảnh báo:" in err and str(path) in err and "body.size" in err
    assert DEFAULT_NOTICE in err
    assert "Traceback" not in err and "OverflowError" not in err


def test_word_copy_falls_back_too(tmp_path: Path, data_dir: Path) -> None:
    """The Word copy is written with the same fallback profile as the PDF."""
    _override(data_dir, _set("page.size", ["A4"]))
    out = tmp_path / "out.docx"
    code = main(["render", "--example", "-o", str(out), "--data-dir", str(data_dir)])
    assert code == 0
    assert out.read_bytes().startswith(b"PK")


def test_notice_lists_a_few_mistakes_and_counts_the_rest(data_dir: Path) -> None:
    """A profile with many mistakes gives a notice of readable length."""

    def many(data: dict[str, Any]) -> None:
        for key in ("size", "leading", "first_line_indent_mm", "paragraph_space_pt"):
            data["body"][key] = "x"
        for key in ("size", "leading", "header_size", "line_width_pt"):
            data["table"][key] = True

    _override(data_dir, many)
    workspace = Workspace(data_dir)
    workspace.layout()
    notice = workspace.layout_notice
    assert "và 3 lỗi khác" in notice
    assert notice.count("\n- ") == 6


def test_profile_checks_leave_the_bundled_profile_unchanged() -> None:
    """The bundled profile passes every check (and is what the example prints with)."""
    assert parse_layout(copy.deepcopy(_profile()), str(BUNDLED)) == load_layout_file(BUNDLED)
