"""Reading a Word report back into a draft: the files communes send, and the files refused.

Most tests read the example report typed "the way a clerk types one" (:mod:`clerk_docx`): merged
cells, Word bullets, soft line breaks, an old TCVN3 font, a row without its number. The seed
(the real report of xã Diễn Châu as it was exported from Word) must read back too.
"""

from __future__ import annotations

import io
import re
import time
import unicodedata
import zipfile
from pathlib import Path

import pytest
from clerk_docx import (
    GAP,
    SHORT_HEADERS,
    CellContent,
    Options,
    clerk_report,
    legacy_run,
    nested_table,
    seed_report,
    table_report,
    to_tcvn3,
    to_vni,
)
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.table import _Cell

from dienchau_desktop.draft import DraftError, ExtraFigure, example_draft
from dienchau_desktop.figures import format_for_print
from dienchau_desktop.template import load_template
from dienchau_desktop.word import reader
from dienchau_desktop.word.reader import WordImport, WordImportError, read_word

SEED = Path(__file__).resolve().parents[1] / "data" / "seed_kl62_dien_chau.txt"
FILE_NAME = "bao-cao-dien-chau.docx"
META_KEYS = (
    "superior_body", "issuing_body", "place", "report_date", "document_number",
    "document_symbol", "instruction_kind", "instruction_number", "instruction_date",
    "instruction_issuer", "commune", "subject", "signer_authority", "signer_position",
    "signer_name", "recipients",
)  # fmt: skip
STRAY_PARAGRAPH = "Kèm theo báo cáo này là danh sách các mô hình tiêu biểu của xã."
STRAY_ROW = ("4", "Nội dung riêng do xã bổ sung", "Đề nghị cấp trên hỗ trợ thêm máy tính.")
NOTE = "Số liệu tính đến hết năm 2025"
TEMPLATE = load_template("kl62")
EXAMPLE = example_draft()


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _document_xml(raw: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(raw)) as package:
        return package.read("word/document.xml").decode("utf-8")


def _same_answers(result: WordImport) -> list[str]:
    return [
        q.id
        for q in TEMPLATE.questions
        if _norm(result.draft.get_answer(q.id).text) == _norm(EXAMPLE.get_answer(q.id).text)
    ]


def _wrong_figures(result: WordImport) -> list[str]:
    """Every figure of the example not read back with the same printed value."""
    wrong = []
    for q in TEMPLATE.questions:
        got = result.draft.get_answer(q.id).figures
        for spec in q.figures:
            value = EXAMPLE.get_answer(q.id).figures.get(spec.id, "")
            expected = format_for_print(value, spec.kind, spec.unit)
            printed = format_for_print(got.get(spec.id, ""), spec.kind, spec.unit)
            if value and printed != expected:
                wrong.append(f"{q.id}/{spec.id}: {printed!r} instead of {expected!r}")
    return wrong


@pytest.fixture(scope="module")
def clerk_file() -> bytes:
    options = Options(stray_paragraph=STRAY_PARAGRAPH, stray_row=STRAY_ROW, notes={"II.3": NOTE})
    return clerk_report(EXAMPLE, TEMPLATE, options)


@pytest.fixture(scope="module")
def imported(clerk_file: bytes) -> WordImport:
    return read_word(clerk_file, TEMPLATE, name=FILE_NAME)


# --- the clerk's report ----------------------------------------------------------------------


def test_the_answers_come_back_as_typed(imported: WordImport) -> None:
    same = _same_answers(imported)
    assert len(same) >= 17, sorted({q.id for q in TEMPLATE.questions} - set(same))


def test_every_figure_lands_in_its_place_with_its_value(imported: WordImport) -> None:
    assert _wrong_figures(imported) == []
    assert [q.id for q in TEMPLATE.questions if imported.draft.get_answer(q.id).extra_figures] == []


def test_an_answer_in_the_old_tcvn3_font_comes_back_as_unicode(
    clerk_file: bytes, imported: WordImport
) -> None:
    xml = _document_xml(clerk_file)
    first_line = EXAMPLE.get_answer("I.1").text.split("\n")[0]
    assert to_tcvn3(first_line) in xml and ".VnTime" in xml  # the file really has it in TCVN3
    text = imported.draft.get_answer("I.1").text
    assert text.startswith("Xã Diễn Châu là địa bàn đồng bằng ven biển")
    assert _norm(text) == _norm(EXAMPLE.get_answer("I.1").text)


def test_the_tcvn3_capitals_font_comes_back_in_capitals(imported: WordImport) -> None:
    assert imported.draft.meta["issuing_body"] == "ĐẢNG ỦY XÃ DIỄN CHÂU"


def test_word_bullets_come_back_as_dash_lines(clerk_file: bytes, imported: WordImport) -> None:
    assert "- Nghị quyết lãnh đạo" not in _document_xml(clerk_file)  # a Word list, not a dash
    lines = imported.draft.get_answer("I.2").text.split("\n")
    assert lines[0].startswith("Đảng ủy xã đã ban hành")
    assert [line[:2] for line in lines[1:]] == ["- ", "- "]
    assert lines[1].startswith("- Nghị quyết lãnh đạo công tác MTTQ")


def test_soft_line_breaks_become_lines(imported: WordImport) -> None:
    assert imported.draft.get_answer("II.3").text.split("\n") == (
        EXAMPLE.get_answer("II.3").text.split("\n")
    )


def test_a_row_merged_down_is_read_once(clerk_file: bytes, imported: WordImport) -> None:
    assert "<w:vMerge/>" in _document_xml(clerk_file)
    text = imported.draft.get_answer("II.5").text
    assert text.count("Chính quyền địa phương đã triển khai tốt") == 1
    assert _norm(text) == _norm(EXAMPLE.get_answer("II.5").text)


def test_a_row_without_its_number_is_matched_by_its_prompt(imported: WordImport) -> None:
    for qid in ("III.4", "III.5"):
        assert _norm(imported.draft.get_answer(qid).text) == _norm(EXAMPLE.get_answer(qid).text)


def test_the_free_text_section_is_read(imported: WordImport) -> None:
    assert imported.draft.get_answer("V").text == EXAMPLE.get_answer("V").text


def test_the_general_information_is_read(imported: WordImport) -> None:
    assert {k: imported.draft.meta.get(k) for k in META_KEYS} == {
        k: EXAMPLE.meta.get(k) for k in META_KEYS
    }


def test_the_ghi_chu_column_is_the_note(imported: WordImport) -> None:
    assert imported.draft.get_answer("II.3").note == NOTE


def test_text_that_fits_nowhere_goes_to_a_note_and_is_listed(imported: WordImport) -> None:
    assert imported.draft.get_answer("I.1").note == STRAY_PARAGRAPH  # before the table: first
    assert STRAY_ROW[2] in imported.draft.get_answer("VI.3").note  # a row: the one above it
    assert len(imported.unplaced) == 2
    before, row = imported.unplaced  # in the order of the file
    assert "Kèm theo báo cáo này" in before and "ghi chú của câu I.1" in before
    assert "Nội dung riêng do xã bổ sung" in row and "ghi chú của câu VI.3" in row


def test_the_draft_is_new_and_says_where_it_came_from(imported: WordImport) -> None:
    draft = imported.draft
    assert re.fullmatch(r"[0-9a-f]{32}", draft.id) and draft.id != EXAMPLE.id
    assert (draft.template_id, draft.template_version) == (TEMPLATE.id, TEMPLATE.version)
    assert FILE_NAME in draft.title and "Word" in draft.title
    assert imported.missing == []
    assert "I.2: câu trả lời (3 đoạn), 3 số liệu" in imported.placed
    assert imported.placed[0].startswith("Thông tin chung: ")


@pytest.mark.parametrize("copy", ["example_docx", "example_docx_draft"])
def test_the_programs_own_word_copy_reads_back(copy: str, request: pytest.FixtureRequest) -> None:
    """The final copy and the "DỰ THẢO" copy written by :mod:`dienchau_desktop.word.writer`."""
    result = read_word(request.getfixturevalue(copy), TEMPLATE)
    assert len(_same_answers(result)) == len(TEMPLATE.questions)
    assert _wrong_figures(result) == []
    assert (result.unplaced, result.missing) == ([], [])
    assert {k: result.draft.meta.get(k) for k in META_KEYS} == {
        k: EXAMPLE.meta.get(k) for k in META_KEYS
    }


# --- variations --------------------------------------------------------------------------------


def test_an_unreadable_figure_is_kept_as_typed() -> None:
    options = Options(figures={"II.1/so_cuoc_kiem_tra_giam_sat": "mười tám cuộc"})
    result = read_word(clerk_report(EXAMPLE, TEMPLATE, options), TEMPLATE)
    assert result.draft.get_answer("II.1").figures["so_cuoc_kiem_tra_giam_sat"] == "mười tám cuộc"


def test_the_printed_gap_means_no_value() -> None:
    options = Options(figures={"II.1/so_noi_dung_giam_sat": ""})
    raw = clerk_report(EXAMPLE, TEMPLATE, options)
    assert f"Số nội dung giám sát chuyên đề: {GAP}" in _document_xml(raw)
    answer = read_word(raw, TEMPLATE).draft.get_answer("II.1")
    assert answer.figures == {"so_cuoc_kiem_tra_giam_sat": "18 cuộc"}
    assert answer.extra_figures == []


def test_a_table_of_four_columns_reads() -> None:
    raw = clerk_report(EXAMPLE, TEMPLATE, Options(four_columns=True, notes={"II.3": NOTE}))
    assert all(h in _document_xml(raw) for h in SHORT_HEADERS) and "Ghi chú" not in (
        _document_xml(raw)
    )
    result = read_word(raw, TEMPLATE)
    assert len(_same_answers(result)) >= 17
    assert _wrong_figures(result) == []


def test_the_seed_report_reads_back() -> None:
    """The real report: sections headed in the TT cell, V's text in its heading row, rows
    continued after a page break, a prompt running on into the next row, figures on one line,
    figures without a label, "Nơi nhận" and the signature as plain paragraphs."""
    result = read_word(seed_report(SEED.read_text(encoding="utf-8")), TEMPLATE)
    assert len(_same_answers(result)) == len(TEMPLATE.questions)
    labelless = {
        "II.2/ty_le_to_chuc_dang_danh_gia": "100% tổ chức Đảng đưa tiêu chí MTTQ vào đánh giá",
        "III.4/ty_le_thon_co_ban_cong_tac": "100% thôn có Ban công tác Mặt trận hoạt động hiệu quả",
    }
    wrong = _wrong_figures(result)
    assert sorted(w.split(":")[0] for w in wrong) == sorted(labelless)
    for key, typed in labelless.items():
        qid, fid = key.split("/")
        assert result.draft.get_answer(qid).figures[fid] == typed  # placed by its unit, as typed
    for key in ("subject", "instruction_number", "instruction_date", "commune", "recipients",
                "signer_authority", "signer_position", "signer_name"):  # fmt: skip
        assert result.draft.meta.get(key) == EXAMPLE.meta.get(key), key
    assert (result.unplaced, result.missing) == ([], [])


# --- particular things -------------------------------------------------------------------------

PROMPT_I2 = TEMPLATE.questions[1].prompt


def _answer_of(rows: list[tuple[CellContent, ...]], qid: str = "I.1") -> str:
    raw = table_report([("I", "CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO"), *rows])
    return read_word(raw, TEMPLATE).draft.get_answer(qid).text


def test_a_vni_font_is_converted() -> None:
    cell = legacy_run(to_vni("Đảng ủy xã Diễn Châu lãnh đạo"), "VNI-Times")
    assert _answer_of([("1", "Đặc điểm nổi bật", cell)]) == "Đảng ủy xã Diễn Châu lãnh đạo"


def test_tcvn3_without_its_font_is_recognised_by_its_text() -> None:
    cell = legacy_run(to_tcvn3("Đảng ủy xã Diễn Châu lãnh đạo tốt"), None)
    assert _answer_of([("1", "Đặc điểm nổi bật", cell)]) == "Đảng ủy xã Diễn Châu lãnh đạo tốt"


def test_a_table_inside_a_cell_reads_row_by_row() -> None:
    cell = nested_table([["Năm 2024", "12 cuộc"], ["Năm 2025", "15 cuộc"]])
    assert _answer_of([("1", "Đặc điểm", cell)]) == "Năm 2024 12 cuộc\nNăm 2025 15 cuộc"


def test_dashes_typed_by_hand_are_bullets() -> None:
    text = "Các văn bản:\n-Nghị quyết\n– Kế hoạch\n+ Chương trình\n-5 là số âm"
    assert _answer_of([("1", "Đặc điểm", text)]).split("\n") == [
        "Các văn bản:", "- Nghị quyết", "- Kế hoạch", "- Chương trình", "-5 là số âm",
    ]  # fmt: skip


def test_figures_without_a_label_go_where_their_number_fits() -> None:
    figures = "\n".join(
        [
            "- 100% chi bộ có nội dung lãnh đạo MTTQ",
            "Số kế hoạch phối hợp: 15 văn bản",
            "8 nghị quyết",
            "Ghi thêm: 3 hội nghị",
            "Đã tổ chức tập huấn",
        ]
    )
    raw = table_report([("I", "CÔNG TÁC LÃNH ĐẠO"), ("2", PROMPT_I2, "Trả lời.", figures)])
    answer = read_word(raw, TEMPLATE).draft.get_answer("I.2")
    assert answer.figures == {
        "so_nghi_quyet_chuyen_de": "8 nghị quyết",
        "so_ke_hoach_phoi_hop": "15 văn bản",
        "ty_le_chi_bo_lanh_dao_mttq": "100% chi bộ có nội dung lãnh đạo MTTQ",
    }
    assert answer.extra_figures == [
        ExtraFigure("Ghi thêm", "3 hội nghị"),
        ExtraFigure("", "Đã tổ chức tập huấn"),
    ]


def test_a_wrong_number_gives_way_to_the_prompt() -> None:
    rows = [("7", PROMPT_I2, "Trả lời câu hai."), ("1", "Đặc điểm nổi bật", "Trả lời câu một.")]
    raw = table_report([("I", "CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO"), *rows])
    draft = read_word(raw, TEMPLATE).draft
    assert (draft.get_answer("I.1").text, draft.get_answer("I.2").text) == (
        "Trả lời câu một.",
        "Trả lời câu hai.",
    )


def test_a_header_typed_as_lines_with_tabs() -> None:
    before = [
        "ĐẢNG BỘ TỈNH NGHỆ AN\t\tĐẢNG CỘNG SẢN VIỆT NAM",
        "ĐẢNG ỦY XÃ DIỄN CHÂU",
        "*",
        "Số 45-BC/ĐU\t\tDiễn Châu, ngày 05 tháng 04 năm 2026",
        "BÁO CÁO",
        "Kết quả thực hiện Kết luận 62",
    ]
    meta = read_word(table_report([("1", "Đặc điểm", "Có.")], before=before), TEMPLATE).draft.meta
    assert (meta["superior_body"], meta["issuing_body"]) == (
        "ĐẢNG BỘ TỈNH NGHỆ AN",
        "ĐẢNG ỦY XÃ DIỄN CHÂU",
    )
    assert (meta["document_number"], meta["document_symbol"]) == ("45", "BC/ĐU")
    assert (meta["place"], meta["report_date"]) == ("Diễn Châu", "2026-04-05")
    assert meta["subject"] == "Kết quả thực hiện Kết luận 62"


# --- refusals ----------------------------------------------------------------------------------


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, data in files.items():
            package.writestr(name, data)
    return out.getvalue()


REFUSED = {
    "doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024), ("Word 97–2003", "Lưu thành")),
    "text": ("Báo cáo tổng kết\nxã Diễn Châu\n".encode(), ("không phải là tệp Word",)),
    "zip": (_zip({"readme.txt": b"hello"}), ("không phải là tệp Word",)),
    "damaged": (_zip({"word/document.xml": b"<w:doc", "[Content_Types].xml": b"<"}), ("bị hỏng",)),
}


@pytest.mark.parametrize("kind", ["doc", "text", "zip", "damaged"])
def test_what_is_not_a_docx_is_refused_in_vietnamese(kind: str) -> None:
    raw, phrases = REFUSED[kind]
    with pytest.raises(WordImportError) as caught:
        read_word(raw, TEMPLATE, name="bao-cao.doc")
    assert isinstance(caught.value, DraftError)
    assert all(p in str(caught.value) for p in phrases), str(caught.value)
    assert "“bao-cao.doc”" in str(caught.value)


def test_a_password_protected_word_file_is_not_called_a_doc() -> None:
    """Word saves an encrypted .docx as an OLE2 file; the user is told to remove the password,
    not to save it as .docx (which it already is)."""
    raw = REFUSED["doc"][0] + "EncryptedPackage".encode("utf-16-le") + bytes(64)
    with pytest.raises(WordImportError) as caught:
        read_word(raw, TEMPLATE, name="bao-cao.docx")
    assert "mật khẩu" in str(caught.value) and "97–2003" not in str(caught.value)


@pytest.mark.filterwarnings("ignore:Duplicate name")  # zipfile's, when the test writes the twin
@pytest.mark.parametrize(
    ("part", "phrase"),
    [("../../ngoai.xml", "trỏ ra ngoài thư mục"), ("word/document.xml", "trùng tên")],
)
def test_a_package_with_a_hostile_part_is_refused_before_it_is_parsed(
    clerk_file: bytes, part: str, phrase: str
) -> None:
    """A part that climbs out, a second main document: refused as damaged, naming the part."""
    out = io.BytesIO(clerk_file)
    with zipfile.ZipFile(out, "a") as package:
        package.writestr(part, b"<w:document/>")
    with pytest.raises(WordImportError, match="bị hỏng") as caught:
        read_word(out.getvalue(), TEMPLATE)
    assert phrase in str(caught.value) and part in str(caught.value)


def test_a_document_without_the_report_table_is_refused() -> None:
    raw = table_report([], headers=("Họ và tên", "Chức vụ"), before=["BÁO CÁO", "Nội dung"])
    with pytest.raises(WordImportError, match="không có bảng báo cáo"):
        read_word(raw, TEMPLATE)


def test_a_package_too_large_once_unpacked_is_refused(
    clerk_file: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(WordImportError, match="bị hỏng"):
        read_word(clerk_file, TEMPLATE)


def test_a_file_is_read_from_its_path(tmp_path: Path, clerk_file: bytes) -> None:
    path = tmp_path / "BC KL62 Dien Chau.docx"
    path.write_bytes(clerk_file)
    result = read_word(path, TEMPLATE)
    assert "BC KL62 Dien Chau.docx" in result.draft.title
    with pytest.raises(WordImportError, match="Không tìm thấy tệp"):
        read_word(tmp_path / "khong-co.docx", TEMPLATE)


def test_a_paragraph_style_in_the_tcvn3_capitals_font() -> None:
    def fill(cell: _Cell) -> None:
        style = cell.part.document.styles.add_style("Tieu de cu", WD_STYLE_TYPE.PARAGRAPH)
        style.font.name = ".VnTimeH"
        cell.paragraphs[0].style = style
        cell.paragraphs[0].add_run(to_tcvn3("công tác lãnh đạo"))

    raw = table_report([("I", "CÔNG TÁC"), ("1", "Đặc điểm", fill)])
    assert read_word(raw, TEMPLATE).draft.get_answer("I.1").text == "CÔNG TÁC LÃNH ĐẠO"


def test_the_preamble_and_closing_are_read_whatever_the_accents_and_case() -> None:
    before = [
        "BÁO CÁO",
        "Tổng kết",
        "thực hiện Kế hoạch số 12-KH/TU , ngày 3/2/2026 của Tỉnh uỷ Nghệ An về việc xây dựng báo "
        "cáo tổng kết Tổng kết, Ban Thường vụ Đảng uỷ phường Vinh Phú báo cáo kết quả thực hiện "
        "như sau",
    ]
    after = ["Trên đây là báo cáo Tổng kết và những kiến nghị, đề xuất của Đảng uỷ phường Vinh Phú"]
    raw = table_report([("1", "Đặc điểm", "Có.")], before=before, after=after)
    result = read_word(raw, TEMPLATE)
    expected = {
        "instruction_kind": "Kế hoạch",
        "instruction_number": "12-KH/TU",
        "instruction_date": "2026-02-03",
        "instruction_issuer": "Tỉnh uỷ Nghệ An",
        "commune": "phường Vinh Phú",
    }
    assert {k: result.draft.meta[k] for k in expected} == expected
    assert result.unplaced == []


def test_a_long_paragraph_that_almost_is_the_preamble_is_read_quickly() -> None:
    almost = "Thực hiện " + "Công văn số 1, ngày 2 của 3 về việc xây dựng báo cáo tổng kết x, " * 70
    raw = table_report([("1", "Đặc điểm", "Có.")], before=["BÁO CÁO", "Tổng kết", almost])
    started = time.perf_counter()
    result = read_word(raw, TEMPLATE)
    assert time.perf_counter() - started < 5
    assert "Thực hiện Công văn số 1" in result.draft.get_answer("I.1").note


def test_the_free_text_section_typed_as_a_question_row() -> None:
    rows = [("V", "GIẢI PHÁP, NHIỆM VỤ THỜI GIAN TỚI"), ("1", "Giải pháp, nhiệm vụ", "- Làm tốt.")]
    result = read_word(table_report(rows), TEMPLATE)
    assert result.draft.get_answer("V").text == "- Làm tốt."


def test_a_row_that_talks_like_the_header_is_still_an_answer() -> None:
    answer = "Kết quả thực hiện các nội dung được tổng hợp đầy đủ, rõ ràng, đúng thời gian."
    assert _answer_of([("1", "Nội dung", answer, "Số liệu", "Ghi chú")]) == answer


def test_text_left_in_a_cell_merged_down_is_not_read_twice() -> None:
    prompt = TEMPLATE.questions[0].prompt
    raw = table_report([("I", "CÔNG TÁC"), ("1", prompt, "Một cuộc họp."), ("", "", "", "", "Xem")])
    document = Document(io.BytesIO(raw))
    table = document.tables[0]
    table.cell(2, 2).merge(table.cell(3, 2))
    # Some programs leave the text in the lower, continued part of a merged cell as well.
    _Cell(table.rows[3]._tr.tc_lst[2], table).add_paragraph("Một cuộc họp.")
    out = io.BytesIO()
    document.save(out)
    answer = read_word(out.getvalue(), TEMPLATE).draft.get_answer("I.1")
    assert (answer.text, answer.note) == ("Một cuộc họp.", "Xem")
