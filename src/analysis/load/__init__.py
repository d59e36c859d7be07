"""Reading the data: each file read strictly (`tables`), held to its declared schema
(`schemas`, `validation`, `dates`), and the whole directory loaded once into one
immutable `Data` object (`datasets`); the data package descriptor is generated from
the same declarations (`metadata`, `datapackage`).

    from analysis.load import load
    data = load()          # every table of data/, validated
"""

from analysis.load.datasets import Data, load
from analysis.load.problems import DataValidationError, Problem

__all__ = ["Data", "DataValidationError", "Problem", "load"]
