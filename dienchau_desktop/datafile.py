"""Reading the program's own JSON data files (templates, layout profiles) with clear errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def read_json_data(path: Path, error: type[Exception], what: str) -> Any:
    """Parse a UTF-8 JSON file, raising ``error`` with the file, place and reason in Vietnamese.

    ``what`` names the kind of file in messages, e.g. "tệp mẫu", "tệp bố cục".
    """
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise error(f"{path}: không có {what} này") from exc
    except OSError as exc:
        raise error(f"{path}: không đọc được {what} ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise error(f"{path}: {what} không phải chữ UTF-8") from exc
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise error(
            f"{path}: dòng {exc.lineno}, cột {exc.colno}: JSON không hợp lệ ({exc.msg})"
        ) from exc


def header_problems(data: dict[str, Any], fmt: str, max_version: int) -> list[tuple[str, str]]:
    """Mistakes in a data file's ``format`` / ``format_version`` header, as (place, message)."""
    found: list[tuple[str, str]] = []
    if data.get("format") != fmt:
        found.append(("format", f"phải là “{fmt}”"))
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        found.append(("format_version", "phải là số nguyên dương"))
    elif version > max_version:
        found.append(("format_version", f"phiên bản {version} mới hơn chương trình này hiểu được"))
    return found


class MistakeCollector:
    """Collects every mistake found in a data file, each as ``file: place: message``."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.errors: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.errors.append(f"{self.source}: {where}: {message}")
