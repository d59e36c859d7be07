"""A registered claim, the notebooks that show claims, and the registry that holds
one article's claims (read and validated by analysis.claims.registry)."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from analysis.load.article import Article


@dataclass(frozen=True)
class Claim:
    """One checkable sentence of an article, as registered."""

    id: str
    quote: str
    quantity: str
    kind: str
    stated: Any  # None for anecdotes: their figures are in data/border_arrests.csv
    precision: str
    check: str
    args: dict[str, Any]
    notebook: str  # "" for an article without notebooks
    recorded: dict[str, str]
    line: int  # of the claim's `id = ...` in the registry, for evidence and errors
    stated_line: int = 0  # of its `stated = ...`, which evidence cites (0: none)
    tolerance: float = 0  # how far loose wording ("some 1,100") lets the band widen
    article: str = ""  # the id of the article it belongs to (set by the registry)

    @property
    def stated_words(self) -> str:
        """The stated value as the quote itself words it ("1,127", "83%", "lowest"), or ""
        where the quote does not contain it: a threshold such as 70% for "vast majority"
        or a date the article gives as "January 5" is the project's reading, not the
        article's words."""
        stated = self.stated
        if stated is None:
            return ""
        if isinstance(stated, list):  # "between 1,100 and 1,500"
            stated = stated[0]
        forms = (
            [f"{stated:,}", str(stated)] if isinstance(stated, int) else [str(stated).split(",")[0]]
        )
        for text in forms:
            if text in self.quote:
                percent = self.precision == "percent" or f"{text}%" in self.quote
                return f"{text}%" if percent else text
        return ""

    @property
    def figure_words(self) -> str:
        """The figure a claim card leads with: a count, share or year as the quote words
        it; "" for an ordering, trend, bound or range, which the quote itself says."""
        return self.stated_words if self.precision in ("exact", "percent", "year") else ""


@dataclass(frozen=True)
class Notebook:
    """A notebook's header as the registry declares it: title and question."""

    file: str
    title: str
    question: str


@dataclass(frozen=True)
class Registry:
    """One article's claims (data/articles/<id>/claims.toml) and the article itself."""

    article: Article
    file: str  # the claims file, as evidence and errors name it
    claims: tuple[Claim, ...]
    reviewer: str
    review_date: date
    notebooks: tuple[Notebook, ...]  # none but for the deep dive

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
