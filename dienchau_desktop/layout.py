"""The layout profile: how the printed report looks, as data.

A profile (``resources/layouts/<name>.json``) holds the paper, margins, font sizes, spacing, the
fixed strings ("ĐẢNG CỘNG SẢN VIỆT NAM", the table's column titles) and the punctuation of the
recipient lines. The values come from the Party's document-format guideline (HD 36-HD/VPTW); a
later guideline is a new or changed profile, never a code change.

The loader checks every value (type and sensible range) and names the file and the place of each
mistake, e.g. ``table.columns[2].width_mm``. A profile is complete: no value is taken silently
from somewhere else. A profile in the user's data folder (``layouts/<name>.json``) is preferred
over the bundled one of the same name, so an office can adjust its layout without touching the
program.
"""

from __future__ import annotations

import dataclasses
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


class LayoutError(ValueError):
    """A layout profile that cannot be used; the message names the file and the place."""


def _range(lo: float, hi: float) -> dict[str, Any]:
    """Field metadata: a number allowed between ``lo`` and ``hi`` (inclusive)."""
    return {"range": (lo, hi)}


_BLANK = {"blank": True}  # field metadata: a text that may be empty


@dataclass(frozen=True)
class PageLayout:
    size: str
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
    party_name: str
    party_name_size: float = field(metadata=_range(8, 24))
    party_rule_width_pt: float = field(metadata=_range(0.1, 3))
    party_rule_gap_pt: float = field(metadata=_range(0, 12))
    star: str = field(metadata=_BLANK)
    number_prefix: str = field(metadata=_BLANK)
    blank_number_spaces: int = field(metadata=_range(0, 40))
    space_after_pt: float = field(metadata=_range(0, 120))


@dataclass(frozen=True)
class TitleLayout:
    size: float = field(metadata=_range(8, 30))
    space_before_pt: float = field(metadata=_range(0, 120))
    summary_size: float = field(metadata=_range(8, 24))
    summary_leading: float = field(metadata=_range(8, 40))
    summary_indent_mm: float = field(metadata=_range(0, 60))
    mark: str = field(metadata=_BLANK)
    space_after_pt: float = field(metadata=_range(0, 120))


@dataclass(frozen=True)
class BodyLayout:
    size: float = field(metadata=_range(8, 20))
    leading: float = field(metadata=_range(8, 40))
    first_line_indent_mm: float = field(metadata=_range(0, 40))
    paragraph_space_pt: float = field(metadata=_range(0, 40))


@dataclass(frozen=True)
class ColumnLayout:
    title: str
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
    bullet: str
    bullet_indent_mm: float = field(metadata=_range(0, 20))
    figure_separator: str
    missing_value: str
    space_before_pt: float = field(metadata=_range(0, 60))
    # Pieces of long text are at most this many lines, so a long answer flows page after page
    # without ReportLab re-measuring the whole rest of it on each page.
    max_piece_lines: int = field(metadata=_range(2, 60))


@dataclass(frozen=True)
class RecipientsLayout:
    title: str
    title_size: float = field(metadata=_range(8, 20))
    title_bold: bool
    title_italic: bool
    title_underline: bool
    size: float = field(metadata=_range(8, 20))
    leading: float = field(metadata=_range(8, 40))
    prefix: str = field(metadata=_BLANK)
    separator: str = field(metadata=_BLANK)
    last: str = field(metadata=_BLANK)


@dataclass(frozen=True)
class SignatureLayout:
    left_column_mm: float = field(metadata=_range(30, 150))
    size: float = field(metadata=_range(8, 20))
    leading: float = field(metadata=_range(8, 40))
    space_for_signature_mm: float = field(metadata=_range(5, 80))
    space_before_pt: float = field(metadata=_range(0, 120))


@dataclass(frozen=True)
class DraftMarkLayout:
    text: str
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
            lo, hi = f.metadata.get("range", (float("-inf"), float("inf")))
            is_number = isinstance(raw, (int, float)) and not isinstance(raw, bool)
            if not is_number or (hint is int and not isinstance(raw, int)):
                kind = "số nguyên" if hint is int else "một số"
                self.fail(place, f"phải là {kind} từ {lo:g} đến {hi:g}")
                return None
            if not lo <= raw <= hi:
                self.fail(place, f"{raw:g} nằm ngoài khoảng cho phép ({lo:g} đến {hi:g})")
                return None
            return hint(raw)
        if hint is str:
            if not isinstance(raw, str):
                self.fail(place, "phải là chuỗi chữ")
                return None
            if not raw.strip() and not f.metadata.get("blank", False):
                self.fail(place, "không được để trống")
                return None
            return raw
        if typing.get_origin(hint) is tuple:
            item_cls = typing.get_args(hint)[0]
            if not isinstance(raw, list):
                self.fail(place, "phải là một danh sách")
                return None
            items = [self.build(item_cls, item, f"{place}[{i}]") for i, item in enumerate(raw)]
            return None if any(i is None for i in items) else tuple(items)
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            return self.build(hint, raw, place)
        raise TypeError(f"unsupported layout field type {hint!r}")  # a programming error


def _check_geometry(chk: _Checker, layout: Layout) -> None:
    """Cross-field rules: the page exists, the columns fill the text width exactly."""
    text_width = layout.text_width_mm
    if text_width < 80:
        chk.fail("page", f"lề trái và lề phải quá rộng: chỉ còn {text_width:g} mm cho chữ")
    columns = layout.table.columns
    if len(columns) != TABLE_COLUMNS:
        chk.fail("table.columns", f"bảng cần đúng {TABLE_COLUMNS} cột, đang có {len(columns)}")
    total = sum(c.width_mm for c in columns)
    if abs(total - text_width) > 0.5:
        chk.fail(
            "table.columns",
            f"tổng độ rộng các cột là {total:g} mm, phải bằng độ rộng vùng chữ {text_width:g} mm",
        )
    for key, width in (
        ("header.left_column_mm", layout.header.left_column_mm),
        ("signature.left_column_mm", layout.signature.left_column_mm),
    ):
        if width > text_width - 30:
            chk.fail(key, f"cột trái {width:g} mm quá rộng so với vùng chữ {text_width:g} mm")
    for key, size, leading in (
        ("header.leading", layout.header.size, layout.header.leading),
        ("title.summary_leading", layout.title.summary_size, layout.title.summary_leading),
        ("body.leading", layout.body.size, layout.body.leading),
        ("table.leading", layout.table.size, layout.table.leading),
        ("recipients.leading", layout.recipients.size, layout.recipients.leading),
        ("signature.leading", layout.signature.size, layout.signature.leading),
    ):
        if leading < size:
            chk.fail(key, f"khoảng cách dòng {leading:g} nhỏ hơn cỡ chữ {size:g}")


def parse_layout(data: Any, source: str = "<layout>") -> Layout:
    """Check a profile's parsed JSON and build it; raise LayoutError listing every mistake."""
    chk = _Checker(source)
    if not isinstance(data, dict):
        raise LayoutError(f"{source}: bố cục phải là một đối tượng JSON")
    for where, message in header_problems(data, LAYOUT_FORMAT, LAYOUT_FORMAT_VERSION):
        chk.fail(where, message)
    layout_id = data.get("id")
    if not isinstance(layout_id, str) or not NAME_RE.match(layout_id):
        chk.fail("id", "phải là tên không dấu (chữ, số, . _ -)")
        layout_id = ""
    name = data.get("name", layout_id)
    if not isinstance(name, str):
        chk.fail("name", "phải là chuỗi chữ")
        name = str(layout_id)
    page = data.get("page")
    if isinstance(page, dict) and page.get("size") not in PAPER_SIZES_MM:
        chk.fail("page.size", f"khổ giấy phải là một trong {', '.join(PAPER_SIZES_MM)}")
        data = {**data, "page": {**page, "size": "A4"}}
    built = chk.build(Layout, {k: v for k, v in data.items() if k not in _TOP_LEVEL}, "")
    if built is not None:
        built = dataclasses.replace(built, id=layout_id, name=name or layout_id, source=source)
        _check_geometry(chk, built)
    if chk.errors or built is None:
        raise LayoutError("Bố cục trang in có lỗi:\n" + "\n".join(chk.errors))
    layout: Layout = built
    return layout


def load_layout_file(path: str | os.PathLike[str]) -> Layout:
    """Load and check one profile file."""
    p = Path(path)
    return parse_layout(read_json_data(p, LayoutError, "tệp bố cục"), str(p))


def layout_path(name: str, *, data_dir: str | os.PathLike[str] | None = None) -> Path:
    """Where the profile ``name`` is read from: the user's folder first, then the bundled one."""
    if not NAME_RE.match(name):
        raise LayoutError(f"tên bố cục không hợp lệ: “{name}”")
    user = user_data_dir(data_dir) / "layouts" / f"{name}.json"
    if user.is_file():
        return user
    bundled = resource_path("layouts", f"{name}.json")
    if not bundled.is_file():
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
