"""The report build deletes nothing it did not write: it refuses a folder of someone
else's (clear error, exit 1, every file kept), leaves sibling folders alone, and
replaces only a folder of its own, which it can do again and again."""

from pathlib import Path

import pytest

from analysis import paths
from analysis.site import buildfolder
from tests.conftest import run_cli


def _user_files(root: Path) -> dict[Path, str]:
    """A user's folders: `report` (which they pass as --output) and `report-work`."""
    files = {root / "report" / "thesis.txt": "years of work", root / "report-work" / "a.txt": "a"}
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return files


def _build(target: Path, page: str) -> None:
    """What report.build does with the folders, with a one-page site."""
    with buildfolder.staging(target) as stage:
        (stage / "site").mkdir()
        (stage / "site" / page).write_text(page, encoding="utf-8")
        buildfolder.replace(stage / "site", target, stage)


def test_the_report_command_refuses_a_users_folder(tmp_path: Path) -> None:
    files = _user_files(tmp_path)
    build = run_cli("report", "--output", str(tmp_path / "report"))
    assert build.returncode == 1
    assert f"refusing to build into {tmp_path / 'report'}: it holds files" in build.stderr
    assert "executing" not in build.stderr  # refused before any work
    assert {p: p.read_text(encoding="utf-8") for p in files} == files
    assert sorted(p.name for p in tmp_path.rglob("*")) == [
        "a.txt",
        "report",
        "report-work",
        "thesis.txt",
    ]


def test_its_own_folder_is_replaced_and_every_other_folder_kept(tmp_path: Path) -> None:
    _user_files(tmp_path)
    (tmp_path / "report" / "thesis.txt").unlink()  # now empty: the build may use it
    _build(tmp_path / "report", "one.html")
    _build(tmp_path / "report", "two.html")
    assert sorted(p.name for p in (tmp_path / "report").iterdir()) == [
        buildfolder.MARKER,
        "two.html",
    ]
    assert buildfolder.is_marked(tmp_path / "report")
    assert (tmp_path / "report-work" / "a.txt").read_text(encoding="utf-8") == "a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report", "report-work"]  # no staging


def test_a_failed_build_keeps_the_previous_site(tmp_path: Path) -> None:
    _build(tmp_path / "report", "one.html")
    with pytest.raises(RuntimeError, match="Sphinx"), buildfolder.staging(tmp_path / "report"):
        raise RuntimeError("Sphinx failed")
    assert sorted(p.name for p in (tmp_path / "report").iterdir()) == [
        buildfolder.MARKER,
        "one.html",
    ]
    assert [p.name for p in tmp_path.iterdir()] == ["report"]


def test_a_killed_builds_staging_folder_is_cleared_but_not_a_users(tmp_path: Path) -> None:
    stage = tmp_path / ".report.building"
    stage.mkdir()
    (stage / "half.html").write_text("", encoding="utf-8")
    with pytest.raises(buildfolder.FolderRefused, match=r"\.report\.building: it holds files"):
        _build(tmp_path / "report", "one.html")
    assert (stage / "half.html").exists()
    buildfolder.mark(stage)  # as a killed build leaves it
    _build(tmp_path / "report", "one.html")
    assert [p.name for p in tmp_path.iterdir()] == ["report"]


def test_the_default_folder_is_its_own_even_unmarked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """build/report, written by builds made before the marker, is replaced; the same
    folder elsewhere is not."""
    (tmp_path / "report").mkdir()
    (tmp_path / "report" / "index.html").write_text("old", encoding="utf-8")
    with pytest.raises(buildfolder.FolderRefused):
        _build(tmp_path / "report", "new.html")
    monkeypatch.setattr(paths, "REPORT_DIR", tmp_path / "report")
    _build(tmp_path / "report", "new.html")
    assert sorted(p.name for p in (tmp_path / "report").iterdir()) == [
        buildfolder.MARKER,
        "new.html",
    ]


@pytest.mark.parametrize("case", ["link", "file", "forged marker", "linked marker"])
def test_what_only_looks_like_its_folder_is_refused(tmp_path: Path, case: str) -> None:
    """A link to a folder (even one of its own), a file, a marker with other text, or a
    marker that is a link: each is refused, and left as it was."""
    own = tmp_path / "own"
    _build(own, "one.html")
    target = tmp_path / "report"
    if case == "link":
        target.symlink_to(own)
    elif case == "file":
        target.write_text("notes", encoding="utf-8")
    else:
        target.mkdir()
        (target / "thesis.txt").write_text("years of work", encoding="utf-8")
        marker = target / buildfolder.MARKER
        if case == "forged marker":
            marker.write_text("Written by someone else\n", encoding="utf-8")
        else:
            marker.symlink_to(own / buildfolder.MARKER)
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    with pytest.raises(buildfolder.FolderRefused, match=f"refusing to build into {target}: "):
        _build(target, "two.html")
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before
