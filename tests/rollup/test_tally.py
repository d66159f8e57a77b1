"""The tally: each kind added up the way a careful clerk would, checks across communes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dienchau_desktop.draft import Draft, example_draft
from dienchau_desktop.rollup.tally import Entry, read_value, tally
from dienchau_desktop.template import load_template

FORM = load_template()


def commune(name: str, figures: dict[str, dict[str, str]], **meta: str) -> Draft:
    """The example as another commune's report, with some figures changed."""
    draft = example_draft()
    draft.meta.update(
        {"draft_id": f"{abs(hash(name)):032x}"[:32], "commune": f"xã {name}"},
        issuing_body=f"ĐẢNG ỦY XÃ {name.upper()}",
        **meta,
    )
    for qid, values in figures.items():
        draft.answers[qid].figures.update(values)
    return draft


def run(*drafts: Draft) -> object:
    return tally([Entry(d, f"{i}.json") for i, d in enumerate(drafts)], FORM)


def test_counts_and_money_are_summed_with_scales_read() -> None:
    a = commune("A", {"II.1": {"so_cuoc_kiem_tra_giam_sat": "18 cuộc"}})
    b = commune("B", {"II.1": {"so_cuoc_kiem_tra_giam_sat": "7"}})
    c = commune("C", {"II.3": {"tong_kinh_phi": "1,5 tỷ đồng"}})
    r = run(a, b, c)
    t = r.totals["II.1/so_cuoc_kiem_tra_giam_sat"]
    assert (t.low, t.high, t.given) == (Decimal(18 + 7 + 18), Decimal(43), 3)
    assert t.text == "43 cuộc"
    money = r.totals["II.3/tong_kinh_phi"]
    assert money.low == Decimal(500_000_000 * 2 + 1_500_000_000)
    assert money.text == "2.500.000.000 đồng"


def test_ratios_add_parts_and_wholes_apart() -> None:
    a = commune("A", {"II.5": {"so_don_vi_co_quy_che": "8/8"}})
    b = commune("B", {"II.5": {"so_don_vi_co_quy_che": "7/8 tổ chức"}})
    t = run(a, b).totals["II.5/so_don_vi_co_quy_che"]
    assert (t.low, t.whole) == (Decimal(15), Decimal(16))
    assert t.text == "15/16 tổ chức"


def test_ranges_add_low_and_high_ends() -> None:
    a = commune("A", {"II.4": {"so_buoi_doi_thoai": "2 – 3 buổi/năm"}})
    b = commune("B", {"II.4": {"so_buoi_doi_thoai": "4"}})
    t = run(a, b).totals["II.4/so_buoi_doi_thoai"]
    assert (t.low, t.high) == (Decimal(6), Decimal(7))
    assert t.text == "6 – 7 buổi/năm"


def test_percentages_are_never_summed() -> None:
    values = ["80%", "92,5%", "100%"]
    drafts = [
        commune(n, {"II.4": {"ty_le_giai_quyet": v}}) for n, v in zip("ABC", values, strict=True)
    ]
    t = run(*drafts).totals["II.4/ty_le_giai_quyet"]
    assert (t.minimum, t.maximum, t.median, t.given) == (
        Decimal(80),
        Decimal(100),
        Decimal("92.5"),
        3,
    )
    assert t.low is None and t.text == "80% – 100%, trung vị 92,5%"


def test_averages_are_not_summed_either() -> None:
    a = commune("A", {"II.3": {"binh_quan_ho_tro_thon": "5 – 6 triệu/năm"}})
    b = commune("B", {"II.3": {"binh_quan_ho_tro_thon": "4 triệu"}})
    t = run(a, b).totals["II.3/binh_quan_ho_tro_thon"]
    assert t.low is None and (t.minimum, t.maximum) == (Decimal(4_000_000), Decimal(5_500_000))


@pytest.mark.parametrize(
    ("typed", "bound", "word"),
    [
        ("trên 18 cuộc", "at_least", "ít nhất"),
        ("khoảng 18", "approximate", "khoảng"),
        ("dưới 18", "at_most", "không quá"),
    ],
)
def test_qualifiers_mark_the_total(typed: str, bound: str, word: str) -> None:
    a = commune("A", {"II.1": {"so_cuoc_kiem_tra_giam_sat": typed}})
    b = commune("B", {"II.1": {"so_cuoc_kiem_tra_giam_sat": "2"}})
    t = run(a, b).totals["II.1/so_cuoc_kiem_tra_giam_sat"]
    assert t.low == Decimal(20) and t.bound == bound and t.text == f"{word} 20 cuộc"


def test_mixed_bounds_make_the_total_approximate() -> None:
    a = commune("A", {"II.1": {"so_cuoc_kiem_tra_giam_sat": "trên 5"}})
    b = commune("B", {"II.1": {"so_cuoc_kiem_tra_giam_sat": "dưới 5"}})
    assert run(a, b).totals["II.1/so_cuoc_kiem_tra_giam_sat"].bound == "approximate"


def test_missing_and_unreadable_values_are_shown_counted_and_left_out() -> None:
    a = commune("A", {"II.1": {"so_cuoc_kiem_tra_giam_sat": "mười tám cuộc"}})
    b = commune("B", {"II.1": {"so_cuoc_kiem_tra_giam_sat": ""}})
    c = commune("C", {"II.1": {"so_cuoc_kiem_tra_giam_sat": "8/8"}})
    d = commune("D", {})
    r = run(a, b, c, d)
    t = r.totals["II.1/so_cuoc_kiem_tra_giam_sat"]
    assert (t.given, t.missing, t.unreadable, t.low) == (1, 1, 2, Decimal(18))
    by_name = {m.name: m for m in r.communes}
    assert by_name["xã A"].values["II.1/so_cuoc_kiem_tra_giam_sat"].state == "unreadable"
    assert by_name["xã A"].values["II.1/so_cuoc_kiem_tra_giam_sat"].raw == "mười tám cuộc"
    assert by_name["xã C"].values["II.1/so_cuoc_kiem_tra_giam_sat"].state == "unusable"
    assert "II.1 Số cuộc kiểm tra, giám sát" in by_name["xã B"].missing
    assert by_name["xã B"].errors  # a required figure missing is an error of the one validation


def test_the_same_commune_twice_keeps_the_newer_and_lists_both() -> None:
    old = commune("A", {"II.1": {"so_cuoc_kiem_tra_giam_sat": "5"}}, updated="2026-04-01T08:00:00")
    new = commune("A", {"II.1": {"so_cuoc_kiem_tra_giam_sat": "9"}}, updated="2026-04-20T08:00:00")
    r = tally([Entry(new, "moi.json"), Entry(old, "cu.json")], FORM)
    assert [c.source for c in r.communes] == ["moi.json"]
    assert [(c.source, c.replaced_by) for c in r.replaced] == [("cu.json", "moi.json")]
    assert r.totals["II.1/so_cuoc_kiem_tra_giam_sat"].low == Decimal(9)


def test_a_draft_of_another_form_version_is_matched_by_figure_id() -> None:
    other = commune("B", {})
    other.template_version = 2
    other.answers["II.9"] = other.answers.pop("II.1")  # the question renumbered in version 2
    other.answers["II.9"].figures["so_moi"] = "3"  # a figure version 2 added
    r = run(commune("A", {}), other)
    b = next(c for c in r.communes if c.name == "xã B")
    assert b.values["II.1/so_cuoc_kiem_tra_giam_sat"].raw == "18 cuộc"
    assert b.unmatched == ["II.9 so_moi: 3"]
    assert r.totals["II.1/so_cuoc_kiem_tra_giam_sat"].low == Decimal(36)


def test_a_percent_typed_as_a_ratio_counts_as_its_share() -> None:
    v = read_value("9/10", "percent")
    assert v.state == "ok" and v.low == Decimal(90)


def test_the_tally_as_json_has_plain_numbers() -> None:
    data = run(commune("A", {}), commune("B", {})).to_json()
    t = data["totals"]["II.3/tong_kinh_phi"]
    assert t["low"] == 1_000_000_000 and isinstance(t["low"], int)
    assert [c["name"] for c in data["communes"]] == ["xã A", "xã B"]
    assert data["form"] == {"id": "kl62", "version": 1}


def test_communes_are_in_the_order_of_their_names_numbers_by_value() -> None:
    names = ["Số 10", "Đông", "Số 2", "An"]
    r = run(*(commune(n, {}) for n in names))
    assert [c.name for c in r.communes] == ["xã An", "xã Đông", "xã Số 2", "xã Số 10"]


def test_a_big_roll_up_checked_in_other_processes_gives_the_same_tally(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from dienchau_desktop.rollup import tally as tally_module

    drafts = [commune(f"Số {i}", {"II.1": {"so_cuoc_kiem_tra_giam_sat": str(i)}}) for i in range(6)]
    entries = [Entry(d, f"{i}.json") for i, d in enumerate(drafts)]
    alone = tally(entries, FORM).to_json()
    monkeypatch.setattr(tally_module, "PARALLEL_FROM", 2)
    monkeypatch.setattr(tally_module.processes, "cores", lambda: 2)
    started: list[int] = []
    real_pool = tally_module.processes.spawn_pool

    def pool(workers: int, *args: object) -> object:
        started.append(workers)
        return real_pool(workers, *args)

    monkeypatch.setattr(tally_module.processes, "spawn_pool", pool)
    assert tally(entries, FORM).to_json() == alone
    assert started == [2]
