"""A publication's furniture on every page of the report: who made it, when, under
which licence, and how to cite it (from CITATION.cff).

The date is never the clock's, so two builds of the same sources give the same
bytes: it is SOURCE_DATE_EPOCH when set (the reproducible-builds convention), else
the day of the commit the build comes from, else CITATION.cff's release date (a
copy with no git history).
"""

import os
import subprocess
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from analysis import formatting, paths

CITATION = paths.ROOT / "CITATION.cff"
DATA_LICENCE = "the figures are facts compiled from the sources each names"


@dataclass(frozen=True)
class Citation:
    """CITATION.cff, as a reader cites the project."""

    authors: str
    title: str
    version: str
    released: date
    licence: str
    message: str

    def text(self) -> str:
        """The citation in one line: authors (year). Title. Version."""
        return f"{self.authors} ({self.released.year}). {self.title}. Version {self.version}."

    def bibtex(self) -> str:
        return "\n".join(
            [
                "@software{defector_claims,",
                f"  author = {{{{{self.authors}}}}},",
                f"  title = {{{self.title}}},",
                f"  version = {{{self.version}}},",
                f"  year = {{{self.released.year}}},",
                "}",
            ]
        )


def _scalar(text: str) -> str:
    text = text.strip()
    if len(text) > 1 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return text


def _cff(text: str) -> tuple[dict[str, str], list[dict[str, str]]]:
    """CITATION.cff's top-level scalars and its authors. The file is YAML; the project
    reads only these plain fields of it, so no YAML library is needed (a nested list
    other than the top-level authors, such as references, is skipped)."""
    top: dict[str, str] = {}
    authors: list[dict[str, str]] = []
    section = ""
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            key, _, value = line.partition(":")
            section = key.strip()
            if value.strip():
                top[section] = _scalar(value)
            continue
        if section != "authors" or len(line) - len(line.lstrip(" -")) > 4:
            continue
        item = line.strip()
        if item.startswith("- "):
            authors.append({})
            item = item[2:]
        key, _, value = item.partition(":")
        if authors and value.strip():
            authors[-1][key.strip()] = _scalar(value)
    return top, authors


def citation(path: Path = CITATION) -> Citation:
    top, authors = _cff(path.read_text(encoding="utf-8"))
    names = [a.get("name") or f"{a['given-names']} {a['family-names']}" for a in authors]
    return Citation(
        authors=", ".join(names),
        title=top["title"],
        version=top["version"],
        released=date.fromisoformat(top["date-released"]),
        licence=top["license"],
        message=top["message"],
    )


def _git(*args: str) -> str:
    try:
        found = subprocess.run(
            ["git", "-C", str(paths.ROOT), *args],
            capture_output=True,
            text=True,
            check=False,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return found.stdout.strip() if found.returncode == 0 else ""


def built(cited: Citation) -> tuple[date, str]:
    """The build's date (see the module's docstring) and its commit (short; empty
    without git)."""
    commit = _git("log", "-1", "--format=%h %ct")
    short, _, seconds = commit.partition(" ")
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip() or seconds
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).date(), short
    return cited.released, short


def citation_context() -> dict[str, Any]:
    """What the reproduction page's "How to cite" shows (reproduce.md.j2)."""
    return {"cite": citation()}


def context() -> dict[str, str]:
    """What the page footer (_templates/furniture.html) shows, as Sphinx's html_context."""
    cited = citation()
    day, commit = built(cited)
    return {
        "furniture_authors": cited.authors,
        "furniture_built": formatting.day(day),
        "furniture_built_iso": day.isoformat(),
        "furniture_commit": commit,
        "furniture_licence": cited.licence,
        "furniture_data_licence": DATA_LICENCE,
    }
