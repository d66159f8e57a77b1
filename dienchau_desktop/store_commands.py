"""``dienchau-desktop drafts …``: the saved drafts from the command line.

Reading commands (``list``, ``trash``, ``history``, ``export``) open the store read-only, so they
work while the program's window has the data open; commands that change the store take the
writer lock and are refused, with the reason, while another copy holds it. Exit codes as
everywhere: 0 done, 1 refused for a reason stated, 2 bad input.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

from dienchau_desktop.cli import EXIT_BAD_INPUT, EXIT_OK, EXIT_REFUSED, _add_data_dir
from dienchau_desktop.draft import DraftError
from dienchau_desktop.paths import user_data_dir
from dienchau_desktop.store import (
    DraftStore,
    DraftSummary,
    StoreError,
    UnknownDraftError,
    read_import_file,
)
from dienchau_desktop.workspace.summary import list_facts


def _out(text: str) -> None:
    try:
        print(text, flush=True)
    except BrokenPipeError:
        # The reader (e.g. ``| head``) has gone; the rest of the output has nowhere to go.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _err(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _when(stamp: str) -> str:
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return stamp or "—"
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%d/%m/%Y %H:%M")


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} byte"


def _name(summary: DraftSummary) -> str:
    return summary.title or "(chưa đặt tên)"


def _table(rows: list[DraftSummary]) -> str:
    lines = [f"{'MÃ':<32}  {'CẬP NHẬT':<16}  {'ĐÃ LÀM':>7}  {'LỖI':>4}  {'C.BÁO':>5}  TÊN"]
    for s in rows:
        done = f"{s.answered}/{s.total}"
        lines.append(
            f"{s.id:<32}  {_when(s.updated):<16}  {done:>7}  {s.errors:>4}  {s.warnings:>5}  "
            f"{_name(s)}"
        )
    return "\n".join(lines)


def _report_problems(store: DraftStore) -> None:
    for d in store.damaged():
        text = d.sentence(f"Khôi phục bằng: dienchau-desktop drafts recover {d.draft_id}", "")
        _err(f"Cảnh báo: {text[:1].lower()}{text[1:]}")
    for notice in store.notices():
        _err(f"Cảnh báo: {notice}")


# --- the commands --------------------------------------------------------------------------


def cmd_list(args: argparse.Namespace, data_dir: Path) -> int:
    with DraftStore(data_dir, readonly=True, summarize=list_facts) as store:
        rows = store.list()
        _report_problems(store)
    if args.json:
        _out(json.dumps([asdict(s) for s in rows], ensure_ascii=False, indent=2))
    elif rows:
        _out(_table(rows))
    else:
        _err(f"Chưa có bản nháp nào trong “{data_dir}”.")
    return EXIT_OK


def cmd_trash(args: argparse.Namespace, data_dir: Path) -> int:
    with DraftStore(data_dir, readonly=True, summarize=list_facts) as store:
        rows = store.trash()
    if args.json:
        _out(json.dumps([asdict(s) for s in rows], ensure_ascii=False, indent=2))
    elif rows:
        _out(_table(rows))
        _err("Lấy lại một bản nháp bằng: dienchau-desktop drafts restore MÃ")
    else:
        _err("Thùng rác trống.")
    return EXIT_OK


def cmd_import(args: argparse.Namespace, data_dir: Path) -> int:
    # Every file is checked before the store is even opened: a refusal changes nothing.
    refused = []
    for name in args.files:
        try:
            read_import_file(Path(name))
        except DraftError as exc:
            refused.append(f"Lỗi: “{name}”: {exc}")
    if refused:
        for line in refused:
            _err(line)
        _err("Chưa nhập tệp nào; dữ liệu đã lưu không thay đổi.")
        return EXIT_BAD_INPUT
    with DraftStore(data_dir, summarize=list_facts) as store:
        for name in args.files:
            new_id = store.import_file(Path(name))
            _out(new_id)
            _err(f"Đã nhập “{name}” thành bản nháp “{store.load(new_id).title}” (mã {new_id}).")
    return EXIT_OK


def cmd_export(args: argparse.Namespace, data_dir: Path) -> int:
    with DraftStore(data_dir, readonly=True, summarize=list_facts) as store:
        draft_id = store.resolve(args.id)
        store.export(draft_id, Path(args.output))
        title = store.load(draft_id).title
    _err(f"Đã xuất bản nháp “{title}” ra “{args.output}”.")
    return EXIT_OK


def cmd_delete(args: argparse.Namespace, data_dir: Path) -> int:
    with DraftStore(data_dir, summarize=list_facts) as store:
        draft_id = store.resolve(args.id)
        title = store.load(draft_id).title
        store.delete(draft_id)
    _err(
        f"Đã chuyển bản nháp “{title}” vào thùng rác. "
        f"Lấy lại bằng: dienchau-desktop drafts restore {draft_id}"
    )
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, data_dir: Path) -> int:
    with DraftStore(data_dir, summarize=list_facts) as store:
        draft_id = store.restore(store.resolve(args.id, in_trash=True))
        title = store.load(draft_id).title
    _err(f"Đã lấy lại bản nháp “{title}” từ thùng rác (mã {draft_id}).")
    return EXIT_OK


def cmd_history(args: argparse.Namespace, data_dir: Path) -> int:
    if args.restore:
        with DraftStore(data_dir, summarize=list_facts) as store:
            draft_id = store.resolve(args.id)
            store.restore_version(draft_id, args.restore)
            title = store.load(draft_id).title
        _err(
            f"Đã dùng lại lần lưu số {args.restore} cho bản nháp “{title}”; nội dung trước đó "
            "vẫn còn trong lịch sử."
        )
        return EXIT_OK
    with DraftStore(data_dir, readonly=True, summarize=list_facts) as store:
        try:
            draft_id = store.resolve(args.id)
        except UnknownDraftError:
            draft_id = store.resolve(args.id, in_trash=True)  # the history goes with it
        if args.show:
            _out(store.load_version(draft_id, args.show).to_json().rstrip("\n"))
            return EXIT_OK
        entries = store.history(draft_id)
    if args.json:
        _out(json.dumps([asdict(e) for e in entries], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not entries:
        _err("Bản nháp này chưa có lần lưu nào trong lịch sử.")
        return EXIT_OK
    lines = [f"{'LẦN':>5}  {'LÚC LƯU':<16}  {'CỠ':>7}"]
    for i, e in enumerate(entries):
        mark = "  (hiện tại)" if i == 0 else ""
        lines.append(f"{e.version:>5}  {_when(e.saved_at):<16}  {_size(e.size):>7}{mark}")
    _out("\n".join(lines))
    _err(
        f"Xem một lần lưu: dienchau-desktop drafts history {draft_id} --show LẦN; "
        f"dùng lại: dienchau-desktop drafts history {draft_id} --restore LẦN"
    )
    return EXIT_OK


def cmd_recover(args: argparse.Namespace, data_dir: Path) -> int:
    with DraftStore(data_dir, summarize=list_facts) as store:
        draft_id = store.resolve(args.id)
        draft = store.recover(draft_id)
    _err(f"Đã khôi phục bản nháp “{draft.title}” từ lần lưu gần nhất còn tốt (mã {draft_id}).")
    return EXIT_OK


_ACTIONS: dict[str, Callable[[argparse.Namespace, Path], int]] = {
    "list": cmd_list,
    "trash": cmd_trash,
    "import": cmd_import,
    "export": cmd_export,
    "delete": cmd_delete,
    "restore": cmd_restore,
    "history": cmd_history,
    "recover": cmd_recover,
}


def handler(args: argparse.Namespace) -> int:
    data_dir = user_data_dir(getattr(args, "data_dir", None))
    try:
        return _ACTIONS[args.drafts_command](args, data_dir)
    except UnknownDraftError as exc:
        _err(f"Lỗi: {exc}")
        return EXIT_BAD_INPUT
    except StoreError as exc:
        _err(f"Lỗi: {exc}")
        return EXIT_REFUSED


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(
        dest="drafts_command",
        metavar="VIỆC",
        title="các việc",
        required=True,
        parser_class=type(parser),
    )

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text[:1].upper() + help_text[1:])
        _add_data_dir(p)
        return p

    p = add("list", "liệt kê các bản nháp đã lưu, mới sửa nhất ở đầu")
    p.add_argument("--json", action="store_true", help="in danh sách dạng JSON")

    p = add("import", "nhập một hoặc nhiều tệp nháp thành bản nháp mới (in mã của từng bản)")
    p.add_argument("files", nargs="+", metavar="TỆP", help="tệp nháp (.json)")

    p = add("export", "xuất một bản nháp đã lưu ra tệp nháp")
    p.add_argument("id", metavar="MÃ", help="mã bản nháp (hoặc vài ký tự đầu của mã)")
    p.add_argument("-o", "--output", required=True, metavar="TỆP", help="tệp sẽ ghi")

    p = add("delete", "chuyển một bản nháp vào thùng rác (lấy lại được)")
    p.add_argument("id", metavar="MÃ", help="mã bản nháp (hoặc vài ký tự đầu của mã)")

    p = add("restore", "lấy lại một bản nháp từ thùng rác")
    p.add_argument("id", metavar="MÃ", help="mã bản nháp trong thùng rác")

    p = add("trash", "liệt kê các bản nháp trong thùng rác")
    p.add_argument("--json", action="store_true", help="in danh sách dạng JSON")

    p = add("history", "xem các lần lưu của một bản nháp; xem lại hoặc dùng lại một lần lưu")
    p.add_argument("id", metavar="MÃ", help="mã bản nháp (hoặc vài ký tự đầu của mã)")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--show", metavar="LẦN", help="in nội dung của lần lưu này (JSON)")
    group.add_argument(
        "--restore", metavar="LẦN", help="dùng lại lần lưu này (bản hiện tại vẫn giữ trong lịch sử)"
    )
    p.add_argument("--json", action="store_true", help="in danh sách dạng JSON")

    p = add("recover", "khôi phục một bản nháp bị hỏng từ lần lưu gần nhất còn tốt")
    p.add_argument("id", metavar="MÃ", help="mã bản nháp bị hỏng")


COMMANDS = [("drafts", add_arguments, handler, "quản lý các bản nháp đã lưu")]
