"""The case domain: case files (``case.yaml``) and the adversarial procedure's checks."""

from .casefile import LineIndex, LoadedCase, case_as_of, claim_problem, load_case, load_case_file
from .defences import DEFENCES
from .errors import CaseFileError, ProcedureError
from .procedure import Delay, ProcedureIssue, blocking, check_procedure, delay, letter_date, plan_letter

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
    "letter_date",
    "load_case",
    "load_case_file",
]
