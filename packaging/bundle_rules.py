"""What goes into the frozen program, what is left out, and why.

``build_installer.spec`` loads this file by its path (``packaging/`` is deliberately not a Python
package, so it can never shadow the PyPI ``packaging`` library), the tests in ``tests/packaging``
check it against the source tree, and ``docs/install.md`` summarises it for people.

Every rule names a file by its destination inside the bundle and by its base name only, never by a
platform path, so the same rules apply to the Windows build (``qwindows.dll``) and the Linux build
(``libqxcb.so``).
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path, PurePosixPath
from string import Template

APP_NAME = "dienchau-desktop"  # the executable: dienchau-desktop.exe on Windows
PRODUCT_NAME = "Báo cáo Đảng ủy xã"
COMPANY_NAME = "dienchau_desktop"
# Windows shows the file description as the name of the program (Task Manager): keep it short.
DESCRIPTION = PRODUCT_NAME
# The user's data folder name (dienchau_desktop.paths.APP_DIR_NAME): the uninstaller keeps it.
APP_DIR_NAME = "DienChauBaoCao"

# --- Python modules -------------------------------------------------------------------------

# Python modules the program never imports at run time. Leaving them out keeps them from being
# pulled in by an optional import somewhere in a dependency.
EXCLUDED_PYTHON_MODULES: dict[str, str] = {
    "tkinter": "the GUI is Qt; Tk and its Tcl runtime are never used",
    "_tkinter": "the C half of tkinter",
    "unittest": "test framework from the standard library; tests do not ship",
    "doctest": "test tool from the standard library",
    "pydoc": "interactive help browser; nothing calls help() in the program",
    "test": "CPython's own regression tests",
    "lib2to3": "Python 2 converter",
    "pytest": "test runner (test extra only)",
    "_pytest": "pytest internals",
    "pytestqt": "pytest-qt (test extra only)",
    "hypothesis": "property-based tests (test extra only)",
    "pypdf": "reads PDFs in the tests only; the program writes PDFs with ReportLab",
    "pdfplumber": "extracts PDF text in the tests only",
    "pdfminer": "pdfplumber's PDF parser (test extra only)",
    "mypy": "type checker (test extra only)",
    "setuptools": "packaging tool; not needed once frozen",
    "pkg_resources": "setuptools' run-time half; nothing in the program uses it",
    "pip": "installer; the frozen program installs nothing",
    "PyInstaller": "the build tool itself",
    "ssl": "the program works offline: no TLS (leaves out OpenSSL, about 5 MB)",
    "_ssl": "the C half of ssl",
    "_hashlib": "OpenSSL hashes; hashlib falls back to its built-in MD5/SHA, all ReportLab needs",
    "PIL._avif": "AVIF image codec (about 5 MB); the program reads no AVIF pictures",
    "PIL.AvifImagePlugin": "AVIF image plugin; Pillow skips a plugin that is missing",
    "PIL._webp": "WebP image codec; the program reads no WebP pictures",
    "PIL.WebPImagePlugin": "WebP image plugin; Pillow skips a plugin that is missing",
    "PIL.ImageQt": "Pillow-Qt bridge; not used",
    "PIL.ImageTk": "Pillow-Tk bridge; not used",
    "lxml.objectify": "lxml's object API (about 3 MB); python-docx uses lxml.etree only",
    "lxml.html": "lxml's HTML parser and tools; no HTML is read",
    "lxml.isoschematron": "Schematron validation; no XML schema is checked",
    "lxml.sax": "lxml's SAX bridge; not used",
}

# PySide6 modules the program does not use. The Python modules are excluded here; their Qt
# libraries are dropped below when nothing that stays in the bundle links to them.
EXCLUDED_QT_MODULES: dict[str, str] = {
    "QtNetwork": "the program works offline: no sockets, no HTTP, no TLS",
    "QtDBus": "desktop-bus messaging is a Linux service; the program sends no messages",
    "QtQml": "the GUI is Qt Widgets, not QML",
    "QtQuick": "the GUI is Qt Widgets, not Qt Quick",
    "QtQuickWidgets": "embeds Qt Quick in widgets; not used",
    "QtQuickControls2": "Qt Quick controls; not used",
    "QtQuickTest": "Qt Quick test harness",
    "QtOpenGL": "widgets are drawn by the raster engine; no OpenGL views",
    "QtOpenGLWidgets": "OpenGL widgets; not used",
    "QtSvg": "icons are PNG/ICO files; no SVG is drawn",
    "QtSvgWidgets": "SVG widgets; not used",
    "QtSql": "drafts are stored with TinyDB (JSON files), not SQL",
    "QtTest": "Qt's test library; the tests use pytest-qt",
    "QtXml": "no XML documents are read",
    "QtDesigner": "Qt Designer plugins; the GUI is written in code",
    "QtHelp": "Qt Assistant help files; not used",
    "QtUiTools": "loads .ui files at run time; the GUI is written in code",
    "QtPdf": "the preview renders pages with pypdfium2",
    "QtPdfWidgets": "the preview renders pages with pypdfium2",
    "QtQmlFeatures": "QML support module",
    "QtLabsStyleKit": "Qt Quick style kit",
}

# --- Qt plugins ---------------------------------------------------------------------------------

# Plugin folders kept, and the plugins kept in each (base names without "lib" and extension).
# ``None`` keeps the whole folder. Every other plugin folder is left out.
KEPT_QT_PLUGINS: dict[str, frozenset[str] | None] = {
    # windows: the Windows desktop; offscreen: tests and the smoke test; minimal: a last resort
    # without a screen; xcb: an X11 desktop (the Linux build is only for CI and developers).
    "platforms": frozenset({"qwindows", "qoffscreen", "qminimal", "qxcb"}),
    # PNG is built into QtGui; ICO for the window icon, JPEG for a picture a user may paste.
    "imageformats": frozenset({"qico", "qjpeg"}),
    # Printing to a Windows printer (windowsprintersupport) or CUPS on Linux.
    "printsupport": None,
    # The native Windows 10/11 look (qmodernwindowsstyle); absent on Linux.
    "styles": None,
    # Typing Vietnamese on Linux through compose keys or IBus (ibus-unikey, ibus-bamboo). Windows
    # input methods go through the platform plugin itself and need no plugin here.
    "platforminputcontexts": frozenset(
        {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"}
    ),
}

# Why the other plugin folders are left out (for the documentation and the build log).
DROPPED_QT_PLUGINS: dict[str, str] = {
    "platforms (others)": "eglfs, linuxfb, vnc, wayland, direct2d: not the office desktop",
    "imageformats (others)": "gif, svg, pdf, tiff, webp, tga, icns, wbmp: never loaded",
    "platformthemes": "GTK and XDG portal themes (Linux only) pull GTK and D-Bus into the bundle",
    "platforminputcontexts (virtual keyboard)": "pulls in Qt Quick and QML",
    "iconengines": "the SVG icon engine; icons are PNG/ICO",
    "generic": "touch and tablet input drivers for embedded Linux",
    "xcbglintegrations, egldeviceintegrations": "OpenGL glue; the raster engine draws the widgets",
    "networkinformation, tls": "QtNetwork back-ends; the program works offline",
    "sqldrivers, qmltooling, designer, wayland-*": "modules the program does not use",
}

# --- Libraries ------------------------------------------------------------------------------------

# Shared libraries that may be left out, as patterns on the normalised base name (see
# ``library_key``). A library matching a pattern is still kept when anything else that stays in the
# bundle links to it (QtGui links QtDBus on Linux, for example): the spec checks each one.
DROPPABLE_LIBRARIES: dict[str, str] = {
    "qt6network": "QtNetwork (offline program)",
    "qt6dbus": "QtDBus (kept on Linux, where QtGui links to it)",
    "qt6qml*": "QML (the GUI is Qt Widgets)",
    "qt6quick*": "Qt Quick (the GUI is Qt Widgets)",
    "qt6labs*": "Qt Quick Labs",
    "qt6opengl*": "OpenGL views (raster drawing only)",
    "qt6svg*": "SVG (icons are PNG/ICO)",
    "qt6pdf*": "QtPdf (the preview uses pypdfium2)",
    "qt6virtualkeyboard*": "virtual keyboard",
    "qt6wayland*": "Wayland (Linux desktops use xcb here)",
    "qt6wl*": "Wayland shell integration",
    "qt6eglfs*": "embedded Linux display",
    "qt6sql": "QtSql (drafts are JSON files)",
    "qt6xml": "QtXml (no XML is read)",
    "qt6test": "QtTest (test library)",
    "qt6designer*": "Qt Designer (GUI written in code)",
    "qt6help": "Qt Help (Assistant help files)",
    "qt6concurrent": "QtConcurrent (workers use QThreadPool)",
    "qt6statemachine*": "state machines",
    "opengl32sw": "software OpenGL for Windows (about 20 MB); the raster engine needs none",
    "d3dcompiler_*": "Direct3D shader compiler used by Qt Quick on Windows",
    "gtk-3": "GTK, brought in only by the GTK platform theme",
    "gdk-3": "GTK, brought in only by the GTK platform theme",
}

# --- Data files -------------------------------------------------------------------------------

DROPPED_DATA: dict[str, str] = {
    "PySide6/Qt/translations": (
        "Qt ships no Vietnamese translation (there is no qtbase_vi.qm); every text the user sees "
        "is the program's own Vietnamese"
    ),
}

# Folders under resources/ that the program reads; the bundle must contain each one.
RESOURCE_FOLDERS = ("templates", "layouts", "fonts", "examples", "icons")


# --- Rules --------------------------------------------------------------------------------------


def library_key(name: str) -> str:
    """``libQt6Gui.so.6`` / ``Qt6Gui.dll`` / ``libfoo-3.so.0.24`` → ``qt6gui`` / ``foo-3``."""
    base = PurePosixPath(name.replace("\\", "/")).name.lower()
    base = re.sub(r"\.so(\.\d+)*$", "", base)
    base = re.sub(r"\.(dll|pyd|dylib)$", "", base)
    base = re.sub(r"\.(abi3|cpython-[^.]+|cp\d+-[^.]+)$", "", base)
    return base.removeprefix("lib")


def qt_plugin_location(dest: str) -> tuple[str, str] | None:
    """(folder, plugin name) when ``dest`` is a Qt plugin inside the bundle, else None."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if "plugins" not in parts:
        return None
    i = parts.index("plugins")
    if i == 0 or parts[i - 1] != "Qt" or len(parts) != i + 3:
        return None
    folder, filename = parts[i + 1], parts[i + 2]
    stem = filename.split(".")[0]
    return folder, stem.removeprefix("lib")


def keep_qt_plugin(dest: str) -> bool:
    """Whether a binary stays in the bundle as far as the plugin rules go (non-plugins: yes)."""
    location = qt_plugin_location(dest)
    if location is None:
        return True
    folder, name = location
    if folder not in KEPT_QT_PLUGINS:
        return False
    kept = KEPT_QT_PLUGINS[folder]
    return kept is None or name in kept


def droppable_library(dest: str) -> bool:
    """Whether a library matches one of the DROPPABLE_LIBRARIES patterns."""
    if qt_plugin_location(dest) is not None:
        return False
    key = library_key(dest)
    return any(fnmatch.fnmatchcase(key, pattern) for pattern in DROPPABLE_LIBRARIES)


def dependency_library(dest: str) -> bool:
    """A library PyInstaller put at the top of the bundle because something linked to it.

    Such a library is only worth its place while something that stays still links to it: the GTK
    platform theme, for example, brings GTK's whole chain along, which goes when the theme goes.
    The Python library itself is loaded by the executable, not linked, and always stays.
    """
    posix = dest.replace("\\", "/")
    return "/" not in posix and not library_key(posix).startswith("python")


def may_leave_out(dest: str) -> bool:
    """Candidates for leaving out; the spec keeps each one that anything kept links to."""
    return droppable_library(dest) or dependency_library(dest)


def keep_data(dest: str) -> bool:
    """Whether a data file stays in the bundle."""
    posix = dest.replace("\\", "/")
    return not any(posix == d or posix.startswith(d + "/") for d in DROPPED_DATA)


def excluded_modules() -> list[str]:
    """The ``excludes`` list for PyInstaller's Analysis."""
    return sorted(EXCLUDED_PYTHON_MODULES) + [f"PySide6.{m}" for m in sorted(EXCLUDED_QT_MODULES)]


def read_version(root: Path) -> str:
    """``__version__`` from the package, read as text so the build imports nothing from it."""
    text = (root / "dienchau_desktop" / "__init__.py").read_text("utf-8")
    match = re.search(r"""^__version__\s*=\s*["']([^"']+)["']""", text, re.MULTILINE)
    if not match:
        raise ValueError("dienchau_desktop/__init__.py has no __version__ = '...' line")
    return match.group(1)


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """``0.1.0`` → (0, 1, 0, 0); a suffix such as ``rc1`` or ``.dev2`` is ignored."""
    match = re.match(r"^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?", version)
    if not match:
        raise ValueError(f"not a numeric version: {version!r}")
    a, b, c, d = (int(n) if n else 0 for n in match.groups())
    return (a, b, c, d)


def render_version_info(template_text: str, version: str) -> str:
    """The Windows version resource (PyInstaller's text format) for this version."""
    numbers = version_tuple(version)
    return Template(template_text).substitute(
        version_tuple=repr(numbers),
        version_dotted=repr(".".join(str(n) for n in numbers)),
        version=repr(version),
        product=repr(PRODUCT_NAME),
        company=repr(COMPANY_NAME),
        description=repr(DESCRIPTION),
        copyright=repr(f"Giấy phép MIT — {COMPANY_NAME}"),
        exe=repr(APP_NAME + ".exe"),
        internal_name=repr(APP_NAME),
    )
