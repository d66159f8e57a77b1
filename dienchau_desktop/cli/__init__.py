"""Command line: the same application layer as the GUI, behind a second face.

- :mod:`~dienchau_desktop.cli.parser` — the Vietnamese argparse parser, ``--data-dir``, the exit
  codes (0 done; 1 refused for a reason stated; 2 bad input; 3 unexpected) and :class:`UserError`.
- :mod:`~dienchau_desktop.cli.output` — stdout/stderr, problem lists, the shared sentences.
- :mod:`~dienchau_desktop.cli.report` — ``example``, ``validate``, ``render``.
- :mod:`~dienchau_desktop.cli.drafts` — ``drafts list|import|export|delete|restore|trash|history|
  recover``.
- :mod:`~dienchau_desktop.cli.gui` — ``gui``: the only module that names the GUI.
- :mod:`~dienchau_desktop.cli.app` — :func:`build_parser` and :func:`main`.

The commands reach the data only through :class:`~dienchau_desktop.workspace.Workspace`.
Messages are Vietnamese and go to stderr; no traceback reaches the user.
"""

from dienchau_desktop.cli.app import build_parser, main
from dienchau_desktop.cli.parser import (
    EXIT_BAD_INPUT,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_REFUSED,
    UserError,
)

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_INTERNAL",
    "EXIT_OK",
    "EXIT_REFUSED",
    "UserError",
    "build_parser",
    "main",
]
