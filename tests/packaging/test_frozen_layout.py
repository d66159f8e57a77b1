"""The resource resolver finds everything in the frozen layout, and nothing reads the source tree.

PyInstaller 6 puts data files in ``_internal/`` beside the executable and points ``sys._MEIPASS``
there. This test builds that layout in a temporary folder, sets ``sys._MEIPASS`` as the frozen
program would, and runs the core with an audit hook that records every file opened: templates,
the example, layouts and fonts must all come from the fake bundle, never from the repository.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path

    bundle, source = Path(sys.argv[1]), Path(sys.argv[2])
    opened = []

    def hook(event, args):
        if event == "open" and isinstance(args[0], (str, Path)):
            opened.append(str(args[0]))

    sys.addaudithook(hook)
    sys.frozen = True
    sys._MEIPASS = str(bundle)

    from dienchau_desktop import paths
    from dienchau_desktop.cli import main

    report = {"resources_dir": str(paths.resources_dir())}
    report["validate"] = main(["validate", "--example"])
    try:
        from dienchau_desktop.draft import example_draft
        from dienchau_desktop.pdf import render_pdf
    except ImportError:
        report["pdf"] = None
    else:
        report["pdf"] = render_pdf(example_draft())[:5].decode("latin-1")
    report["opened"] = [p for p in opened if "resources" in Path(p).parts]
    print("REPORT " + json.dumps(report))
    """
)


def test_resources_resolve_inside_a_frozen_layout(tmp_path: Path) -> None:
    """validate and render read templates, the example, layouts and fonts from _internal only."""
    internal = tmp_path / "dist" / "dienchau-desktop" / "_internal"
    shutil.copytree(ROOT / "resources", internal / "resources")
    env = {k: v for k, v in os.environ.items() if k != "DIENCHAU_RESOURCES"}
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(internal), str(ROOT)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    line = next(x for x in result.stdout.splitlines() if x.startswith("REPORT "))
    report = json.loads(line.removeprefix("REPORT "))
    assert Path(report["resources_dir"]) == internal / "resources"
    assert report["validate"] == 0
    if report["pdf"] is not None:
        assert report["pdf"] == "%PDF-"
    opened = [Path(p) for p in report["opened"]]
    assert opened, "nothing was read from resources/"
    from_source = [p for p in opened if (ROOT / "resources") in p.parents]
    assert from_source == [], "read from the source tree instead of the bundle"
    assert all(internal in p.parents for p in opened)


def test_no_module_finds_files_through_its_own_location() -> None:
    """Only paths.py may use __file__ to find resources; everything else goes through it."""
    package = ROOT / "dienchau_desktop"
    offenders = [
        str(p.relative_to(ROOT))
        for p in package.rglob("*.py")
        if p.name != "paths.py" and "__file__" in p.read_text("utf-8")
    ]
    assert offenders == []
