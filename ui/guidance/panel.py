"""The guidance panel: cautions for the patient, findings with fixes, history, then guidance."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QUrl, Signal, Slot
from PySide6.QtGui import QShowEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QVBoxLayout, QWidget

from planner import drug_guidance, guidance
from planner.checks.fixes import fix_text
from planner.model import Finding, Schedule, Severity
from ui.guidance.severity_icons import ICON_PX, IconBrowser, icon_url

SEVERITY_STYLE = {
    Severity.ERROR: ("#b00020", "Error"),
    Severity.WARNING: ("#a15c00", "Warning"),
    Severity.INFO: ("#1f5fa8", "Info"),
}
# Sections whose items are all this short are set as one line, not a list.
INLINE_ITEM_CHARS = 40
STEP_SCHEME = "step"
FIX_SCHEME = "fix"


def _finding_html(finding: Finding, number: int, fix: str) -> str:
    colour, word = SEVERITY_STYLE[finding.severity]
    # A drawn mark, not a glyph: ⛔ showed as an empty box with the default fonts.
    mark = f'<img src="{icon_url(finding.severity)}" width="{ICON_PX}" height="{ICON_PX}">'
    where = (
        f' · <a href="{STEP_SCHEME}:{finding.step}">step {finding.step}</a>'
        if finding.step is not None
        else " · whole plan"
    )
    return (
        f'<p style="margin-top:4px"><span style="color:{colour}"><b>{mark} {word}</b></span>'
        f"{where}: {escape(finding.message)}<br>"
        + (f'<a href="{FIX_SCHEME}:{number}"><b>{escape(fix)}</b></a><br>' if fix else "")
        + f'<span style="color:#666666"><small>Source: {escape(finding.source)}</small></span></p>'
    )


def findings_html(schedule: Schedule | None, stale: bool) -> str:
    """The findings block: one paragraph per finding with severity, step, message, source."""
    parts = ["<h3>Findings</h3>"]
    if stale:
        parts.append(
            '<p style="color:#a15c00"><i>Out of date: these are the findings of the last '
            "valid plan.</i></p>"
        )
    if schedule is None:
        parts.append("<p>No plan yet.</p>")
    elif not schedule.findings:
        parts.append("<p>None: the plan passes every guideline check.</p>")
    else:
        # A fix belongs to the plan it was found in: an out-of-date plan offers none.
        parts += [
            _finding_html(finding, number, "" if stale else fix_text(finding, schedule.plan))
            for number, finding in enumerate(schedule.findings)
        ]
    return "".join(parts)


def cautions_html(schedule: Schedule | None) -> str:
    """'Cautions for this patient': the source's caution for each ticked factor, or ''.

    Factors without a caution of their own (a seizure disorder, long-term use) add
    nothing here: they make the checks stricter, which the findings show.
    """
    if schedule is None:
        return ""
    ticked = [factor for factor in schedule.plan.factors if factor in guidance.FACTORS]
    items = drug_guidance.cautions_for(ticked, drug_guidance.plan_drugs(schedule.plan))
    if not items:
        return ""
    entries = "".join(
        f"<li><b>{escape(item.text)}</b><br>"
        f'<span style="color:#666666"><small>Source: '
        f"{escape(drug_guidance.citation(item))}</small></span></li>"
        for item in items
    )
    return f"<h3>Cautions for this patient</h3><ul>{entries}</ul>"


def history_html(schedule: Schedule | None) -> str:
    """'Follow-up history': each check-in and change with its date, or ''."""
    if schedule is None or not schedule.history:
        return ""
    rows = "".join(
        f'<tr><td style="padding-right:8px"><b>{entry.date.day}&nbsp;{entry.date:%b&nbsp;%Y}'
        f"</b></td><td>{escape(entry.text)}"
        + (f"<br><i>Note: {escape(entry.note)}</i>" if entry.note else "")
        + "</td></tr>"
        for entry in schedule.history
    )
    return f"<h3>Follow-up history</h3><table>{rows}</table>"


def _section_html(section: guidance.GuidanceSection) -> str:
    sources: list[str] = []  # full citations, numbered in order of first use
    entries = []
    for item in section.items:
        cited = drug_guidance.citation(item)
        if cited not in sources:
            sources.append(cited)
        marker = f'<sup style="color:#666666">[{sources.index(cited) + 1}]</sup>'
        text = escape(item.text)
        if item.red_flag:
            text = f'<b style="color:#b00020">{text}</b>'
        entries.append(f"{text}{marker}")
    if all(len(item.text) <= INLINE_ITEM_CHARS for item in section.items):
        body = f"<p>{' · '.join(entries)}</p>"
    else:
        body = "<ul>" + "".join(f"<li>{entry}</li>" for entry in entries) + "</ul>"
    notes = "<br>".join(
        f"[{number}] {escape(source)}" for number, source in enumerate(sources, start=1)
    )
    return (
        f'<h3>{escape(section.title)}</h3>{body}<p style="color:#666666"><small>{notes}</small></p>'
    )


def guidance_html(schedule: Schedule | None = None) -> str:
    """The guidance for the plan's drugs, each section with its items and their sources.

    Without a plan it is worded for no drug in particular and shows only class-wide items.
    """
    if schedule is None:
        sections = drug_guidance.sections_for(())
    else:
        plan = schedule.plan
        drugs = drug_guidance.plan_drugs(plan)
        sections = drug_guidance.sections_for(drugs, plan.region, plan.equivalence)
    return "<h2>Guidance</h2>" + "".join(_section_html(s) for s in sections)


class GuidancePanel(QWidget):
    """A read-only, scrollable page of findings and guidance; step links select the step.

    Signals:
        step_activated(int): the clinician followed a finding's link to step N (1-based).
        fix_requested(Finding): the clinician clicked a finding's one-click fix.
    """

    step_activated = Signal(int)
    fix_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browser = IconBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName("Findings and guidance")
        # The page (findings, then the drug's guidance) is always longer than the panel; a
        # scroll bar shown as needed made each new text be laid out twice, without the bar
        # and then with it: half of a dose edit's update of the panel.
        self.browser.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        # The page is replaced in parts (see _render): nothing to undo, and no history kept.
        self.browser.setUndoRedoEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        # Made when first shown or asked for (see _ensure_page): the window gives the panel its
        # first schedule before it shows, and a page for no schedule would be laid out for
        # nothing (5 ms of a start-up).
        self._guidance = ""
        self._guidance_key: tuple[object, ...] = ()
        self._schedule: Schedule | None = None
        self._stale = False
        self._top = ""  # what comes before the guidance: header, cautions, history, findings
        self._top_end = -1  # where it ends in the page, or -1 when the page must be set whole
        self.browser.anchorClicked.connect(self.on_browser_anchor_clicked)

    def showEvent(self, event: QShowEvent) -> None:
        self._ensure_page()
        super().showEvent(event)

    def _ensure_page(self) -> None:
        """Lay out the page if nothing has yet (no schedule was given before it is shown)."""
        if not self._guidance:
            self._render()

    def set_schedule(self, schedule: Schedule | None) -> None:
        """Show a schedule's findings (no longer out of date)."""
        self._schedule = schedule
        self._stale = False
        self._render()

    def set_stale(self, stale: bool) -> None:
        """Mark the findings as belonging to the last valid plan."""
        if stale != self._stale:
            self._stale = stale
            self._render()

    def _render(self) -> None:
        scroll = self.browser.verticalScrollBar().value()
        if self._schedule is not None:
            plan = self._schedule.plan
            key = (plan.drug, plan.switch_to, plan.region, plan.equivalence)
            if key != self._guidance_key:  # guidance changes only with the drugs and region
                self._guidance_key = key
                self._guidance = guidance_html(self._schedule)
                self._top_end = -1
        elif not self._guidance:
            self._guidance = guidance_html()
            self._top_end = -1
        header = ""
        if self._schedule is not None:
            patient = self._schedule.plan.patient
            who = [f"Plan for <b>{escape(patient.name)}</b>"] if patient.name else []
            if patient.prescriber:
                who.append(f"Prescriber: {escape(patient.prescriber)}")
            header = f"<p>{' · '.join(who)}</p>" if who else ""
        top = (
            header
            + cautions_html(self._schedule)
            + history_html(self._schedule)
            + findings_html(self._schedule, self._stale)
        )
        if top == self._top and self._top_end >= 0:
            return  # most edits leave the findings as they were; re-laying out costs 3 ms
        self._top = top
        if self._top_end < 0:
            self.browser.setHtml(top + self._guidance)
            part = QTextDocument()  # where the top ends: its own text's length
            part.setHtml(top)
            self._top_end = part.characterCount() - 1
        else:
            # Only the top is parsed and laid out again: setting the whole page each edit
            # cost a dose edit 4 ms, and as much again laying out the guidance after it.
            # The page is the same as the whole one set (a test compares their HTML).
            cursor = QTextCursor(self.browser.document())
            cursor.setPosition(self._top_end, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertHtml(top)
            self._top_end = cursor.position()
        self.browser.verticalScrollBar().setValue(scroll)

    def text(self) -> str:
        """The panel as plain text (what a screen reader or a test reads)."""
        self._ensure_page()
        return self.browser.toPlainText()

    @Slot(QUrl)
    def on_browser_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() == STEP_SCHEME and url.path().isdigit():
            self.step_activated.emit(int(url.path()))
        elif url.scheme() == FIX_SCHEME and url.path().isdigit() and self._schedule is not None:
            number = int(url.path())
            if not self._stale and number < len(self._schedule.findings):
                self.fix_requested.emit(self._schedule.findings[number])

    def fix_links(self) -> list[tuple[str, Finding]]:
        """(link text, finding) for each one-click fix shown, in order (for tests)."""
        if self._schedule is None or self._stale:
            return []
        plan = self._schedule.plan
        return [(fix_text(f, plan), f) for f in self._schedule.findings if f.fix]
