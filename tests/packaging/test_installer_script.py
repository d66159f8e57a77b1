"""The Windows installer script and the Windows workflow say what the issue asks of them.

The installer can only be run on Windows; here its script is read, and compiled with makensis
when it is installed (apt-get install nsis), against a stand-in program folder.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NSI = ROOT / "packaging" / "installer.nsi"
WORKFLOW = ROOT / ".github" / "workflows" / "windows.yml"


def _script() -> str:
    return NSI.read_text("utf-8-sig")


def _code_lines() -> list[str]:
    return [line.split(";")[0].strip() for line in _script().splitlines() if line.strip()]


def test_installs_per_user_without_administrator_rights() -> None:
    """User level, into %LOCALAPPDATA%\\Programs, registry under HKCU only."""
    script = _script()
    assert re.search(r"^RequestExecutionLevel user$", script, re.MULTILINE)
    assert "RequestExecutionLevel admin" not in script
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\${INSTALL_FOLDER}"' in script
    assert '!define INSTALL_FOLDER "BaoCaoDangUyXa"' in script
    code = "\n".join(_code_lines())
    assert "HKLM" not in code and "$PROGRAMFILES" not in code
    assert "SetShellVarContext all" not in code


def test_vietnamese_texts_shortcuts_and_add_remove_entry() -> None:
    """Vietnamese pages, Start-menu and desktop shortcuts, an entry in Settings → Apps."""
    script = _script()
    assert '!insertmacro MUI_LANGUAGE "Vietnamese"' in script
    assert script.startswith("\ufeff") or NSI.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "Unicode true" in script
    assert 'CreateShortcut "$SMPROGRAMS\\' in script
    assert 'CreateShortcut "$DESKTOP\\' in script
    for value in ("DisplayName", "DisplayVersion", "Publisher", "UninstallString", "DisplayIcon"):
        assert f'WriteRegStr HKCU "${{UNINSTALL_KEY}}" "{value}"' in script


def test_uninstaller_keeps_the_users_drafts_and_says_so() -> None:
    """The uninstaller removes the program's own files only, never the data folder."""
    from dienchau_desktop import paths

    script = _script()
    assert f'!define DATA_DIR_NAME "{paths.APP_DIR_NAME}"' in script
    uninstall = script[script.index('Section "Uninstall"') :]
    uninstall = uninstall[: uninstall.index("SectionEnd")]
    removing = [
        line.strip()
        for line in uninstall.splitlines()
        if line.strip().startswith(("Delete", "RMDir"))
    ]
    assert removing, "the uninstaller removes nothing"
    for line in removing:
        assert "DATA_DIR_NAME" not in line and paths.APP_DIR_NAME not in line, line
        assert line != 'RMDir /r "$INSTDIR"', "would delete whatever the user put in the folder"
    assert "KHÔNG bị xóa" in script  # the confirm page says the drafts stay
    assert "vẫn được giữ" in script


def test_executable_name_matches_the_build() -> None:
    """The installer's default executable is the one build_installer.spec produces."""
    assert '!define APP_EXE "dienchau-desktop.exe"' in _script()
    spec = (ROOT / "build_installer.spec").read_text("utf-8")
    assert "name=rules.APP_NAME" in spec


@pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis is not installed")
def test_script_compiles_with_makensis(tmp_path: Path) -> None:
    """makensis compiles the script against a stand-in of the built program folder."""
    dist = tmp_path / "dienchau-desktop"
    (dist / "_internal" / "resources").mkdir(parents=True)
    (dist / "dienchau-desktop.exe").write_bytes(b"MZ stand-in")
    (dist / "_internal" / "resources" / "x.json").write_text("{}", "utf-8")
    out = tmp_path / "setup.exe"
    result = subprocess.run(
        ["makensis", "-V2", f"-DDIST_DIR={dist}", f"-DOUTFILE={out}", str(NSI)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert out.stat().st_size > 50_000


def test_windows_workflow_runs_the_same_build_as_linux() -> None:
    """The Windows job installs the same extras, builds the same spec, runs the same smoke test."""
    workflow = WORKFLOW.read_text("utf-8")
    assert "runs-on: windows-latest" in workflow
    # 3.12: PySide6 6.12 on 3.11 needs the refcount workaround in gui/compat.py; ship the safer one.
    assert 'python-version: "3.12"' in workflow
    assert '-e ".[test,build]"' in workflow
    assert "pytest" in workflow
    assert "PyInstaller build_installer.spec --noconfirm" in workflow
    assert "packaging/smoke_test.py" in workflow
    assert "makensis" in workflow and "packaging\\installer.nsi" in workflow
    assert "actions/upload-artifact" in workflow
    dev = (ROOT / "scripts" / "dev.py").read_text("utf-8")
    assert '"build_installer.spec", "--noconfirm"' in dev
    assert '"packaging/smoke_test.py"' in dev
