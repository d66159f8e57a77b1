"""The layout profile: how the printed report looks, as data.

A profile (``resources/layouts/<name>.json``) holds the paper, margins, font sizes, spacing, the
fixed strings ("ĐẢNG CỘNG SẢN VIỆT NAM", the table's column titles) and the punctuation of the
recipient lines. The values come from the Party's document-format guideline (HD 36-HD/VPTW); a
later guideline is a new or changed profile, never a code change.

The loader checks every value (type, range, length) and what must fit on the page (columns,
the table's header row, strings drawn on one line), naming the file and the place of each
mistake, e.g. ``table.columns[2].width_mm``; it raises nothing but :class:`LayoutError`. A
profile is complete: nothing is taken silently from elsewhere. A profile in the user's data
folder (``layouts/<name>.json``) is preferred over the bundled one of the same name, so an
office can adjust its layout without touching the program.
"""

from __future__ import annotations

import dataclasses
import math
import os
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dienchau_desktop.datafile import NAME_RE, MistakeCollector, header_problems, read_json_data
from dienchau_desktop.paths import resource_path, user_data_dir

LAYOUT_FORMAT = "dienchau-layout"
LAYOUT_FORMAT_VERSION = 1
DEFAULT_LAYOUT = "party-hd36"
PAPER_SIZES_MM = {"A4": (210.0, 297.0)}
TABLE_COLUMNS = 5  # TT | Nội dung | Nội dung trả lời | Số liệu minh chứng | Ghi chú
MAX_LAYOUT_BYTES = 256 * 1024  # the bundled profile is about 3 KB


class LayoutError(ValueError):
    """A layout profile that cannot be used; the message names the file and the place."""


def _range(lo: float, hi: float) -> dict[str, Any]:
    """Field metadata: a number allowed between ``lo`` and ``hi`` (inclusive)."""
    return {"range": (lo, hi)}


def _text(longest: int, *, blank: bool = False) -> dict[str, Any]:
    """Field metadata: a text of at most ``longest`` characters (``blank``: may be empty)."""
    return {"longest": longest, "blank": blank}


@dataclass(frozen=True)
class PageLayout:
    size: str = field(metadata=_text(10))
    margin_top_mm: float = field(metadata=_range(5, 60))
    margin_bottom_mm: float = field(metadata=_range(5, 60))
    margin_left_mm: float = field(metadata=_range(5, 60))
    margin_right_mm: float = field(metadata=_range(5, 60))


@dataclass(frozen=True)
class FontLayout:
    # Use the system's Times New Roman where it is installed; otherwise the bundled serif family.
    use_system_times_new_roman: bool


@dataclass(frozen=True)
class PageNumberLayout:
    size: float = field(metadata=_range(6, 30))
    first_numbered_page: int = field(metadata=_range(1, 10))
    baseline_from_top_mm: float = field(metadata=_range(3, 40))


@dataclass(frozen=True)
class HeaderLayout:
    left_column_mm: float = field(metadata=_range(30, 150))
    size: float = field(metadata=_range(8, 20))
    leading: float = field(metadata=_range(8, 40))
    party_name: str = field(metadata=_text(100))
    party_name_size: float = field(metadata=_range(8, 24))
    party_rule_width_pt: float = field(metadata=_range(0.1, 3))
    party_rule_gap_pt: float = field(metadata=_range(0, 12))
    star: str = field(metadata=_text(10, blank=True))
    number_prefix: str = field(metadata=_text(20, blank=True))
    blank_number_spaces: int = field(metadata=_range(0, 40))
    space_after_pt: float = field(metadata=_range(0, 120))


@dataclass(frozen=True)
class TitleLayout:
    size: float = field(metadata=_range(8, 30))
    space_before_pt: float = field(metadata=_range(0, 120))
    summary_size: float = field(metadata=_range(8, 24))
    summary_leading: float = field(metadata=_range(8, 40))
    summary_indent_mm: float = field(metadata=_range(0, 60))
    mark: str = field(metadata=_text(60, blank=True))
    space_after_pt: float = field(metadata=_range(0, 120))


@dataclass(frozen=True)
class BodyLayout:
    size: float = field(metadata=_range(8, 20))
    leading: float = field(metadata=_range(8, 40))
    first_line_indent_mm: float = field(metadata=_range(0, 40))
    paragraph_space_pt: float = field(metadata=_range(0, 40))


@dataclass(frozen=True)
class ColumnLayout:
    title: str = field(metadata=_text(200))
    width_mm: float = field(metadata=_range(5, 160))
    # Left and right inside the cell. Between two text columns the two paddings add up to more
    # than the font size, so that text extractors (pdftotext, screen readers) keep them apart.
    padding_pt: float = field(metadata=_range(0, 20))


@dataclass(frozen=True)
class TableLayout:
    size: float = field(metadata=_range(7, 16))
    leading: float = field(metadata=_range(7, 32))
    header_size: float = field(metadata=_range(7, 16))
    columns: tuple[ColumnLayout, ...]
    vertical_padding_pt: float = field(metadata=_range(0, 12))
    paragraph_space_pt: float = field(metadata=_range(0, 20))
    line_width_pt: float = field(metadata=_range(0.1, 3))
    bullet: str = field(metadata=_text(3))
    bullet_indent_mm: float = field(metadata=_range(0, 20))
    figure_separator: str = field(metadata=_text(10))
    missing_value: str = field(metadata=_text(20))
    space_before_pt: float = field(metadata=_range(0, 60))
    # Pieces of long text are at most this many lines, so a long answer flows page after page
    # without ReportLab re-measuring the whole rest of it on each page.
    max_piece_lines: int = field(metadata=_range(2, 60))


@dataclass(frozen=True)
class RecipientsLayout:
    title: str = field(metadata=_text(60))
    title_size: float = field(metadata=_range(8, 20))
    title_bold: bool
    title_italic: bool
    title_underline: bool
    size: float = field(metadata=_range(8, 20))
    leading: float = field(metadata=_range(8, 40))
    prefix: str = field(metadata=_text(5, blank=True))
    separator: str = field(metadata=_text(5, blank=True))
    last: str = field(metadata=_text(5, blank=True))


@dataclass(frozen=True)
class SignatureLayout:
    left_column_mm: float = field(metadata=_range(30, 150))
    size: float = field(metadata=_range(8, 20))
    leading: float = field(metadata=_range(8, 40))
    space_for_signature_mm: float = field(metadata=_range(5, 80))
    space_before_pt: float = field(metadata=_range(0, 120))


@dataclass(frozen=True)
class DraftMarkLayout:
    text: str = field(metadata=_text(30))
    size: float = field(metadata=_range(8, 30))
    watermark_size: float = field(metadata=_range(0, 200))  # 0: no watermark, only the framed mark
    watermark_gray: float = field(metadata=_range(0.5, 1))
    watermark_angle: float = field(metadata=_range(-90, 90))


@dataclass(frozen=True)
class Layout:
    id: str
    name: str
    page: PageLayout
    fonts: FontLayout
    page_number: PageNumberLayout
    header: HeaderLayout
    title: TitleLayout
    body: BodyLayout
    table: TableLayout
    recipients: RecipientsLayout
    signature: SignatureLayout
    draft_mark: DraftMarkLayout
    source: str = field(default="", compare=False)

    @property
    def page_size_mm(self) -> tuple[float, float]:
        return PAPER_SIZES_MM[self.page.size]

    @property
    def text_width_mm(self) -> float:
        return self.page_size_mm[0] - self.page.margin_left_mm - self.page.margin_right_mm


_TOP_LEVEL = ("id", "name", "source")


class _Checker(MistakeCollector):
    def build(self, cls: type[Any], obj: Any, where: str) -> Any:
        """Build the dataclass ``cls`` from ``obj``, checking each field; None when unusable."""
        if not isinstance(obj, dict):
            self.fail(where, "phải là một đối tượng JSON")
            return None
        hints = typing.get_type_hints(cls)
        values: dict[str, Any] = {}
        ok = True
        for f in dataclasses.fields(cls):
            if cls is Layout and f.name in _TOP_LEVEL:
                continue
            place = f"{where}.{f.name}" if where else f.name
            if f.name not in obj:
                self.fail(place, "thiếu (bắt buộc)")
                ok = False
                continue
            value = self.value(hints[f.name], f, obj[f.name], place)
            if value is None:
                ok = False
            values[f.name] = value
        if cls is Layout:
            values.update(id="", name="")
        known = {f.name for f in dataclasses.fields(cls)}
        for key in obj:
            if key not in known and not (cls is Layout and key in ("format", "format_version")):
                self.fail(f"{where}.{key}" if where else key, "không phải mục nào của bố cục")
        return cls(**values) if ok else None

    def value(self, hint: Any, f: dataclasses.Field[Any], raw: Any, place: str) -> Any:
        if hint is bool:
            if not isinstance(raw, bool):
                self.fail(place, "phải là true hoặc false")
                return None
            return raw
        if hint in (int, float):
            return self.number(hint, f, raw, place)
        if hint is str:
            return self.text(f, raw, place)
        if typing.get_origin(hint) is tuple:
            item_cls = typing.get_args(hint)[0]
            if not isinstance(raw, list):
                self.fail(place, "phải là một danh sách")
                return None
            if len(raw) > _MOST_ITEMS:
                self.fail(place, f"có {len(raw):,} mục, quá nhiều".replace(",", "."))
                return None
            items = [self.build(item_cls, item, f"{place}[{i}]") for i, item in enumerate(raw)]
            return None if any(i is None for i in items) else tuple(items)
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            return self.build(hint, raw, place)
        raise TypeError(f"unsupported layout field type {hint!r}")  # a programming error

    def number(self, hint: Any, f: dataclasses.Field[Any], raw: Any, place: str) -> Any:
        lo, hi = f.metadata.get("range", (float("-inf"), float("inf")))
        allowed = f"từ {_shown(lo)} đến {_shown(hi)}"
        is_number = isinstance(raw, (int, float)) and not isinstance(raw, bool)
        if not is_number or (hint is int and not isinstance(raw, int)):
            kind = "số nguyên" if hint is int else "một số"
            self.fail(place, f"phải là {kind} {allowed}")
            return None
        if isinstance(raw, float) and not math.isfinite(raw):
            self.fail(place, f"phải là một số {allowed}")
            return None
        if not lo <= raw <= hi:  # exact for integers of any size: nothing is converted yet
            self.fail(place, f"{_shown(raw)} nằm ngoài khoảng cho phép ({allowed})")
            return None
        return hint(raw)

    def text(self, f: dataclasses.Field[Any], raw: Any, place: str) -> Any:
        if not isinstance(raw, str):
            self.fail(place, "phải là chuỗi chữ")
            return None
        if not raw.strip() and not f.metadata.get("blank", False):
            self.fail(place, "không được để trống")
            return None
        longest = f.metadata.get("longest", _LONGEST_TEXT)
        if len(raw) > longest:
            self.fail(place, f"dài {_count(len(raw))} ký tự, tối đa {_count(longest)} ký tự")
            return None
        return raw


_LONGEST_TEXT = 200
_MOST_ITEMS = 50
_EM = 0.7  # a generous width of one character, in ems (capitals in bold are about 0.65 em)
_MM = 72 / 25.4  # points in a millimetre
_TITLE_LINES = 6  # a column title may wrap over at most this many lines
_HUGE = 10**15


def _shown(value: float) -> str:
    """A number in a message (Vietnamese decimal comma), never converting a huge integer."""
    if isinstance(value, int) and abs(value) >= _HUGE:
        return "một số rất lớn"
    return f"{value:g}".replace(".", ",")


def _count(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _width_pt(text: str, size: float) -> float:
    """A generous estimate of the width of ``text`` at ``size`` points (never less)."""
    return len(text) * _EM * size


def _lines(text: str, size: float, width_pt: float) -> int:
    return max(1, math.ceil(_width_pt(text, size) / width_pt)) if width_pt > 0 else 1_000_000


def _check_geometry(chk: _Checker, layout: Layout) -> None:
    """Cross-field rules: the page exists, the columns fill the text width exactly."""
    text_width = layout.text_width_mm
    if text_width < 80:
        chk.fail("page", f"lề trái và lề phải quá rộng: chỉ còn {_shown(text_width)} mm cho chữ")
    columns = layout.table.columns
    if len(columns) != TABLE_COLUMNS:
        chk.fail("table.columns", f"bảng cần đúng {TABLE_COLUMNS} cột, đang có {len(columns)}")
    total = sum(c.width_mm for c in columns)
    if abs(total - text_width) > 0.5:
        chk.fail(
            "table.columns",
            f"tổng độ rộng các cột là {_shown(total)} mm, phải bằng độ rộng vùng chữ "
            f"{_shown(text_width)} mm",
        )
    for key, width in (
        ("header.left_column_mm", layout.header.left_column_mm),
        ("signature.left_column_mm", layout.signature.left_column_mm),
    ):
        if width > text_width - 30:
            chk.fail(
                key,
                f"cột trái {_shown(width)} mm quá rộng so với vùng chữ {_shown(text_width)} mm",
            )
    for key, size, leading in (
        ("header.leading", layout.header.size, layout.header.leading),
        ("title.summary_leading", layout.title.summary_size, layout.title.summary_leading),
        ("body.leading", layout.body.size, layout.body.leading),
        ("table.leading", layout.table.size, layout.table.leading),
        ("recipients.leading", layout.recipients.size, layout.recipients.leading),
        ("signature.leading", layout.signature.size, layout.signature.leading),
    ):
        if leading < size:
            chk.fail(key, f"khoảng cách dòng {_shown(leading)} nhỏ hơn cỡ chữ {_shown(size)}")


def _check_fit(chk: _Checker, layout: Layout) -> None:
    """What must fit where it is printed: the table's columns and header on the page, each
    fixed string in its place. Widths are estimated generously (:data:`_EM`), so a profile
    accepted here lays out, in ReportLab and in Word alike."""
    p, t, h = layout.page, layout.table, layout.header
    text_width = layout.text_width_mm * _MM
    frame_height = (layout.page_size_mm[1] - p.margin_top_mm - p.margin_bottom_mm) * _MM
    number_bottom = layout.page_number.baseline_from_top_mm * _MM + 0.3 * layout.page_number.size
    if number_bottom > p.margin_top_mm * _MM:
        chk.fail(
            "page_number.baseline_from_top_mm",
            f"số trang đè lên phần chữ: phải nhỏ hơn lề trên ({_shown(p.margin_top_mm)} mm)",
        )
    header_leading = t.header_size * t.leading / t.size
    tallest_title = 0
    for i, c in enumerate(t.columns):
        place = f"table.columns[{i}]"
        inside = c.width_mm * _MM - 2 * c.padding_pt
        hang = t.bullet_indent_mm * _MM if i else 0.0
        if inside - hang < 1.5 * max(t.size, t.header_size):
            after = "lề trong và thụt đầu dòng của gạch đầu dòng" if hang else "lề trong"
            chk.fail(
                f"{place}.padding_pt",
                f"cột rộng {_shown(c.width_mm)} mm không còn chỗ cho chữ cỡ "
                f"{_shown(max(t.size, t.header_size))} sau {after}",
            )
            continue
        lines = _lines(c.title, t.header_size, inside)
        tallest_title = max(tallest_title, lines)
        if lines > _TITLE_LINES:
            chk.fail(
                f"{place}.title",
                f"tiêu đề cột quá dài: khoảng {_count(lines)} dòng trong cột rộng "
                f"{_shown(c.width_mm)} mm (tối đa {_TITLE_LINES} dòng)",
            )
    # The header row, repeated on every page, and two lines of a row must fit on one page.
    header_row = tallest_title * header_leading + 2 * t.vertical_padding_pt
    first_lines = 2 * t.leading + 2 * t.vertical_padding_pt
    if tallest_title <= _TITLE_LINES and header_row + first_lines > frame_height / 2:
        chk.fail(
            "table.header_size",
            "hàng tiêu đề của bảng quá cao so với trang: hãy giảm cỡ chữ, khoảng cách dòng "
            "hoặc rút ngắn tiêu đề cột",
        )
    # Drawn on one line, never wrapped: the party's name (with its rule) and the draft mark.
    # The other fixed strings wrap in their place and are bounded by their length.
    right_column = text_width - h.left_column_mm * _MM
    one_line = (
        ("header.party_name", h.party_name, h.party_name_size, right_column),
        ("draft_mark.text", layout.draft_mark.text, layout.draft_mark.size, text_width / 2),
    )
    for place, text, size, room in one_line:
        if _width_pt(text, size) > room:
            chk.fail(
                place,
                f"“{text[:40]}” không vừa một dòng ở cỡ chữ {_shown(size)} "
                f"(chỗ rộng khoảng {_shown(round(room / _MM))} mm)",
            )


def parse_layout(data: Any, source: str = "<layout>") -> Layout:
    """Check a profile's parsed JSON and build it; raise LayoutError listing every mistake.

    Nothing else is raised: a fault of the checker itself refuses the profile too, naming the
    file, so that printing falls back to the bundled profile instead of failing.
    """
    try:
        return _parse_layout(data, source)
    except LayoutError:
        raise
    except Exception as exc:  # any fault refuses the profile, never the print
        raise LayoutError(
            f"{source}: không kiểm tra được bố cục trang in này (lỗi của chương trình khi đọc "
            "tệp); hãy dùng bố cục đi kèm chương trình."
        ) from exc


def _parse_layout(data: Any, source: str) -> Layout:
    chk = _Checker(source)
    if not isinstance(data, dict):
        raise LayoutError(f"{source}: bố cục phải là một đối tượng JSON")
    for where, message in header_problems(data, LAYOUT_FORMAT, LAYOUT_FORMAT_VERSION):
        chk.fail(where, message)
    layout_id = data.get("id")
    if not isinstance(layout_id, str) or len(layout_id) > 64 or not NAME_RE.match(layout_id):
        chk.fail("id", "phải là tên không dấu (chữ, số, . _ -), tối đa 64 ký tự")
        layout_id = ""
    name = data.get("name", layout_id)
    if not isinstance(name, str) or len(name) > _LONGEST_TEXT:
        chk.fail("name", f"phải là chuỗi chữ, tối đa {_LONGEST_TEXT} ký tự")
        name = str(layout_id)
    page = data.get("page")
    if isinstance(page, dict):
        size = page.get("size")
        if not isinstance(size, str) or size not in PAPER_SIZES_MM:
            sizes = " hoặc ".join(f"“{name}”" for name in PAPER_SIZES_MM)
            chk.fail("page.size", f"khổ giấy phải là {sizes}")
            data = {**data, "page": {**page, "size": "A4"}}
    built = chk.build(Layout, {k: v for k, v in data.items() if k not in _TOP_LEVEL}, "")
    if built is not None:
        built = dataclasses.replace(built, id=layout_id, name=name or layout_id, source=source)
        _check_geometry(chk, built)
        _check_fit(chk, built)
    if chk.errors or built is None:
        raise LayoutError("Bố cục trang in có lỗi:\n" + "\n".join(chk.errors))
    layout: Layout = built
    return layout


def load_layout_file(path: str | os.PathLike[str]) -> Layout:
    """Load and check one profile file; LayoutError, naming the file, for anything wrong."""
    p = Path(path)
    try:
        size = p.stat().st_size if p.is_file() else 0
        if size > MAX_LAYOUT_BYTES:
            raise LayoutError(
                f"{p}: tệp bố cục quá lớn ({_count(size)} byte); một bố cục chỉ dài vài nghìn "
                "byte, đây không phải tệp bố cục"
            )
        data = read_json_data(p, LayoutError, "tệp bố cục")
    except LayoutError:
        raise
    except Exception as exc:  # an unreadable profile is refused, never a crash
        raise LayoutError(f"{p}: không đọc được tệp bố cục") from exc
    return parse_layout(data, str(p))


def bundled_layout_path(name: str) -> Path | None:
    """The profile ``name`` that comes with the program, if there is one."""
    if not NAME_RE.match(name):
        return None
    bundled = resource_path("layouts", f"{name}.json")
    return bundled if bundled.is_file() else None


def layout_path(name: str, *, data_dir: str | os.PathLike[str] | None = None) -> Path:
    """Where the profile ``name`` is read from: the user's folder first, then the bundled one."""
    if not NAME_RE.match(name):
        raise LayoutError(f"tên bố cục không hợp lệ: “{name}”")
    user = user_data_dir(data_dir) / "layouts" / f"{name}.json"
    if user.is_file():
        return user
    bundled = bundled_layout_path(name)
    if bundled is None:
        raise LayoutError(f"Không có bố cục trang in “{name}”.")
    return bundled


def load_layout(
    name: str = DEFAULT_LAYOUT, *, data_dir: str | os.PathLike[str] | None = None
) -> Layout:
    """The layout profile called ``name`` (``party-hd36``: the Party's layout, the default).

    ``name`` may also be the path of a profile file (ending in ``.json``). ``data_dir`` is the
    user's data folder when it is not the default one (``--data-dir``).
    """
    if name.lower().endswith(".json") or os.sep in name or "/" in name:
        return load_layout_file(name)
    return load_layout_file(layout_path(name, data_dir=data_dir))
