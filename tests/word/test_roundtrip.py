"""Our own Word copy read back as the same report, and the ways in: CLI, store, carry-over."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from clirun import run_cli

from dienchau_desktop.draft import Draft, ExtraFigure, example_draft
from dienchau_desktop.figures import format_for_print
from dienchau_desktop.template import load_template
from dienchau_desktop.word import render_docx
from dienchau_desktop.word.reader import read_word
from dienchau_desktop.workspace import Workspace

BOOKKEEPING = {"draft_id", "title", "created", "updated"}


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _meta(value: object) -> object:
    if isinstance(value, list):
        return [_norm(str(v)) for v in value]
    return _norm(str(value))


def _richer_example() -> Draft:
    """The example with what it lacks: a document number, notes and extra evidence lines."""
    draft = example_draft()
    draft.meta["document_number"] = "45"
    draft.answers["I.2"].note = "Có 2 nghị quyết ban hành năm 2024."
    draft.answers["II.1"].extra_figures.append(ExtraFigure("Số cuộc giám sát đột xuất", "3 cuộc"))
    draft.answers["IV.1"].note = "Sau sắp xếp.\n- Giảm 4 người"
    return draft


def _assert_same_report(back: Draft, original: Draft) -> None:
    template = load_template()
    for q in template.questions:
        mine, theirs = original.get_answer(q.id), back.get_answer(q.id)
        assert _norm(theirs.text) == _norm(mine.text), q.id
        assert _norm(theirs.note) == _norm(mine.note), q.id
        for spec in q.figures:
            expected = mine.figures.get(spec.id, "")
            got = theirs.figures.get(spec.id, "")
            assert format_for_print(got, spec.kind, spec.unit) == format_for_print(
                expected, spec.kind, spec.unit
            ), (q.id, spec.id)
        assert [(e.label, e.value) for e in theirs.extra_figures] == [
            (e.label, e.value) for e in mine.extra_figures
        ], q.id
    for key, value in original.meta.items():
        if key not in BOOKKEEPING:
            assert _meta(back.meta.get(key, "")) == _meta(value), key


def test_our_word_copy_reads_back_as_the_same_report() -> None:
    original = _richer_example()
    for final in (True, False):
        result = read_word(render_docx(original, final=final), load_template(), name="x.docx")
        _assert_same_report(result.draft, original)
        assert result.unplaced == [] and result.missing == []
        assert result.draft.id != original.id


def test_import_word_command_writes_a_draft_file(tmp_path: Path) -> None:
    source = tmp_path / "báo cáo.docx"
    source.write_bytes(render_docx(_richer_example()))
    out = tmp_path / "nhap.json"
    done = run_cli("import-word", str(source), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "Đã đọc tệp Word “báo cáo.docx”" in done.stderr and "I.2: câu trả lời" in done.stderr
    back = Workspace(tmp_path / "data").read_file(out)
    _assert_same_report(back, _richer_example())
    assert json.loads(out.read_text("utf-8"))["template"]["id"] == "kl62"


def test_import_word_refuses_what_is_not_a_word_report(tmp_path: Path) -> None:
    cases = {
        "cu.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024,
        "van-ban.docx": "không phải Word".encode(),
    }
    for name, data in cases.items():
        source = tmp_path / name
        source.write_bytes(data)
        out = tmp_path / f"{name}.json"
        done = run_cli("import-word", str(source), "-o", str(out))
        assert done.returncode == 2, (name, done.stderr)
        assert done.stderr.startswith("Lỗi: ") and "Traceback" not in done.stderr
        assert not out.exists()
    assert "Word 97" in run_cli("import-word", str(tmp_path / "cu.doc"), "-o", "x").stderr


def test_drafts_import_takes_word_reports_all_or_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    good = tmp_path / "tot.docx"
    good.write_bytes(render_docx(example_draft()))
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"PK\x03\x04 broken")
    done = run_cli("drafts", "import", str(good), str(bad), "--data-dir", str(data))
    assert done.returncode == 2 and "hong.docx" in done.stderr
    assert "Chưa nhập tệp nào" in done.stderr
    listed = run_cli("drafts", "list", "--json", "--data-dir", str(data))
    assert json.loads(listed.stdout or "[]") == []
    done = run_cli("drafts", "import", str(good), "--data-dir", str(data))
    assert done.returncode == 0, done.stderr
    new_id = done.stdout.strip()
    back = Workspace(data, readonly=True).load(new_id)
    assert back.answers["I.2"].figures == example_draft().answers["I.2"].figures


def test_last_years_word_report_becomes_this_years_draft(tmp_path: Path) -> None:
    """Imported, then "a new report from an earlier one": last period's figures are shown."""
    source = tmp_path / "nam-truoc.docx"
    source.write_bytes(render_docx(example_draft(), final=True))
    with Workspace(tmp_path / "data") as workspace:
        imported = workspace.import_word(source)
        this_year = workspace.new_from(imported.draft.id)
    earlier = example_draft().answers["II.1"].figures
    assert this_year.answers["II.1"].previous_figures == earlier
    assert not any(this_year.answers["II.1"].figures.values())
    assert _norm(this_year.answers["I.1"].text) == _norm(example_draft().answers["I.1"].text)
