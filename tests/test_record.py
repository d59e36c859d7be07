"""Recording reviewed verdicts: `claims --record` writes the computed verdicts into each
article's registry, changing nothing else, after which `claims --check` passes again."""

from pathlib import Path

import pytest

from analysis import claims
from analysis.load.datasets import load
from tests.conftest import add_article, run_cli, value_claim
from tests.hostile import refused

REGISTRY = Path("articles") / "dailynk-2018-01" / "claims.toml"
UNRECORDED = (
    value_claim("second-arrivals-2016", "Arrivals were 1,418 in 2016.", 1418, "2016")
    + "\n# a comment that stays where it is\n"
    + value_claim("second-arrivals-2017", "Arrivals were 1,418 in 2016.", 1127, "2017")
)


def test_a_correction_is_recorded_after_review(data_copy: Path) -> None:
    """A stated value corrected in a copy (the article's 1,275 for 2015 read as 1,276):
    the check fails naming the claim, the record writes exactly its `recorded` line, and
    the check passes."""
    before = (data_copy / REGISTRY).read_text(encoding="utf-8")
    assert before.count("stated = 1275\n") == 1
    (data_copy / REGISTRY).write_text(
        before.replace("stated = 1275\n", "stated = 1276\n"), encoding="utf-8"
    )
    before = (data_copy / REGISTRY).read_text(encoding="utf-8")
    failing = run_cli("claims", "--check", data_dir=data_copy)
    assert failing.returncode == 1 and "arrivals-2015 [article]" in failing.stderr
    every = claims.load_registries(load(data_copy))
    total = sum(len(r.claims) for r in every)
    articles = f"{len(every)} article" + ("s" if len(every) > 1 else "")
    assert f"{total - 1} of {total} claims in {articles}" in failing.stdout
    recorded = run_cli("claims", "--record", data_dir=data_copy)
    assert recorded.returncode == 0, recorded.stderr
    changed = [
        line
        for line in recorded.stdout.splitlines()
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert changed and all("recorded = " in line for line in changed)
    after = (data_copy / REGISTRY).read_text(encoding="utf-8")
    assert len(after.splitlines()) == len(before.splitlines())
    differing = [a for a, b in zip(after.splitlines(), before.splitlines(), strict=True) if a != b]
    assert len(differing) == len(changed) // 2
    assert run_cli("claims", "--check", data_dir=data_copy).returncode == 0
    again = run_cli("claims", "--record", data_dir=data_copy)
    assert again.stdout == "every recorded verdict is already the computed one\n"


def test_a_new_claim_needs_no_recorded_verdict_until_it_is_recorded(data_copy: Path) -> None:
    folder = add_article(
        data_copy, "second", "2018-02-01", "Arrivals were 1,418 in 2016.", UNRECORDED
    )
    failing = run_cli("claims", "--check", data_dir=data_copy)
    assert failing.returncode == 1
    assert (
        "second-arrivals-2016 [article]: not yet recorded, computed reproduced_exactly"
        in failing.stderr
    )
    assert run_cli("claims", "--record", data_dir=data_copy).returncode == 0
    text = (folder / "claims.toml").read_text(encoding="utf-8")
    assert text.count("recorded = {") == 2
    assert '\nargs = { period = "2016", field = "total" }\nrecorded = {' in text
    assert "\n# a comment that stays where it is\n[[claim]]" in text
    registry = {r.article.id: r for r in claims.load_registries(load(data_copy))}["second"]
    assert registry.get("second-arrivals-2017").recorded == {
        "article": "reproduced_exactly",
        "latest": "reproduced_exactly",
    }
    assert run_cli("claims", "--check", data_dir=data_copy).returncode == 0


TABLE = """id = "arrivals-2015"
quote = "1,275 people in 2015"
quantity = "arrivals in 2015"
kind = "official_statistic"
stated = 1275
precision = "exact"
check = "figures.value"
args = { period = "2015", field = "total" }
notebook = "01_arrivals_under_kim_jong_un.ipynb"
recorded = { article = "reproduced_exactly", latest = "reproduced_exactly" }
"""
RECORDED = 'recorded = { article = "reproduced_exactly", latest = "reproduced_exactly" }\n'
ARGS = 'args = { period = "2015", field = "total" }\n'
NOW = 'recorded = { article = "contradicted", latest = "contradicted" }'
WRITTEN = {  # how the line is written, and how it is rewritten
    "unspaced": (RECORDED, RECORDED.replace(" ", ""), NOW),
    "indented": (RECORDED, "  " + RECORDED, "  " + NOW),
    "commented": (RECORDED, RECORDED.replace("\n", "  # reviewed\n"), NOW + "  # reviewed"),
    "commented-with-braces": (
        RECORDED,
        RECORDED.replace("\n", " # was { x } on {2026-11-29}\n"),
        NOW + " # was { x } on {2026-11-29}",
    ),
    "none-before-a-sub-table": (ARGS + "notebook", "notebook", NOW),
}
REFUSED = {
    "dotted": 'recorded.article = "reproduced_exactly"\nrecorded.latest = "reproduced_exactly"\n',
    "sub-table": '[claim.recorded]\narticle = "reproduced_exactly"\nlatest = "reproduced_exactly"\n',
}


def _with_2015_as(data_copy: Path, old: str, new: str) -> tuple[Path, str]:
    """The article's 1,275 for 2015 read as 1,276, and its table written otherwise."""
    path = data_copy / REGISTRY
    text = path.read_text(encoding="utf-8")
    assert text.count(TABLE) == 1
    table = TABLE.replace("stated = 1275", "stated = 1276").replace(old, new)
    if old.startswith("args"):  # none recorded yet, and the args as a sub-table after
        table = table.replace(RECORDED, "") + '\n[claim.args]\nperiod = "2015"\nfield = "total"\n'
    path.write_text(text.replace(TABLE, table), encoding="utf-8")
    return path, path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("old", "new", "rewritten"), WRITTEN.values(), ids=list(WRITTEN))
def test_verdicts_are_recorded_however_the_table_is_written(
    data_copy: Path, old: str, new: str, rewritten: str
) -> None:
    """Only the claim's `recorded` line changes (or is added, before a sub-table), and
    the next check passes."""
    path, before = _with_2015_as(data_copy, old, new)
    assert run_cli("claims", "--record", data_dir=data_copy).returncode == 0
    after = path.read_text(encoding="utf-8")
    kept = [[line for line in t.split("\n") if "recorded" not in line] for t in (before, after)]
    assert kept[0] == kept[1]
    assert [line for line in after.split("\n") if '"contradicted"' in line] == [rewritten]
    registry = claims.load_registries(load(data_copy))[0]
    assert registry.get("arrivals-2015").recorded["article"] == "contradicted"
    assert run_cli("claims", "--check", data_dir=data_copy).returncode == 0


@pytest.mark.parametrize("written", REFUSED.values(), ids=list(REFUSED))
def test_verdicts_written_in_a_form_not_rewritten_in_place_are_refused_by_claim(
    data_copy: Path, written: str
) -> None:
    """Nothing is written, and the claim is named, with what to write instead."""
    path, before = _with_2015_as(data_copy, RECORDED, written)
    line = before.split("\n").index('id = "arrivals-2015"') + 1
    refused(
        data_copy,
        str(REGISTRY),
        "cannot record the verdicts in place",
        line=line,
        column="recorded",
        command=("claims", "--record"),
    )
    assert path.read_text(encoding="utf-8") == before


def test_recording_keeps_the_files_line_endings(data_copy: Path) -> None:
    path, before = _with_2015_as(data_copy, "", "")
    path.write_bytes(before.replace("\n", "\r\n").encode("utf-8"))
    assert run_cli("claims", "--record", data_dir=data_copy).returncode == 0
    after = path.read_bytes().decode("utf-8")
    assert after.count("\r\n") == after.count("\n") == before.count("\n")
    assert 'recorded = { article = "contradicted", latest = "contradicted" }\r\n' in after


def test_a_rewrite_that_would_not_read_back_as_the_same_registry_writes_nothing(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The safety net under every rewrite: were a line ever written wrong (here, made
    so), the file read back would not be the registry with the new verdicts, and nothing
    is written, in any registry."""
    from analysis.claims import record

    path, before = _with_2015_as(data_copy, "", "")
    monkeypatch.setattr(record, "_recorded_line", lambda verdicts, like: "recorded = {}")
    refused(
        data_copy,
        str(REGISTRY),
        "cannot record the verdicts in place",
        command=("claims", "--record"),
    )
    assert path.read_text(encoding="utf-8") == before


@pytest.mark.parametrize("inner", ["[see note]", "# see note"])
def test_a_first_recording_goes_after_a_value_written_over_lines(
    data_copy: Path, inner: str
) -> None:
    """A string written over lines (each ending in a backslash, so that it reads as one
    line) whose inner line looks like a table header or a comment is part of its key:
    the new `recorded` goes after the claim's keys, not inside the string."""
    quantity = 'quantity = """arrivals in 2015 \\\n' + inner + '"""'
    path, _ = _with_2015_as(data_copy, RECORDED, "")
    text = path.read_text(encoding="utf-8").replace('quantity = "arrivals in 2015"', quantity)
    path.write_text(text, encoding="utf-8")
    assert run_cli("claims", "--record", data_dir=data_copy).returncode == 0
    claim = claims.load_registries(load(data_copy))[0].get("arrivals-2015")
    assert claim.quantity == f"arrivals in 2015 {inner}"
    assert claim.recorded == {"article": "contradicted", "latest": "contradicted"}
