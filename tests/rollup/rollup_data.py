"""A tally of N communes made from the bundled example, with figures the tests know.

Every commune is the example report of xã Diễn Châu under another name, with these changes
(``i`` counts the communes from 0, in the order they are made):

- "Số cuộc kiểm tra, giám sát" (II.1) is ``i + 1`` cuộc: the total is n·(n+1)/2;
- "Tổng kinh phí cấp/năm" (II.3) is ``(i + 1)`` million đồng, written out in full;
- "Số đơn vị có quy chế phối hợp" (II.5) is the ratio 8/8 or 7/8 (odd ``i``);
- "Tỷ lệ giải quyết" (II.4) is ``90 + i % 10`` and a half per cent ("90,5%");
- "Số buổi đối thoại" (II.4) stays the range "2 - 3 buổi/năm", "Số hộ tham gia" (III.1) the
  qualified "trên 85% hộ dân";
- the second commune wrote "mười tám" for "Số ý kiến tiếp nhận" (II.4): unreadable, an error;
- the third left "Số kế hoạch, chương trình phối hợp ban hành" (I.2) empty: missing, an error.

An older copy of the first commune is tallied too (it is replaced), and the tally gets one
refused input and one skipped file, as the sources module would report them.
"""

from __future__ import annotations

import copy
import functools
from decimal import Decimal

from dienchau_desktop.draft import Draft, example_draft
from dienchau_desktop.figures import format_number
from dienchau_desktop.rollup.tally import Entry, Rollup, tally
from dienchau_desktop.template import load_template

CHECKS = "II.1/so_cuoc_kiem_tra_giam_sat"
MONEY = "II.3/tong_kinh_phi"
RATIO = "II.5/so_don_vi_co_quy_che"
PERCENT = "II.4/ty_le_giai_quyet"
RANGE = "II.4/so_buoi_doi_thoai"
QUALIFIED = "III.1/so_ho_tham_gia"
UNREADABLE = "II.4/so_y_kien_tiep_nhan"
MISSING = "I.2/so_ke_hoach_phoi_hop"
UNREADABLE_TEXT = "mười tám"
REFUSED = ("hong/bao-cao-loi.json", "Tệp nháp có lỗi: không đọc được nội dung JSON.")
SKIPPED = "hong/anh-chup.png"

BASES = (
    "Diễn An", "Diễn Bích", "Diễn Cát", "Diễn Đoài", "Diễn Hạnh", "Diễn Hoa", "Diễn Hồng",
    "Diễn Kim", "Diễn Lâm", "Diễn Liên", "Diễn Lộc", "Diễn Mỹ", "Diễn Nguyên", "Diễn Phong",
    "Diễn Phú", "Diễn Quảng", "Diễn Tân", "Diễn Thái", "Diễn Thành", "Diễn Thịnh",
    "Diễn Trường", "Diễn Vạn", "Diễn Xuân", "Diễn Yên",
)  # fmt: skip

_EXAMPLE: list[Draft] = []


def commune_name(i: int, n: int) -> str:
    """The name of the ``i``-th commune of ``n``."""
    base = BASES[i % len(BASES)]
    return f"xã {base}" if n <= len(BASES) else f"xã {base} {i // len(BASES) + 1}"


def money(i: int) -> Decimal:
    return Decimal((i + 1) * 1_000_000)


def percent(i: int) -> Decimal:
    return Decimal(90 + i % 10) + Decimal("0.5")


def checks_total(n: int) -> int:
    return n * (n + 1) // 2


def money_total(n: int) -> int:
    return sum(int(money(i)) for i in range(n))


def _example() -> Draft:
    if not _EXAMPLE:
        _EXAMPLE.append(example_draft())
    return _EXAMPLE[0]


def commune_draft(i: int, n: int, *, updated: str = "2026-04-15T08:00:00+07:00") -> Draft:
    """The ``i``-th commune's report."""
    draft = copy.deepcopy(_example())
    name = commune_name(i, n)
    draft.meta.update(
        commune=name,
        issuing_body=f"ĐẢNG ỦY {name.upper()}",
        draft_id=f"{i:032d}",
        title=f"Báo cáo tổng kết KL62 – {name}",
        updated=updated,
    )
    figures = {q: a.figures for q, a in draft.answers.items()}
    figures["II.1"]["so_cuoc_kiem_tra_giam_sat"] = f"{i + 1} cuộc"
    figures["II.3"]["tong_kinh_phi"] = f"{format_number(money(i))} đồng"
    figures["II.5"]["so_don_vi_co_quy_che"] = "7/8 tổ chức" if i % 2 else "8/8 tổ chức"
    figures["II.4"]["ty_le_giai_quyet"] = f"{format_number(percent(i))}%"
    if i == 1:
        figures["II.4"]["so_y_kien_tiep_nhan"] = UNREADABLE_TEXT
    if i == 2:
        figures["I.2"]["so_ke_hoach_phoi_hop"] = ""
    draft.answers["V"].text = f"Kiến nghị của {name}: {draft.answers['V'].text}"
    return draft


def source(i: int) -> str:
    return f"bao-cao/{i:04d}.json"


def build_rollup(n: int) -> Rollup:
    """The tally of ``n`` communes (and an older copy of the first one, replaced)."""
    entries = [Entry(commune_draft(i, n), source(i)) for i in range(n)]
    older = commune_draft(0, n, updated="2026-04-01T08:00:00+07:00")
    entries.append(Entry(older, "bao-cao/cu/0000.json"))
    rollup = tally(entries, load_template())
    rollup.refused.append(REFUSED)
    rollup.skipped.append(SKIPPED)
    return rollup


@functools.cache
def shared_rollup(n: int) -> Rollup:
    """:func:`build_rollup`, made once per test run: for tests that only read it."""
    return build_rollup(n)
