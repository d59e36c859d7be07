"""Every check, by the name the registry uses: the module and the function,
e.g. `official.women_share` is `analysis.claims.checks.official.women_share`.

The table is written out, so a check is found by its name from Python as from
the registry, and adding a check means adding it here.
"""

from pathlib import Path

from analysis import paths
from analysis.claims.checks import anecdotes, arithmetic, official, press
from analysis.claims.claim import Registry
from analysis.claims.declare import Check
from analysis.claims.registry import CLAIMS_FILE, DISPLAY_NAME
from analysis.claims.registry import load_registry as _load
from analysis.load.problems import MAX_TEXT_BYTES, parsing, read_bytes

CHECKS: dict[str, Check] = {
    check.name: check
    for check in (
        official.annual,
        official.cumulative,
        official.women_share,
        official.cumulative_women_share,
        official.difference,
        official.lowest_in_era,
        official.went_down,
        official.fluctuated_but_low,
        official.women_majority,
        official.first_published,
        arithmetic.sum_of_stated,
        arithmetic.era_start_matches,
        anecdotes.source_reported,
        anecdotes.daily_rates,
        anecdotes.rise_arithmetic,
        anecdotes.attempts_vs_arrivals,
        anecdotes.repatriation_context,
        press.reported_figure,
        press.reported_total,
    )
}


def load_registry(data_dir: Path = paths.DATA_DIR) -> Registry:
    """The registry of `data_dir`, validated against this table of checks.

    The file is first read as every data file is (analysis.load.problems.read_bytes): a
    named pipe, a device, a file over the size limit is refused by name before the
    registry's reader opens it; nesting past the recursion limit is a located error.
    """
    read_bytes(data_dir / CLAIMS_FILE, DISPLAY_NAME, MAX_TEXT_BYTES)
    with parsing(DISPLAY_NAME):
        return _load(data_dir, CHECKS)
