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


#: Room kept for the prefix a front end puts before the message ("nlsz: ").
PREFIX_ROOM = 10
#: A long file path or field keeps at least this many characters of its own.
_MIN_PART = 40


def _shorten_middle(text: str, limit: int) -> str:
    """`text` cut in the middle to at most `limit` characters: both ends name the thing."""
    if len(text) <= limit:
        return text
    head = (limit - 3) // 2
    return text[:head] + "..." + text[len(text) - (limit - 3 - head):]


def fit(source: str, field: str, problem: str, limit: int = MAX_MESSAGE - PREFIX_ROOM) -> str:
    """"source: field: problem" in one line of at most `limit` characters.

    The problem (what is wrong and what is allowed) is what the reader acts on and the field says
    where, so the file path (which the reader gave) is shortened in its middle first, then the field;
    the problem itself is cut only when it alone is too long. (A checkout under a deep folder once
    cut "allowed: 1 to 100 characters" off the end: issue 13.)"""
    source, field, problem = (" ".join(str(part).split()) for part in (source, field, problem))
    line = f"{source}: {field}: {problem}"
    if len(line) <= limit:
        return line
    separators = 4  # the two ": "
    source = _shorten_middle(source, max(_MIN_PART, limit - len(field) - len(problem) - separators))
    field = _shorten_middle(field, max(_MIN_PART, limit - len(source) - len(problem) - separators))
    return one_line(f"{source}: {field}: {problem}", limit)


class InputError(Exception):
    def __init__(self, source: str, field: str, problem: str):
        self.source = source
        self.field = field
        self.problem = problem
        super().__init__(fit(source, field, problem))
