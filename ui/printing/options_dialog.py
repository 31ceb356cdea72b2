"""The printout dialog: which document, which sections, which paper; remembered in settings."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from planner.report.options import DEFAULT_CALENDAR_WEEKS, Document, HandoutOptions, PaperSize
from planner.report.pharmacy import DEFAULT_PERIOD_DAYS, PERIOD_CHOICES
from ui.wheel_guard import WheelGuard

PREFIX = "printout/"
DOCUMENTS = (
    (Document.HANDOUT, "Patient handout (the sections ticked below)"),
    (Document.ONE_PAGE, "One-page summary: what to take now and next, when to call"),
    (Document.MONTH_CALENDAR, "Month calendar for the fridge (one page per month)"),
)
PAPERS: tuple[tuple[PaperSize | None, str], ...] = (
    (None, "By region (Letter for US plans, else A4)"),
    (PaperSize.A4, "A4"),
    (PaperSize.LETTER, "Letter"),
)
_FLAGS = (
    ("include_summary", "Summary, chart and red flags"),
    ("include_schedule", "Full schedule, step by step"),
    ("include_guidance", "Guidance: if symptoms appear, cautions"),
    ("include_calendar", "Day-by-day tick-box calendar"),
    ("all_days", "… every day of the plan (otherwise the next 8 weeks)"),
    ("include_month_calendar", "Month calendar"),
    ("include_pharmacy", "Pharmacy section"),
)


def _options(
    document: Document,
    paper: PaperSize | None,
    period_days: int,
    flags: dict[str, bool],
) -> HandoutOptions:
    return HandoutOptions(
        document=document,
        paper=paper,
        period_days=period_days,
        include_summary=flags["include_summary"],
        include_schedule=flags["include_schedule"],
        include_guidance=flags["include_guidance"],
        include_calendar=flags["include_calendar"],
        calendar_weeks=None if flags["all_days"] else DEFAULT_CALENDAR_WEEKS,
        include_month_calendar=flags["include_month_calendar"],
        include_pharmacy=flags["include_pharmacy"],
    )


def _flag(store: QSettings, name: str, default: bool) -> bool:
    value = store.value(PREFIX + name, default)
    return value if isinstance(value, bool) else str(value).lower() == "true"


def load_options() -> HandoutOptions:
    """The printout choices last made (defaults the first time; bad values are ignored)."""
    store = QSettings()
    defaults = HandoutOptions()
    try:
        document = Document(str(store.value(PREFIX + "document", Document.HANDOUT.value)))
        paper_text = str(store.value(PREFIX + "paper", "") or "")
        paper = PaperSize(paper_text) if paper_text else None
        period_days = int(str(store.value(PREFIX + "period_days", DEFAULT_PERIOD_DAYS)))
        if document is Document.PHARMACY or period_days not in PERIOD_CHOICES:
            raise ValueError(document)
    except ValueError:
        return defaults
    flags = {
        name: _flag(store, name, False if name == "all_days" else getattr(defaults, name))
        for name, _label in _FLAGS
    }
    return _options(document, paper, period_days, flags)


def save_options(options: HandoutOptions) -> None:
    """Remember the printout choices for next time."""
    store = QSettings()
    store.setValue(PREFIX + "document", options.document.value)
    store.setValue(PREFIX + "paper", options.paper.value if options.paper else "")
    store.setValue(PREFIX + "period_days", options.period_days)
    for name, _label in _FLAGS:
        value = options.calendar_weeks is None if name == "all_days" else getattr(options, name)
        store.setValue(PREFIX + name, bool(value))


class PrintoutDialog(QDialog):
    """Choose the document, the handout's sections and the paper before printing or a PDF."""

    def __init__(self, title: str, options: HandoutOptions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.documents = QButtonGroup(self)
        document_box = QGroupBox("Print")
        document_layout = QVBoxLayout(document_box)
        for number, (document, label) in enumerate(DOCUMENTS):
            button = QRadioButton(label)
            button.setChecked(document is options.document)
            self.documents.addButton(button, number)
            document_layout.addWidget(button)
        self.sections = QGroupBox("Handout sections")
        section_layout = QVBoxLayout(self.sections)
        self.flags: dict[str, QCheckBox] = {}
        for name, label in _FLAGS:
            box = QCheckBox(label)
            checked = (
                options.calendar_weeks is None if name == "all_days" else getattr(options, name)
            )
            box.setChecked(bool(checked))
            self.flags[name] = box
            section_layout.addWidget(box)
        self.period = QComboBox()
        self.period.addItems([f"{days} days" for days in PERIOD_CHOICES])
        self.period.setCurrentIndex(PERIOD_CHOICES.index(options.period_days))
        self.paper = QComboBox()
        self.paper.addItems([label for _paper, label in PAPERS])
        self.paper.setCurrentIndex([paper for paper, _label in PAPERS].index(options.paper))
        form = QFormLayout()
        form.addRow("Pharmacy supplies of:", self.period)
        form.addRow("Paper:", self.paper)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(document_box)
        layout.addWidget(self.sections)
        layout.addLayout(form)
        layout.addWidget(buttons)
        # Scrolling over the dialog never changes the paper or the period unclicked.
        self.wheel_guard = WheelGuard(self)
        self.wheel_guard.guard(self)
        self.documents.idToggled.connect(self.on_documents_id_toggled)
        self.flags["include_calendar"].toggled.connect(self.on_calendar_toggled)
        self._update_enabled()

    @Slot(int, bool)
    def on_documents_id_toggled(self, _number: int, _checked: bool) -> None:
        self._update_enabled()

    @Slot(bool)
    def on_calendar_toggled(self, _checked: bool) -> None:
        self._update_enabled()

    def _update_enabled(self) -> None:
        handout = self.options().document is Document.HANDOUT
        self.sections.setEnabled(handout)
        self.flags["all_days"].setEnabled(self.flags["include_calendar"].isChecked())
        self.period.setEnabled(handout)

    def options(self) -> HandoutOptions:
        """The choices as the dialog shows them."""
        return _options(
            DOCUMENTS[max(self.documents.checkedId(), 0)][0],
            PAPERS[self.paper.currentIndex()][0],
            PERIOD_CHOICES[self.period.currentIndex()],
            {name: box.isChecked() for name, box in self.flags.items()},
        )


def choose_printout(parent: QWidget, title: str) -> HandoutOptions | None:
    """Ask what to print (starting from the last choices); None when cancelled."""
    dialog = PrintoutDialog(title, load_options(), parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    options = dialog.options()
    save_options(options)
    return options
