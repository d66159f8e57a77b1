"""The application layer, under both faces (the GUI and the command line), without Qt.

- :class:`Workspace` — one data folder: the store, forms, layout profiles, settings, printing,
  creating drafts (new, from an earlier one, duplicate, import, export, example), the general
  information remembered between reports and the summaries shown in lists.
- :class:`DraftSession` — one open draft with its form: edits with one cleaning path for typed and
  pasted text, problems, section states, progress, saving and closing.

Every rule both faces need lives here or below; the faces show what these say and send what the
user did.
"""

from dienchau_desktop.workspace.session import DraftSession
from dienchau_desktop.workspace.summary import ListFacts, list_facts
from dienchau_desktop.workspace.workspace import Workspace

__all__ = ["DraftSession", "ListFacts", "Workspace", "list_facts"]
