"""Money units: one definition, in figures, used by validation."""

from __future__ import annotations

import pytest

from dienchau_desktop.figures import CURRENCY_WORDS, is_currency_unit
from dienchau_desktop.template import FigureSpec
from dienchau_desktop.validation import check_figure


@pytest.mark.parametrize(
    "unit",
    [
        "đồng",
        "Đồng",
        "đ",
        "VNĐ",
        "vnd",
        "đồng/năm",
        "đồng / hộ",
        "đ/người",
        "triệu đồng",
        "nghìn đồng/hộ",
        "tỷ đồng",
        "ngàn đồng",
        "tỉ đồng",
        "nghìn tỷ đồng",
        "đồng ngân sách",
    ],
)
def test_money_units(unit: str) -> None:
    assert is_currency_unit(unit)


@pytest.mark.parametrize(
    "unit", ["", "/năm", "triệu", "nghìn/năm", "người", "đợt", "hộ", "đồngg", "dong."]
)
def test_not_money_units(unit: str) -> None:
    assert not is_currency_unit(unit)


def test_currency_words_are_folded() -> None:
    assert {"dong", "d", "vnd"} == CURRENCY_WORDS


def test_validation_uses_it() -> None:
    count = FigureSpec("x", "Số buổi", "count", "buổi", True, "")
    money = FigureSpec("y", "Kinh phí", "money", "đồng", True, "")
    assert any("đơn vị tiền" in d for _, d in check_figure("8 VNĐ", count))
    assert check_figure("8 triệu VNĐ", money) == []
    assert any("không phải đơn vị tiền" in d for _, d in check_figure("8 người", money))
