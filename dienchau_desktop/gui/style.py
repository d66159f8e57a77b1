"""Looks: text size (Ctrl+plus/minus, remembered), colours, roles, small state icons.

Everything on screen takes its size from one application style sheet built from the base text
size, so changing the size is one call and every widget follows, including widgets made later.
Widgets pick a look with :func:`set_role` (a dynamic property the style sheet matches on).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

DEFAULT_PT = 10.5
MIN_PT = 8.0
MAX_PT = 20.0
STEP_PT = 1.0
EDITOR_EXTRA_PT = 1.5
TEXT_SIZE_SETTING = "text_size"

ERROR = "#b3261e"
WARNING = "#8a5300"
OK = "#1e7b34"
MUTED = "#5f6368"
ACCENT = "#b71c1c"  # the program's red, used sparingly
PAGE_BG = "#f4f5f7"


def clamp_size(pt: object) -> float:
    """A remembered text size, made safe: a number between the limits, else the default."""
    if isinstance(pt, bool) or not isinstance(pt, int | float):
        return DEFAULT_PT
    try:
        size = float(pt)
    except OverflowError:  # an integer of hundreds of digits
        return DEFAULT_PT
    if not math.isfinite(size):
        return DEFAULT_PT
    return max(MIN_PT, min(MAX_PT, size))


def style_sheet(pt: float) -> str:
    """The application style sheet for a base text size in points."""
    editor = pt + EDITOR_EXTRA_PT
    return f"""
QWidget {{ font-size: {pt:.1f}pt; }}
QPlainTextEdit, QLineEdit {{ font-size: {editor:.1f}pt; }}
QLabel[role="title"] {{ font-size: {pt + 6:.1f}pt; font-weight: 600; }}
QLabel[role="heading"] {{ font-size: {pt + 3:.1f}pt; font-weight: 600; }}
QLabel[role="subheading"] {{ font-size: {pt + 1:.1f}pt; font-weight: 600; }}
QLabel[role="prompt"] {{ font-size: {pt + 1:.1f}pt; font-weight: 600; }}
QLabel[role="muted"] {{ color: {MUTED}; }}
QLabel[role="hint"] {{ color: {MUTED}; font-size: {max(MIN_PT, pt - 0.5):.1f}pt; }}
QLabel[role="error"] {{ color: {ERROR}; font-size: {max(MIN_PT, pt - 0.5):.1f}pt; }}
QLabel[role="warning"] {{ color: {WARNING}; font-size: {max(MIN_PT, pt - 0.5):.1f}pt; }}
QLabel[role="ok"] {{ color: {OK}; }}
QLabel[role="number"] {{ color: {MUTED}; font-size: {pt + 1:.1f}pt; font-weight: 600; }}
QPushButton[role="primary"] {{
    background: {ACCENT}; color: white; border: 1px solid #8e1515; border-radius: 4px;
    padding: 6px 14px; font-weight: 600;
}}
QPushButton[role="primary"]:hover {{ background: #c62828; }}
QPushButton[role="primary"]:focus {{ border: 2px solid #1a1a1a; }}
QPushButton[role="primary"]:disabled {{ background: #d9a3a3; border-color: #d9a3a3; }}
QFrame[role="card"] {{ background: white; border: 1px solid #d7dbe0; border-radius: 6px; }}
QFrame[role="banner"] {{ background: #fff4d6; border: 1px solid #e8c66a; border-radius: 4px; }}
QFrame[role="danger"] {{ background: #fdecea; border: 1px solid #e6a19b; border-radius: 4px; }}
QFrame[role="info"] {{ background: #e8f1fb; border: 1px solid #a9c7ea; border-radius: 4px; }}
QWidget[role="page"] {{ background: {PAGE_BG}; }}
QListWidget#sectionNav {{ font-size: {pt:.1f}pt; }}
QListWidget#sectionNav::item {{ padding: 6px 4px; }}
"""


def apply_text_size(pt: float) -> float:
    """Set the base text size of the whole program; return the size used."""
    pt = clamp_size(pt)
    app = QApplication.instance()
    sheet = style_sheet(pt)
    # Setting a sheet re-polishes every widget: only when it actually changes.
    if isinstance(app, QApplication) and app.styleSheet() != sheet:
        app.setStyleSheet(sheet)
    return pt


def set_role(widget: QWidget, role: str) -> None:
    """Give a widget a look from the style sheet (``title``, ``error``, ``card`` …)."""
    if widget.property("role") == role:
        return
    widget.setProperty("role", role)
    if not widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        return  # polished with the new role when first shown
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


_ICONS: dict[str, QIcon] = {}
_STATE_COLOURS = {
    "done": OK,
    "missing": "#c98a00",
    "error": ERROR,
    "none": "#9aa0a6",
    "print": "#5b6b7f",
}


def state_icon(state: str) -> QIcon:
    """A small round icon for a section's state: done (tick), missing (dot), error (cross)."""
    if state in _ICONS:
        return _ICONS[state]
    icon = QIcon()
    for size in (16, 24, 32, 48):
        pm = QPixmap(size, size)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(_STATE_COLOURS.get(state, MUTED)))
        p.drawEllipse(QRectF(1, 1, size - 2, size - 2))
        pen = QPen(QColor("white"), max(1.5, size / 8))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setPen(pen)
        s = float(size)
        if state == "done":
            path = QPainterPath(QPointF(s * 0.28, s * 0.52))
            path.lineTo(QPointF(s * 0.44, s * 0.68))
            path.lineTo(QPointF(s * 0.73, s * 0.34))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(path)
        elif state == "error":
            p.drawLine(QPointF(s * 0.33, s * 0.33), QPointF(s * 0.67, s * 0.67))
            p.drawLine(QPointF(s * 0.67, s * 0.33), QPointF(s * 0.33, s * 0.67))
        elif state == "print":
            p.setPen(QPen(QColor("white"), max(1.0, size / 14)))
            p.setBrush(QColor("white"))
            p.drawRect(QRectF(s * 0.32, s * 0.24, s * 0.36, s * 0.5))
            p.setPen(QPen(QColor(MUTED), max(1.0, size / 16)))
            for y in (0.38, 0.5, 0.62):
                p.drawLine(QPointF(s * 0.38, s * y), QPointF(s * 0.62, s * y))
        elif state == "missing":
            p.drawLine(QPointF(s * 0.5, s * 0.26), QPointF(s * 0.5, s * 0.58))
            p.drawPoint(QPointF(s * 0.5, s * 0.74))
        p.end()
        icon.addPixmap(pm)
    _ICONS[state] = icon
    return icon
