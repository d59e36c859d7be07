"""What the data package says about itself and each of its files, for readers: the
package's title, description, terms and processing; each file's title; each column's
meaning and, where every value counts the same thing, its unit.

Only prose lives here. A column's type, whether it must be filled, the values it may
hold and the table's key come from the checks declared in analysis.schemas, and
analysis.datapackage joins the two into data/datapackage.json (`python -m analysis
datapackage --write`). It refuses a column described here that the schema does not
declare, or declared there and not described here.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Field:
    """A column's meaning, and the unit of its values where every value has the same one."""

    description: str
    unit: str | None = None


@dataclass(frozen=True)
class Resource:
    """A file's title and its columns' meanings, by column name."""

    title: str
    fields: dict[str, Field] = field(default_factory=dict)


PEOPLE = "people"
"""The unit of a count of people (arrivals), said only where every value is one."""

PACKAGE: dict[str, object] = {
    "name": "defector-arrivals-and-claims",
    "title": (
        "North Korean arrivals in South Korea (every figure as each source published it) and the figures of "
        "Daily NK's January 2018 article"
    ),
    "description": (
        "Figures compiled by hand from public sources into tidy tables: each row is one figure "
        "as one source published it, with the source's id. Nothing is interpolated or spread "
        "over years. Figures in arrivals.csv and cumulative.csv are MOU's (South Korea's "
        "Ministry of Unification), either from MOU's own tables or as relayed by the press; "
        "border_arrests.csv holds the article's anonymous-source figures; "
        "repatriation_context.csv holds rights groups' counts."
    ),
    "created": "2026-11-29T00:00:00Z",  # the Data Package spec asks for an ISO 8601 datetime
    "licenses": [
        {
            "name": "facts-with-attribution",
            "title": (
                "Statistical figures are facts; cite the original source in sources.csv. "
                "Quotations are short excerpts of their publishers' work, kept for verification."
            ),
        },
    ],
    "contributors": [
        {
            "title": "The defector-claims project contributors",
            "role": "author",
        },
    ],
    "processing": (
        "Curated from a dossier of stored public web pages gathered for this project (MOU pages, "
        "news reports, one GitHub copy of MOU's PDF). Processing: dossier rows became one row "
        "per (period, source); the dossier's vintage dates became each source's publication date "
        "(partial dates kept partial); rows labelled 'cumulative as of' went to cumulative.csv; "
        "'up to 1998' and '1999-2001' stay buckets; two printed typos were replaced by the "
        "reading the source's own arithmetic supports, and what was printed is kept in "
        "source_issues.csv; evidence 'mou_correction' marks the report of MOU's own correction "
        "notice. Evidence 'mou_restatement' marks a dated report of MOU's revised figures for "
        "past years (Yonhap via the Global Times, 2012-07-02; Yonhap 2012-10-28, and Newsfinder relaying it). Where the dossier or a quoted report pins the day "
        "figures were made public (an MOU briefing, an MOU statement), sources.csv gives that "
        "day and its note the provenance; MOU tables are dated by publication, the earliest "
        "evidence they were public, or (undated) the interval their contents allow, their "
        "reference dates kept in table_dates.csv. Dropped: one row whose kept quote stated "
        "neither of its figures (Aju 2013) and an unused source (IBTimes). Added since: "
        "figures the kept quotes state for other periods, part-year figures found in public "
        "copies of the sources, and JoongAng's cumulative men (New Daily's 8,958), each with "
        "its source; the source notes data/ cites are in docs/sources.md. Accessed 2026."
    ),
}
"""The package-level properties of data/datapackage.json, in the order written."""

ARRIVALS = "North Koreans arriving in South Korea"
"""Who the arrivals figures count: the one wording of every heading, caption and alt text."""

RESOURCES: dict[str, Resource] = {
    "sources": Resource(
        "Every source a figure comes from",
        {
            "source_id": Field("Stable id used by every other table."),
            "publisher": Field("Who published it (and whose figures it relays, in brackets)."),
            "title": Field("Headline or description of the page."),
            "url": Field("Where it was read. Required."),
            "published": Field(
                "Publication date as precise as known: YYYY, YYYY-MM or YYYY-MM-DD, or an "
                "interval of two such dates joined by '/' (after the first, by the end of the "
                "second); where the dossier or a quoted report pins the day the figures were "
                "made public, that day (the note gives the provenance). For an MOU table, the "
                "day it was published or, where table_dates.csv says so, the earliest date "
                "evidence shows it was public, or the interval its contents allow; never the "
                "date its figures refer to. A figure counts as public on a day only from the "
                "last day this can mean."
            ),
            "language": Field("ISO 639-1 code of the page's language."),
            "kind": Field(
                "official_table (MOU's own table), news_report, relayed_mou_notice (a news "
                "report that relays an MOU notice, such as a correction, as MOU issued it), "
                "blog, secondary_copy, government_report, the_article."
            ),
            "note": Field("Caveats: reliability, dating, known errors."),
        },
    ),
    "arrivals": Resource(
        f"{ARRIVALS} per period, as each source reported",
        {
            "period_start": Field(
                "First day of the period; empty for a bucket that runs from the start of "
                "records ('up to 1998')."
            ),
            "period_end": Field("Last day of the period."),
            "men": Field(
                "Men arriving in the period, where the source splits by sex.", unit=PEOPLE
            ),
            "women": Field(
                "Women arriving in the period, where the source splits by sex.", unit=PEOPLE
            ),
            "total": Field("All arrivals in the period.", unit=PEOPLE),
            "source_id": Field("The source (sources.csv)."),
            "evidence": Field(
                "mou_table: printed in an MOU table; mou_correction: MOU's own correction "
                "notice; mou_restatement: a dated report of MOU's revised figures for past "
                "years (MOU's back-series as restated that day); report: a publication "
                "relaying MOU's figures."
            ),
            "quote": Field(
                "The figure as the source states it (short excerpt, original language)."
            ),
        },
    ),
    "cumulative": Resource(
        "Cumulative arrivals since records began, as reported at a date",
        {
            "as_of": Field("The day the cumulative total runs to."),
            "men": Field("Cumulative men, where given.", unit=PEOPLE),
            "women": Field("Cumulative women, where given.", unit=PEOPLE),
            "total": Field("Cumulative total.", unit=PEOPLE),
            "source_id": Field("The source (sources.csv)."),
            "evidence": Field("As in arrivals.csv."),
            "quote": Field("The figure as the source states it."),
        },
    ),
    "table_dates": Resource(
        (
            "The two dates of each official MOU table: the day its figures refer to, and how its "
            "publication date is known"
        ),
        {
            "source_id": Field("The table (an official_table in sources.csv)."),
            "reference_date": Field(
                "The day the table's figures run to ('as of end of June 2025' is "
                "2025-06-30). Not a publication date."
            ),
            "dated_by": Field(
                "publication: sources.csv gives the day it was published; earliest_evidence: "
                "the publication date is unknown and sources.csv gives the earliest date "
                "evidence shows the table was public; contents: the table is undated and "
                "sources.csv gives an interval read from what it holds (after its reference "
                "date, before the first announcement of a figure it lacks)."
            ),
            "note": Field("The evidence for both dates."),
        },
    ),
    "border_arrests": Resource(
        "The article's source-reported figures on arrests at the border (anecdotal, unverified)",
        {
            "figure_id": Field("Stable id."),
            "quantity": Field("What is counted."),
            "low": Field("The figure, or the low end of a stated range or bound."),
            "high": Field("The high end of a range; empty for a lower bound ('at least')."),
            "unit": Field("people, percent or instances."),
            "period_start": Field(
                "First day the figure covers, where stated or assumed (see note)."
            ),
            "period_end": Field("Last day the figure covers."),
            "place": Field("Where, as stated."),
            "source_id": Field("The source (sources.csv)."),
            "quote": Field("The sentence fragment that states it."),
            "note": Field("Assumptions made in reading it."),
        },
    ),
    "repatriation_context": Resource(
        (
            "Rights groups' and media counts of detentions in China and forced returns, "
            "2016-2018 (context, not the article's quantity)"
        ),
        {
            "figure_id": Field("Stable id."),
            "quantity": Field("What is counted."),
            "low": Field("The figure, or its lower bound."),
            "high": Field("The upper end; empty for a lower bound."),
            "unit": Field("people or instances."),
            "period_start": Field("First day covered."),
            "period_end": Field("Last day covered."),
            "place": Field("Where."),
            "source_id": Field("The source (sources.csv)."),
            "quote": Field("How the source states it."),
            "note": Field("Caveats."),
        },
    ),
    "source_issues": Resource(
        "Typos, conflations and disagreements found in the sources",
        {
            "issue_id": Field("Stable id."),
            "source_id": Field("The source with the issue."),
            "table": Field("arrivals or cumulative: which kind of figure."),
            "period_end": Field("End of the period (or the as-of day) concerned."),
            "field": Field("Which figure: men, women, total, period."),
            "printed": Field("What the source printed."),
            "reading": Field(
                "The correct reading where one is established (used in the tables); empty "
                "where the issue is unresolved."
            ),
            "kind": Field(
                "typo, mislabelled_period, conflation, disagreement, inconsistent, unverified."
            ),
            "note": Field("The evidence."),
        },
    ),
    "press_findings": Resource(
        "Press findings recorded with their reason: python -m analysis claims --press "
        "--check fails when a press figure's finding is not the one recorded here",
        {
            "claim_id": Field("The press figure (its id in the output of claims --press)."),
            "source_id": Field("The outlet that published the figure."),
            "finding": Field("The finding recorded (the vocabulary of the press check)."),
            "previous": Field(
                "The finding before the change recorded here; empty for a figure not "
                "checked before."
            ),
            "reason": Field("Why the finding is what it is, or why it changed."),
        },
    ),
}
"""Every CSV file of data/ by resource name (its file is NAME.csv), in the order written."""
