"""The licences of the libraries Taper Planner is built on and ships with, for the About box."""

from __future__ import annotations

import dataclasses
from html import escape
from importlib import metadata

# The app's own package; its metadata states no licence and the repository has no LICENSE
# file, so About says exactly that rather than inventing one.
APP_DISTRIBUTION = "taper-planner"


@dataclasses.dataclass(frozen=True)
class Licence:
    """One library: its distribution name, what it is, and its licence as its metadata states."""

    distribution: str
    name: str
    licence: str
    url: str


# Checked against each package's own metadata (License-Expression, License or classifiers):
# tests/ui/window/test_licences.py fails if an installed version states something else.
LICENCES: tuple[Licence, ...] = (
    Licence(
        "PySide6-Essentials",
        "Qt 6 and Qt for Python (PySide6)",
        "LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only; used under the LGPL v3",
        "https://www.qt.io/licensing",
    ),
    Licence("shiboken6", "Shiboken6 (PySide6 bindings)", "LGPL-3.0-only", "https://www.qt.io/"),
    Licence(
        "matplotlib",
        "Matplotlib",
        "Matplotlib License (based on the Python Software Foundation License)",
        "https://matplotlib.org/stable/project/license.html",
    ),
    Licence("icalendar", "icalendar", "BSD-2-Clause", "https://github.com/collective/icalendar"),
    Licence(
        "fhir.resources",
        "fhir.resources (FHIR models)",
        "BSD",
        "https://github.com/nazrulworld/fhir.resources",
    ),
    Licence("fhir-core", "fhir-core", "BSD", "https://github.com/nazrulworld/fhir-core"),
    Licence("pydantic", "Pydantic", "MIT", "https://github.com/pydantic/pydantic"),
    Licence("pydantic-core", "pydantic-core", "MIT", "https://github.com/pydantic/pydantic-core"),
    Licence(
        "numpy", "NumPy", "BSD-3-Clause AND 0BSD AND MIT AND Zlib AND CC0-1.0", "https://numpy.org/"
    ),
    Licence("pillow", "Pillow", "MIT-CMU", "https://python-pillow.org/"),
    Licence("contourpy", "ContourPy", "BSD-3-Clause", "https://github.com/contourpy/contourpy"),
    Licence("kiwisolver", "Kiwisolver", "BSD", "https://github.com/nucleic/kiwi"),
    Licence("fonttools", "FontTools", "MIT", "https://github.com/fonttools/fonttools"),
    Licence("cycler", "Cycler", "BSD", "https://github.com/matplotlib/cycler"),
    Licence("pyparsing", "pyparsing", "MIT", "https://github.com/pyparsing/pyparsing"),
    Licence(
        "packaging", "packaging", "Apache-2.0 OR BSD-2-Clause", "https://github.com/pypa/packaging"
    ),
    Licence("python-dateutil", "dateutil", "BSD-3-Clause", "https://github.com/dateutil/dateutil"),
    Licence(
        "typing-extensions",
        "typing_extensions",
        "PSF-2.0",
        "https://github.com/python/typing_extensions",
    ),
)
PYTHON = Licence(
    "", "Python (the bundled interpreter)", "PSF-2.0", "https://docs.python.org/3/license.html"
)


def installed_version(distribution: str) -> str:
    """A library's installed version, or "" when its metadata is not there (e.g. not shipped)."""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return ""


def app_licence() -> str:
    """The app's own licence as its package metadata states it, or a plain 'not stated'."""
    try:
        data = metadata.metadata(APP_DISTRIBUTION)
    except metadata.PackageNotFoundError:
        data = None
    stated = (data["License-Expression"] or data["License"] or "") if data else ""
    return stated.strip() or "not stated in the package metadata (the project has no LICENSE file)"


def licences_html() -> str:
    """The About box's licence section: the app's own, then each library with its version."""
    rows = []
    for entry in (*LICENCES, PYTHON):
        version = installed_version(entry.distribution) if entry.distribution else ""
        shown = f"{entry.name} {version}".strip()
        rows.append(
            f'<li>{escape(shown)}: {escape(entry.licence)} (<a href="{escape(entry.url)}">'
            f"{escape(entry.url)}</a>)</li>"
        )
    return (
        f"<p><b>Licences</b></p><p>Taper Planner's own licence: {escape(app_licence())}.</p>"
        "<p>It is built on, and its application folder ships, these libraries. Qt and PySide6 "
        "are used under the GNU LGPL v3: they are separate shared libraries in the folder and "
        "may be replaced with other builds; their source is at https://download.qt.io/.</p>"
        f"<ul>{''.join(rows)}</ul>"
    )
