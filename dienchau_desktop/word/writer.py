"""The report as an editable Word file (.docx), in the same official layout as the PDF.

Everything the file says comes from :func:`dienchau_desktop.printed.printed_report`, the same
strings the PDF prints; every size, width and space from the same layout profile. What Word
needs differently is Word's own way of doing it, so that a clerk editing the file the morning it
is due finds a document that behaves:

- the page: A4 and the profile's margins; Times New Roman (Word substitutes it where missing);
  Vietnamese as the proofing language;
- the header block: a borderless table (the superior and issuing bodies, the asterisk and the
  number left; ĐẢNG CỘNG SẢN VIỆT NAM with its rule exactly as long as the name, and the italic
  place and date right);
- the report table: five columns of fixed widths (autofit off), the header row repeated on every
  page, rows allowed to break across pages, section rows merged across, bullets as a real Word
  list (Enter gives the next bullet);
- the closing, "Nơi nhận" and the signature block kept together;
- page numbers at the top centre from page 2 (a different first-page header), and on a draft
  copy "DỰ THẢO" framed at the top right of every page. The PDF's large grey diagonal
  watermark is left out: in Word it would be a drawing object clerks delete by accident.

Lines never begin with the dash of "chính trị - xã hội": the dash is bound to the next word with
a no-break space, as in the PDF (:func:`dienchau_desktop.printed.bind_dashes`).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from reportlab.pdfbase.pdfmetrics import stringWidth

from dienchau_desktop import __version__
from dienchau_desktop.draft import Draft
from dienchau_desktop.layout import Layout
from dienchau_desktop.pdf.fonts import report_family
from dienchau_desktop.printed import (
    Block,
    PrintedReport,
    bind_dashes,
    printed_report,
)
from dienchau_desktop.template import Template

FONT = "Times New Roman"
LANGUAGE = "vi-VN"
_BULLET_LIST_ID = 62  # the numbering id of the table's bullet list (any free number)
_LEFT, _CENTER = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER
_JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


def _twips(length: float) -> str:
    """A length in points as Word's twentieths of a point."""
    return str(round(length * 20))


def _set(parent: Any, tag: str, **attrs: str) -> Any:
    """The child ``tag`` of ``parent`` (created when missing) with ``attrs`` set."""
    child = parent.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        parent.append(child)
    for key, value in attrs.items():
        child.set(qn(f"w:{key}"), value)
    return child


class _Writer:
    """One document being written: the layout profile's sizes turned into Word formatting."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.doc = Document()
        self.family = report_family(use_system=layout.fonts.use_system_times_new_roman)
        self._page()
        self._styles()

    # --- the page and the defaults -----------------------------------------------------------

    def _page(self) -> None:
        p = self.layout.page
        width, height = self.layout.page_size_mm
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(width), Mm(height)
        section.top_margin, section.bottom_margin = Mm(p.margin_top_mm), Mm(p.margin_bottom_mm)
        section.left_margin, section.right_margin = Mm(p.margin_left_mm), Mm(p.margin_right_mm)
        pn = self.layout.page_number
        # The header paragraph's baseline sits about one font size below its top.
        section.header_distance = Mm(pn.baseline_from_top_mm) - Pt(pn.size * 0.8)

    def _styles(self) -> None:
        normal = self.doc.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(self.layout.body.size)
        fmt = normal.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.widow_control = True
        rpr = normal.element.get_or_add_rPr()
        _set(rpr, "w:rFonts", ascii=FONT, hAnsi=FONT, cs=FONT, eastAsia=FONT)
        _set(rpr, "w:lang", val=LANGUAGE, eastAsia=LANGUAGE, bidi="ar-SA")
        for name in ("Header", "Footer"):
            self.doc.styles[name].font.name = FONT

    @property
    def text_width(self) -> Length:
        return Mm(self.layout.text_width_mm)

    # --- paragraphs ----------------------------------------------------------------------------

    def paragraph(
        self,
        where: Any,
        text: str,
        *,
        size: float,
        leading: float,
        bold: bool = False,
        italic: bool = False,
        underline: bool = False,
        align: Any = _LEFT,
        first_indent: float = 0.0,
        left_indent: float = 0.0,
        right_indent: float = 0.0,
        space_before: float = 0.0,
        space_after: float = 0.0,
        reuse: bool = False,
    ) -> Paragraph:
        """A paragraph of one run in ``where`` (the document or a cell); sizes in points.

        ``reuse``: fill the empty paragraph a new cell starts with instead of adding one.
        """
        paragraph: Paragraph = where.paragraphs[0] if reuse else where.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.alignment = align
        fmt.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
        fmt.line_spacing = Pt(leading)
        fmt.space_before, fmt.space_after = Pt(space_before), Pt(space_after)
        if first_indent:
            fmt.first_line_indent = Pt(first_indent)
        if left_indent:
            fmt.left_indent = Pt(left_indent)
        if right_indent:
            fmt.right_indent = Pt(right_indent)
        if text:
            run = paragraph.add_run(bind_dashes(text.replace("\n", " ")))
            run.font.size = Pt(size)
            run.bold, run.italic = bold or None, italic or None
            run.underline = underline or None
        return paragraph

    def blocks(
        self, cell: _Cell, blocks: Sequence[Block], *, align: Any, bold: bool = False
    ) -> None:
        """Paragraphs and bullets into a cell, spaced as the PDF spaces them."""
        t = self.layout.table
        for index, block in enumerate(blocks):
            paragraph = self.paragraph(
                cell,
                block.text,
                size=t.size,
                leading=t.leading,
                bold=bold,
                align=align,
                space_before=t.paragraph_space_pt if index else 0.0,
                reuse=index == 0,
            )
            if block.kind == "bullet":
                self._bullet(paragraph)

    def _bullet(self, paragraph: Paragraph) -> None:
        ppr = paragraph._p.get_or_add_pPr()
        num = _set(ppr, "w:numPr")
        _set(num, "w:ilvl", val="0")
        _set(num, "w:numId", val=str(self._bullet_list()))

    def _bullet_list(self) -> int:
        """The table's bullet list in the numbering part (added on first use): the profile's
        bullet character, hung by the profile's indent."""
        numbering = self.doc.part.numbering_part.element
        if numbering.find(qn("w:num") + f"[@{qn('w:numId')}='{_BULLET_LIST_ID}']") is not None:
            return _BULLET_LIST_ID
        t = self.layout.table
        hang = _twips(Mm(t.bullet_indent_mm).pt)
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), str(_BULLET_LIST_ID))
        _set(abstract, "w:multiLevelType", val="singleLevel")
        level = _set(abstract, "w:lvl", ilvl="0")
        _set(level, "w:start", val="1")
        _set(level, "w:numFmt", val="bullet")
        _set(level, "w:lvlText", val=t.bullet)
        _set(level, "w:lvlJc", val="left")
        _set(_set(level, "w:pPr"), "w:ind", left=hang, hanging=hang)
        _set(_set(level, "w:rPr"), "w:rFonts", ascii=FONT, hAnsi=FONT, hint="default")
        first_num = numbering.find(qn("w:num"))
        if first_num is None:
            numbering.append(abstract)
        else:
            first_num.addprevious(abstract)  # every abstractNum comes before the nums
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(_BULLET_LIST_ID))
        _set(num, "w:abstractNumId", val=str(_BULLET_LIST_ID))
        numbering.append(num)
        return _BULLET_LIST_ID

    # --- tables --------------------------------------------------------------------------------

    def table(self, widths_mm: Sequence[float], rows: int, *, borders: bool) -> Table:
        """A table of fixed column widths, as wide as the text, with or without rules."""
        table: Table = self.doc.add_table(rows=rows, cols=len(widths_mm))
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        tblpr = table._tbl.tblPr
        _set(tblpr, "w:tblW", w=_twips(self.text_width.pt), type="dxa")
        _set(tblpr, "w:tblInd", w="0", type="dxa")
        edges = ("top", "left", "bottom", "right", "insideH", "insideV")
        box = _set(tblpr, "w:tblBorders")
        size = str(max(2, round(self.layout.table.line_width_pt * 8)))
        for edge in edges:
            if borders:
                _set(box, f"w:{edge}", val="single", sz=size, space="0", color="000000")
            else:
                _set(box, f"w:{edge}", val="nil")
        margins = _set(tblpr, "w:tblCellMar")
        for edge in ("top", "left", "bottom", "right"):
            _set(margins, f"w:{edge}", w="0", type="dxa")
        for column, width in zip(table.columns, widths_mm, strict=True):
            column.width = Mm(width)
            for cell in column.cells:
                cell.width = Mm(width)
        return table

    @staticmethod
    def row(table: Table, widths_mm: Sequence[float], spans: Sequence[int]) -> list[_Cell]:
        """A new last row of ``table``, its cells spanning ``spans`` grid columns each.

        Built on the row itself: python-docx's ``table.cell(r, c)`` walks the whole table on
        every call, which makes a long report's table quadratic to write.
        """
        tr = table._tbl.add_tr()
        cells, column = [], 0
        for span in spans:
            tc = tr.add_tc()
            tc.width = Mm(sum(widths_mm[column : column + span]))
            if span > 1:
                tc.grid_span = span
            cells.append(_Cell(tc, table))
            column += span
        return cells

    def cell_margins(self, cell: _Cell, *, left: float, right: float, vertical: float) -> None:
        tcpr = cell._tc.get_or_add_tcPr()
        margins = _set(tcpr, "w:tcMar")
        for edge, value in (("top", vertical), ("bottom", vertical), ("left", left),
                            ("right", right)):  # fmt: skip
            _set(margins, f"w:{edge}", w=_twips(value), type="dxa")

    @staticmethod
    def row_flags(row: Any, *, header: bool = False, keep: bool = False) -> None:
        trpr = row._tr.get_or_add_trPr()
        if header:
            _set(trpr, "w:tblHeader")
        if keep:
            _set(trpr, "w:cantSplit")


def _header(w: _Writer, rep: PrintedReport) -> None:
    layout = w.layout
    h = layout.header
    left_mm = h.left_column_mm
    right_mm = layout.text_width_mm - left_mm
    table = w.table([left_mm, right_mm], 4, borders=False)
    left = [rep.superior_body, rep.issuing_body, rep.star, rep.number]
    for row, text in enumerate(left):
        w.paragraph(
            table.cell(row, 0), text, size=h.size, leading=h.leading, bold=row == 1,
            align=_CENTER, reuse=True,
            space_after=h.leading * 0.15 if row == 2 else 0.0,
        )  # fmt: skip
    # The party's name with a rule as long as the name: a bottom border, indented to the name.
    name_width = stringWidth(rep.party_name, w.family.bold, h.party_name_size)
    indent = max(0.0, (Mm(right_mm).pt - name_width) / 2 - 4)
    party = w.paragraph(
        table.cell(0, 1), rep.party_name, size=h.party_name_size, leading=h.party_name_size * 1.15,
        bold=True, align=_CENTER, left_indent=indent, right_indent=indent, reuse=True,
    )  # fmt: skip
    border = _set(party._p.get_or_add_pPr(), "w:pBdr")
    size = str(max(2, round(h.party_rule_width_pt * 8)))
    _set(border, "w:bottom", val="single", sz=size, space=str(round(h.party_rule_gap_pt)),
         color="000000")  # fmt: skip
    w.paragraph(
        table.cell(3, 1), rep.place_and_date, size=h.size, leading=h.leading, italic=True,
        align=_CENTER, reuse=True,
    )  # fmt: skip


def _title(w: _Writer, rep: PrintedReport) -> None:
    t = w.layout.title
    w.paragraph(
        w.doc, rep.document_kind, size=t.size, leading=t.size * 1.25, bold=True, align=_CENTER,
        space_before=w.layout.header.space_after_pt + t.space_before_pt,
    )  # fmt: skip
    indent = Mm(t.summary_indent_mm).pt
    w.paragraph(
        w.doc, rep.subject, size=t.summary_size, leading=t.summary_leading, bold=True,
        align=_CENTER, left_indent=indent, right_indent=indent,
        space_after=0.0 if rep.mark else t.space_after_pt,
    )  # fmt: skip
    if rep.mark:
        w.paragraph(
            w.doc, rep.mark, size=t.summary_size, leading=t.summary_leading, align=_CENTER,
            space_after=t.space_after_pt,
        )  # fmt: skip


def _body(w: _Writer, text: str, *, space_after: float = 0.0, keep: bool = False) -> None:
    b = w.layout.body
    paragraph = w.paragraph(
        w.doc, text, size=b.size, leading=b.leading, align=_JUSTIFY,
        first_indent=Mm(b.first_line_indent_mm).pt, space_before=b.paragraph_space_pt,
        space_after=space_after,
    )  # fmt: skip
    if keep:
        paragraph.paragraph_format.keep_with_next = True


def _report_table(w: _Writer, rep: PrintedReport) -> None:
    t = w.layout.table
    widths = [c.width_mm for c in t.columns]
    table = w.table(widths, 0, borders=True)
    pads = [c.padding_pt for c in t.columns]

    def add(*cells: tuple[Sequence[Block], Any, bool], span_rest: bool = False) -> list[_Cell]:
        """A row: each cell's blocks, alignment and boldness; the second spanning to the end."""
        spans = [1, len(widths) - 1] if span_rest else [1] * len(widths)
        made = w.row(table, widths, spans)
        for column, (cell, (blocks, align, bold)) in enumerate(zip(made, cells, strict=True)):
            right = pads[-1] if span_rest and column == 1 else pads[column]
            w.cell_margins(cell, left=pads[column], right=right, vertical=t.vertical_padding_pt)
            w.blocks(cell, blocks, align=align, bold=bold)
        return made

    header_leading = t.header_size * t.leading / t.size
    header = w.row(table, widths, [1] * len(widths))
    for column, (cell, title) in enumerate(zip(header, rep.column_titles, strict=True)):
        w.cell_margins(cell, left=pads[column], right=pads[column], vertical=t.vertical_padding_pt)
        w.paragraph(
            cell, title, size=t.header_size, leading=header_leading, bold=True, align=_CENTER,
            reuse=True,
        )  # fmt: skip
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    w.row_flags(table.rows[0], header=True, keep=True)
    for section in rep.sections:
        add(
            ([Block("para", section.number)], _CENTER, True),
            ([Block("para", section.title)], _LEFT, True),
            span_rest=True,
        )
        if section.free_text is not None:
            add(([], _CENTER, False), (section.free_text, _JUSTIFY, False), span_rest=True)
            continue
        for q in section.questions:
            add(
                ([Block("para", q.number)], _CENTER, False),
                ([Block("para", q.prompt)], _LEFT, False),
                (q.answer, _JUSTIFY, False),
                ([Block("para", line) for line in q.figures], _LEFT, False),
                (q.note, _LEFT, False),
            )


def _signature(w: _Writer, rep: PrintedReport) -> None:
    r, s = w.layout.recipients, w.layout.signature
    left_mm = s.left_column_mm
    table = w.table([left_mm, w.layout.text_width_mm - left_mm], 1, borders=False)
    w.row_flags(table.rows[0], keep=True)
    left, right = table.cell(0, 0), table.cell(0, 1)
    w.paragraph(
        left, rep.recipients_title, size=r.title_size, leading=r.title_size * 1.2,
        bold=r.title_bold, italic=r.title_italic, underline=r.title_underline, reuse=True,
    )  # fmt: skip
    hang = stringWidth(r.prefix, w.family.regular, r.size)
    for line in rep.recipients:
        w.paragraph(
            left, line, size=r.size, leading=r.leading, left_indent=hang, first_indent=-hang
        )
    lines = [(rep.signer_authority, True), (rep.signer_position, False)]
    first = True
    for text, bold in lines:
        if text:
            w.paragraph(
                right, text, size=s.size, leading=s.leading, bold=bold, align=_CENTER, reuse=first
            )
            first = False
    w.paragraph(
        right, rep.signer_name, size=s.size, leading=s.leading, bold=True, align=_CENTER,
        space_before=Mm(s.space_for_signature_mm).pt, reuse=first,
    )  # fmt: skip


def _field(paragraph: Paragraph, instruction: str, shown: str, size: float) -> None:
    """A Word field (``PAGE``) in a paragraph, showing ``shown`` until Word updates it."""
    for kind in ("begin", "instr", "separate", "text", "end"):
        run = paragraph.add_run()
        run.font.size = Pt(size)
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = instruction
            run._r.append(element)
        elif kind == "text":
            run.text = shown
        else:
            _set(run._r, "w:fldChar", fldCharType=kind)


def _page_headers(w: _Writer, rep: PrintedReport) -> None:
    """Page numbers at the top centre from the profile's first numbered page; "DỰ THẢO" framed
    at the top right of every page of a draft copy."""
    section = w.doc.sections[0]
    pn = w.layout.page_number
    numbered_first = pn.first_numbered_page <= 1
    section.different_first_page_header_footer = not numbered_first
    headers = [(section.header, True)]
    if not numbered_first:
        headers.append((section.first_page_header, False))
    width = w.text_width
    for header, numbered in headers:
        paragraph = header.paragraphs[0]
        fmt = paragraph.paragraph_format
        fmt.tab_stops.add_tab_stop(Length(width // 2), WD_TAB_ALIGNMENT.CENTER)
        fmt.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
        paragraph.add_run("\t").font.size = Pt(pn.size)
        if numbered:
            _field(paragraph, " PAGE ", str(max(2, pn.first_numbered_page)), pn.size)
        if rep.draft_copy:
            paragraph.add_run("\t")
            mark = paragraph.add_run(rep.draft_mark)
            mark.bold = True
            mark.font.size = Pt(w.layout.draft_mark.size)
            _set(mark._r.get_or_add_rPr(), "w:bdr", val="single", sz="8", space="2",
                 color="000000")  # fmt: skip


def _property(text: str) -> str:
    """A file property's text: one line, cut to Word's limit of 255 characters."""
    line = " ".join(text.split())
    return line if len(line) <= 255 else line[:254] + "…"


def _properties(w: _Writer, rep: PrintedReport, draft: Draft, template: Template) -> None:
    props = w.doc.core_properties
    props.title = _property(rep.title)
    props.author = props.last_modified_by = _property(rep.issuing_body)
    props.subject = _property(rep.subject)
    props.language = LANGUAGE
    copy_kind = "bản dự thảo" if rep.draft_copy else "bản chính thức"
    props.keywords = f"{copy_kind}; bố cục: {w.layout.id}; mẫu: {template.id} v{template.version}"
    props.comments = f"dienchau_desktop {__version__}"
    for key in ("updated", "created"):
        try:
            stamp = datetime.fromisoformat(draft.meta_text(key).strip())
        except ValueError:
            continue
        props.created = props.modified = stamp
        break


def build_docx(draft: Draft, template: Template, layout: Layout, *, draft_copy: bool) -> bytes:
    """The report as .docx bytes (no validation here: see :func:`~dienchau_desktop.word`)."""
    rep = printed_report(draft, template, layout, draft_copy=draft_copy)
    w = _Writer(layout)
    _header(w, rep)
    _title(w, rep)
    if rep.preamble:
        _body(w, rep.preamble, space_after=layout.table.space_before_pt)
    _report_table(w, rep)
    if rep.closing:
        _body(w, rep.closing, space_after=layout.signature.space_before_pt, keep=True)
    _signature(w, rep)
    _page_headers(w, rep)
    _properties(w, rep, draft, template)
    # python-docx starts a document with one empty paragraph: the header table goes before it.
    body = w.doc.element.body
    first = body[0]
    if first.tag == qn("w:p") and not "".join(first.itertext()).strip():
        body.remove(first)
    buffer = io.BytesIO()
    w.doc.save(buffer)
    return buffer.getvalue()
