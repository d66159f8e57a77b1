"""The form as data: the bundled template loads, and the loader names every mistake's place."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dienchau_desktop.paths import resource_path
from dienchau_desktop.template import (
    TemplateError,
    available_templates,
    load_template,
    load_template_file,
)

EXPECTED_IDS = [
    "I.1", "I.2", "II.1", "II.2", "II.3", "II.4", "II.5", "III.1", "III.2", "III.3", "III.4",
    "III.5", "IV.1", "IV.2", "V", "VI.1", "VI.2", "VI.3",
]  # fmt: skip


def _kl62() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resource_path("templates", "kl62.json").read_text("utf-8"))
    return data


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "mau.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_kl62_questions_in_order_and_numbered_by_position() -> None:
    """The KL62 form has the 18 questions I.1 … VI.3; numbers come from position (III.4 is 4)."""
    t = load_template("kl62")
    assert [q.id for q in t.questions] == EXPECTED_IDS
    assert t.question("III.4") is not None and t.question("III.4").number == "4"  # type: ignore[union-attr]
    assert [s.id for s in t.sections] == ["I", "II", "III", "IV", "V", "VI"]


def test_only_vi3_answer_optional_and_v_has_no_figures() -> None:
    """Every narrative answer is required except VI.3; section V is free text."""
    t = load_template("kl62")
    assert [q.id for q in t.questions if not q.answer_required] == ["VI.3"]
    v = t.question("V")
    assert v is not None and v.figures == ()


def test_all_seed_figures_required() -> None:
    """Every figure of the form (all from the seed report) is required, with kind and label."""
    t = load_template("kl62")
    figures = [f for q in t.questions for f in q.figures]
    assert len(figures) == 26
    assert all(f.required and f.label and f.kind for f in figures)


def test_every_bundled_template_loads() -> None:
    """A template added under resources/templates must pass the loader."""
    assert [t.id for t in available_templates()] == ["kl62"]


def _q(d: dict[str, Any], s: int, q: int) -> dict[str, Any]:
    question: dict[str, Any] = d["sections"][s]["questions"][q]
    return question


def _f(d: dict[str, Any], s: int, q: int, f: int) -> dict[str, Any]:
    figure: dict[str, Any] = _q(d, s, q)["figures"][f]
    return figure


def _dup_question_id(d: dict[str, Any]) -> None:
    _q(d, 1, 1)["id"] = "II.1"


def _unknown_kind(d: dict[str, Any]) -> None:
    _f(d, 0, 1, 0)["kind"] = "so"


def _missing_label(d: dict[str, Any]) -> None:
    del _f(d, 0, 1, 1)["label"]


def _dup_figure_id(d: dict[str, Any]) -> None:
    _f(d, 0, 1, 1)["id"] = _f(d, 0, 1, 0)["id"]


def _unknown_meta_kind(d: dict[str, Any]) -> None:
    d["meta_fields"][0]["kind"] = "ngay"


def _unknown_placeholder(d: dict[str, Any]) -> None:
    d["preamble"] = "Thực hiện {khong_co}"


def _newer_format(d: dict[str, Any]) -> None:
    d["format_version"] = 99


def _empty_section(d: dict[str, Any]) -> None:
    d["sections"][2]["questions"] = []


@pytest.mark.parametrize(
    ("mutate", "place", "words"),
    [
        (_dup_question_id, "sections[1].questions[1].id", "trùng"),
        (_unknown_kind, "sections[0].questions[1].figures[0].kind", "không có"),
        (_missing_label, "sections[0].questions[1].figures[1].label", "thiếu"),
        (_dup_figure_id, "sections[0].questions[1].figures[1].id", "trùng"),
        (_unknown_meta_kind, "meta_fields[0].kind", "không có"),
        (_unknown_placeholder, "preamble", "khong_co"),
        (_newer_format, "format_version", "mới hơn"),
        (_empty_section, "sections[2].questions", "ít nhất"),
    ],
)
def test_loader_names_file_and_place(tmp_path: Path, mutate: Any, place: str, words: str) -> None:
    """A broken template is refused with the file, the place and the reason."""
    data = _kl62()
    mutate(data)
    path = _write(tmp_path, data)
    with pytest.raises(TemplateError) as err:
        load_template_file(path)
    message = str(err.value)
    assert str(path) in message
    assert place in message
    assert words in message


def test_loader_reports_json_syntax_position(tmp_path: Path) -> None:
    """Invalid JSON is reported with its line and column."""
    path = tmp_path / "hong.json"
    path.write_text('{"id": "x",\n  "sections": [,]}', encoding="utf-8")
    with pytest.raises(TemplateError, match=r"dòng 2, cột"):
        load_template_file(path)


def test_new_form_is_a_data_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A second form dropped into the templates folder loads with no code change."""
    root = tmp_path / "res"
    (root / "templates").mkdir(parents=True)
    data = _kl62()
    data.update(id="mau-moi", name="Báo cáo mới")
    data["sections"] = data["sections"][:1]
    _write(root / "templates", data).rename(root / "templates" / "mau-moi.json")
    monkeypatch.setenv("DIENCHAU_RESOURCES", str(root))
    from dienchau_desktop import template as template_module

    monkeypatch.setattr(template_module, "_CACHE", {})
    t = load_template("mau-moi")
    assert t.name == "Báo cáo mới" and [s.id for s in t.sections] == ["I"]
