"""How the command line reads its option values: each is checked as it is parsed, so a
bad one is a usage error naming the option (argparse's exit 2), never a traceback or a
value that reaches an output unchecked."""

import argparse
import os
from pathlib import Path

from analysis import vintages
from analysis.show import claimreview


def vintage(text: str) -> vintages.Vintage:
    """A --vintage value, parsed as the Python API parses it (a day from 1950 to tomorrow)."""
    try:
        return vintages.Vintage.parse(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def data_dir(text: str) -> Path:
    """A --data value: a path, made absolute (an empty one would mean the working directory)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty path: name the data directory")
    return Path(os.path.abspath(text))


def base_url(text: str) -> str:
    """A --base-url value: empty, or an http(s) URL (it goes into every ClaimReview link)."""
    if text and not claimreview.BASE_URL.match(text):
        raise argparse.ArgumentTypeError(f"{text!r}: {claimreview.BASE_URL_RULE}")
    return text
