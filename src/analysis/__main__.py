"""Command line: `python -m analysis COMMAND` (see --help)."""

from analysis.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
