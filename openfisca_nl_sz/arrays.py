"""`numpy.select` without its general broadcasting, for the formulas (issue 14 point 5).

Why: for the arrays of one household (one to a few elements) `numpy.select` spends about 15 us
broadcasting every condition and choice (`numpy.broadcast_arrays`), which is most of a formula's
time; the chain calls it about 16 times per household. When every condition is already a 1-d
boolean array of one length and every choice is a scalar or an array of that length (always so in
the formulas), the same algorithm runs here without the broadcasting: the result type of all
choices and the default (`numpy.result_type`, Python scalars weak as in numpy), an array filled
with the default, then each choice copied where its condition holds, the last first so that the
first true condition wins. Any other call goes to `numpy.select` itself, so results and errors are
numpy's (tests/speed/test_arrays.py compares them).
"""

from __future__ import annotations

import numpy

_PYTHON_SCALARS = (int, float, complex)


def select(condlist, choicelist, default=0):
    """`numpy.select(condlist, choicelist, default)`, the same array, faster on small arrays."""
    if type(condlist) not in (list, tuple) or type(choicelist) not in (list, tuple) or not condlist or len(condlist) != len(choicelist):
        return numpy.select(condlist, choicelist, default)
    first = condlist[0]
    if type(first) is not numpy.ndarray or first.ndim != 1:
        return numpy.select(condlist, choicelist, default)
    shape = first.shape
    for condition in condlist:
        if type(condition) is not numpy.ndarray or condition.dtype.type is not numpy.bool_ or condition.shape != shape:
            return numpy.select(condlist, choicelist, default)
    # as numpy.select: Python scalars stay (weak) for the result type, everything else as an array
    choices = [c if type(c) in _PYTHON_SCALARS else numpy.asarray(c) for c in choicelist]
    last = default if type(default) in _PYTHON_SCALARS else numpy.asarray(default)
    for choice in (*choices, last):
        if type(choice) is numpy.ndarray and choice.ndim != 0 and choice.shape != shape:
            return numpy.select(condlist, choicelist, default)
    try:
        dtype = numpy.result_type(*choices, last)
    except TypeError:
        return numpy.select(condlist, choicelist, default)
    # numpy.select broadcasts every choice to an array before copying (a Python scalar becomes a
    # 0-d array of its default type); the same here, so the casts are the same
    result = numpy.full(shape, numpy.asarray(last), dtype)
    for choice, condition in zip(choices[::-1], condlist[::-1]):
        numpy.copyto(result, numpy.asarray(choice), where=condition)
    return result
