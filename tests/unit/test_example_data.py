"""The bundled KL62 template and example draft are a faithful transcription of the seed report.

The seed (``tests/data/seed_kl62_dien_chau.txt``) is a table export of a real, filled-in report:
tab-separated rows ``TT | Nội dung | Nội dung trả lời | Số liệu minh chứng | Ghi chú``, with web
markup left in the cells and some rows continued on a later line after a page break. These tests
read the two JSON files directly (no project code) and compare them with the seed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "data" / "seed_kl62_dien_chau.txt"
TEMPLATE = ROOT / "resources" / "templates" / "kl62.json"
EXAMPLE = ROOT / "resources" / "examples" / "kl62-dien-chau.json"

QUESTION_IDS = [
    "I.1", "I.2",
    "II.1", "II.2", "II.3", "II.4", "II.5",
    "III.1", "III.2", "III.3", "III.4", "III.5",
    "IV.1", "IV.2",
    "V",
    "VI.1", "VI.2", "VI.3",
]  # fmt: skip

META_KEYS = [
    "superior_body", "issuing_body", "commune", "place", "report_date", "document_number",
    "document_symbol", "instruction_kind", "instruction_number", "instruction_date",
    "instruction_issuer", "subject", "signer_authority", "signer_position", "signer_name",
    "recipients",
]  # fmt: skip

PROMPT, ANSWER, FIGURES, NOTE = 1, 2, 3, 4

# Two seed figure lines have no label, only "100% <what>"; the template gives them a label of its
# own ("Tỷ lệ <what>"), so their piece is checked as "<value> <part of our label>".
LABELLESS_FIGURES = {
    "II.2": "ty_le_to_chuc_dang_danh_gia",  # "- 100% tổ chức Đảng đưa tiêu chí MTTQ vào đánh giá"
    "III.4": "ty_le_thon_co_ban_cong_tac",  # "100% thôn có Ban công tác Mặt trận hoạt động ..."
}

# Pieces the splitter cannot cut right because the seed itself is malformed there.
KNOWN_SEED_QUIRKS = {
    # III.3 figures: "- Số cuộc giám sát: 9 cuộc/năm -Số kiến nghị: 45 kiến nghị" — the second
    # bullet's dash lost its space, so it is not a " - " separator.
    "9 cuộc/năm -Số kiến nghị": ("9 cuộc/năm", "Số kiến nghị"),
}

_TAG = re.compile(r"(<[^<>]*>)")
_SENTENCE_END = re.compile(r"[.;:?!](?!\d)")  # not the dots inside 500.000.000
_SECTION_ROW = re.compile(r"^(VI|IV|V|III|II|I)(?:\s+(.+))?$")


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _split_bullets(text: str) -> list[str]:
    """Cut at " - " list separators: the next character is an uppercase letter or a digit.

    "chính trị - xã hội", "kinh tế - xã hội", "quốc phòng - an ninh" are not separators.
    """
    out, start = [], 0
    for m in re.finditer(r" - (?=\S)", text):
        nxt = text[m.end()]
        if nxt.isupper() or nxt.isdigit():
            out.append(text[start : m.start()])
            start = m.end()
    out.append(text[start:])
    return out


def _pieces(cell: str) -> list[str]:
    """A seed cell cut into pieces at tags, sentence punctuation and (inside <ul>) bullets."""
    out: list[str] = []
    in_list = False
    for token in _TAG.split(cell):
        if _TAG.fullmatch(token):
            name = token.lower()
            if name.startswith("<ul"):
                in_list = True
            elif name.startswith(("</ul", "<p")):
                in_list = False
            continue
        chunks = _split_bullets(token) if in_list else [token]
        for chunk in chunks:
            for piece in _SENTENCE_END.split(chunk):
                piece = _norm(piece)
                piece = piece.removeprefix("- ").strip()
                if piece:
                    out.append(piece)
    return out


def _flatten_seed(cell_text: str) -> str:
    """Seed answer text with the layout taken out: no tags, no bullet dashes, one line."""
    text = _norm(_TAG.sub(" ", cell_text))
    return _norm(" ".join(_split_bullets(" " + text)))


def _flatten_example(text: str) -> str:
    """Example answer text with the layout taken out: lines joined, bullet marks dropped."""
    return _norm(" ".join(line.removeprefix("- ") for line in text.split("\n")))


@dataclass(frozen=True)
class SeedRow:
    line_no: int
    section_id: str
    question_id: str | None  # None for a section heading row (I, II, III, IV, VI)
    section_title: str | None  # the title, on a section heading row (and on V's row)
    cols: tuple[str, ...]


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def template() -> dict[str, Any]:
    return _load(TEMPLATE)  # type: ignore[no-any-return]


@cache
def example() -> dict[str, Any]:
    return _load(EXAMPLE)  # type: ignore[no-any-return]


@cache
def seed_lines() -> tuple[str, ...]:
    return tuple(SEED.read_text(encoding="utf-8").split("\n"))


def _section(section_id: str) -> dict[str, Any]:
    return next(s for s in template()["sections"] if s["id"] == section_id)


def _question(question_id: str) -> dict[str, Any]:
    return next(q for s in template()["sections"] for q in s["questions"] if q["id"] == question_id)


@cache
def seed_rows() -> tuple[SeedRow, ...]:
    """The seed's table rows, each tied to its section and question.

    A row with a blank TT right after a blank line is the previous row continued after a page
    break; a row with a blank TT and no page break before it is a question whose number the seed
    left out (III.4). Section headings carry their title in the TT column (II, III, IV), in the
    prompt column (I, VI), or in the prompt column together with the section's whole text (V).
    """
    lines = seed_lines()
    rows: list[SeedRow] = []
    section_id, position, question_id = "", 0, None
    header_seen = False
    for i, line in enumerate(lines):
        if "\t" not in line:
            continue
        cols = tuple(line.split("\t"))
        if not header_seen:  # the column headings, not report content
            assert cols[0] == "TT" and cols[ANSWER].startswith("Nội dung trả lời"), line
            header_seen = True
            continue
        tt = cols[0].strip()
        heading = _SECTION_ROW.match(tt)
        if heading:
            section_id, position = heading.group(1), 0
            question_id = "V" if section_id == "V" else None
            title = heading.group(2) or _pieces(cols[PROMPT])[0]
            rows.append(SeedRow(i + 1, section_id, question_id, title, cols))
            continue
        page_break_before = i > 0 and lines[i - 1].strip() == ""
        if tt or not page_break_before:
            position += 1
            if tt:
                assert int(tt) == position, f"seed line {i + 1}: TT {tt} is not {position}"
            question_id = _section(section_id)["questions"][position - 1]["id"]
        assert question_id is not None, f"seed line {i + 1} continues no question"
        rows.append(SeedRow(i + 1, section_id, question_id, None, cols))
    return tuple(rows)


def _figure_lines(question_id: str) -> str:
    values = example()["answers"][question_id]["figures"]
    return _norm(
        " ".join(f"{f['label']}: {values[f['id']]}" for f in _question(question_id)["figures"])
    )


def _seed_paragraph_before(marker: str) -> str:
    lines = [line for line in seed_lines() if line.strip()]
    index = next(i for i, line in enumerate(lines) if line.startswith(marker))
    return _norm(lines[index - 1])


def _render(text: str, meta: dict[str, Any]) -> str:
    kinds = {f["key"]: f["kind"] for f in template()["meta_fields"]}
    values = {}
    for key, value in meta.items():
        if kinds.get(key) == "date":
            day = dt.date.fromisoformat(value)
            value = f"{day.day}/{day.month}/{day.year}"
        values[key] = value
    return text.format_map(values)


def test_every_seed_sentence_is_in_the_example_and_template() -> None:
    """Every sentence of the seed's prompts, answers and figures survives the transcription."""
    missing: list[str] = []
    quirks_used: set[str] = set()
    labelless_used: set[str] = set()

    def check(row: SeedRow, col: int, piece: str, haystacks: list[str]) -> None:
        if not any(piece in h for h in haystacks):
            missing.append(f"line {row.line_no} col {col} ({row.question_id}): {piece!r}")

    for row in seed_rows():
        qid = row.question_id
        assert all(c.strip() == "" for c in row.cols[NOTE:]), f"line {row.line_no}: a note"
        if row.section_title is not None:
            assert row.section_title == _section(row.section_id)["title"], row.line_no
        for col in (PROMPT, ANSWER, FIGURES):
            if col >= len(row.cols):
                continue
            for piece in _pieces(row.cols[col]):
                if col == PROMPT and row.section_title is not None:
                    # heading rows: the title; on V's row, also the section's own text
                    haystacks = [row.section_title]
                    if qid == "V":
                        haystacks += example()["answers"]["V"]["text"].split("\n")
                    check(row, col, piece, [_norm(h) for h in haystacks])
                elif col == PROMPT:
                    assert qid is not None
                    check(row, col, piece, [_norm(_question(qid)["prompt"])])
                elif col == ANSWER:
                    assert qid is not None
                    lines = example()["answers"][qid]["text"].split("\n")
                    check(row, col, piece, [_norm(line) for line in lines])
                else:
                    assert qid is not None
                    figures = _figure_lines(qid)
                    if piece in figures:
                        continue
                    if piece in KNOWN_SEED_QUIRKS:
                        quirks_used.add(piece)
                        for part in KNOWN_SEED_QUIRKS[piece]:
                            check(row, col, part, [figures])
                        continue
                    if qid in LABELLESS_FIGURES:
                        fid = LABELLESS_FIGURES[qid]
                        value = example()["answers"][qid]["figures"][fid]
                        label = next(
                            f["label"] for f in _question(qid)["figures"] if f["id"] == fid
                        )
                        rest = piece.removeprefix(f"{value} ")
                        if piece.startswith(f"{value} ") and rest in label:
                            labelless_used.add(qid)
                            continue
                    missing.append(f"line {row.line_no} col {col} ({qid}): {piece!r}")
    assert missing == []
    # The exceptions above must each be needed, so that they cannot hide anything else.
    assert quirks_used == set(KNOWN_SEED_QUIRKS)
    assert labelless_used == set(LABELLESS_FIGURES)


def test_example_answers_say_exactly_what_the_seed_says() -> None:
    """Apart from line layout, each example answer is the seed's answer word for word."""
    seed_text: dict[str, list[str]] = {}
    for row in seed_rows():
        if row.question_id == "V":  # V's text sits in the prompt column, after the title
            cell = _TAG.sub(" ", row.cols[PROMPT])
            seed_text.setdefault("V", []).append(cell.replace(row.section_title or "", "", 1))
        elif row.question_id is not None:
            seed_text.setdefault(row.question_id, []).append(row.cols[ANSWER])
    assert set(seed_text) == set(QUESTION_IDS)
    for qid, cells in seed_text.items():
        want = _flatten_seed(" ".join(cells))
        got = _flatten_example(example()["answers"][qid]["text"])
        assert got == want, qid
        figure_cells = [
            r.cols[FIGURES] for r in seed_rows() if r.question_id == qid and len(r.cols) > FIGURES
        ]
        seed_figures = _norm(_TAG.sub(" ", " ".join(figure_cells)))
        for value in example()["answers"][qid]["figures"].values():
            assert value in seed_figures, (qid, value)


def test_preamble_and_closing_reproduce_the_seed() -> None:
    """With the example's meta, the template's fixed text prints exactly the seed's paragraphs."""
    meta = example()["meta"]
    t = template()
    lines = [line for line in seed_lines() if line.strip()]
    assert lines[0] == t["document_kind"]
    assert lines[1] == t["summary"] == meta["subject"]
    assert _render(t["preamble"], meta) == _seed_paragraph_before("TT\t")
    assert _render(t["closing"], meta) == _seed_paragraph_before("Nơi nhận:")


def test_every_template_figure_has_a_value_and_questions_are_in_order() -> None:
    """The example fills every figure the form asks for, and the form has the expected questions."""
    t, ex = template(), example()
    ids = [q["id"] for s in t["sections"] for q in s["questions"]]
    assert ids == QUESTION_IDS
    assert [s["id"] for s in t["sections"]] == ["I", "II", "III", "IV", "V", "VI"]
    assert list(ex["answers"]) == QUESTION_IDS
    for s in t["sections"]:
        for q in s["questions"]:
            assert q["answer_required"] is (q["id"] != "VI.3"), q["id"]
            assert all(f["required"] is True for f in q["figures"]), q["id"]
            fids = [f["id"] for f in q["figures"]]
            assert len(fids) == len(set(fids)), q["id"]
            assert all(re.fullmatch(r"[a-z][a-z0-9_]*", fid) for fid in fids), q["id"]
            answer = ex["answers"][q["id"]]
            assert set(answer["figures"]) == set(fids), q["id"]
            for fid in fids:
                assert answer["figures"][fid].strip(), (q["id"], fid)
            assert answer["note"] == ""
            assert answer["extra_figures"] == []
            assert answer["previous_figures"] == {}
            assert answer["text"].strip() or not q["answer_required"], q["id"]
    assert [f["key"] for f in t["meta_fields"]] == META_KEYS
    assert set(ex["meta"]) == set(META_KEYS) | {"draft_id", "title", "created", "updated"}


def test_recipients_are_the_seed_lines_stored_bare() -> None:
    """Recipients are the seed's "Nơi nhận" lines without the leading "- " and final ","/"."."""
    lines = seed_lines()
    start = lines.index("Nơi nhận:")
    seed_recipients = []
    for line in lines[start + 1 :]:
        if not line.strip():
            if seed_recipients:
                break
            continue
        assert line.startswith("- ") and line.endswith((",", ".")), line
        seed_recipients.append(line[2:-1])
    assert len(seed_recipients) == 6
    assert example()["meta"]["recipients"] == seed_recipients
