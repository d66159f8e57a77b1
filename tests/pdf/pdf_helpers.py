"""Shared helpers for the PDF tests: rendering, text extraction, the seed's sentences."""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import pdfplumber

from dienchau_desktop.draft import Draft
from dienchau_desktop.layout import load_layout_file
from dienchau_desktop.pdf import Layout, render_pdf

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "data" / "seed_kl62_dien_chau.txt"
LAYOUT_FILE = ROOT / "resources" / "layouts" / "party-hd36.json"
MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)


def bundled_layout() -> Layout:
    """The bundled Party profile (never a copy in the user's data folder)."""
    return load_layout_file(LAYOUT_FILE)


def render(draft: Draft, *, final: bool = False, layout: Layout | None = None) -> bytes:
    return render_pdf(draft, final=final, layout=layout or bundled_layout())


def norm(text: str) -> str:
    """NFC with all whitespace (no-break spaces too) collapsed to single spaces."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def pdftotext_pages(data: bytes, *, raw: bool = False) -> list[str]:
    """The text of each page as ``pdftotext`` extracts it (the tool users have)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.pdf"
        path.write_bytes(data)
        args = ["pdftotext", "-enc", "UTF-8", *(["-raw"] if raw else []), str(path), "-"]
        out = subprocess.run(args, capture_output=True, check=True).stdout.decode("utf-8")
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def pdffonts(data: bytes) -> list[dict[str, str]]:
    """Rows of ``pdffonts`` output: name, type, emb."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.pdf"
        path.write_bytes(data)
        out = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True)
    rows = []
    for line in out.stdout.splitlines()[2:]:
        parts = line.split()
        # name, type words..., encoding, emb, sub, uni, object, id
        rows.append({"name": parts[0], "emb": parts[-5], "line": line})
    return rows


def printed(pages: list[str], sentence: str) -> bool:
    """Whether the sentence is in the text, whole on a page or cut once by a page break."""
    target = norm(sentence)
    texts = [norm(p) for p in pages]
    if any(target in t for t in texts):
        return True
    words = target.split(" ")
    for k in range(len(texts) - 1):
        for i in range(1, len(words)):
            head, tail = " ".join(words[:i]), " ".join(words[i:])
            if head in texts[k] and tail in texts[k + 1]:
                return True
    return False


def open_pdf(data: bytes) -> Any:
    return pdfplumber.open(io.BytesIO(data))


def column_text(data: bytes, column: int, pages: range | None = None) -> str:
    """The text of one table column, page after page, without the repeated header row."""
    layout = bundled_layout()
    left = layout.page.margin_left_mm * MM
    edges = [left]
    for col in layout.table.columns:
        edges.append(edges[-1] + col.width_mm * MM)
    out = []
    with open_pdf(data) as pdf:
        for index in pages if pages is not None else range(len(pdf.pages)):
            page = pdf.pages[index]
            top = 0.0
            header = [w for w in page.extract_words() if w["text"] == "TT"]
            if header:  # start under the table's header row (and so under the page number)
                below = [
                    float(e["top"])
                    for e in page.horizontal_edges
                    if float(e["top"]) > float(header[0]["bottom"])
                ]
                top = min(below) + 0.5
            box = (edges[column] + 0.5, top, edges[column + 1] - 0.5, float(page.height))
            out.append(page.within_bbox(box).extract_text() or "")
    return "\n".join(out)


def squeeze(text: str) -> str:
    """NFC text with all whitespace removed (for words wrapped across lines)."""
    return "".join(unicodedata.normalize("NFC", text).split())


# --- the seed's sentences -------------------------------------------------------------------

_TAG = re.compile(r"<[^<>]*>")
_SENTENCE_END = re.compile(r"[.;:?!](?!\d)")  # not the dots inside 500.000.000


def _split_bullets(text: str) -> list[str]:
    """Cut at " - " list separators: those followed by a capital letter or a digit."""
    out, start = [], 0
    for m in re.finditer(r" - (?=\S)", text):
        if text[m.end()].isupper() or text[m.end()].isdigit():
            out.append(text[start : m.start()])
            start = m.end()
    out.append(text[start:])
    return out


def seed_pieces(column: int) -> list[str]:
    """Every sentence-sized piece of one column of the seed's table (tags, bullets removed).

    Columns: 1 = the question (and a section's own text, as for V), 2 = the answer.
    """
    lines = SEED.read_text(encoding="utf-8").split("\n")
    pieces: list[str] = []
    header_seen = False
    for line in lines:
        if "\t" not in line:
            continue
        cols = line.split("\t")
        if not header_seen:
            header_seen = True  # the column titles
            continue
        if column >= len(cols):
            continue
        text = norm(_TAG.sub(" ", cols[column]))
        for chunk in _split_bullets(" " + text):
            for piece in _SENTENCE_END.split(chunk):
                piece = norm(piece).removeprefix("- ").strip()
                if piece:
                    pieces.append(piece)
    return pieces
