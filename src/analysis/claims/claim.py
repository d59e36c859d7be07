"""A registered claim, the notebooks that show claims, and the registry that holds
them (read and validated by analysis.claims.registry)."""

from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Claim:
    """One checkable sentence of the article, as registered."""

    id: str
    quote: str
    quantity: str
    kind: str
    stated: Any  # None for anecdotes: their figures are in data/border_arrests.csv
    precision: str
    check: str
    args: dict[str, Any]
    notebook: str
    recorded: dict[str, str]
    line: int  # of the claim's `id = ...` in the registry, for evidence and errors
    stated_line: int = 0  # of its `stated = ...`, which evidence cites (0: none)

    @property
    def stated_words(self) -> str:
        """The stated value as the quote itself words it ("1,127", "83%", "lowest"), or ""
        where the quote does not contain it: a threshold such as 70% for "vast majority"
        or a date the article gives as "January 5" is the project's reading, not the
        article's words."""
        stated = self.stated
        if stated is None:
            return ""
        forms = (
            [f"{stated:,}", str(stated)] if isinstance(stated, int) else [str(stated).split(",")[0]]
        )
        for text in forms:
            if text in self.quote:
                percent = self.precision == "percent" or f"{text}%" in self.quote
                return f"{text}%" if percent else text
        return ""


@dataclass(frozen=True)
class Notebook:
    """A notebook's header as the registry declares it: title and question."""

    file: str
    title: str
    question: str


@dataclass(frozen=True)
class Registry:
    claims: tuple[Claim, ...]
    era_start: int
    era_alternatives: tuple[int, ...]
    era_line: int
    reviewer: str
    review_date: date
    notebooks: tuple[Notebook, ...]

    def get(self, claim_id: str) -> Claim:
        for claim in self.claims:
            if claim.id == claim_id:
                return claim
        raise KeyError(f"no claim {claim_id!r} in the registry")

    def notebook(self, file: str) -> Notebook:
        for notebook in self.notebooks:
            if notebook.file == file:
                return notebook
        raise KeyError(f"no notebook {file!r} in the registry")

    def claims_in(self, file: str) -> tuple[Claim, ...]:
        return tuple(c for c in self.claims if c.notebook == file)
