"""A claim as a card: its verdict on each vintage in words, the deciding figure and
one source up front, and the work (every figure with its file, line and source, the
arithmetic and any revisions) folded below it. The notebooks and the article pages
show the same card, as HTML, and a terminal its text."""

from collections import Counter
from dataclasses import dataclass, replace
from itertools import chain

from analysis import claims, formatting
from analysis.show import present
from analysis.show.sourcenames import SourceNames

CHANGED = "Changed since the verdicts were recorded (a preview until `claims --record`)"


@dataclass(frozen=True)
class Result:
    """One vintage's outcome with the words to show it under."""

    heading: str
    short_heading: str
    outcome: claims.Outcome
    day: str = ""  # the article's date in words, for the figures of that day

    @property
    def words(self) -> claims.verdicts.VerdictWords:
        return claims.words(self.outcome.verdict)

    @property
    def reason(self) -> str:
        """The check's reason as a sentence."""
        reason = self.outcome.reason
        return reason[:1].upper() + reason[1:]


def result(outcome: claims.Outcome, day: str) -> Result:
    """`outcome` under its vintage's headings: the figures of the article's date (`day`,
    in words), or the latest."""
    if outcome.vintage == claims.VINTAGES[0]:
        return Result(
            f"On MOU's figures as published on {day} (the article's date)",
            f"on MOU's figures as published on {day}",
            outcome,
            day,
        )
    return Result("On the latest figures", "on the latest figures", outcome)


@dataclass(frozen=True)
class Row:
    """A figure of the work, with what its note says of it alone and the numbers of the
    notes it shares with other rows."""

    figure: claims.Figure
    own: str
    notes: tuple[int, ...]


@dataclass(frozen=True)
class Work:
    """One vintage's figures as their table shows them: each part of a note that several
    rows share (that a figure is inferred from a later table, say) is written once under
    the table, numbered; a part that only one row has stays in that row."""

    result: Result
    rows: tuple[Row, ...]
    notes: tuple[str, ...]


def work(result: Result, names: SourceNames) -> Work:
    """`result`'s figures with their notes in words, the shared parts numbered."""
    figures = result.outcome.evidence.figures
    # the engine joins a note's parts with "; " (a source's name in words may hold one)
    parts = [[names(part) for part in f.note.split("; ") if part] for f in figures]
    every = dict.fromkeys(chain.from_iterable(parts))
    shared = [p for p in every if sum(p in own for own in parts) > 1]
    rows = tuple(
        Row(
            figure,
            "; ".join(p for p in own if p not in shared),
            tuple(shared.index(p) + 1 for p in own if p in shared),
        )
        for figure, own in zip(figures, parts, strict=True)
    )
    return Work(result, rows, tuple(shared))


@dataclass(frozen=True)
class ClaimView:
    """A claim's card: verdicts, deciding figure and source, and its work."""

    claim: claims.Claim
    said: str
    results: tuple[Result, ...]  # the article's vintage first, the latest last
    names: SourceNames  # source ids in reader words
    changes: tuple[str, ...] = ()  # how it differs from the recorded verdicts (a preview)
    own_sources: frozenset[str] = frozenset()  # the article itself, and reports repeating it

    @property
    def then(self) -> Result:
        return self.results[0]

    @property
    def now(self) -> Result:
        return self.results[-1]

    @property
    def same(self) -> bool:
        """Whether both vintages give the same verdict (the card then says it once)."""
        return self.now.outcome.verdict == self.then.outcome.verdict

    @property
    def same_reason(self) -> bool:
        """Whether both vintages give the same verdict for the same reason (the reason is
        then said once: 83.3% now is not 83.2% on the article's date)."""
        return self.same and self.now.outcome.reason == self.then.outcome.reason

    @property
    def both_heading(self) -> str:
        """The heading of a verdict both vintages give, said once."""
        return f"Now and on {self.then.day}"

    @property
    def deciding(self) -> str:
        """The number the verdict turns on, as the check computed it: none without a
        figure (the reason then leads the card instead)."""
        if not any(r.outcome.evidence.figures for r in self.results):
            return ""
        now, then = self.now.outcome.computed, self.then.outcome.computed
        if now and then and now != then:
            return f"{now} now, {then} on {self.then.day}"
        return now or then

    @property
    def deciding_heading(self) -> str:
        """What the number up front is: a figure that decides nothing where the verdict is
        that nothing public can (the anecdotes) is only shown."""
        if self.now.outcome.verdict is claims.Verdict.NOT_VERIFIABLE:
            return "The figures"
        return "Deciding figure"

    @property
    def whys(self) -> tuple[Result, ...]:
        """The reasons to show, once when both vintages give the same verdict for the
        same reason (under a heading naming both)."""
        if self.same_reason:
            return (replace(self.now, heading=self.both_heading),)
        return (replace(self.now, heading="Now"), self.then)

    @property
    def source(self) -> claims.Source | None:
        """The source most of the figures the verdict rests on come from (the first of
        those as many), leaving out the article's own unless every figure is its own
        (its internal arithmetic): a sum of MOU's yearly figures is MOU's, not that of
        the report whose total it is compared with."""
        figures = self.now.outcome.evidence.figures or self.then.outcome.evidence.figures
        other = [f.source for f in figures if f.source.id not in self.own_sources]
        sources = other or [f.source for f in figures]
        if not sources:
            return None
        counts = Counter(s.id for s in sources)
        return max(sources, key=lambda s: counts[s.id])  # max keeps the first of a tie

    @property
    def evidence_results(self) -> tuple[Result, ...]:
        """The evidence of each vintage, once when the vintages used the same figures."""
        same = all(r.outcome.evidence == self.then.outcome.evidence for r in self.results[1:])
        return (self.then,) if same else self.results

    @property
    def work(self) -> tuple[Work, ...]:
        return tuple(work(result, self.names) for result in self.evidence_results)

    @property
    def revisions(self) -> tuple[claims.Figure, ...]:
        return self.now.outcome.evidence.revisions

    @property
    def work_summary(self) -> str:
        """What the folded work holds, counted, so a reader knows whether to open it;
        empty when there is nothing to fold (no figure, and the reason leads the card)."""
        count = max(len(r.outcome.evidence.figures) for r in self.evidence_results)
        parts = []
        if count:
            parts.append(formatting.counted(count, "figure", "figures"))
        if any(r.outcome.evidence.arithmetic for r in self.evidence_results):
            parts.append("the arithmetic")
        if self.revisions:
            parts.append("every published value")
        if self.said and not parts:
            parts.append("what the article says")
        if not parts:
            return ""
        listed = formatting.joined(parts)
        return f"Why: {listed}" if self.deciding else f"The work: {listed}"

    def _repr_html_(self) -> str:
        return present.render_html("claim.html.j2", view=self, changed=CHANGED)

    def __repr__(self) -> str:
        lines = [f"“{self.claim.quote}”"] + (
            [f"The article says: {self.said}"] if self.said else []
        )
        if self.changes:
            lines.append(f"{CHANGED}: " + "; ".join(self.changes))
        if self.same_reason:
            heading = f"{self.now.heading} (the same {self.then.short_heading})"
            lines.append(f"{heading}: {self.now.words.label}. {self.names(self.now.reason)}.")
        else:
            lines += [
                f"{r.heading}: {r.words.label}. {self.names(r.reason)}." for r in self.results
            ]
        for work in self.work:
            lines.append(f"The work ({work.result.short_heading}):")
            lines += [
                f"  {row.figure.label} = {formatting.cell(row.figure.value)} "
                f"({row.figure.file}, line {row.figure.line}; "
                f"{row.figure.source.publisher}, {row.figure.source.dated}, {row.figure.source.url}"
                + (f"; {row.own}" if row.own else "")
                + "".join(f"; note {n}" for n in row.notes)
                + ")"
                for row in work.rows
            ] or ["  no figure"]
            lines += [f"  note {n}: {note}" for n, note in enumerate(work.notes, start=1)]
            lines += [f"  {self.names(line)}" for line in work.result.outcome.evidence.arithmetic]
            if work.result.outcome.evidence.band:
                lines.append(f"  the wording allows: {work.result.outcome.evidence.band}")
        if self.revisions:
            lines.append("What changed since: every published value")
            lines += [
                f"  {f.label} = {formatting.cell(f.value)} ({f.source.publisher}, {f.source.dated}; "
                f"{f.file}, line {f.line})"
                for f in self.revisions
            ]
        return "\n".join(lines)
