"""Run many small searches together, one vectorised evaluation per step (issue 14 point 3).

Shrinking a harm, explaining it (each regeling switched off alone and in pairs), a scan along an
axis: each is a short sequence of small evaluations, where the next one depends on the answer to
the previous one. Run one after the other, a default scan built some 14,000 small simulations.

Here each of these procedures is written as a *step generator*: where it needs numbers it yields an
`Ask` (which households, which variables, under which evaluator) — or a list of asks to be answered
together — and receives the answer, exactly what `Evaluator.evaluate` would have returned. `run_all`
advances many generators in lockstep: at each step it merges all pending asks of one evaluator into
one `Evaluator.evaluate` call (which builds one simulation per group of households that set the same
inputs) and hands each generator its own slice of the result.

A household's results do not depend on the other households in its simulation
(tests/metamorphic/test_same_result_anywhere.py), so a batched run gives the same numbers as the
one-by-one run; `drive` runs a single generator, which is how the unbatched functions (`scan`,
`shrink`, `money_causes`, ...) are defined, and tests/search/test_batch.py compares both paths.
"""

from __future__ import annotations

import time
from dataclasses import dataclass


@dataclass
class Ask:
    """A request for `evaluator.evaluate(households, variables, member)`; with `persons`, for
    `evaluator.evaluate_persons` of each household (one dict per household)."""

    evaluator: object
    households: list
    variables: list
    member: str | None = None
    persons: bool = False


class LeftOut(Exception):
    """Marks a generator that `run_all` stopped at its deadline."""


def drive(steps):
    """Run one step generator to its end and return its value."""
    return run_all([steps])[0]


def gather(*generators):
    """A step generator that runs `generators` side by side and returns the list of their values.

    Used inside a step generator (`values = yield from gather(a, b)`) for work that may run in
    parallel, e.g. the confirmations of a shrinking round or the neutralised losses of a harm."""
    results = [None] * len(generators)
    pending = {}
    for index, generator in enumerate(generators):
        _start(index, generator, pending, results)
    while pending:
        order = sorted(pending)
        asks = [ask for index in order for ask in pending[index][1]]
        answers = yield asks
        position = 0
        for index in order:
            generator, asks_of, single = pending.pop(index)
            mine = answers[position:position + len(asks_of)]
            position += len(asks_of)
            _send(index, generator, mine[0] if single else mine, pending, results)
    return results


def run_all(generators, deadline: float | None = None, left_out=None) -> list:
    """Run step generators in lockstep; their return values in the order given.

    With `deadline` (time.monotonic()), generators still running when it passes are stopped: their
    value is `left_out` (issue 13: --budget bounds the whole run)."""
    results = [None] * len(generators)
    pending: dict[int, tuple] = {}
    for index, generator in enumerate(generators):
        _start(index, generator, pending, results)
    while pending:
        if deadline is not None and time.monotonic() > deadline:
            for index, (generator, _, _) in pending.items():
                generator.close()
                results[index] = left_out
            break
        order = sorted(pending)
        flat = [(index, position, ask) for index in order for position, ask in enumerate(pending[index][1])]
        answers = _answer([ask for _, _, ask in flat])
        per_generator: dict[int, list] = {index: [None] * len(pending[index][1]) for index in order}
        for (index, position, _), answer in zip(flat, answers):
            per_generator[index][position] = answer
        for index in order:
            generator, _, single = pending.pop(index)
            mine = per_generator[index]
            _send(index, generator, mine[0] if single else mine, pending, results)
    return results


def _start(index, generator, pending, results):
    try:
        request = next(generator)
    except StopIteration as stop:
        results[index] = stop.value
        return
    _park(index, generator, request, pending)


def _send(index, generator, answer, pending, results):
    try:
        request = generator.send(answer)
    except StopIteration as stop:
        results[index] = stop.value
        return
    _park(index, generator, request, pending)


def _park(index, generator, request, pending):
    if isinstance(request, Ask):
        pending[index] = (generator, [request], True)
    else:
        pending[index] = (generator, list(request), False)


def _answer(asks: list[Ask]) -> list:
    """Answer every ask with as few evaluations as possible: one per (evaluator, member, kind)."""
    groups: dict[tuple, list[int]] = {}
    for position, ask in enumerate(asks):
        groups.setdefault((id(ask.evaluator), ask.member, ask.persons), []).append(position)
    answers: list = [None] * len(asks)
    for (_, member, persons), positions in groups.items():
        evaluator = asks[positions[0]].evaluator
        variables = list(dict.fromkeys(v for p in positions for v in asks[p].variables))
        if persons:
            households = [h for p in positions for h in asks[p].households]
            values = evaluator.evaluate_persons_many(households, variables) if households else []
        else:
            values = evaluator.evaluate_parts([asks[p].households for p in positions], variables, member=member)
        offset = 0
        for p in positions:
            ask = asks[p]
            n = len(ask.households)
            if persons:
                wanted = set(ask.variables)
                answers[p] = [{k: v for k, v in row.items() if k in wanted} for row in values[offset:offset + n]]
            else:
                answers[p] = {v: values[v][offset:offset + n] for v in ask.variables if v in values}
            offset += n
    return answers
