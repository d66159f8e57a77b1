"""The text of a Word body, as the clerk sees it: paragraphs, tables and their cells, in order.

Word stores what it shows in ways that plain text extraction gets wrong, so the body is walked
element by element (python-docx's ``row.cells`` repeats a merged cell once per grid column):

- a table row's ``w:tc`` elements, each with its grid column and span (``w:gridSpan``); a cell
  that continues a vertical merge (``w:vMerge`` without "restart") keeps no text of its own;
- a nested table inside a cell reads row by row, its cells joined by a space;
- a soft line break (``w:br``) starts a new line; a tab stays a tab (the header and signature
  blocks are often laid out with tabs; cleaning later makes it a space);
- a Word list item (``w:numPr``, or a style named "List …") and a line typed with "-", "–", "+"
  or "•" become "- " lines, the bullets of the draft;
- text in an old Vietnamese font is converted: ".Vn…" fonts are TCVN3 (".Vn…H" ones are the
  capital fonts, so the text is upper-cased), "VNI-…" fonts are VNI. A run without such a font
  is converted only when the paragraph's text surely is in an old encoding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

from dienchau_desktop.textclean import convert_tcvn3, convert_vni, legacy_encoding

# Tables nested deeper than this read as plain text (a hostile file cannot exhaust the stack).
MAX_DEPTH = 8
# Containers whose children are read as if they stood in their place.
_WRAPPERS = frozenset(
    qn(t) for t in ("w:sdt", "w:sdtContent", "w:customXml", "w:smartTag", "w:ins", "w:moveTo")
)
_IN_PARAGRAPH = _WRAPPERS | {qn("w:hyperlink"), qn("w:fldSimple")}
_BULLET_START = re.compile(r"^\s*([-–+•])(\s*)(.*)$", re.S)


@dataclass(frozen=True)
class Cell:
    """One ``w:tc``: where it starts in the grid, how many columns it spans, its lines (none
    for the lower part of a merge down: its text is the cell's above)."""

    col: int
    span: int
    lines: tuple[str, ...]


@dataclass
class Block:
    """A body paragraph (``lines``) or a table (``rows``), in document order."""

    lines: list[str] = field(default_factory=list)
    rows: list[list[Cell]] | None = None


def _val(element: Any, tag: str, attr: str = "w:val") -> str | None:
    """The ``attr`` of child ``tag`` of ``element``; None when there is no such child."""
    if element is None:
        return None
    child = element.find(qn(tag))
    if child is None:
        return None
    return str(child.get(qn(attr)) or "")


def _int(text: str | None, default: int) -> int:
    try:
        return max(0, min(int(text or ""), 64))
    except ValueError:
        return default


def _run_font(rpr: Any) -> str | None:
    fonts = None if rpr is None else rpr.find(qn("w:rFonts"))
    if fonts is None:
        return None
    return fonts.get(qn("w:ascii")) or fonts.get(qn("w:hAnsi")) or None


def _encoding(font: str | None) -> tuple[str | None, bool]:
    """The old encoding a font name implies, and whether it is a capital-letters font."""
    name = (font or "").strip()
    if name.lower().startswith(".vn"):
        return "tcvn3", name.endswith("H")
    if name.lower().startswith("vni-"):
        return "vni", False
    return None, False


def _legacy(text: str, encoding: str | None, capital: bool) -> str:
    if encoding == "tcvn3":
        text = convert_tcvn3(text)
    elif encoding == "vni":
        text = convert_vni(text)
    return text.upper() if capital else text


def _run_text(run: Any) -> str:
    parts: list[str] = []
    for child in run:
        tag = child.tag
        if tag == qn("w:t"):
            parts.append(child.text or "")
        elif tag == qn("w:tab"):
            parts.append("\t")
        elif tag == qn("w:br"):
            kind = child.get(qn("w:type"))
            parts.append(" " if kind in ("page", "column") else "\n")
        elif tag == qn("w:cr"):
            parts.append("\n")
        elif tag == qn("w:noBreakHyphen"):
            parts.append("-")
        elif tag == qn("w:sym"):
            parts.append(_symbol(child.get(qn("w:char"))))
    return "".join(parts)


def _symbol(code: str | None) -> str:
    try:
        return chr(int(code or "", 16))
    except (ValueError, OverflowError):
        return ""


def tidy_line(line: str) -> str:
    """A line typed with a dash, "+" or "•" in front as a "- " line ("-5", "-----" stay)."""
    m = _BULLET_START.match(line)
    if m is None:
        return line
    _, space, rest = m.groups()
    if not rest.strip() or rest[0] in "-–+•" or (not space and rest[0].isdigit()):
        return line
    return "- " + rest.strip()


class Styles:
    """What a paragraph or run inherits from the document's styles: its font, whether a list."""

    def __init__(self, styles_element: Any) -> None:
        self._fonts: dict[str, str | None] = {}
        self._lists: dict[str, bool] = {}
        self._based: dict[str, str] = {}
        self.default_paragraph = ""
        self.default_font: str | None = None
        if styles_element is None:
            return
        defaults = styles_element.find(qn("w:docDefaults"))
        if defaults is not None:
            rpr = defaults.find(qn("w:rPrDefault"))
            self.default_font = _run_font(None if rpr is None else rpr.find(qn("w:rPr")))
        for style in styles_element.findall(qn("w:style")):
            self._add(style)

    def _add(self, style: Any) -> None:
        sid = str(style.get(qn("w:styleId")) or "")
        if not sid:
            return
        name = (_val(style, "w:name") or "").strip().lower()
        ppr = style.find(qn("w:pPr"))
        num_id = _val(ppr.find(qn("w:numPr")) if ppr is not None else None, "w:numId")
        self._lists[sid] = name.startswith("list") or (num_id not in (None, "0"))
        self._fonts[sid] = _run_font(style.find(qn("w:rPr")))
        based = _val(style, "w:basedOn")
        if based:
            self._based[sid] = based
        if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true"):
            self.default_paragraph = sid

    def _chain(self, sid: str) -> Iterator[str]:
        seen: set[str] = set()
        while sid and sid not in seen and len(seen) < 16:
            seen.add(sid)
            yield sid
            sid = self._based.get(sid, "")

    def font(self, style_id: str) -> str | None:
        return next((f for s in self._chain(style_id) if (f := self._fonts.get(s))), None)

    def is_list(self, style_id: str) -> bool:
        return self._lists.get(style_id, False)


class TextReader:
    """Reads paragraphs, cells and tables of one document into lines."""

    def __init__(self, styles: Styles) -> None:
        self.styles = styles

    def body(self, element: Any) -> list[Block]:
        blocks: list[Block] = []
        for child in self._children(element):
            if child.tag == qn("w:p"):
                lines = self.paragraph(child)
                if lines:
                    blocks.append(Block(lines=lines))
            elif child.tag == qn("w:tbl"):
                blocks.append(Block(rows=self.table(child, 0)))
        return blocks

    def _children(self, element: Any) -> Iterator[Any]:
        for child in element:
            if child.tag in _WRAPPERS:
                yield from self._children(child)
            else:
                yield child

    def paragraph(self, p: Any) -> list[str]:
        """A paragraph's lines: converted from old fonts, a list item as a "- " line."""
        ppr = p.find(qn("w:pPr"))
        style = _val(ppr, "w:pStyle") or self.styles.default_paragraph
        para_font = self.styles.font(style) or self.styles.default_font
        pieces = [(_run_text(run), *_encoding(self._font(run, para_font))) for run in self._runs(p)]
        plain = "".join(text for text, encoding, _ in pieces if encoding is None)
        guessed = legacy_encoding(plain) if plain.strip() else None
        text = "".join(_legacy(t, e or guessed, cap) for t, e, cap in pieces)
        lines = [line for line in (raw.strip() for raw in text.split("\n")) if line]
        if lines and self._is_list(ppr, style):
            m = _BULLET_START.match(lines[0])
            first = m.group(3).strip() if m and m.group(3).strip() else lines[0]
            lines[0] = "- " + first
        return [tidy_line(line) for line in lines]

    def _runs(self, element: Any) -> Iterator[Any]:
        for child in element:
            if child.tag == qn("w:r"):
                yield child
            elif child.tag in _IN_PARAGRAPH:
                yield from self._runs(child)

    def _font(self, run: Any, para_font: str | None) -> str | None:
        rpr = run.find(qn("w:rPr"))
        own = _run_font(rpr)
        if own:
            return own
        run_style = _val(rpr, "w:rStyle")
        return (self.styles.font(run_style) if run_style else None) or para_font

    def _is_list(self, ppr: Any, style: str) -> bool:
        num_pr = None if ppr is None else ppr.find(qn("w:numPr"))
        if num_pr is not None:
            return _val(num_pr, "w:numId") != "0"
        return self.styles.is_list(style)

    def cell(self, tc: Any, depth: int) -> list[str]:
        lines: list[str] = []
        for child in self._children(tc):
            if child.tag == qn("w:p"):
                lines += self.paragraph(child)
            elif child.tag == qn("w:tbl"):
                lines += self._nested(child, depth + 1)
        return lines

    def _nested(self, tbl: Any, depth: int) -> list[str]:
        if depth > MAX_DEPTH:
            text = " ".join("".join(tbl.itertext()).split())
            return [text] if text else []
        out: list[str] = []
        for row in self.table(tbl, depth):
            line = " ".join(" ".join(c.lines) for c in row if c.lines)
            if line:
                out.append(line)
        return out

    def table(self, tbl: Any, depth: int) -> list[list[Cell]]:
        rows: list[list[Cell]] = []
        for tr in self._children(tbl):
            if tr.tag != qn("w:tr"):
                continue
            col = _int(_val(tr.find(qn("w:trPr")), "w:gridBefore"), 0)
            cells: list[Cell] = []
            for tc in self._children(tr):
                if tc.tag != qn("w:tc"):
                    continue
                tcpr = tc.find(qn("w:tcPr"))
                span = max(1, _int(_val(tcpr, "w:gridSpan"), 1))
                vmerge = _val(tcpr, "w:vMerge")
                hmerge = _val(tcpr, "w:hMerge")
                continued = (vmerge is not None and vmerge != "restart") or (
                    hmerge is not None and hmerge != "restart"
                )
                lines = () if continued else tuple(self.cell(tc, depth))
                cells.append(Cell(col, span, lines))
                col += span
            rows.append(cells)
        return rows
