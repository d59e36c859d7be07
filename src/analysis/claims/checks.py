"""Every check, by the name the registry uses: the module and the function,
e.g. `official.women_share` is `analysis.claims.official.women_share`."""

from analysis.claims import anecdotes, arithmetic, official, press
from analysis.claims.reading import Check

CHECKS: dict[str, Check] = {
    value.name: value
    for module in (official, arithmetic, anecdotes, press)
    for value in vars(module).values()
    if isinstance(value, Check)
}
