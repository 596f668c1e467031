"""The package is grouped by stage and data flows one way: no import points back up a stage."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "sakip_analysis"
# Lower number = earlier stage. Foundation modules (errors, formatting) sit below every stage;
# the CLI sits above all; the demo generator only writes documents (it may use `read`).
STAGES = {"errors": 0, "formatting": 0, "read": 1, "analysis": 2, "review": 3, "report": 4,
          "pipeline": 5, "demo": 2, "cli": 6, "__init__": 6, "__main__": 6}


def _stage(module: str) -> int:
    top = module.split(".")[1] if module.count(".") else "__init__"
    return STAGES[top]


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "sakip_analysis":
                found += [f"sakip_analysis.{a.name}" for a in node.names]
            elif node.module.startswith("sakip_analysis."):
                found.append(node.module)
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith("sakip_analysis.")]
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts)


def test_every_top_level_module_has_a_stage():
    tops = {p.relative_to(PACKAGE).parts[0].removesuffix(".py") for p in MODULES}
    assert tops <= set(STAGES), f"give these a stage in STAGES: {tops - set(STAGES)}"


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_import_points_back_up_a_stage(path):
    me = _name(path)
    if me == "sakip_analysis.__init__":
        return
    upward = [m for m in _imports(path) if _stage(m) > _stage(me)]
    assert not upward, f"{me} imports a later stage: {upward}"
