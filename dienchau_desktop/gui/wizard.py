"""The wizard for one draft: side navigation, general information, sections I–VI, review, print.

The wizard edits the open draft in memory; :class:`~dienchau_desktop.gui.autosave.AutoSaver` is
the one owner of saving it. After each edit the draft is checked again by the core (debounced);
the results go to the side navigation, the progress line, the messages under the fields on the
current page, the review page and the print page.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from dienchau_desktop.figures import fold
from dienchau_desktop.gui.autosave import AutoSaver
from dienchau_desktop.gui.meta_page import MetaPage
from dienchau_desktop.gui.question_widget import QuestionWidget
from dienchau_desktop.gui.review import ReviewPage
from dienchau_desktop.gui.style import set_role
from dienchau_desktop.gui.wizard_nav import (
    PAGE_META,
    PAGE_PRINT,
    PAGE_REVIEW,
    WizardNavigation,
    section_key,
)
from dienchau_desktop.template import Section
from dienchau_desktop.validation import Problem

if TYPE_CHECKING:
    from dienchau_desktop.workspace import DraftSession, Workspace

CHECK_DELAY_MS = 300
CONTENT_MAX_WIDTH = 960
_VOWELS = re.compile(r"[aeiouy]", re.I)


def nav_title(title: str) -> str:
    """``CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO`` → ``Công tác lãnh đạo, chỉ đạo``; acronyms (MTTQ) stay."""
    if title != title.upper():
        return title
    words = []
    for i, word in enumerate(title.split(" ")):
        if not _VOWELS.search(fold(word)):
            words.append(word)  # MTTQ, HĐND, CT-XH
        else:
            low = word.lower()
            words.append(low[:1].upper() + low[1:] if i == 0 else low)
    return " ".join(words)


class Page(QScrollArea):
    """A scrolling page whose content keeps a readable width on wide screens.

    The body may come later (:meth:`set_body`).
    """

    def __init__(self, key: str, heading: str, body: QWidget | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.body = body
        self.setObjectName(f"page:{key}")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        set_role(inner, "page")
        outer = QHBoxLayout(inner)
        outer.setContentsMargins(16, 12, 16, 16)
        column = QVBoxLayout()
        column.setSpacing(10)
        title = QLabel(heading)
        title.setWordWrap(True)
        set_role(title, "heading")
        column.addWidget(title)
        if body is not None:
            column.addWidget(body)
        column.addStretch(1)
        self._column = column
        holder = QWidget()
        holder.setLayout(column)
        holder.setMaximumWidth(CONTENT_MAX_WIDTH)
        holder.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        outer.addStretch(0)
        outer.addWidget(holder, 1)
        outer.addStretch(0)
        self.setWidget(inner)

    def set_body(self, body: QWidget) -> None:
        self.body = body
        self._column.insertWidget(1, body)


class PlainPage(QWidget):
    """A page that fills the height (a list, a preview) instead of scrolling as a whole."""

    def __init__(self, key: str, heading: str, body: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.body = body
        self.setObjectName(f"page:{key}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.setSpacing(8)
        title = QLabel(heading)
        title.setWordWrap(True)
        set_role(title, "heading")
        layout.addWidget(title)
        layout.addWidget(body, 1)


class SectionBody(QWidget):
    """The questions of one section, as cards."""

    edited = Signal()

    def __init__(self, session: DraftSession, section: Section, parent: QWidget | None = None):
        super().__init__(parent)
        self.section = section
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        intro = QLabel(
            "Trả lời từng câu hỏi và điền số liệu minh chứng. Các ô có dấu "
            '<span style="color:#b3261e">*</span> là bắt buộc; số liệu được kiểm tra ngay khi gõ.'
        )
        intro.setTextFormat(Qt.TextFormat.RichText)
        intro.setWordWrap(True)
        set_role(intro, "muted")
        layout.addWidget(intro)
        self.questions: dict[str, QuestionWidget] = {}
        for question in section.questions:
            w = QuestionWidget(session, question, self)
            w.edited.connect(self.edited)
            self.questions[question.id] = w
            layout.addWidget(w)


class Wizard(WizardNavigation, QWidget):
    """Everything about one open draft."""

    home_requested = Signal()
    status_message = Signal(str)
    saved = Signal(str)
    save_failed = Signal(str)
    title_changed = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        session: DraftSession,
        data_dir: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("wizard")
        self.workspace = workspace
        self.store = workspace.store
        self.session = session
        self.draft = draft = session.draft
        self.template = template = session.template
        self.data_dir = data_dir
        self.problems: list[Problem] = []
        self._last_field = ""
        self._last_title = draft.title
        self.autosaver = AutoSaver(self.session, self, after_save=self._remember_position)
        self.autosaver.saved.connect(self.saved)
        self.autosaver.failed.connect(self.save_failed)
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.revalidate)

        root = QHBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)

        # Left: back to the list, the sections with their state, progress.
        side = QFrame(self)
        side.setObjectName("sidePanel")
        side.setFixedWidth(232)
        side.setStyleSheet(
            "QFrame#sidePanel { background: #eceff3; border-right: 1px solid #d7dbe0; }"
        )
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(10, 10, 10, 10)
        side_layout.setSpacing(8)
        self.home_button = QPushButton("‹ Danh sách báo cáo")
        self.home_button.setObjectName("homeButton")
        self.home_button.setToolTip("Lưu và quay về danh sách báo cáo")
        self.home_button.clicked.connect(self.home_requested)
        side_layout.addWidget(self.home_button)
        self.title_label = QLabel(draft.title)
        self.title_label.setWordWrap(True)
        set_role(self.title_label, "subheading")
        side_layout.addWidget(self.title_label)

        self.nav = QListWidget(side)
        self.nav.setObjectName("sectionNav")
        self.nav.setAccessibleName("Các phần của báo cáo")
        self.nav.setWordWrap(True)
        self.nav.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.nav.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.currentRowChanged.connect(self._nav_row_changed)
        side_layout.addWidget(self.nav, 1)

        self.progress_label = QLabel()
        self.progress_label.setObjectName("progressLabel")
        self.progress_label.setWordWrap(True)
        side_layout.addWidget(self.progress_label)
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setMaximumHeight(10)
        side_layout.addWidget(self.progress_bar)
        self.problems_label = QLabel()
        self.problems_label.setObjectName("problemsLabel")
        self.problems_label.setWordWrap(True)
        set_role(self.problems_label, "muted")
        side_layout.addWidget(self.problems_label)
        root.addWidget(side)

        # Right: the pages and Back / Next.
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        self.stack = QStackedWidget(self)
        right.addWidget(self.stack, 1)
        bottom = QFrame(self)
        bottom.setObjectName("bottomBar")
        bottom.setStyleSheet("QFrame#bottomBar { border-top: 1px solid #d7dbe0; }")
        bar = QHBoxLayout(bottom)
        bar.setContentsMargins(12, 6, 12, 6)
        self.back_button = QPushButton("‹ Quay lại")
        self.back_button.setObjectName("backButton")
        self.back_button.setToolTip("Trang trước (Ctrl+Page Up)")
        self.back_button.clicked.connect(self.go_back)
        bar.addWidget(self.back_button)
        bar.addStretch(1)
        self.step_label = QLabel()
        self.step_label.setObjectName("stepLabel")
        set_role(self.step_label, "muted")
        bar.addWidget(self.step_label)
        bar.addStretch(1)
        self.next_button = QPushButton("Tiếp theo ›")
        self.next_button.setObjectName("nextButton")
        self.next_button.setToolTip("Trang sau (Ctrl+Page Down)")
        set_role(self.next_button, "primary")
        self.next_button.clicked.connect(self.go_next)
        bar.addWidget(self.next_button)
        right.addWidget(bottom)
        root.addLayout(right, 1)

        QShortcut(QKeySequence("Ctrl+PgDown"), self, self.go_next)
        QShortcut(QKeySequence("Ctrl+PgUp"), self, self.go_back)

        # Pages.
        self.pages: list[QWidget] = []
        self.page_keys: list[str] = []
        self.page_titles: list[str] = []
        self.meta_page = MetaPage(self.session)
        self.meta_page.edited.connect(self._on_meta_edited)
        self._add_page(PAGE_META, "Thông tin chung", "Thông tin chung của báo cáo", self.meta_page)
        self.section_bodies: dict[str, SectionBody] = {}
        for section in template.sections:
            self._add_page(
                section_key(section.id),
                f"{section.id}. {nav_title(section.title)}",
                f"Phần {section.id}. {section.title}",
                None,
            )
        self.review_page = ReviewPage(template)
        self.review_page.problem_activated.connect(self.go_to_problem)
        self.review_page.print_requested.connect(lambda: self.go_to_key(PAGE_PRINT))
        self._add_page(
            PAGE_REVIEW, "Rà soát", "Rà soát trước khi in", self.review_page, scroll=False
        )
        # The print page is built the first time it is shown (it loads the PDF machinery).
        self.print_page: Any = None
        self._print_body = QWidget()
        self._print_body_layout = QVBoxLayout(self._print_body)
        self._print_body_layout.setContentsMargins(0, 0, 0, 0)
        self._add_page(
            PAGE_PRINT, "Xem trước và in", "Xem trước và in", self._print_body, scroll=False
        )
        for title in self.page_titles:
            QListWidgetItem(title, self.nav)
        # Every field exists from the start, so its automation name can always be found.
        for section in template.sections:
            self.section_body(section.id)

        app = QApplication.instance()
        if app is not None:
            app.focusChanged.connect(self._focus_changed)
        self.nav.setCurrentRow(0)  # shows the first page, which checks the draft

    # --- pages -------------------------------------------------------------------------------

    def _add_page(
        self, key: str, nav_text: str, heading: str, body: QWidget | None, *, scroll: bool = True
    ) -> None:
        if scroll or body is None:
            page: QWidget = Page(key, heading, body)
        else:
            page = PlainPage(key, heading, body)
        self.pages.append(page)
        self.page_keys.append(key)
        self.page_titles.append(nav_text)
        self.stack.addWidget(page)

    def section_body(self, section_id: str) -> SectionBody:
        """The questions of a section, built the first time they are needed."""
        body = self.section_bodies.get(section_id)
        if body is None:
            section = self.template.section(section_id)
            assert section is not None
            body = SectionBody(self.session, section)
            body.edited.connect(self.mark_edited)
            self.section_bodies[section_id] = body
            page = self.pages[self.page_keys.index(section_key(section.id))]
            assert isinstance(page, Page)
            page.set_body(body)
            for w in body.questions.values():
                w.show_problems(self.problems)
        return body

    def _ensure_print_page(self) -> None:
        if self.print_page is not None:
            return
        from dienchau_desktop.gui.preview import PrintPage  # loaded on demand

        self.print_page = PrintPage(
            snapshot=self.draft.copy,
            revision=lambda: self.session.revision,
            store=self.store,
            data_dir=self.data_dir,
            render=lambda draft, final: self.workspace.render(draft, final=final),
            render_word=lambda draft, final: self.workspace.render(draft, final=final, kind="docx"),
        )
        self.print_page.status_message.connect(self.status_message)
        self.print_page.review_requested.connect(lambda: self.go_to_key(PAGE_REVIEW))
        self._print_body_layout.addWidget(self.print_page, 1)
        self.print_page.show()  # at once, not on the next pass of the event loop
        self.print_page.set_errors([p for p in self.problems if p.is_error])

    def print_now(self) -> None:
        """Ctrl+P: show the print page and print (as soon as the PDF is ready)."""
        self.go_to_key(PAGE_PRINT)
        self.print_page.print_now()

    # --- edits and checks --------------------------------------------------------------------

    def _on_meta_edited(self) -> None:
        if self.draft.title != self._last_title:
            self._last_title = self.draft.title
            self.title_label.setText(self.draft.title)
            self.title_changed.emit(self.draft.title)
        self.mark_edited()

    @property
    def revision(self) -> int:
        return self.session.revision

    def mark_edited(self) -> None:
        self.autosaver.mark_dirty()
        self._check_timer.start()

    def revalidate(self) -> None:
        """Check the whole draft with the core and show the results everywhere."""
        self._check_timer.stop()
        self.problems = self.session.problems()
        self.meta_page.show_problems(self.problems)
        current = self.current_key() if self.stack.count() else PAGE_META
        for sid, body in self.section_bodies.items():
            if current == section_key(sid) or body.isVisible():
                for w in body.questions.values():
                    w.show_problems(self.problems)
        self.review_page.set_problems(self.problems)
        if self.print_page is not None:
            self.print_page.set_errors([p for p in self.problems if p.is_error])
        self._update_nav()

    # --- saving and closing ------------------------------------------------------------------

    def save_now(self) -> bool:
        return self.autosaver.save_now()

    def close_draft(self) -> bool:
        """Save before the draft is closed; False when the save failed (draft kept in memory)."""
        self._check_timer.stop()
        if self.session.tidy():
            self.autosaver.mark_dirty()
        ok = self.autosaver.save_now()
        if ok:
            self._remember_position()
            self.autosaver.stop()
        return ok

    def shutdown(self) -> None:
        """Stop timers and background work before the widget goes away."""
        self._check_timer.stop()
        self.autosaver.stop()
        app = QApplication.instance()
        if app is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                app.focusChanged.disconnect(self._focus_changed)
        if self.print_page is not None:
            self.print_page.shutdown()
