"""How a check declares itself: the function and the arguments the registry must
give it, so that a registry entry is validated before anything is computed."""

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from analysis.claims.evidence import Outcome
from analysis.load.article import Article
from analysis.load.cells import MAX_COUNT
from analysis.load.datasets import Data
from analysis.load.vocabulary import COUNT_COLUMNS
from analysis.vintages import periods

if TYPE_CHECKING:
    from analysis.claims.reading import Reading


class Names(list[str]):
    """Argument kind: a list of names (periods, figure ids)."""


class Numbers(list[float]):
    """Argument kind: a list of numbers (alternative thresholds)."""


class Thresholds(list[Any]):
    """Argument kind: alternative thresholds in the stated value's form, numbers, or
    [low, high] pairs where the claim states a range."""


class Periods(list[str]):
    """Argument kind: a list of periods, each one some source gives a figure for."""


class ClaimIds(list[str]):
    """Argument kind: other claims of the same registry, each stating a count (checked
    when the whole registry is read: analysis.claims.registry)."""


class PeriodName(str):
    """Argument kind: a period some source in the data gives a figure for (`periods.FORMS`)."""


class YearOrEra(str):
    """Argument kind: a first year ("2012"), or "era" for the article's [eras] setting."""


class Through(str):
    """Argument kind: the end of a cumulative total, a year ("2017") or a day ("2018-06-30")."""


ArgSpec = type | tuple[str, ...]
COLUMNS = COUNT_COLUMNS  # the count columns a check may name
SEXES, WHOLE = ("men", "women"), ("total",)  # a share is of one sex in the total
KIND_WORDS = {
    "str": "text",
    "float": f"a number from 0 to {MAX_COUNT:,}",
    "Names": "a list of texts",
    "Periods": "a list of periods, each once",
    "ClaimIds": "a list of the registry's other claims, each stating a count",
    "Numbers": "a list of numbers",
    "Thresholds": "a list of numbers (of `[low, high]` pairs for a stated range)",
    "PeriodName": "a period",
    "Through": "a year or a day",
    "YearOrEra": 'a year or `"era"`',
}


def kind_words(spec: ArgSpec) -> str:
    """An argument's kind in words, for error messages and the README (a new kind needs
    its words in KIND_WORDS)."""
    if isinstance(spec, tuple):
        return "one of " + ", ".join(f"`{v}`" for v in spec)
    return KIND_WORDS[spec.__name__]


@dataclass(frozen=True)
class Check:
    """A check function with the arguments the registry must give it."""

    function: Callable[["Reading"], Outcome]
    args: Mapping[str, ArgSpec]
    earlier: tuple[str, str] | None = None
    """Two arguments naming years or periods, the first strictly before the second."""
    distinct: tuple[str, str] | None = None
    """Two arguments naming periods that must differ (a difference of a year from itself)."""

    @property
    def name(self) -> str:
        module = self.function.__module__.rsplit(".", 1)[-1]
        return f"{module}.{self.function.__name__}"

    def __call__(self, reading: "Reading") -> Outcome:
        return self.function(reading)

    def argument_problems(
        self, args: Mapping[str, Any], data: Data, article: Article, stated: Any = None
    ) -> list[str]:
        """What is wrong with a registry entry's `args` for this check (whose claim
        states `stated`), including a period for which no source but the article itself
        gives a figure."""
        problems = [
            f"unknown argument {k!r} for {self.name}" for k in sorted(set(args) - set(self.args))
        ]
        for key, spec in self.args.items():
            if key not in args:
                problems.append(f"missing argument {key!r} for {self.name}")
            elif isinstance(spec, tuple) and args[key] not in spec:
                problems.append(f"argument {key!r} must be one of {', '.join(spec)}")
            elif isinstance(spec, type) and not _is(args[key], spec):
                problems.append(f"argument {key!r} must be {kind_words(spec)}")
            elif spec is PeriodName or spec is Through:
                problems += _period_problems(key, args[key], spec, data)
            elif spec is Periods:
                problems += [
                    p for t in args[key] for p in _period_problems(key, t, PeriodName, data)
                ]
                if not args[key] or len(set(args[key])) < len(args[key]):
                    problems.append(f"argument {key!r} must name at least one period, each once")
            elif spec is float and not _count(args[key]):
                problems.append(f"argument {key!r} must be a number from 0 to {MAX_COUNT:,}")
            elif spec is Thresholds and not _thresholds(args[key], stated):
                form = "[low, high] pairs" if isinstance(stated, list) else "numbers"
                problems.append(f"argument {key!r} must be {form}, in the stated value's form")
            elif spec is YearOrEra:
                problems += _year_or_era_problems(key, args[key], article, data)
        if args.get("measure") == "share" and not problems:
            problems += [
                f"argument {key!r} is a share in percent: at most 100"
                for key, spec in self.args.items()
                if spec in (float, Thresholds) and max(_numbers(args[key]), default=0) > 100
            ]
        if self.earlier and not problems:
            problems += _order_problems(self.earlier, args, article)
        if self.distinct and not problems and _same_period(*(args[k] for k in self.distinct)):
            problems.append(
                "arguments {!r} and {!r} must name different periods".format(*self.distinct)
            )
        return problems


def _order_problems(names: tuple[str, str], args: Mapping[str, Any], article: Article) -> list[str]:
    """The first of two arguments (a year, "era" or a period) must start before the second."""
    first, second = (
        article.eras.used
        if args[n] == "era" and article.eras
        else periods.parse(args[n]).start.year
        for n in names
    )
    if first < second:
        return []
    return [
        f"argument {names[0]!r} ({args[names[0]]}) must come before {names[1]!r} ({args[names[1]]})"
    ]


def _same_period(first: str, second: str) -> bool:
    """Whether two period names ("2017", "2017-01-01/2017-12-31") name one period."""
    return periods.parse(first) == periods.parse(second)


def _year_or_era_problems(key: str, text: str, article: Article, data: Data) -> list[str]:
    """ "era" where the article sets [eras], or a year (ASCII digits) some source gives."""
    if (text == "era" and article.eras is not None) or re.fullmatch(r"[0-9]{4}", text):
        return [] if text == "era" else _period_problems(key, text, PeriodName, data)
    return [f"argument {key!r} must be a year, or 'era' where {article.file} sets [eras]"]


def _period_problems(key: str, text: str, spec: type, data: Data) -> list[str]:
    """A period must parse, and some source must give a figure for it: for a cumulative
    total to 31 December, a figure for a period ending that day; to another day, for
    the part year. Where only the article itself gives it, the claim is checked, and its
    verdict says so."""
    try:
        if spec is Through:
            end = periods.through(text)
            span = periods.Period(pd.Timestamp(end.year, 1, 1), end)
        else:
            span = periods.parse(text)
    except ValueError as error:
        return [f"argument {key!r}: {error}"]
    starts, ends = (data.reports[c].to_numpy() for c in ("period_start", "period_end"))
    ending = ends == span.end.to_datetime64()
    year_end = spec is Through and (span.end.month, span.end.day) == (12, 31)
    if (ending & ((starts == span.start.to_datetime64()) | year_end)).any():
        return []  # the period itself, or for a year-end total any period ending then
    return [
        f"argument {key!r}: no source gives a figure for {text!r} ({span.words}) in data/arrivals.csv"
    ]


def _number(item: Any) -> bool:
    return isinstance(item, int | float) and not isinstance(item, bool)


def _thresholds(values: list[Any], stated: Any) -> bool:
    """Each threshold has the stated value's form: a number, or a [low, high] pair."""
    if isinstance(stated, list):
        return all(
            isinstance(v, list) and len(v) == 2 and all(map(_count, v)) and v[0] < v[1]
            for v in values
        )
    return all(map(_count, values))


def _numbers(value: Any) -> list[Any]:
    """The numbers of a number, a list of them or a list of [low, high] pairs."""
    if not isinstance(value, list):
        return [value]
    return [n for v in value for n in _numbers(v)]


def _count(item: Any) -> bool:
    """A finite number, not negative, within what a count or share can be."""
    return _number(item) and math.isfinite(item) and 0 <= item <= MAX_COUNT


def _is(value: Any, kind: type) -> bool:
    if kind is float:
        return _number(value)
    if kind in (PeriodName, Through, YearOrEra):
        return isinstance(value, str)
    if kind in (Names, Periods, ClaimIds):
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind is Numbers:
        return isinstance(value, list) and all(map(_number, value))
    if kind is Thresholds:
        return isinstance(value, list)
    return isinstance(value, kind)


def check(
    earlier: tuple[str, str] | None = None,
    distinct: tuple[str, str] | None = None,
    **args: ArgSpec,
) -> Callable[[Callable[["Reading"], Outcome]], Check]:
    """Declare a check and the registry arguments it takes (str, float: finite and not
    negative, Names, Numbers, Thresholds, PeriodName, Periods, ClaimIds, Through,
    YearOrEra, or a tuple of allowed values); `earlier` names two of them, the first
    strictly before the second, and `distinct` two that must differ."""

    def declare(function: Callable[["Reading"], Outcome]) -> Check:
        return Check(function, args, earlier, distinct)

    return declare
