"""Argument types of the command line, shared by `nlsz scan`, `nlsz compare` and `nlsz serve`.

Each refuses a bad value with argparse's one-line error naming what is allowed (issue 13): no
`nan`, `inf`, zero or negative counts slip through as a plausible setting.
"""

from __future__ import annotations

import argparse
import math


def positive_int(text: str) -> int:
    """A whole number of at least 1 (--workers, --chunk-size, --threads, size limits)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number; allowed: a whole number of at least 1")
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is out of range; allowed: a whole number of at least 1")
    return value


def positive_seconds(text: str) -> float:
    """A finite number of seconds above 0 (--budget, --heavy-timeout)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number; allowed: a finite number of seconds above 0, e.g. 120")
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is out of range; allowed: a finite number of seconds above 0, e.g. 120")
    return value


def port(text: str) -> int:
    """A TCP port number, 1 to 65535."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number; allowed: a whole number from 1 to 65535")
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is out of range; allowed: a port number from 1 to 65535")
    return value
