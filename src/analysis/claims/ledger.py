"""The base of every Reading: the record of the cells a check was handed (its
evidence), the registry's own figures and the anecdote tables, and the outcome that
carries that record. The series and the reports are read in analysis.claims.reading."""

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from analysis.claims.claim import Claim, Registry
from analysis.claims.evidence import Evidence, Figure, Outcome
from analysis.claims.inputs import Context
from analysis.claims.verdicts import Verdict


@dataclass
class Ledger:
    """One claim's record of what it read: every value handed out becomes evidence."""

    claim: Claim
    ctx: Context
    used: list[Figure] = field(default_factory=list)
    revisions: list[Figure] = field(default_factory=list)

    @property
    def registry(self) -> Registry:
        return self.ctx.registry

    def _use(self, figure: Figure) -> Figure:
        if figure.cell not in {f.cell for f in self.used}:
            self.used.append(figure)
        return figure

    # --- the registry and the article's own figures -------------------------------

    def stated(self, claim: Claim) -> Figure:
        """Another claim's stated value, as the registry records it from the article."""
        return self._use(
            Figure(
                label=f"the article's {claim.quantity}",
                value=str(claim.stated) if claim.precision == "year" else claim.stated,
                file=self.registry.file,
                line=claim.stated_line,
                column="stated",
                source=self.ctx.source(self.registry.article.source_id),
                vintage="the article",
            )
        )

    def era_start(self) -> Figure:
        """The year the article dates Kim Jong Un's era from (its article.toml's [eras])."""
        article = self.registry.article
        if article.eras is None:
            raise ValueError(f"{self.claim.id}: {article.file} sets no [eras]")
        return self._use(
            Figure(
                label="first year of Kim Jong Un's era, as the article dates it",
                value=str(article.eras.used),
                file=article.file,
                line=article.eras.line,
                column="eras.used",
                source=self.ctx.source(article.source_id),
                vintage="the article",
            )
        )

    def anecdote(self, figure_id: str, column: str, context: bool = False) -> Figure | None:
        """A cell of data/border_arrests.csv (or, `context`, repatriation_context.csv)."""
        name = "repatriation_context.csv" if context else "border_arrests.csv"
        row = self.ctx.anecdote_row(figure_id, context)
        cell = row[column]
        if cell is None:
            return None
        value: int | str = cell.date().isoformat() if isinstance(cell, pd.Timestamp) else int(cell)
        return self._use(
            Figure(
                label=f"{row['quantity']} ({column.replace('_', ' ')})",
                value=value,
                file=f"data/{name}",
                line=int(row["line"]),
                column=column,
                source=self.ctx.source(str(row["source_id"])),
                vintage="as reported",
            )
        )

    def days(self, figure_id: str) -> int:
        """The length in days of an anecdote's window, read from its two date cells."""
        first, last = (self.anecdote(figure_id, c) for c in ("period_start", "period_end"))
        if first is None or last is None:
            raise ValueError(f"{figure_id}: the window's dates are not given")
        return (pd.Timestamp(str(last.value)) - pd.Timestamp(str(first.value))).days + 1

    def context_ids(self) -> list[str]:
        """The context counts public by this vintage's last day: like every figure, a
        count is public only from the last day its source's date can mean."""
        day, published = self.ctx.last_day, self.ctx.inputs.published
        rows = self.ctx.inputs.anecdotes["repatriation_context.csv"]
        return [i for i, row in rows.items() if published[str(row["source_id"])][1] <= day]

    # --- the outcome -------------------------------------------------------------

    def outcome(
        self,
        verdict: Verdict,
        computed: str,
        reason: str,
        value: Any,
        arithmetic: tuple[str, ...] = (),
        band: str = "",
    ) -> Outcome:
        """The outcome, carrying as evidence every figure this reading handed out."""
        evidence = Evidence(tuple(self.used), arithmetic, band, tuple(self.revisions))
        return Outcome(
            self.claim.id, str(self.ctx.vintage), computed, verdict, reason, value, evidence
        )
