#!/usr/bin/env python3
"""Smoke test of the frozen program: run the built executable the way an office PC would.

    python packaging/smoke_test.py             # runs dist/dienchau-desktop/dienchau-desktop[.exe]
    python packaging/smoke_test.py --exe PATH --max-mb 150 --keep

Resource-path mistakes, modules the build left out by mistake and missing Qt plugins only show in
the frozen program, so this runs the executable itself, never the source. Each step must exit 0,
print no traceback and nothing unexpected on stderr (the program's own "Đã …" notes and one known
note of Qt's offscreen platform are expected); the PDFs must be real PDFs whose fonts are embedded.
Everything runs on temporary data directories, and the user's real data directory must stay
untouched. A step whose command the build does not have yet is reported as PENDING and fails the
run unless ``--allow-pending`` is given. Timings of every step are printed at the end.

Exit status: 0 all steps passed; 1 a step failed (or is pending); 2 the executable was not found.
Needs only the standard library; uses pypdf for page counts and fonts when it is installed.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXE_NAME = "dienchau-desktop" + (".exe" if os.name == "nt" else "")
DEFAULT_EXE = ROOT / "dist" / "dienchau-desktop" / EXE_NAME
GUI_QUIT_AFTER_MS = 1500
TIMEOUT_S = 120

# Lines a step may print on stderr. Anything else is unexpected and fails the step.
EXPECTED_STDERR = [
    # The program's own notes about what it did ("Đã ghi bản nháp ví dụ vào …").
    re.compile(r"^Đã\s"),
    # Qt's offscreen platform says this whenever a window is shown; the source run says it too.
    re.compile(r"^This plugin does not support propagateSizeHints\(\)$"),
]
FAILURE_MARKERS = ("Traceback (most recent call last)", "Lỗi không mong đợi")


def _load_rules():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "dienchau_bundle_rules", Path(__file__).with_name("bundle_rules.py")
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


rules = _load_rules()


@dataclass
class Result:
    name: str
    status: str  # PASS, FAIL, PENDING
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


@dataclass
class Run:
    argv: list[str]
    returncode: int
    stdout: str
    stderr: str
    seconds: float


class SmokeTest:
    def __init__(self, exe: Path, work: Path, max_mb: float | None, allow_pending: bool) -> None:
        self.exe = exe
        self.bundle = exe.parent
        self.work = work
        self.max_mb = max_mb
        self.allow_pending = allow_pending
        self.results: list[Result] = []
        self.data = work / "data"
        # Where the user's real data would go: must still be empty at the end.
        self.sentinel = work / "home-of-user"
        self.env = self._environment()
        self._help: dict[str, str] = {}

    def _environment(self) -> dict[str, str]:
        env = dict(os.environ)
        for name in ("DIENCHAU_DATA_DIR", "DIENCHAU_RESOURCES", "PYTHONPATH", "PYTHONHOME"):
            env.pop(name, None)
        env["DIENCHAU_DATA_DIR"] = str(self.data)
        env["XDG_DATA_HOME"] = str(self.sentinel / "xdg-data")
        env["LOCALAPPDATA"] = str(self.sentinel / "LocalAppData")
        env["APPDATA"] = str(self.sentinel / "AppData")
        env["QT_QPA_PLATFORM"] = "offscreen"
        return env

    # --- running ----------------------------------------------------------------------------

    def run(self, *args: str, env: dict[str, str] | None = None, timeout: float = TIMEOUT_S) -> Run:
        argv = [str(self.exe), *args]
        start = time.perf_counter()
        try:
            proc = subprocess.run(
                argv,
                capture_output=True,
                env=env or self.env,
                # Not the repository: nothing may be found through the working directory.
                cwd=self.work,
                timeout=timeout,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired as exc:
            out = (exc.stdout or b"").decode("utf-8", "replace")
            err = (exc.stderr or b"").decode("utf-8", "replace")
            return Run(
                argv, -999, out, err + f"\n[smoke test] no exit after {timeout:.0f} s", timeout
            )
        seconds = time.perf_counter() - start
        out = proc.stdout.decode("utf-8", "replace")
        err = proc.stderr.decode("utf-8", "replace")
        return Run(argv, proc.returncode, out, err, seconds)

    def help_text(self, *command: str) -> str:
        key = " ".join(command)
        if key not in self._help:
            run = self.run(*command, "--help")
            self._help[key] = run.stdout if run.returncode == 0 else ""
        return self._help[key]

    def has_command(self, name: str) -> bool:
        """argparse exits 0 on ``NAME --help`` for a command it knows, 2 for one it does not."""
        return bool(self.help_text(name))

    # --- checks -----------------------------------------------------------------------------

    @staticmethod
    def unexpected_output(run: Run, allowed: tuple[str, ...] = ()) -> list[str]:
        expected = EXPECTED_STDERR + [re.compile(pattern) for pattern in allowed]
        notes = []
        if run.returncode != 0:
            notes.append(f"exit status {run.returncode} (expected 0)")
        for marker in FAILURE_MARKERS:
            if marker in run.stdout or marker in run.stderr:
                notes.append(f"output contains {marker!r}")
        for line in run.stderr.splitlines():
            if line.strip() and not any(p.search(line.strip()) for p in expected):
                notes.append(f"unexpected stderr: {line.strip()}")
        return notes

    def step(self, name: str, body: Callable[[], tuple[float, list[str]]]) -> None:
        print(f"--- {name}", flush=True)
        try:
            seconds, notes = body()
        except Pending as exc:
            result = Result(name, "PENDING", 0.0, [str(exc)])
        except Exception as exc:  # a broken check is a failed step, not a crash
            result = Result(name, "FAIL", 0.0, [f"{type(exc).__name__}: {exc}"])
        else:
            failed = [n for n in notes if not n.startswith("ok:")]
            result = Result(name, "FAIL" if failed else "PASS", seconds, notes)
        for note in result.notes:
            print(f"    {note}", flush=True)
        print(f"    {result.status} ({result.seconds:.2f} s)", flush=True)
        self.results.append(result)

    def command(
        self, *args: str, allowed: tuple[str, ...] = (), timeout: float = TIMEOUT_S
    ) -> tuple[Run, list[str]]:
        """Run one command; ``allowed`` adds stderr patterns this command may print."""
        run = self.run(*args, timeout=timeout)
        print("    $ " + " ".join(_short(a, self.work) for a in run.argv), flush=True)
        for line in run.stderr.splitlines():
            print(f"    stderr: {_short(line, self.work)}", flush=True)
        return run, self.unexpected_output(run, allowed)

    def require_command(self, name: str, owner: str) -> None:
        if not self.has_command(name):
            raise Pending(f"the program has no `{name}` command yet ({owner})")

    # --- steps ------------------------------------------------------------------------------

    def check_bundle(self) -> tuple[float, list[str]]:
        notes = []
        internal = self.bundle / "_internal"
        resources = internal / "resources"
        for folder in rules.RESOURCE_FOLDERS:
            if not (resources / folder).is_dir() or not any((resources / folder).iterdir()):
                notes.append(f"resources/{folder} is missing or empty in {resources}")
        fonts = resources / "fonts"
        font_files = sorted(fonts.glob("*.tt[fc]")) + sorted(fonts.glob("*.otf"))
        licences = [
            p for p in fonts.glob("*") if re.search(r"licen[cs]e|ofl|copying", p.name, re.I)
        ]
        if font_files and not licences:
            notes.append("resources/fonts has fonts but no licence file")
        if (internal / "PySide6" / "Qt" / "translations").exists():
            notes.append("Qt translations are in the bundle (they should be left out)")
        for module in ("QtNetwork", "QtQml", "QtQuick", "QtSvg", "QtOpenGL"):
            if list((internal / "PySide6").glob(f"{module}.*")):
                notes.append(f"PySide6.{module} is in the bundle (it should be left out)")
        size = _folder_mb(self.bundle)
        notes.append(f"ok: bundle {size:.1f} MB, {len(font_files)} fonts, {len(licences)} licences")
        if self.max_mb is not None and size > self.max_mb:
            notes.append(f"bundle is {size:.1f} MB, over the budget of {self.max_mb:.0f} MB")
        return 0.0, notes

    def check_version(self) -> tuple[float, list[str]]:
        run, notes = self.command("--version")
        expected = rules.read_version(ROOT)
        if expected not in run.stdout:
            notes.append(f"--version printed {run.stdout.strip()!r}, expected {expected}")
        return run.seconds, notes

    def check_validate_example(self) -> tuple[float, list[str]]:
        run, notes = self.command("validate", "--example")
        if "Không có lỗi" not in run.stdout:
            notes.append(f"the example should have no errors; got: {run.stdout.strip()[:300]}")
        return run.seconds, notes

    def check_example_file(self) -> tuple[float, list[str]]:
        out = self.work / "bao-cao-vi-du.json"
        run, notes = self.command("example", "-o", str(out))
        if not out.is_file():
            return run.seconds, [*notes, f"{out.name} was not written"]
        json.loads(out.read_text("utf-8"))
        run2, notes2 = self.command("validate", str(out))
        return run.seconds + run2.seconds, notes + notes2

    def check_render(self, final: bool) -> tuple[float, list[str]]:
        self.require_command("render", "the PDF printer: dienchau_desktop/pdf")
        out = self.work / ("ban-chinh-thuc.pdf" if final else "ban-du-thao.pdf")
        args = ["render", "--example", "-o", str(out)] + (["--final"] if final else [])
        run, notes = self.command(*args)
        if not out.is_file():
            return run.seconds, [*notes, f"{out.name} was not written"]
        return run.seconds, notes + check_pdf(out)

    def check_word(self) -> tuple[float, list[str]]:
        """The Word copy written and read back: python-docx, its templates and lxml bundled."""
        out = self.work / "ban-word.docx"
        run, notes = self.command("render", "--example", "-o", str(out))
        if not out.is_file():
            return run.seconds, [*notes, f"{out.name} was not written"]
        notes += check_docx(out)
        back = self.work / "tu-word.json"
        said = (r"^(Thông tin chung|[IVX]+(\.\d+)?): ",)  # what went where, one line each
        run2, notes2 = self.command("import-word", str(out), "-o", str(back), allowed=said)
        if not back.is_file():
            return run.seconds + run2.seconds, [*notes, *notes2, f"{back.name} was not written"]
        run3, notes3 = self.command("validate", str(back))
        return run.seconds + run2.seconds + run3.seconds, notes + notes2 + notes3

    def check_rollup(self) -> tuple[float, list[str]]:
        """The province's roll-up of 120 communes: openpyxl, the summary's fonts, and the second
        process that writes the summary beside the workbook (multiprocessing in the bundle)."""
        example = self.work / "xa-vi-du.json"
        run, notes = self.command("example", "-o", str(example))
        folder = self.work / "cac-xa"
        folder.mkdir(exist_ok=True)
        data = json.loads(example.read_text("utf-8"))
        for i in range(120):
            data["meta"].update(
                draft_id=f"{i + 1:032x}",
                commune=f"xã Số {i + 1}",
                issuing_body=f"ĐẢNG ỦY XÃ {i + 1}",
            )
            (folder / f"xa-{i + 1}.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        xlsx, pdf = self.work / "tong-hop.xlsx", self.work / "tong-hop.pdf"
        run2, notes2 = self.command("rollup", str(folder), "-o", str(xlsx), "--pdf", str(pdf))
        notes += notes2
        try:
            with zipfile.ZipFile(xlsx) as archive:
                names = archive.namelist()
            if not any(n.startswith("xl/charts/") for n in names):
                notes.append(f"{xlsx.name} has no chart")
        except (OSError, zipfile.BadZipFile) as exc:
            notes.append(f"{xlsx.name} is not a workbook: {exc}")
        if not pdf.is_file() or not pdf.read_bytes().startswith(b"%PDF"):
            notes.append(f"{pdf.name} was not written")
        return run.seconds + run2.seconds, notes

    def check_drafts(self) -> tuple[float, list[str]]:
        self.require_command("drafts", "the draft store")
        run, notes = self.command(
            "drafts",
            "list",
            "--data-dir",
            str(self.work / "data-drafts"),
            allowed=(r"^Chưa có bản nháp nào",),  # an empty data directory says so
        )
        return run.seconds, notes

    def check_gui(self) -> tuple[float, list[str]]:
        self.require_command("gui", "the GUI: dienchau_desktop/gui")
        if "--quit-after" not in self.help_text("gui"):
            raise Pending(
                "`gui --quit-after MS` does not exist yet (the GUI must open its window, then quit "
                "by itself with exit 0); the GUI step cannot run without it"
            )
        data = self.work / "data-gui"
        run, notes = self.command(
            "gui", "--data-dir", str(data), "--quit-after", str(GUI_QUIT_AFTER_MS), timeout=60
        )
        if run.seconds * 1000 < GUI_QUIT_AFTER_MS:
            notes.append(f"quit after {run.seconds:.2f} s, before the {GUI_QUIT_AFTER_MS} ms asked")
        notes.append(f"ok: start to exit {run.seconds:.2f} s, {GUI_QUIT_AFTER_MS} ms of it waiting")
        return run.seconds, notes

    def check_data_dirs(self) -> tuple[float, list[str]]:
        notes = []
        touched = [p for p in self.sentinel.rglob("*") if rules.APP_DIR_NAME in p.parts]
        if touched:
            notes.append(f"the user's default data directory was written: {touched[0]}")
        for log in self.work.rglob("loi.log"):
            notes.append(f"a crash log was written: {log}\n{log.read_text('utf-8', 'replace')}")
        return 0.0, notes

    def run_all(self) -> int:
        self.step("bundle contents", self.check_bundle)
        self.step("--version", self.check_version)
        self.step("validate --example", self.check_validate_example)
        self.step("example -o FILE, validate FILE", self.check_example_file)
        self.step("render --example (draft copy)", lambda: self.check_render(final=False))
        self.step("render --example --final", lambda: self.check_render(final=True))
        self.step("render -o FILE.docx, import-word FILE.docx", self.check_word)
        self.step("rollup FOLDER (120 communes) -o X.xlsx --pdf X.pdf", self.check_rollup)
        self.step("drafts list --data-dir TMP", self.check_drafts)
        self.step("gui offscreen, quits by itself", self.check_gui)
        self.step("data directories", self.check_data_dirs)
        return self.summary()

    def summary(self) -> int:
        print("\nSmoke test of", self.exe)
        width = max(len(r.name) for r in self.results)
        for r in self.results:
            timing = f"{r.seconds:6.2f} s" if r.seconds else "        "
            print(f"  {r.status:<8}{r.name:<{width}}  {timing}")
        failed = [r for r in self.results if r.status == "FAIL"]
        pending = [r for r in self.results if r.status == "PENDING"]
        if pending:
            print(f"\n{len(pending)} step(s) PENDING: the build lacks what they test:")
            for r in pending:
                print(f"  {r.name}: {r.notes[0]}")
        if failed or (pending and not self.allow_pending):
            print("\nSMOKE TEST FAILED")
            return 1
        print("\nSmoke test passed" + (" (pending steps allowed)" if pending else ""))
        return 0


class Pending(Exception):
    """The build does not have the feature this step tests yet."""


def check_pdf(path: Path) -> list[str]:
    """A real PDF: header, trailer, a sensible size, pages, every font embedded."""
    data = path.read_bytes()
    notes = []
    if not data.startswith(b"%PDF-"):
        notes.append(f"{path.name} does not start with %PDF-")
    if b"%%EOF" not in data[-2048:]:
        notes.append(f"{path.name} has no %%EOF trailer")
    if len(data) < 2000:
        notes.append(f"{path.name} is only {len(data)} bytes")
    try:
        from pypdf import PdfReader  # optional: page count and fonts
    except ImportError:
        pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
        notes.append(
            f"ok: {path.name}: {len(data) / 1024:.0f} KB, {pages} pages (pypdf not installed)"
        )
        return notes
    reader = PdfReader(path)
    pages = len(reader.pages)
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        resources = page.get("/Resources")
        font_dict = resources.get_object().get("/Font") if resources else None
        for ref in font_dict.get_object().values() if font_dict else []:
            font = ref.get_object()
            fonts[str(font.get("/BaseFont"))] = _font_embedded(font)
    if pages < 1:
        notes.append(f"{path.name} has no pages")
    for name, embedded in sorted(fonts.items()):
        if not embedded:
            notes.append(f"{path.name}: font {name} is not embedded (it has no Vietnamese letters)")
    text = reader.pages[0].extract_text() or ""
    if "BÁO CÁO" not in text.upper():
        notes.append(f"{path.name}: page 1 does not read 'BÁO CÁO': {text[:200]!r}")
    names = ", ".join(sorted(n.split("+")[-1].lstrip("/") for n in fonts))
    notes.append(f"ok: {path.name}: {len(data) / 1024:.0f} KB, {pages} pages, fonts: {names}")
    return notes


def check_docx(path: Path) -> list[str]:
    """What is wrong with a written Word file (read as the zip of XML it is)."""
    try:
        with zipfile.ZipFile(path) as archive:
            document = archive.read("word/document.xml").decode("utf-8")
            headers = "".join(
                archive.read(n).decode("utf-8") for n in archive.namelist() if "header" in n
            )
    except (zipfile.BadZipFile, KeyError) as exc:
        return [f"{path.name} is not a Word file: {exc}"]
    notes = []
    for text in ("ĐẢNG ỦY XÃ DIỄN CHÂU", "BÁO CÁO", "Nơi nhận:", "w:tblHeader"):
        if text not in document:
            notes.append(f"{path.name} lacks {text!r}")
    if "DỰ THẢO" not in headers:
        notes.append(f"{path.name}: the draft copy is not marked DỰ THẢO")
    return notes


def _font_embedded(font) -> bool:  # type: ignore[no-untyped-def]
    if "/DescendantFonts" in font:
        return all(_font_embedded(d.get_object()) for d in font["/DescendantFonts"])
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def _folder_mb(folder: Path) -> float:
    total = sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return total / 1_000_000


def _short(text: str, work: Path) -> str:
    return text.replace(str(work), "$TMP")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--exe", type=Path, default=DEFAULT_EXE, help="the frozen executable")
    parser.add_argument("--max-mb", type=float, help="fail when the bundle folder is larger")
    parser.add_argument(
        "--allow-pending",
        action="store_true",
        help="pass although some steps are pending (their commands do not exist yet)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    exe = args.exe.resolve()
    if not exe.is_file():
        print(f"no executable at {exe}: build it first (pyinstaller build_installer.spec)")
        return 2
    work = Path(tempfile.mkdtemp(prefix="dienchau-smoke-"))
    try:
        return SmokeTest(exe, work, args.max_mb, args.allow_pending).run_all()
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
