"""The one error type for bad user input.

Every check of a situation file, a scenario or a scan config raises `InputError`; the CLI turns it
into one line on stderr and exit code 2. The message always names the file, the field and what is
allowed, because the reader is a policy analyst, not a programmer reading a traceback.
"""

from __future__ import annotations


class InputError(Exception):
    def __init__(self, source: str, field: str, problem: str):
        self.source = source
        self.field = field
        self.problem = problem
        super().__init__(f"{source}: {field}: {problem}")
