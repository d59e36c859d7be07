"""The folders a report build writes, and the rule that keeps it from deleting anything
it did not write: `report --output ~/Documents` must refuse, not wipe the folder.

A folder the build may replace either does not exist, is empty, or holds the marker
file the build writes into every folder it creates. The build works in a staging
folder beside the target (`.NAME.building`, marked too), renders the site inside it,
then renames the old site aside and the new one in: the target is only ever a
complete site (or, for an instant, absent), never half written. The project's own
default folder (build/report, which `make clean` deletes whole) is the tool's by
definition, so a build made before markers existed is replaced too.
"""

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from analysis import paths

MARKER = ".analysis-report"
MARKER_TEXT = (
    "Written by `python -m analysis report`, which deletes and rewrites this folder "
    "on every build: keep nothing else here.\n"
)


class FolderRefused(RuntimeError):
    """The build would have to delete a folder (or file) it did not write."""


def refusal(folder: Path) -> str | None:
    """Why the build may not replace `folder`, or None when it may."""
    if not os.path.lexists(folder):
        return None
    if folder.is_symlink():
        return "it is a symbolic link"
    if not folder.is_dir():
        return "it is not a folder"
    if is_marked(folder) or folder == paths.REPORT_DIR or not any(folder.iterdir()):
        return None
    return f"it holds files the report did not write (no {MARKER} marker)"


def is_marked(folder: Path) -> bool:
    """Whether `folder` holds the marker, as a regular file with the very text written."""
    marker = folder / MARKER
    if marker.is_symlink() or not marker.is_file():
        return False
    with marker.open("rb") as handle:  # a large file is not read whole
        return handle.read(len(MARKER_TEXT) + 1) == MARKER_TEXT.encode()


def mark(folder: Path) -> None:
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def check(folder: Path) -> None:
    """Raise FolderRefused, naming `folder`, unless the build may replace it."""
    reason = refusal(folder)
    if reason is not None:
        raise FolderRefused(
            f"refusing to build into {folder}: {reason}; choose a new or empty folder, "
            "or one an earlier report build wrote"
        )


def _remove(folder: Path) -> None:
    """Delete a folder `check` accepted (rmtree deletes symbolic links, never their targets)."""
    if os.path.lexists(folder):
        shutil.rmtree(folder)


@contextmanager
def staging(target: Path) -> Iterator[Path]:
    """A new, marked staging folder beside `target`, deleted on leaving whatever happens.

    Both `target` and the staging folder (a killed build's may remain) are checked
    before anything is created or deleted.
    """
    target = Path(os.path.abspath(target))
    if not target.name:
        raise FolderRefused(f"refusing to build into {target}: it is a file system root")
    stage = target.with_name(f".{target.name}.building")
    check(target)
    check(stage)
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove(stage)
    stage.mkdir()
    mark(stage)
    try:
        yield stage
    finally:
        _remove(stage)


def replace(site: Path, target: Path, stage: Path) -> None:
    """Put the finished `site` (a folder inside `stage`) at `target`, marked as the build's.

    The old site is renamed into the staging folder (deleted with it), then the new
    one renamed in: both renames stay on one file system, so each is atomic.
    """
    target = Path(os.path.abspath(target))
    mark(site)
    check(target)  # again: the folder may have changed while the build ran
    if os.path.lexists(target):
        os.rename(target, stage / "previous")
    os.rename(site, target)
