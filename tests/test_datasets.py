"""The project's real data: it loads, every figure traces to a source with a URL,
and the known source errors kept as data agree with the tables."""

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from analysis import caching, datasets, paths
from analysis.tables import DataValidationError

TABLES_WITH_SOURCES: dict[str, Callable[[], pd.DataFrame]] = {
    "arrivals.csv": datasets.reports,
    "cumulative.csv": datasets.cumulative,
    "border_arrests.csv": datasets.border_arrests,
    "repatriation_context.csv": datasets.repatriation_context,
    "source_issues.csv": datasets.source_issues,
    "table_dates.csv": datasets.table_dates,
}


@pytest.fixture
def disk_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty store in a temporary folder, switched on whatever the run set
    (mutation testing switches the store off)."""
    store = tmp_path / "validated"
    monkeypatch.setattr(datasets, "VALIDATED_DIR", store)
    monkeypatch.setattr(caching, "DISK", True)
    return store


@pytest.mark.parametrize("name", TABLES_WITH_SOURCES)
def test_every_row_names_a_source_with_a_url(name: str) -> None:
    table = TABLES_WITH_SOURCES[name]()
    sources = datasets.sources().set_index("source_id")
    assert len(table) > 0
    urls = sources.loc[table["source_id"], "url"]
    assert urls.str.match(r"^https?://").all()


def test_a_source_without_url_is_rejected(
    data_copy: Path, edit_csv: Callable[[Path, str, str, str], None]
) -> None:
    edit_csv(
        data_copy / "sources.csv",
        "https://hankyung.com/amp/201801058396Y",
        "",
        "hankyung-2018-01-05",
    )
    with pytest.raises(
        DataValidationError, match=r"data/sources.csv, line \d+ \(row \d+\), column 'url'"
    ):
        datasets.reports(data_copy)


def test_every_dossier_figure_is_kept() -> None:
    # 194 rows in the dossier: 152 per-period figures and 42 cumulative totals. One
    # per-period row is left out: Aju's 2013 figure, whose kept quote states neither
    # of its numbers (KBS gives the same figures that day; see aju-2014-01-13's note).
    assert len(datasets.reports()) == 151
    assert len(datasets.cumulative()) == 42


def test_anecdotes_come_from_the_article_only() -> None:
    arrests = datasets.border_arrests()
    assert set(arrests["source_id"]) == {datasets.article().source_id}
    rise = arrests.set_index("figure_id").loc["arrests-rise-yoy"]
    assert (rise["low"], rise["unit"]) == (150, "percent")
    assert pd.isna(rise["high"])  # "at least": a lower bound only


def test_typos_kept_as_data_match_the_corrected_tables() -> None:
    issues = datasets.source_issues()
    reports = datasets.reports()
    typos = issues[
        (issues["kind"] == "typo") & (issues["table"] == "arrivals") & issues["reading"].notna()
    ]
    assert len(typos) >= 2
    for typo in typos.to_dict("records"):
        rows = reports[
            (reports["source_id"] == typo["source_id"])
            & (reports["period_end"] == typo["period_end"])
        ]
        assert len(rows) == 1, typo["issue_id"]
        assert str(rows.iloc[0][typo["field"]]) == typo["reading"], typo["issue_id"]


def test_article_record() -> None:
    article = datasets.article()
    assert article.publisher == "Daily NK"
    assert article.vintage_date.isoformat() == "2018-01-07"
    assert article.url.startswith("https://www.dailynk.com/english/")


def test_edited_files_are_read_again(
    data_copy: Path, edit_csv: Callable[[Path, str, str, str], None]
) -> None:
    before = datasets.reports(data_copy)
    edit_csv(data_copy / "arrivals.csv", ",189,938,1127,", ",190,937,1127,", "hankyung-2018-01-05")
    after = datasets.reports(data_copy)
    row = after["source_id"].eq("hankyung-2018-01-05")
    assert (before.loc[row, "men"].item(), after.loc[row, "men"].item()) == (189, 190)


def test_metadata_describes_every_data_file_and_column() -> None:
    package = json.loads((paths.DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    assert all("fields" not in r for r in package["resources"])  # under schema, per the spec
    described = {
        r["path"]: [f["name"] for f in r["schema"]["fields"]] for r in package["resources"]
    }
    assert set(described) == {p.name for p in paths.DATA_DIR.glob("*.csv")}
    for name, fields in described.items():
        header = (paths.DATA_DIR / name).read_text(encoding="utf-8").splitlines()[0].split(",")
        assert fields == header, name
        assert all(f["description"] for r in package["resources"] for f in r["schema"]["fields"])


def test_validation_key_covers_the_file_sources_and_code(
    data_copy: Path, edit_csv: Callable[[Path, str, str, str], None]
) -> None:
    before = datasets.validation_key("arrivals.csv", data_copy)
    assert datasets.VALIDATION_CODE == (
        "tables.py",
        "validation.py",
        "schemas.py",
        "dates.py",
        "datasets.py",
    )
    edit_csv(data_copy / "arrivals.csv", ",189,938,1127,", ",188,939,1127,", "hankyung-2018-01-05")
    after_file = datasets.validation_key("arrivals.csv", data_copy)
    edit_csv(data_copy / "sources.csv", "Youth Daily 2018-01-05", "Youth Daily", "youthdaily")
    after_sources = datasets.validation_key("arrivals.csv", data_copy)
    assert len({before, after_file, after_sources}) == 3


def test_a_stored_validation_gives_the_same_table(data_copy: Path, disk_store: Path) -> None:
    key = datasets.validation_key("cumulative.csv", data_copy)[:32]
    stored = disk_store / f"cumulative.csv.{key}.pkl"
    fresh = datasets.cumulative(data_copy)
    assert stored.exists()
    (data_copy / "cumulative.csv").touch()  # new mtime: the in-process cache reads again
    pd.testing.assert_frame_equal(datasets.cumulative(data_copy), fresh)


def test_a_file_that_fails_is_never_stored(
    data_copy: Path, edit_csv: Callable[[Path, str, str, str], None], disk_store: Path
) -> None:
    edit_csv(data_copy / "cumulative.csv", ",8994,22345,31339,", ",8994,22345,31338,", "youthdaily")
    key = datasets.validation_key("cumulative.csv", data_copy)[:32]
    with pytest.raises(DataValidationError, match="men \\+ women must equal total"):
        datasets.cumulative(data_copy)
    assert not (disk_store / f"cumulative.csv.{key}.pkl").exists()


KOREAN_NUMBER = re.compile(r"(?:(\d+)\s?만\s?)?(?:(\d*)천\s?)?(?:(\d*)백\s?)?(\d+)?")
PLAIN_NUMBER = re.compile(r"(?<![\d,.])\d{1,3}(?:[,.]\d{3})+(?!\d)|\d+")


def stated_numbers(text: str) -> set[int]:
    """Every number a quote states: 1,127 / 1.414 / 1127 / 3만1339 / 2천9백52 / 천516."""
    found = set()
    for match in KOREAN_NUMBER.finditer(text):
        man, cheon, baek, rest = match.groups()
        if man is None and cheon is None and baek is None:
            continue
        value = int(man or 0) * 10000 + int(rest or 0)
        value += (int(cheon) if cheon else 1) * 1000 if cheon is not None else 0
        value += (int(baek) if baek else 1) * 100 if baek is not None else 0
        found.add(value)
    found.update(int(re.sub(r"[,.]", "", m.group())) for m in PLAIN_NUMBER.finditer(text))
    return found


@pytest.mark.parametrize("loader", [datasets.reports, datasets.cumulative])
def test_every_figure_is_stated_in_its_quote(loader: Callable[[], pd.DataFrame]) -> None:
    """A row's men, women and total appear in its quote (a total may be the sum of the
    men and women quoted); a misprint is quoted with its reading marked [sic; reading]."""
    for row in loader().to_dict("records"):
        stated = stated_numbers(row["quote"])
        for column in ("men", "women", "total"):
            value = row[column]
            if pd.isna(value) or int(value) in stated:
                continue
            parts = [row["men"], row["women"]]
            summed = column == "total" and all(not pd.isna(p) and int(p) in stated for p in parts)
            assert summed, (
                f"{row['source_id']} {row[next(iter(row))]}: {column} {value} not in quote"
            )


def test_the_validation_cache_keeps_only_the_current_files_entries(
    data_copy: Path,
    edit_csv: Callable[[Path, str, str, str], None],
    disk_store: Path,
) -> None:
    store = disk_store
    store.mkdir()
    (store / "cumulative.csv.0123456789abcdef0123456789abcdef.pkl").write_bytes(b"stale")
    datasets.cumulative(data_copy)
    first = datasets.validation_key("cumulative.csv", data_copy)[:32]
    edit_csv(data_copy / "cumulative.csv", ",8994,22345,", ",8995,22344,", "youthdaily")
    datasets.cumulative(data_copy)
    second = datasets.validation_key("cumulative.csv", data_copy)[:32]
    assert first != second
    kept = sorted(p.name for p in store.iterdir())
    assert kept == sorted(
        [
            f"cumulative.csv.{second}.pkl",
            f"sources.csv.{datasets.validation_key('sources.csv', data_copy)[:32]}.pkl",
        ]
    )


def test_a_relative_data_dir_is_resolved_once_for_the_command_line_and_kernels(
    tmp_path: Path,
) -> None:
    shutil.copytree(paths.DATA_DIR, tmp_path / "mydata")
    env = {**os.environ, "ANALYSIS_DATA_DIR": "mydata"}
    cli = subprocess.run(
        [sys.executable, "-m", "analysis", "validate"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert cli.returncode == 0, cli.stderr
    assert "data/arrivals.csv: 151 rows, valid" in cli.stdout
    # A kernel starts in the notebook's folder, as the notebooks' kernels start in notebooks/.
    folder = tmp_path / "notebooks"
    folder.mkdir()
    cell: dict[str, object] = {
        "cell_type": "code",
        "execution_count": None,
        "id": "probe",
        "metadata": {},
        "outputs": [],
        "source": "from analysis import paths\nprint(paths.DATA_DIR)",
    }
    notebook = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (folder / "probe.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    script = (
        "import sys\nfrom pathlib import Path\nfrom analysis import notebooks\n"
        "notebooks.execute(Path(sys.argv[1]), Path(sys.argv[2]))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(folder / "probe.ipynb"), str(folder / "out.ipynb")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    executed = json.loads((folder / "out.ipynb").read_text(encoding="utf-8"))
    assert "".join(executed["cells"][0]["outputs"][0]["text"]).strip() == str(tmp_path / "mydata")


def test_a_damaged_cache_entry_is_validated_again(data_copy: Path, disk_store: Path) -> None:
    store = disk_store
    store.mkdir()
    key = datasets.validation_key("cumulative.csv", data_copy)[:32]
    entry = store / f"cumulative.csv.{key}.pkl"
    # As a cache written by another version of a library might: it names a module
    # that does not exist (ModuleNotFoundError, not an UnpicklingError).
    entry.write_bytes(b"cno_such_module\nTable\n.")
    assert len(datasets.cumulative(data_copy)) == 42
    stored = pd.read_pickle(entry)
    assert stored.shape == (42, 8)  # the seven columns and each row's line
    assert stored.columns[0] == "as_of"


def test_a_stored_result_is_computed_once_per_content(data_copy: Path, disk_store: Path) -> None:
    """Kernels share derived results through the store: computed again only when a file
    it depends on changes, and the stale entry is pruned."""
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    def result() -> int:
        return datasets.stored_result("probe.derived", data_copy, ("arrivals.csv",), (), compute)

    assert (result(), result()) == (1, 1)
    with (data_copy / "arrivals.csv").open("a", encoding="utf-8") as handle:
        handle.write("\n")
    assert result() == 2
    assert len(list(disk_store.glob("probe.derived.*.pkl"))) == 1


def test_with_the_cache_off_every_result_is_computed_and_nothing_stored(
    data_copy: Path, disk_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(caching, "DISK", False)
    monkeypatch.setattr(caching, "MEMORY", False)
    calls: list[int] = []

    @caching.memoised
    def remembered() -> int:
        calls.append(1)
        return len(calls)

    def compute() -> int:
        return datasets.stored_result("probe.derived", data_copy, ("arrivals.csv",), (), remembered)

    assert (compute(), compute()) == (1, 2)
    datasets.cumulative(data_copy)
    assert not disk_store.exists()
    monkeypatch.setattr(caching, "MEMORY", True)
    assert (remembered(), remembered()) == (3, 3)


@pytest.mark.parametrize(("setting", "refused"), [("off", False), ("on", False), ("0", True)])
def test_the_cache_switch_takes_on_or_off_only(setting: str, refused: bool) -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import analysis.caching as c; print(c.DISK, c.MEMORY)"],
        env={**os.environ, "ANALYSIS_CACHE": setting},
        capture_output=True,
        text=True,
    )
    if refused:
        assert done.returncode == 1
        assert "ANALYSIS_CACHE must be 'on' or 'off', not '0'" in done.stderr
    else:
        assert done.stdout.split() == [str(setting == "on")] * 2
