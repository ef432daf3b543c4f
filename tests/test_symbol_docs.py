"""docs/symbols.md and its pictures are generated from the tables: regenerating them must
give the committed files (run ``python tools/gen_symbol_docs.py`` after changing a table)."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "gen_symbol_docs", ROOT / "tools" / "gen_symbol_docs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


def test_committed_symbol_page_is_up_to_date() -> None:
    assert _tool().stale() == [], "run: python tools/gen_symbol_docs.py"


def test_page_shows_every_picture_it_ships() -> None:
    page = (ROOT / "docs" / "symbols.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\(symbols/([^)]+\.svg)\)", page))
    shipped = {p.name for p in (ROOT / "docs" / "symbols").glob("*.svg")}
    assert linked == shipped and len(shipped) > 100


def test_stale_detects_a_changed_picture(tmp_path: Path) -> None:
    tool = _tool()
    for path, text in tool.build().items():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    assert tool.stale(tmp_path) == []
    male = tmp_path / "docs" / "symbols" / "symbol-male.svg"
    male.write_text(male.read_text(encoding="utf-8").replace("Man", "Boy"), encoding="utf-8")
    (tmp_path / "docs" / "symbols" / "old.svg").write_text("<svg/>", encoding="utf-8")
    assert tool.stale(tmp_path) == ["docs/symbols/old.svg", "docs/symbols/symbol-male.svg"]
