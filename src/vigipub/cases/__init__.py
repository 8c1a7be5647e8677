"""The case domain: case files (``case.yaml``) and the adversarial procedure's checks."""

from .casefile import LineIndex, LoadedCase, case_as_of, claim_problem, load_case, load_case_file
from .defences import known_defences
from .errors import CaseFileError, ProcedureError
from .procedure import Delay, ProcedureIssue, blocking, check_procedure, delay, letter_date, plan_letter


def __getattr__(name: str) -> object:
    if name == "DEFENCES":  # read from the law package when first used (see .defences)
        return known_defences()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DEFENCES",
    "CaseFileError",
    "Delay",
    "LineIndex",
    "LoadedCase",
    "ProcedureError",
    "ProcedureIssue",
    "blocking",
    "plan_letter",
    "case_as_of",
    "check_procedure",
    "claim_problem",
    "delay",
    "known_defences",
    "letter_date",
    "load_case",
    "load_case_file",
]
