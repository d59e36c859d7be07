"""Command line: `python -m analysis COMMAND` (see --help)."""

import gc

from analysis.cli import main

if __name__ == "__main__":
    # What was just imported (pandas' and numpy's modules, several hundred thousand objects)
    # lives as long as the process: set it aside, so that the collector's full passes, which
    # reading the tables triggers, do not walk it again each time (a sixth of a command's
    # time, measured by `make bench`).
    gc.freeze()
    raise SystemExit(main())
