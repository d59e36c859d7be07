"""Hygiene of the committed notebooks (nbval itself re-executes them in strict
mode via `make test`): executed top to bottom, outputs present, no errors or
stderr, no magics or timing metadata, the project's kernel; each registry claim
computed in its notebook and shown, the engine agreeing; execution writes
identical bytes twice."""

import ast
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from analysis import claims, paths
from analysis.site import notebooks
from tests.conftest import deep_dive

NOTEBOOKS = notebooks.notebook_paths()


def _code_cells(path: Path) -> list[dict[str, object]]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [c for c in cells if c["cell_type"] == "code"]


def test_there_are_notebooks() -> None:
    assert [p.name for p in NOTEBOOKS] == [n.file for n in deep_dive().notebooks]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_hygiene(path: Path) -> None:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    assert notebook["metadata"]["kernelspec"]["name"] == notebooks.KERNEL
    cells = _code_cells(path)
    assert [c["execution_count"] for c in cells] == list(range(1, len(cells) + 1))
    for index, cell in enumerate(cells, start=1):
        source = "".join(cell["source"])  # type: ignore[arg-type]
        where = f"{path.name}, code cell {index}"
        assert not re.search(r"^\s*[%!]", source, re.MULTILINE), f"{where}: magic or shell escape"
        assert not source.rstrip().endswith(";"), f"{where}: ends with ';' (nbval ignores it)"
        assert not re.search(r"^\s*(def|class|if|for|while) ", source, re.MULTILINE), (
            f"{where}: logic belongs in src/analysis"
        )
        assert "execution" not in cell["metadata"], f"{where}: timing metadata"  # type: ignore[operator]
        outputs = cell["outputs"]
        kinds = {o["output_type"] for o in outputs}  # type: ignore[attr-defined]
        assert "error" not in kinds, f"{where}: error output"
        assert not any(o.get("name") == "stderr" for o in outputs), f"{where}: stderr output"  # type: ignore[attr-defined]
        if not source.startswith("from "):
            assert outputs, f"{where}: no stored output (nbval would compare nothing)"


def _claim_calls(path: Path) -> dict[str, tuple[str, ast.Call]]:
    """Each `narrative.claim(...)` call of a notebook by its claim id, with its cell's source."""
    calls: dict[str, tuple[str, ast.Call]] = {}
    for cell in _code_cells(path):
        source = "".join(cell["source"])  # type: ignore[arg-type]
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and ast.unparse(node.func) == "narrative.claim":
                claim_id = ast.literal_eval(node.args[0])
                assert claim_id not in calls, f"{path.name}: {claim_id} shown twice"
                calls[claim_id] = (source, node)
    return calls


def test_every_claim_is_computed_and_shown_in_its_notebook() -> None:
    """Each claim's cell computes its figure from the data and passes it to
    narrative.claim(id, computed=...), which asserts the engine agrees: a keyword whose
    value is an expression (no typed constant), after at least one line of computation."""
    registry = deep_dive()
    for path in NOTEBOOKS:
        calls = _claim_calls(path)
        assert sorted(calls) == sorted(c.id for c in registry.claims_in(path.name)), path.name
        for claim_id, (source, call) in calls.items():
            where = f"{path.name}, {claim_id}"
            keywords = {k.arg: k.value for k in call.keywords}
            assert list(keywords) == ["computed"] and len(call.args) == 1, where
            assert not any(
                isinstance(n, ast.Constant) and not isinstance(n.value, str)
                for n in ast.walk(keywords["computed"])
            ), f"{where}: a typed value"
            statements = ast.parse(source).body
            assert len(statements) >= 2, f"{where}: nothing computed before the call"
            assert any(isinstance(s, ast.Assign) for s in statements), where


def test_a_computation_that_disagrees_with_the_engine_fails_its_cell(tmp_path: Path) -> None:
    """Round 2017's women's share to a whole percent in the notebook: the engine's
    83.23% no longer agrees, and the cell fails naming the claim and both values."""
    source = paths.NOTEBOOKS_DIR / "02_women_among_arrivals.ipynb"
    line = 'share = 100 * women.loc[\\"2017\\"] / total.loc[\\"2017\\"]'
    text = source.read_text(encoding="utf-8")
    assert text.count(line) == 1
    changed = tmp_path / source.name
    rounded = line.replace("= 100", "= (100") + ").round()"
    changed.write_text(text.replace(line, rounded), encoding="utf-8")
    with pytest.raises(notebooks.NotebookFailed) as failed:
        notebooks.execute(changed, tmp_path / "out.ipynb", scratch=tmp_path)
    assert str(failed.value).startswith(f"{source.name}, cell 11 ('share = (100 * ")
    assert str(failed.value).endswith(
        "ComputationDisagrees: women-share-2017 [article]: "
        "the notebook computes 83.0000, the engine 83.2298"
    )


def test_executing_twice_writes_identical_bytes(tmp_path: Path) -> None:
    """The second run keeps its kernel's files in a folder whose path is 85 bytes long:
    the kernel's sockets still fit the 107 bytes a socket's path may take."""
    source = paths.NOTEBOOKS_DIR / "02_women_among_arrivals.ipynb"
    first, second = tmp_path / "first.ipynb", tmp_path / "second.ipynb"
    deep = tmp_path / ("d" * (85 - len(str(tmp_path)) - 1))
    deep.mkdir()
    assert len(str(deep)) == 85
    notebooks.execute(source, first)
    notebooks.execute(source, second, scratch=deep)
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() == source.read_bytes(), (
        "committed outputs are stale: run `make notebooks`"
    )


def test_a_changed_figure_fails_nbval_naming_notebook_and_cell(
    data_copy: Path, edit_csv: Callable[[Path, str, str, str], None]
) -> None:
    """MOU's first release says 189 men and 938 women; make it 188 and 939 (still
    summing to 1,127, so the data stay valid) and the women notebook must fail."""
    edit_csv(data_copy / "arrivals.csv", ",189,938,1127,", ",188,939,1127,", "hankyung-2018-01-05")
    notebook = paths.NOTEBOOKS_DIR / "02_women_among_arrivals.ipynb"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", str(notebook), "-p", "no:cacheprovider", "-q"],
        capture_output=True,
        text=True,
        check=False,
        cwd=paths.ROOT,
        env={**os.environ, "ANALYSIS_DATA_DIR": str(data_copy)},
    )
    output = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)  # nbval colours its report
    assert result.returncode == 1, output[-2000:]
    assert "02_women_among_arrivals.ipynb::Cell " in output
    # the cell runs and shows the change; its stored output no longer matches
    assert "Changed since the verdicts were recorded" in output
    assert "article: was reproduced exactly, now contradicted" in output


def _markdown(path: Path) -> list[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_header_matches_the_registry(path: Path) -> None:
    """Title, question and the claims covered (each quoted, linking to its section)
    are the registry's, in the registry's order."""
    registry = deep_dive()
    declared = registry.notebook(path.name)
    header = _markdown(path)[0]
    assert header.startswith(f"# {declared.title}\n"), path.name
    assert f"**Question:** {declared.question}\n" in header, path.name
    covered = re.findall(r"^- \[“(.*)”\]\(#([a-z0-9-]+)\)$", header, re.MULTILINE)
    assert covered == [(c.quote, c.id) for c in registry.claims_in(path.name)], path.name


def test_every_claim_has_a_quoted_section_led_by_its_anchor() -> None:
    """The anchor comes just before the quoted heading, so a link lands on the quote;
    the claim's registry id is in the anchor only, never in the text."""
    for claim in deep_dive().claims:
        anchor = f'<a id="{claim.id}"></a>\n\n### “{claim.quote}”'
        sections = [
            m for m in _markdown(paths.NOTEBOOKS_DIR / claim.notebook) if m.startswith(anchor)
        ]
        assert len(sections) == 1, claim.id
        assert sections[0].count(claim.id) == 1, claim.id
    for path in NOTEBOOKS:
        assert not any("Claim `" in text for text in _markdown(path)), path.name


def test_no_notebook_repeats_a_paragraph_of_another() -> None:
    """Prose is compared without its markup: a fold's opening tag and label (the
    "Claims covered" each notebook folds) is not a paragraph of prose."""
    seen: dict[str, str] = {}
    for path in NOTEBOOKS:
        for text in _markdown(path):
            for paragraph in text.split("\n\n"):
                if len(re.sub(r"<[^>]+>", "", paragraph)) < 40 or paragraph.startswith("#"):
                    continue
                assert seen.setdefault(paragraph, path.name) == path.name, (
                    f"{path.name} repeats a paragraph of {seen[paragraph]}: {paragraph[:60]}"
                )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_tables_are_written_for_people(path: Path) -> None:
    """No pandas missing markers, raw verdict codes or row-number columns in any output."""
    raw = {v.value for v in claims.Verdict}
    for index, cell in enumerate(_code_cells(path), start=1):
        for output in cell["outputs"]:  # type: ignore[attr-defined]
            for kind, content in output.get("data", {}).items():
                if not kind.startswith("text/"):
                    continue
                # An embedded image's base64 could spell anything.
                text = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", "".join(content))
                where = f"{path.name}, code cell {index}, {kind}"
                assert not re.search(r"<NA>|\bNaN\b|\bNaT\b", text), where
                assert not any(code in text for code in raw - {"reproduced", "contradicted"}), where
                assert 'class="dataframe"' not in text, f"{where}: a raw pandas table"
