"""PySide6's import hook gets the same answers, read from each module's file directly."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from ui.window import pyside_hook
from ui.window.pyside_hook import FEATURE_MODULE, read_sources_directly, uses_pyside


def module_from(path: Path, text: str) -> types.ModuleType:
    path.write_text(text, encoding="utf-8")
    module = types.ModuleType(path.stem)
    module.__file__ = str(path)
    return module


def never_asked(_module: types.ModuleType) -> bool:
    raise AssertionError("a module with a source file is read, not passed on")


def test_a_source_file_is_searched_for_the_name(tmp_path: Path) -> None:
    with_qt = module_from(tmp_path / "with_qt.py", "from PySide6.QtCore import QTimer\n")
    in_words = module_from(tmp_path / "in_words.py", '"""Nothing here: "é", then PySide6."""\n')
    without = module_from(tmp_path / "without.py", "import json  # pyside6, lower case\n")
    assert uses_pyside(with_qt, never_asked)
    assert uses_pyside(in_words, never_asked)
    assert not uses_pyside(without, never_asked)


def test_a_module_without_a_readable_source_gets_pysides_own_answer(tmp_path: Path) -> None:
    asked: list[str] = []

    def ask(module: types.ModuleType) -> bool:
        asked.append(module.__name__)
        return True

    built_in = types.ModuleType("built_in")  # no __file__
    compiled = types.ModuleType("compiled")
    compiled.__file__ = str(tmp_path / "compiled.cpython-311-x86_64-linux-gnu.so")
    gone = types.ModuleType("gone")
    gone.__file__ = str(tmp_path / "gone.py")  # e.g. inside a bundle's archive
    assert all(uses_pyside(module, ask) for module in (built_in, compiled, gone))
    assert asked == ["built_in", "compiled", "gone"]


def test_the_hook_answers_as_pyside_did_for_every_module_loaded() -> None:
    import matplotlib.backends.backend_qtagg  # noqa: F401  (modules with and without Qt)

    import ui.window.main_window  # noqa: F401

    assert read_sources_directly()
    feature = sys.modules[FEATURE_MODULE]
    faster = feature._mod_uses_pyside
    assert faster.reads_file_directly
    original = faster.original
    modules = [module for module in list(sys.modules.values()) if module is not None]
    assert len(modules) > 300
    answers = [(faster(module), original(module)) for module in modules]
    assert [mine for mine, _ in answers] == [theirs for _, theirs in answers]
    assert any(mine for mine, _ in answers) and not all(mine for mine, _ in answers)
    assert read_sources_directly() and feature._mod_uses_pyside is faster  # once only


def test_a_pyside_without_the_hook_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pyside_hook, "FEATURE_MODULE", "no.such.module")
    assert not read_sources_directly()
