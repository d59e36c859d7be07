"""The package's layout shows its flow: the engine (load -> vintages -> claims) imports
nothing from the presentation (show, site, the command line), no module imports
itself back through others, and no module is over 300 lines."""

import ast
import graphlib
from pathlib import Path

import pytest

from analysis import paths

PACKAGE = paths.ROOT / "src" / "analysis"
ENGINE = ("analysis.load", "analysis.vintages", "analysis.claims", "analysis.formatting")
PRESENTATION = ("analysis.show", "analysis.site", "analysis.cli")
PRESENTATION_LIBRARIES = ("jinja2", "matplotlib", "seaborn", "sphinx", "nbformat", "nbclient")
MAX_LINES = 300


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _runtime_imports(tree: ast.Module) -> list[str]:
    """Every module an import statement names, outside `if TYPE_CHECKING:` blocks
    (those never run, so they cannot close a cycle)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"):
            node.body = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
            submodules = [n for n in names if n in MODULES]
            # `from package import module` names the module; any other name is the
            # package's own (its __init__).
            found += submodules if len(submodules) == len(names) else [node.module, *submodules]
    return found


def imports_of(module: str) -> set[str]:
    """The modules of the package, and the outside libraries, that `module` imports."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    named = _runtime_imports(tree)
    inside = {name for name in named if name in MODULES and name != module}
    outside = {name.split(".")[0] for name in named if not name.startswith("analysis")}
    return inside | outside


def test_the_walk_finds_every_module_and_its_imports() -> None:
    assert {"analysis.vintages.rule", "analysis.claims.checks.official"} <= set(MODULES)
    assert "analysis.vintages.rule" in imports_of("analysis.vintages.book")
    assert "analysis.claims.reading" not in imports_of("analysis.claims.declare")  # typing only


def test_no_import_cycle() -> None:
    graph = {m: {i for i in imports_of(m) if i in MODULES} for m in MODULES}
    try:
        tuple(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as error:
        pytest.fail(f"import cycle: {' -> '.join(error.args[1])}")


def test_a_cycle_would_be_found() -> None:
    with pytest.raises(graphlib.CycleError):
        tuple(graphlib.TopologicalSorter({"a": {"b"}, "b": {"a"}}).static_order())


@pytest.mark.parametrize("module", [m for m in MODULES if m.startswith(ENGINE)])
def test_the_engine_imports_no_presentation(module: str) -> None:
    imported = imports_of(module)
    assert not {i for i in imported if i.startswith(PRESENTATION)}, module
    assert not imported & set(PRESENTATION_LIBRARIES), module


@pytest.mark.parametrize("module", list(MODULES))
def test_no_module_is_over_300_lines(module: str) -> None:
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{MODULES[module].relative_to(paths.ROOT)}: {lines} lines"
