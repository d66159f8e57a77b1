"""``dienchau-desktop drafts …``: the saved drafts from the command line.

Reading commands (``list``, ``trash``, ``history``, ``export``) open the data read-only, so they
work while the program's window has it open; commands that change it take the writer lock and are
refused, with the reason, while another copy holds it. Exit codes as everywhere: 0 done, 1 refused
for a reason stated, 2 bad input.

Everything goes through :class:`~dienchau_desktop.workspace.Workspace`, imported inside the
commands: opening the window does not pay for it here.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from dataclasses import asdict
from typing import TYPE_CHECKING

from dienchau_desktop.cli import output
from dienchau_desktop.cli.parser import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    EXIT_REFUSED,
    add_data_dir,
    data_dir_of,
)

if TYPE_CHECKING:
    from dienchau_desktop.cli.parser import Subcommands
    from dienchau_desktop.store import DraftSummary, HistoryEntry
    from dienchau_desktop.workspace import Workspace


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} byte"


def _name(summary: DraftSummary) -> str:
    return summary.title or "(chưa đặt tên)"


def summaries_table(rows: list[DraftSummary]) -> str:
    lines = [f"{'MÃ':<32}  {'CẬP NHẬT':<16}  {'ĐÃ LÀM':>7}  {'LỖI':>4}  {'C.BÁO':>5}  TÊN"]
    for s in rows:
        done = f"{s.answered}/{s.total}"
        lines.append(
            f"{s.id:<32}  {output.when(s.updated):<16}  {done:>7}  {s.errors:>4}  "
            f"{s.warnings:>5}  {_name(s)}"
        )
    return "\n".join(lines)


def history_table(entries: list[HistoryEntry]) -> str:
    lines = [f"{'LẦN':>5}  {'LÚC LƯU':<16}  {'CỠ':>7}"]
    for i, e in enumerate(entries):
        mark = "  (hiện tại)" if i == 0 else ""
        lines.append(f"{e.version:>5}  {output.when(e.saved_at):<16}  {_size(e.size):>7}{mark}")
    return "\n".join(lines)


def _as_json(rows: list[DraftSummary] | list[HistoryEntry]) -> str:
    return json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2)


# --- the commands --------------------------------------------------------------------------


def cmd_list(args: argparse.Namespace, workspace: Workspace) -> int:
    rows = workspace.summaries()
    output.data_warnings(workspace.damaged(), workspace.notices())
    if args.json:
        output.out(_as_json(rows))
    elif rows:
        output.out(summaries_table(rows))
    else:
        output.err(f"Chưa có bản nháp nào trong “{workspace.data_dir}”.")
    return EXIT_OK


def cmd_trash(args: argparse.Namespace, workspace: Workspace) -> int:
    rows = workspace.trash()
    if args.json:
        output.out(_as_json(rows))
    elif rows:
        output.out(summaries_table(rows))
        output.err("Lấy lại một bản nháp bằng: dienchau-desktop drafts restore MÃ")
    else:
        output.err("Thùng rác trống.")
    return EXIT_OK


def cmd_import(args: argparse.Namespace, workspace: Workspace) -> int:
    # Every file is checked before the data is even opened: a refusal changes nothing.
    incoming, refused = workspace.read_imports(args.files)
    if refused:
        for name, reason in refused:
            output.error(f"“{name}”: {reason}")
        output.err("Chưa nhập tệp nào; dữ liệu đã lưu không thay đổi.")
        return EXIT_BAD_INPUT
    workspace.import_all(incoming)  # all or none, even if the program is stopped half-way
    for item in incoming:
        if item.word is not None:
            output.word_import(item.word, item.path)
        output.out(item.draft.id)
        output.err(
            f"Đã nhập “{item.path}” thành bản nháp “{item.draft.title}” (mã {item.draft.id})."
        )
    return EXIT_OK


def cmd_export(args: argparse.Namespace, workspace: Workspace) -> int:
    draft_id = workspace.resolve(args.id)
    workspace.export(draft_id, args.output)
    title = workspace.load(draft_id).title
    output.err(f"Đã xuất bản nháp “{title}” ra “{args.output}”.")
    return EXIT_OK


def cmd_delete(args: argparse.Namespace, workspace: Workspace) -> int:
    draft_id = workspace.resolve(args.id)
    title = workspace.load(draft_id).title
    workspace.delete(draft_id)
    output.err(
        f"Đã chuyển bản nháp “{title}” vào thùng rác. "
        f"Lấy lại bằng: dienchau-desktop drafts restore {draft_id}"
    )
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, workspace: Workspace) -> int:
    draft_id = workspace.restore(workspace.resolve(args.id, in_trash=True))
    title = workspace.load(draft_id).title
    output.err(f"Đã lấy lại bản nháp “{title}” từ thùng rác (mã {draft_id}).")
    return EXIT_OK


def cmd_history(args: argparse.Namespace, workspace: Workspace) -> int:
    from dienchau_desktop.store import UnknownDraftError

    if args.restore:
        draft_id = workspace.resolve(args.id)
        workspace.restore_version(draft_id, args.restore)
        title = workspace.load(draft_id).title
        output.err(
            f"Đã dùng lại lần lưu số {args.restore} cho bản nháp “{title}”; nội dung trước đó "
            "vẫn còn trong lịch sử."
        )
        return EXIT_OK
    try:
        draft_id = workspace.resolve(args.id)
    except UnknownDraftError:
        draft_id = workspace.resolve(args.id, in_trash=True)  # the history goes with it
    if args.show:
        output.out(workspace.load_version(draft_id, args.show).to_json().rstrip("\n"))
        return EXIT_OK
    entries = workspace.history(draft_id)
    if args.json:
        output.out(_as_json(entries))
        return EXIT_OK
    if not entries:
        output.err("Bản nháp này chưa có lần lưu nào trong lịch sử.")
        return EXIT_OK
    output.out(history_table(entries))
    output.err(
        f"Xem một lần lưu: dienchau-desktop drafts history {draft_id} --show LẦN; "
        f"dùng lại: dienchau-desktop drafts history {draft_id} --restore LẦN"
    )
    return EXIT_OK


def cmd_recover(args: argparse.Namespace, workspace: Workspace) -> int:
    draft_id = workspace.resolve(args.id)
    draft = workspace.recover(draft_id)
    output.err(
        f"Đã khôi phục bản nháp “{draft.title}” từ lần lưu gần nhất còn tốt (mã {draft_id})."
    )
    return EXIT_OK


Action = Callable[[argparse.Namespace, "Workspace"], int]

# Each action, and whether it only reads (works beside the program's window).
ACTIONS: dict[str, tuple[Action, bool]] = {
    "list": (cmd_list, True),
    "trash": (cmd_trash, True),
    "import": (cmd_import, False),
    "export": (cmd_export, True),
    "delete": (cmd_delete, False),
    "restore": (cmd_restore, False),
    "history": (cmd_history, True),  # ``--restore`` writes: see :func:`reads_only`
    "recover": (cmd_recover, False),
}


def reads_only(args: argparse.Namespace) -> bool:
    _, reading = ACTIONS[args.drafts_command]
    return reading and not getattr(args, "restore", None)


def handler(args: argparse.Namespace) -> int:
    from dienchau_desktop.store import StoreError, UnknownDraftError
    from dienchau_desktop.workspace import Workspace

    action, _ = ACTIONS[args.drafts_command]
    try:
        with Workspace(data_dir_of(args), readonly=reads_only(args)) as workspace:
            return action(args, workspace)
    except UnknownDraftError as exc:
        output.error(str(exc))
        return EXIT_BAD_INPUT
    except StoreError as exc:
        output.error(str(exc))
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
        add_data_dir(p)
        return p

    p = add("list", "liệt kê các bản nháp đã lưu, mới sửa nhất ở đầu")
    p.add_argument("--json", action="store_true", help="in danh sách dạng JSON")

    p = add(
        "import",
        "nhập một hoặc nhiều tệp nháp, hoặc báo cáo Word, thành bản nháp mới (in mã của từng bản)",
    )
    p.add_argument(
        "files", nargs="+", metavar="TỆP", help="tệp nháp (.json) hoặc báo cáo Word (.docx)"
    )

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


def add_command(sub: Subcommands) -> None:
    """``drafts`` (after ``render``; left out when the window opens, for a faster start)."""
    p = sub.add_parser("drafts", help="quản lý các bản nháp đã lưu")
    add_arguments(p)
    add_data_dir(p)
    p.set_defaults(handler=handler)
