"""The rules of what the frozen build leaves out agree with what the program imports and uses.

The frozen build itself is slow and runs from ``scripts/dev.py frozen``; these checks are quick and
catch the usual mistake early: a module or a Qt plugin left out that the code does use.
"""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "dienchau_desktop"


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


rules: Any = _load("dienchau_bundle_rules", ROOT / "packaging" / "bundle_rules.py")


def _imported_modules() -> set[str]:
    """Every module name any file of the package imports (absolute imports)."""
    names: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_no_excluded_module_is_imported_by_the_program() -> None:
    """A module the build leaves out is imported nowhere in dienchau_desktop."""
    imported = _imported_modules()
    offenders = sorted(
        name
        for name in imported
        for excluded in rules.excluded_modules()
        if name == excluded or name.startswith(excluded + ".")
    )
    assert offenders == []


def test_run_time_dependencies_are_never_excluded() -> None:
    """What the program needs at run time stays: Qt's widget modules, ReportLab, Pillow, …"""
    needed = {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtPrintSupport"}
    needed |= {"reportlab", "PIL", "PIL.Image", "tinydb", "pypdfium2", "hashlib", "decimal"}
    needed |= {"docx", "lxml", "lxml.etree", "lxml._elementpath"}  # the Word copy
    excluded = set(rules.excluded_modules())
    assert needed.isdisjoint(excluded)
    parts_left_out = ("PySide6.", "PIL.", "lxml.")  # a package kept, some of its parts not
    assert all("." not in m or m.startswith(parts_left_out) for m in excluded)


def test_every_exclusion_says_why() -> None:
    """Each left-out module, plugin folder and library pattern carries a reason."""
    for table in (
        rules.EXCLUDED_PYTHON_MODULES,
        rules.EXCLUDED_QT_MODULES,
        rules.DROPPED_QT_PLUGINS,
        rules.DROPPABLE_LIBRARIES,
        rules.DROPPED_DATA,
    ):
        assert all(isinstance(reason, str) and len(reason) > 12 for reason in table.values())


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqminimal.so", True),
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6\\Qt\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6\\Qt\\plugins\\platforms\\qdirect2d.dll", False),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/imageformats/libqico.so", True),
        ("PySide6\\Qt\\plugins\\imageformats\\qjpeg.dll", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", False),
        ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
        ("PySide6\\Qt\\plugins\\iconengines\\qsvgicon.dll", False),
        ("PySide6\\Qt\\plugins\\styles\\qmodernwindowsstyle.dll", True),
        ("PySide6\\Qt\\plugins\\printsupport\\windowsprintersupport.dll", True),
        ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/plugins/generic/libqtuiotouchplugin.so", False),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("PIL/_imaging.cpython-311-x86_64-linux-gnu.so", True),
    ],
)
def test_plugin_rules(dest: str, kept: bool) -> None:
    """The platform, image, style and print plugins the program needs stay, on both systems."""
    assert rules.keep_qt_plugin(dest) is kept


@pytest.mark.parametrize(
    ("dest", "droppable"),
    [
        ("PySide6/Qt/lib/libQt6Network.so.6", True),
        ("PySide6\\Qt6Network.dll", True),
        ("PySide6/Qt/lib/libQt6Svg.so.6", True),
        ("PySide6\\Qt6Qml.dll", True),
        ("PySide6\\opengl32sw.dll", True),
        ("PySide6\\d3dcompiler_47.dll", True),
        ("PySide6/Qt/lib/libQt6Core.so.6", False),
        ("PySide6\\Qt6Gui.dll", False),
        ("PySide6\\Qt6Widgets.dll", False),
        ("PySide6/Qt/lib/libQt6PrintSupport.so.6", False),
        ("PySide6/Qt/lib/libicudata.so.73", False),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", False),
    ],
)
def test_library_rules(dest: str, droppable: bool) -> None:
    """Only libraries of unused modules are candidates; the spec still keeps any that is linked."""
    assert rules.droppable_library(dest) is droppable


@pytest.mark.parametrize(
    ("dest", "candidate"),
    [
        ("libgtk-3.so.0", True),
        ("libcairo.so.2", True),
        ("libpython3.11.so.1.0", False),
        ("python311.dll", False),
        ("python3.dll", False),
        ("PySide6/Qt/lib/libQt6Core.so.6", False),
        ("pypdfium2_raw/libpdfium.so", False),
    ],
)
def test_dependency_library_rule(dest: str, candidate: bool) -> None:
    """Top-level libraries that only other libraries brought in are candidates; Python is not."""
    assert rules.dependency_library(dest) is candidate


def test_library_key_is_the_same_on_both_systems() -> None:
    """libQt6Gui.so.6 on Linux and Qt6Gui.dll on Windows are one library for the rules."""
    assert rules.library_key("PySide6/Qt/lib/libQt6Gui.so.6") == "qt6gui"
    assert rules.library_key("PySide6\\Qt6Gui.dll") == "qt6gui"
    assert rules.library_key("libpyside6.abi3.so.6.12") == "pyside6"
    assert rules.library_key("libgdk_pixbuf-2.0.so.0") == "gdk_pixbuf-2.0"


def test_data_rules() -> None:
    """Qt's translations go (there is no Vietnamese one); the program's resources stay."""
    assert not rules.keep_data("PySide6/Qt/translations/qtbase_de.qm")
    assert not rules.keep_data("PySide6\\Qt\\translations\\qtbase_de.qm")
    assert rules.keep_data("resources/templates/kl62.json")
    assert rules.keep_data("resources/fonts/LICENSE-LiberationSerif.txt")


def test_resource_folders_exist_in_the_source_tree() -> None:
    """Every folder the bundle must carry exists under resources/."""
    for folder in rules.RESOURCE_FOLDERS:
        assert (ROOT / "resources" / folder).is_dir(), folder
    assert (ROOT / "resources" / "icons" / "app.ico").is_file()


def test_names_agree_with_the_package() -> None:
    """Version, data folder name and executable name agree with the package and the entry point."""
    import dienchau_desktop
    from dienchau_desktop import paths

    assert rules.read_version(ROOT) == dienchau_desktop.__version__
    assert rules.APP_DIR_NAME == paths.APP_DIR_NAME
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    assert f'{rules.APP_NAME} = "dienchau_desktop.cli:main"' in pyproject


@pytest.mark.parametrize(
    ("version", "quad"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("1.2", (1, 2, 0, 0)),
        ("2.0.1rc1", (2, 0, 1, 0)),
        ("3.4.5.6", (3, 4, 5, 6)),
    ],
)
def test_version_tuple(version: str, quad: tuple[int, int, int, int]) -> None:
    """The Windows version resource gets four numbers from any PEP 440 version we would use."""
    assert rules.version_tuple(version) == quad


def test_version_info_template_renders_to_valid_version_resource() -> None:
    """The filled-in template evaluates (as PyInstaller does) to the expected strings."""
    recorded: dict[str, Any] = {}

    def record(name: str):  # type: ignore[no-untyped-def]
        def make(*args: Any, **kwargs: Any) -> tuple[str, tuple[Any, ...], dict[str, Any]]:
            if name == "StringStruct":
                recorded[args[0]] = args[1]
            if name == "FixedFileInfo":
                recorded["filevers"] = kwargs["filevers"]
            return (name, args, kwargs)

        return make

    names = ["VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct"]
    names += ["VarFileInfo", "VarStruct"]
    template = (ROOT / "packaging" / "version_info.txt").read_text("utf-8")
    text = rules.render_version_info(template, "0.1.0")
    result = eval(text, {n: record(n) for n in names})  # PyInstaller reads it this way too
    assert result[0] == "VSVersionInfo"
    assert recorded["ProductName"] == "Báo cáo Đảng ủy xã"
    assert recorded["CompanyName"] == "dienchau_desktop"
    assert recorded["ProductVersion"] == "0.1.0"
    assert recorded["FileVersion"] == "0.1.0.0"
    assert recorded["OriginalFilename"] == "dienchau-desktop.exe"
    assert recorded["filevers"] == (0, 1, 0, 0)


def test_spec_has_no_platform_paths() -> None:
    """build_installer.spec names no drive, no system folder and no backslash path."""
    spec = (ROOT / "build_installer.spec").read_text("utf-8")
    for marker in ("C:\\", "C:/", "/usr/", "/opt/", "/home/", "site-packages", "\\\\"):
        assert marker not in spec, marker
    assert "rules.excluded_modules()" in spec
    assert "rules.keep_qt_plugin" in spec


def test_install_guide_names_every_left_out_qt_module() -> None:
    """docs/install.md says what the bundle leaves out; it must not fall behind the rules."""
    guide = (ROOT / "docs" / "install.md").read_text("utf-8")
    missing = [m for m in rules.EXCLUDED_QT_MODULES if m not in guide]
    assert missing == []
    assert "cannot run it" in guide  # the Windows workflow does not run on our Linux CI
