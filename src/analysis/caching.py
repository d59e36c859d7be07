"""The switches for the package's caches, read at every call so tests can flip them.

Derived results are remembered in memory per process (`memoised`) and, like
validated tables, stored on disk in build/validated/ (`DISK`). ANALYSIS_CACHE=off
turns both off: every result is computed afresh, to rule a cache out when a
figure looks wrong. (The loaders' per-process cache stays on: keyed by each
file's size and modification time, it cannot hand out a stale table.) Any other value than "on" or "off" is refused rather than
guessed at. Mutation testing uses them from tests/conftest.py: a result
remembered from the unmutated code would hide a mutant.
"""

import os
from collections.abc import Callable
from functools import cache, wraps
from typing import TypeVar, cast

F = TypeVar("F", bound=Callable[..., object])

_SETTING = os.environ.get("ANALYSIS_CACHE", "on")
if _SETTING not in ("on", "off"):
    raise SystemExit(f"ANALYSIS_CACHE must be 'on' or 'off', not {_SETTING!r}")
MEMORY = DISK = _SETTING == "on"
_DERIVED: list[Callable[[], None]] = []  # each memoised function's cache_clear
_LOADED: list[Callable[[], None]] = []  # each always_memoised function's cache_clear


def memoised(function: F) -> F:
    """`functools.cache` while MEMORY is on; a plain call while it is off."""
    cached = cache(function)
    _DERIVED.append(cached.cache_clear)

    @wraps(function)
    def call(*args: object) -> object:
        return cached(*args) if MEMORY else function(*args)

    return cast(F, call)


def always_memoised(function: F) -> F:
    """`functools.cache` whatever MEMORY says: for tables keyed by the files they are
    read from, which cannot go stale."""
    cached = cache(function)
    _LOADED.append(cached.cache_clear)
    return cast(F, cached)


def forget() -> None:
    """Empty every memoised result and loaded table."""
    for clear in _DERIVED + _LOADED:
        clear()
