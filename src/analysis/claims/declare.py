"""How a check declares itself: the function and the arguments the registry must
give it, so that a registry entry is validated before anything is computed."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from analysis.claims.evidence import Outcome

if TYPE_CHECKING:
    from analysis.claims.reading import Reading


class Names(list[str]):
    """Argument kind: a list of names (periods, figure ids)."""


class Numbers(list[float]):
    """Argument kind: a list of numbers (alternative thresholds)."""


ArgSpec = type | tuple[str, ...]


@dataclass(frozen=True)
class Check:
    """A check function with the arguments the registry must give it."""

    function: Callable[["Reading"], Outcome]
    args: Mapping[str, ArgSpec]

    @property
    def name(self) -> str:
        module = self.function.__module__.rsplit(".", 1)[-1]
        return f"{module}.{self.function.__name__}"

    def __call__(self, reading: "Reading") -> Outcome:
        return self.function(reading)

    def argument_problems(self, args: Mapping[str, Any]) -> list[str]:
        """What is wrong with a registry entry's `args` for this check."""
        problems = [
            f"unknown argument {k!r} for {self.name}" for k in sorted(set(args) - set(self.args))
        ]
        for key, spec in self.args.items():
            if key not in args:
                problems.append(f"missing argument {key!r} for {self.name}")
            elif isinstance(spec, tuple) and args[key] not in spec:
                problems.append(f"argument {key!r} must be one of {', '.join(spec)}")
            elif isinstance(spec, type) and not _is(args[key], spec):
                problems.append(f"argument {key!r} must be {spec.__name__}")
        return problems


def _is(value: Any, kind: type) -> bool:
    def number(item: Any) -> bool:
        return isinstance(item, int | float) and not isinstance(item, bool)

    if kind is float:
        return number(value)
    if kind is Names:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind is Numbers:
        return isinstance(value, list) and all(number(v) for v in value)
    return isinstance(value, kind)


def check(**args: ArgSpec) -> Callable[[Callable[["Reading"], Outcome]], Check]:
    """Declare a check and the registry arguments it takes (str, float, Names,
    Numbers, or a tuple of allowed values)."""

    def declare(function: Callable[["Reading"], Outcome]) -> Check:
        return Check(function, args)

    return declare
