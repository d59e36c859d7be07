"""A claim shown whole: its quote, its verdict on each vintage in words, and the
work (every figure with its file, line and source, the arithmetic and any
revisions), as HTML in notebooks and the report and as text elsewhere."""

from dataclasses import dataclass

from analysis import claims, formatting
from analysis.claims.checks.anecdotes import NO_DATA
from analysis.show import present

CHANGED = "Changed since the verdicts were recorded (a preview until `claims --record`)"


@dataclass(frozen=True)
class Result:
    """One vintage's outcome with the words to show it under."""

    heading: str
    short_heading: str
    outcome: claims.Outcome

    @property
    def words(self) -> claims.verdicts.VerdictWords:
        return claims.words(self.outcome.verdict)

    @property
    def reason(self) -> str:
        """The check's reason as a sentence."""
        reason = self.outcome.reason
        return reason[:1].upper() + reason[1:]


@dataclass(frozen=True)
class ClaimView:
    """A claim shown whole: quote, verdicts, evidence (as HTML in notebooks, as text elsewhere)."""

    claim: claims.Claim
    said: str
    results: tuple[Result, ...]
    changes: tuple[str, ...] = ()  # how it differs from the recorded verdicts (a preview)

    @property
    def verdict_results(self) -> tuple[Result, ...]:
        """Each vintage's verdict, once under a joint heading when they say the same."""
        first = self.results[0]
        if all(
            (r.outcome.verdict, r.outcome.reason) == (first.outcome.verdict, first.outcome.reason)
            for r in self.results[1:]
        ):
            return (Result("On the article's date and now", first.short_heading, first.outcome),)
        return self.results

    @property
    def evidence_results(self) -> tuple[Result, ...]:
        """The evidence of each vintage, once when the vintages used the same figures."""
        first = self.results[0]
        same = all(r.outcome.evidence == first.outcome.evidence for r in self.results[1:])
        return (first,) if same else self.results

    @property
    def revisions(self) -> tuple[claims.Figure, ...]:
        return self.results[-1].outcome.evidence.revisions

    @property
    def no_figure(self) -> str:
        return NO_DATA

    def _repr_html_(self) -> str:
        return present.render_html("claim.html.j2", view=self, changed=CHANGED)

    def __repr__(self) -> str:
        lines = [f"“{self.claim.quote}”"] + (
            [f"The article says: {self.said}"] if self.said else []
        )
        if self.changes:
            lines.append(f"{CHANGED}: " + "; ".join(self.changes))
        lines += [f"{r.heading}: {r.words.label}. {r.reason}." for r in self.verdict_results]
        for result in self.evidence_results:
            lines.append(f"The work ({result.short_heading}):")
            lines += [
                f"  {f.label} = {formatting.cell(f.value)} ({f.file}, line {f.line}; "
                f"{f.source.publisher}, {f.source.dated}, {f.source.url}"
                + (f"; {f.note}" if f.note else "")
                + ")"
                for f in result.outcome.evidence.figures
            ] or [f"  no figure: {NO_DATA}"]
            lines += [f"  {line}" for line in result.outcome.evidence.arithmetic]
            if result.outcome.evidence.band:
                lines.append(f"  the wording allows: {result.outcome.evidence.band}")
        if self.revisions:
            lines.append("What changed since: every published value")
            lines += [
                f"  {f.label} = {formatting.cell(f.value)} ({f.source.publisher}, {f.source.dated}; "
                f"{f.file}, line {f.line})"
                for f in self.revisions
            ]
        return "\n".join(lines)
