"""Fonts for the printed report: Times New Roman where the system has it, else Liberation Serif.

Times New Roman is what the Party's guideline names and every Windows PC has it. It is not ours
to ship, so elsewhere the bundled Liberation Serif (metric-compatible, SIL OFL) is used. Either
family is registered with ReportLab as one family of four faces and embedded in the PDF.

A family is used only if all four faces load and hold every Vietnamese letter, so no Vietnamese
character is ever printed as a box. Characters a family lacks (emoji, rare symbols) are drawn
from the bundled DejaVu Sans when it has them; see :mod:`dienchau_desktop.pdf.text`.
"""

from __future__ import annotations

import hashlib
import os
import sys
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from dienchau_desktop.paths import resource_path

BUNDLED_SERIF = (
    "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold.ttf",
    "LiberationSerif-Italic.ttf",
    "LiberationSerif-BoldItalic.ttf",
)
BUNDLED_FALLBACK = "DejaVuSans.ttf"
STYLES = ("regular", "bold", "italic", "bold_italic")


def vietnamese_letters() -> str:
    """Every Vietnamese letter, composed (NFC): vowels with each tone mark, both cases, and đ."""
    tones = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
    letters = [unicodedata.normalize("NFC", v + t) for v in "aăâeêioôơuưy" for t in tones]
    letters += ["đ", *"bcdfghjklmnpqrstvwxz"]
    return "".join(letters) + "".join(x.upper() for x in letters)


# Punctuation the report itself prints (quotes, dashes, ellipsis, the draft mark's frame).
REQUIRED_CHARACTERS = frozenset(
    vietnamese_letters() + "0123456789.,;:!?()[]/%-–—“”‘’…*+=<>&'\" \u00a0"
)


@dataclass(frozen=True)
class Family:
    """A registered font family and what it can draw."""

    display_name: str  # "Times New Roman" / "Liberation Serif"
    origin: str  # "system" or "bundled"
    regular: str  # ReportLab font names of the four faces
    bold: str
    italic: str
    bold_italic: str
    family: str  # ReportLab family name (for <b>/<i> in markup)
    covered: frozenset[int]  # code points every one of the four faces has
    fallback: str | None  # ReportLab name of the symbol fallback font, if it loaded
    fallback_covered: frozenset[int]
    files: tuple[str, ...]

    def face(self, *, bold: bool = False, italic: bool = False) -> str:
        if bold and italic:
            return self.bold_italic
        if bold:
            return self.bold
        return self.italic if italic else self.regular

    @property
    def description(self) -> str:
        """For the PDF's metadata: which family was used and where it came from."""
        where = "phông của hệ thống" if self.origin == "system" else "phông đi kèm chương trình"
        return f"{self.display_name} ({where})"


def system_times_candidates() -> list[tuple[Path, Path, Path, Path]]:
    """Where Times New Roman's four faces may be installed on this system, most likely first."""
    candidates: list[tuple[Path, Path, Path, Path]] = []
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT") or r"C:\Windows")
        fonts = windir / "Fonts"
        candidates.append(
            (
                fonts / "times.ttf",
                fonts / "timesbd.ttf",
                fonts / "timesi.ttf",
                fonts / "timesbi.ttf",
            )
        )
        local = os.environ.get("LOCALAPPDATA")
        if local:  # fonts installed for one user only (Windows 10 1809+)
            user = Path(local) / "Microsoft" / "Windows" / "Fonts"
            candidates.append(
                (
                    user / "times.ttf",
                    user / "timesbd.ttf",
                    user / "timesi.ttf",
                    user / "timesbi.ttf",
                )
            )
    elif sys.platform == "darwin":
        for base in (Path("/System/Library/Fonts/Supplemental"), Path("/Library/Fonts")):
            names = ("", " Bold", " Italic", " Bold Italic")
            faces = [base / f"Times New Roman{n}.ttf" for n in names]
            candidates.append((faces[0], faces[1], faces[2], faces[3]))
    else:
        base = Path("/usr/share/fonts/truetype/msttcorefonts")
        names = ("", "_Bold", "_Italic", "_Bold_Italic")
        faces = [base / f"Times_New_Roman{n}.ttf" for n in names]
        candidates.append((faces[0], faces[1], faces[2], faces[3]))
    return candidates


def bundled_serif_files() -> tuple[Path, Path, Path, Path]:
    p = [resource_path("fonts", name) for name in BUNDLED_SERIF]
    return (p[0], p[1], p[2], p[3])


def _to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """ReportLab's ToUnicode map, with each character written as UTF-16BE hex.

    WORKAROUND: ReportLab 5.1 (``ttfonts.makeToUnicodeCMap``) writes a code point with
    ``%04X``, so a character above U+FFFF (😀, U+1F600) gets five digits and a text extractor
    reads a different character (U+1F60). PDF 32000-1 §9.10.3 wants UTF-16BE, i.e. a surrogate
    pair. For every character up to U+FFFF the output is byte for byte what ReportLab writes.
    """
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
    ]
    lines += [
        f"<{i:02X}> <{chr(code).encode('utf-16-be', 'surrogatepass').hex().upper()}>"
        for i, code in enumerate(subset)
    ]
    lines += [
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


def _install_to_unicode_fix() -> None:
    from reportlab.pdfbase import ttfonts

    if getattr(ttfonts, "makeToUnicodeCMap", None) is not None:
        ttfonts.makeToUnicodeCMap = _to_unicode_cmap


_install_to_unicode_fix()

_LOCK = threading.Lock()
_FAMILIES: dict[bool, Family] = {}
_LOADED: dict[str, TTFont] = {}


class FontUnavailableError(RuntimeError):
    """No usable font family: the program's own font files are missing or damaged."""


def _load(path: Path) -> TTFont | None:
    """Register one TrueType file under a name derived from its path; None if it will not load."""
    key = str(path)
    if key in _LOADED:
        return _LOADED[key]
    tag = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
    name = f"DC-{path.stem}-{tag}"
    try:
        font = TTFont(name, key)
    except (TTFError, OSError, ValueError, KeyError, IndexError, AssertionError):
        return None
    pdfmetrics.registerFont(font)
    _LOADED[key] = font
    return font


def _covered(font: TTFont) -> frozenset[int]:
    return frozenset(code for code, glyph in font.face.charToGlyph.items() if glyph)


def _family(files: Sequence[Path], display_name: str, origin: str) -> Family | None:
    if not all(f.is_file() for f in files):
        return None
    fonts = [_load(f) for f in files]
    if any(f is None for f in fonts):
        return None
    loaded = [f for f in fonts if f is not None]
    covered = frozenset.intersection(*(_covered(f) for f in loaded))
    if not {ord(c) for c in REQUIRED_CHARACTERS} <= covered:
        return None
    names = [f.fontName for f in loaded]
    family = f"DC-{display_name.replace(' ', '')}-{names[0].rsplit('-', 1)[-1]}"
    for bold, italic, name in (
        (0, 0, names[0]),
        (1, 0, names[1]),
        (0, 1, names[2]),
        (1, 1, names[3]),
    ):
        addMapping(family, bold, italic, name)
    fallback = _load(resource_path("fonts", BUNDLED_FALLBACK))
    return Family(
        display_name=display_name,
        origin=origin,
        regular=names[0],
        bold=names[1],
        italic=names[2],
        bold_italic=names[3],
        family=family,
        covered=covered,
        fallback=fallback.fontName if fallback is not None else None,
        fallback_covered=_covered(fallback) if fallback is not None else frozenset(),
        files=tuple(str(f) for f in files),
    )


def report_family(*, use_system: bool = True) -> Family:
    """The family the report prints in (loaded and registered once per process)."""
    with _LOCK:
        if use_system not in _FAMILIES:
            family = None
            if use_system:
                for files in system_times_candidates():
                    family = _family(files, "Times New Roman", "system")
                    if family is not None:
                        break
            if family is None:
                family = _family(bundled_serif_files(), "Liberation Serif", "bundled")
            if family is None:
                raise FontUnavailableError(
                    "Không tìm thấy phông chữ để in: tệp phông đi kèm chương trình bị thiếu hoặc "
                    "hỏng. Hãy cài lại chương trình."
                )
            _FAMILIES[use_system] = family
        return _FAMILIES[use_system]


def reset_cache() -> None:
    """Forget the chosen families (for tests that change where fonts are looked for)."""
    with _LOCK:
        _FAMILIES.clear()
