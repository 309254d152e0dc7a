"""The one error type for bad user input.

Every check of a situation file, a scenario or a scan config raises `InputError`; the CLI turns it
into one line on stderr and exit code 2, the web API into a 400 with the same line. The message
always names the file, the field and what is allowed, because the reader is a policy analyst, not a
programmer reading a traceback. Its text is always ONE line of at most `MAX_MESSAGE` characters,
whatever the parts contain (a YAML error quoting several lines, a very long path).
"""

from __future__ import annotations

#: Longest message, in characters.
MAX_MESSAGE = 300


def one_line(text, limit: int = MAX_MESSAGE) -> str:
    """`text` with all whitespace runs (newlines too) collapsed to one space, cut at `limit`."""
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 3] + "..."


class InputError(Exception):
    def __init__(self, source: str, field: str, problem: str):
        self.source = source
        self.field = field
        self.problem = problem
        super().__init__(one_line(f"{source}: {field}: {problem}"))
