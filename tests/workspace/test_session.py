"""The application layer without a QApplication: a session and a workspace driven as a face would.

Like mu's ``Editor`` tests against a fake view: every rule the GUI shows (section states, progress,
a field's messages, what a duplicate or a carried-over report resets, which general information
is remembered, which layout profile prints) is checked here without Qt.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pypdf
import pytest

from dienchau_desktop.draft import EXAMPLE_DRAFT_ID, example_draft, new_draft
from dienchau_desktop.template import load_template
from dienchau_desktop.validation import validate
from dienchau_desktop.workspace import DraftSession, Workspace
from dienchau_desktop.workspace.session import DONE, ERROR, META_KEY, MISSING, section_key


def _session() -> DraftSession:
    template = load_template()
    return DraftSession(new_draft(template), template)


def test_a_wrong_figure_is_kept_and_flagged() -> None:
    session = _session()
    question = next(q for q in session.template.questions if q.figures)
    fid = question.figures[0].id
    stored = session.set_figure(question.id, fid, "  8/ 8x ")
    assert session.draft.answers[question.id].figures[fid] == stored == "8/ 8x"
    mine = [p for p in session.question_problems(question.id) if p.figure == fid]
    assert mine and all(p.is_error for p in mine)


def test_one_question_alone_gives_what_the_whole_check_gives() -> None:
    """A field's messages while typing equal the whole check's: nothing vanishes and comes back."""
    draft = example_draft()
    template = load_template(draft.template_id)
    # A cross-check warning: the answer says one count, the figure another.
    qid = next(q.id for q in template.questions if any(f.kind == "count" for f in q.figures))
    session = DraftSession(draft, template)
    whole = [p for p in validate(draft, template) if p.question == qid]
    session.set_note(qid, draft.get_answer(qid).note + " ")  # a new revision, same content
    alone = session.question_problems(qid)
    assert not session.checked()
    assert alone == whole
    for question in template.questions:
        expected = [p for p in validate(draft, template) if p.question == question.id]
        assert session.question_problems(question.id) == expected


def test_duplicate_answer_warning_is_the_same_alone() -> None:
    template = load_template()
    session = DraftSession(new_draft(template), template)
    words = "Các đoàn thể đã tổ chức nhiều hoạt động thiết thực cho hội viên ở khu dân cư. " * 3
    first, second = template.questions[0].id, template.questions[1].id
    session.set_text(first, words)
    session.set_text(second, words)
    alone = session.question_problems(second)
    assert any("giống hệt" in p.detail for p in alone)
    assert alone == [p for p in session.problems() if p.question == second]


def test_pasted_tcvn3_text_becomes_unicode_and_stops_the_warning() -> None:
    session = _session()
    garbled = "§¶ng ñy x· DiÔn Ch©u l·nh ®¹o c¸c ®oµn thÓ ho¹t ®éng hiÖu qu¶ trong n¨m qua."
    pasted = session.paste(garbled, multiline=True)
    assert pasted.startswith("Đảng ủy xã Diễn Châu")
    session.set_text("I.1", pasted)
    assert not any("bảng mã cũ" in p.detail for p in session.question_problems("I.1"))
    session.set_text("I.1", garbled)  # typed as is: kept, and warned about
    assert session.draft.answers["I.1"].text == garbled
    assert any("bảng mã cũ" in p.detail for p in session.question_problems("I.1"))


def test_paste_into_a_one_line_field_gives_one_line() -> None:
    assert "\n" not in _session().paste("<p>12</p><p>buổi</p>", multiline=False)


def test_section_states_and_progress() -> None:
    template = load_template()
    session = DraftSession(new_draft(template), template)
    states = session.section_states()
    assert list(states) == [META_KEY, *(section_key(s.id) for s in template.sections)]
    assert set(states.values()) == {MISSING}
    nothing_asked = [
        q
        for q in template.questions
        if not q.answer_required and not any(f.required for f in q.figures)
    ]
    assert session.progress() == (len(nothing_asked), len(template.questions))

    done = DraftSession(example_draft(), load_template())
    assert done.progress()[0] == done.progress()[1]
    assert set(done.section_states().values()) == {DONE}
    question = next(q for q in template.questions if q.figures)
    done.set_figure(question.id, question.figures[0].id, "không rõ")
    assert done.section_state(section_key(question.section_id)) == ERROR
    assert done.section_state(META_KEY) == DONE


def test_empty_extra_lines_are_dropped_on_close_and_saved() -> None:
    saved = []
    template = load_template()
    session = DraftSession(
        new_draft(template), template, save=lambda d, facts: saved.append((d.to_dict(), facts))
    )
    kept = session.add_extra("I.1")
    session.set_extra("I.1", kept, label="Số buổi họp", value="12 buổi")
    session.add_extra("I.1")
    session.close()
    assert [e.label for e in session.draft.answers["I.1"].extra_figures] == ["Số buổi họp"]
    assert len(saved) == 1 and not session.dirty
    assert saved[0][0]["answers"]["I.1"]["extra_figures"] == [
        {"label": "Số buổi họp", "value": "12 buổi"}
    ]


def test_dates_are_stored_iso_and_lines_cleaned() -> None:
    session = _session()
    assert session.set_meta("report_date", "15/4/2026") == "2026-04-15"
    assert session.set_meta("recipients", "Tỉnh ủy\n\n  Lưu VP ") == ["Tỉnh ủy", "Lưu VP"]


# --- the workspace -----------------------------------------------------------------------------


def test_duplicate_and_carry_over_reset_identity(data_dir: Path) -> None:
    with Workspace(data_dir) as ws:
        example_id = ws.ensure_example()
        copy = ws.duplicate(example_id)
        assert copy.id != example_id and copy.title.endswith("(bản sao)")
        assert copy.meta["created"] == copy.meta["updated"]
        later = ws.new_from(example_id)
        assert later.meta["report_date"] == "" and later.meta["document_number"] == ""
        assert all(not a.figures for a in later.answers.values())
        assert any(a.previous_figures for a in later.answers.values())
        assert {s.id for s in ws.summaries()} == {example_id, copy.id, later.id}


def test_general_information_is_remembered_but_not_from_the_example(data_dir: Path) -> None:
    with Workspace(data_dir) as ws:
        ws.finish(ws.session(example_draft()))
        assert ws.remembered_meta() is None
        mine = example_draft()
        mine.meta["draft_id"] = "a" * 32
        mine.meta["signer_name"] = "Nguyễn Văn An"
        ws.finish(ws.session(mine))
        fresh = ws.new_draft()
        assert fresh.meta["signer_name"] == "Nguyễn Văn An"
        assert fresh.meta["report_date"] == ""
        assert fresh.id not in (EXAMPLE_DRAFT_ID, mine.id)


def test_the_data_folders_layout_profile_prints(data_dir: Path) -> None:
    profile = json.loads(Path("resources/layouts/party-hd36.json").read_text("utf-8"))
    profile["draft_mark"]["text"] = "BẢN XIN Ý KIẾN"
    (data_dir / "layouts").mkdir(parents=True)
    (data_dir / "layouts" / "party-hd36.json").write_text(
        json.dumps(profile, ensure_ascii=False), "utf-8"
    )
    ws = Workspace(data_dir, readonly=True)
    pdf = ws.render(example_draft())
    reader = pypdf.PdfReader(__import__("io").BytesIO(pdf))
    text = reader.pages[0].extract_text()
    assert "BẢN XIN Ý KIẾN" in text
    assert not ws.is_open  # printing a draft in memory never opens the store


@pytest.mark.skipif(sys.platform == "win32", reason="subprocess import check")
def test_the_workspace_imports_no_face() -> None:
    import subprocess

    code = (
        "import sys, dienchau_desktop.workspace;"
        "bad=[m for m in sys.modules if m.startswith(('PySide6','dienchau_desktop.gui',"
        "'dienchau_desktop.cli'))];print(bad);sys.exit(1 if bad else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_a_draft_that_cannot_be_saved_can_be_written_to_a_file(tmp_path: Path) -> None:
    """The way out when the data folder refuses a save: the draft in memory, as a draft file."""
    from dienchau_desktop.draft import read_draft_file

    draft = example_draft()
    draft.answers["I.1"].text = "Còn đang sửa"
    target = tmp_path / "bao-cao-chua-luu.json"
    Workspace(tmp_path / "du-lieu", readonly=True).write_file(draft, target)
    assert read_draft_file(target).answers["I.1"].text == "Còn đang sửa"
