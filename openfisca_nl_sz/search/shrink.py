"""Shrink a harm to a minimal household that still shows it.

Greedy, like Hypothesis' own shrinker but on the household's meaning rather than on bytes: drop
members that the harm does not need, drop inputs back to their defaults, round amounts to whole
thousands, hundreds, tens. A simplification is kept only if the same kind of harm, on the same axis
and with the same causing rules, still crosses the threshold. A simplification must keep the
household plausible on both sides of the step (openfisca_nl_sz/plausibility.py): dropping a
member's dagloon or age may not turn a case into one that cannot exist.
"""

from __future__ import annotations


import numpy as np

from openfisca_nl_sz.plausibility import plausible
from openfisca_nl_sz.search.axes import Axis

import time

from openfisca_nl_sz.search.batch import Ask, drive, gather
from openfisca_nl_sz.search.detect import NET, SHORTFALL, Harm, Thresholds, scan_steps
from openfisca_nl_sz.search.explain import cause_key, money_causes_steps

THRESHOLD_OF_KIND = {  # samenloop is a tag since issue 11, not a kind
    "cliff": lambda t: t.cliff_min_change,
    "inkomensval": lambda t: t.inkomensval_min_loss,
    "hoge_marginale_druk": lambda t: 0.0,
    "onder_sociaal_minimum": lambda t: t.sociaal_minimum_min_shortfall,
}
#: Inputs that are never dropped nor rounded: an age is a legal fact of the case (18, 21, 27, AOW),
#: and rounding 45 to 0 would turn an adult into a baby.
KEEP = {"leeftijd"}


def reproduce(evaluator, household, axis, kind, key, thresholds: Thresholds, near=None) -> Harm | None:
    """The same kind of harm with the same causing rules on `axis`, if the household still shows it.

    For a cliff only a window around the original step is scanned (`near`): a simplification that
    moves the cliff far away has changed the case, and a narrow scan is much cheaper.
    """
    return drive(reproduce_steps(evaluator, household, axis, kind, key, thresholds, near))


def reproduce_steps(evaluator, household, axis, kind, key, thresholds: Thresholds, near=None):
    """`reproduce` as a step generator (openfisca_nl_sz/search/batch.py)."""
    if near is not None and kind == "cliff" and axis.joining is None and not axis.integer:
        width = (axis.high - axis.low) * 0.1
        axis = Axis(axis.variable, axis.member, max(axis.low, near - width), min(axis.high, near + width),
                    axis.resolution, 21, axis.integer, law_points=axis.law_points)
    harms = yield from scan_steps(evaluator, household, axis, thresholds, kinds=[kind])
    # The causes of every harm of the scan in one step; the first that matches wins, as before.
    all_causes = yield from gather(*[money_causes_steps(evaluator, h.household_from, h.household_to) for h in harms])
    for harm, causes in zip(harms, all_causes):
        if cause_key(causes, harm.severity) == key and harm.severity >= THRESHOLD_OF_KIND[kind](thresholds):
            return harm
    return None


def _rounded(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value == 0:
        return []
    out = []
    for unit in (1000, 100, 10, 1):
        candidate = round(value / unit) * unit
        if candidate != value and candidate not in out:
            out.append(candidate)
    return out


def _candidates(harm: Harm):
    household, axis = harm.household, harm.axis
    protected = {axis.member} if axis.joining is None else set()
    for member in list(household.members):
        if member.role != "aanvrager" and member.id not in protected:
            yield household.without_member(member.id)
    for member in household.members:
        for name, value in sorted(member.inputs.items()):
            if member.id == axis.member and name == axis.variable:
                continue
            if name in KEEP:
                continue
            new = household.copy()
            del new.member(member.id).inputs[name]
            yield new
            for rounded in _rounded(value):
                yield household.with_value(member.id, name, rounded)
    for name, value in sorted(household.inputs.items()):
        if axis.member is None and name == axis.variable:
            continue
        new = household.copy()
        del new.inputs[name]
        yield new
        for rounded in _rounded(value):
            yield household.with_value(None, name, rounded)


def size(household) -> tuple:
    """Smaller is simpler: fewer members, fewer inputs, rounder numbers."""
    inputs = [v for m in household.members for v in m.inputs.values()] + list(household.inputs.values())
    unround = sum(1 for v in inputs if isinstance(v, (int, float)) and not isinstance(v, bool) and v % 100 != 0)
    return len(household.members), len(inputs), unround, sum(abs(float(v)) for v in inputs if isinstance(v, (int, float)))


def _still_there(kind, axis, thresholds, net_from, net_to, shortfall_to) -> bool:
    """A cheap check at the original step, before the full re-scan that confirms a candidate."""
    if axis.joining is not None:
        return True
    if kind == "cliff":
        return abs(net_from - net_to) >= thresholds.cliff_min_change
    if kind == "inkomensval":
        return net_from - net_to >= thresholds.inkomensval_min_loss
    if kind == "onder_sociaal_minimum":
        return shortfall_to >= thresholds.sociaal_minimum_min_shortfall
    return True


def shrink(evaluator, harm: Harm, key: tuple, thresholds: Thresholds, max_rounds: int = 15,
           confirmations_per_round: int = 3) -> Harm:
    """Greedy shrinking in rounds. Each round checks every candidate at the original step in one
    batched evaluation, then confirms the simplest candidates that pass with a full re-scan."""
    return drive(shrink_steps(evaluator, harm, key, thresholds, max_rounds, confirmations_per_round))


def shrink_steps(evaluator, harm: Harm, key: tuple, thresholds: Thresholds, max_rounds: int = 15,
                 confirmations_per_round: int = 3, deadline: float | None = None):
    """`shrink` as a step generator, so that all harms of a scan shrink side by side.

    The (at most `confirmations_per_round`) candidates that pass the cheap check are confirmed
    together, and the first of them (simplest first) that still shows the harm is kept: the same
    choice as confirming them one after the other and stopping at the first. With `deadline`
    (time.monotonic()), no new round starts after it (issue 13: --budget)."""
    for _ in range(max_rounds):
        if deadline is not None and time.monotonic() > deadline:
            break
        current = size(harm.household)
        candidates = sorted((c for c in _candidates(harm) if size(c) < current), key=size)
        axis = harm.axis
        if candidates:
            ends = [axis.apply(c, harm.x_from) for c in candidates] + [axis.apply(c, harm.x_to) for c in candidates]
            ok = plausible(ends, evaluator.system, evaluator.period)
            candidates = [c for i, c in enumerate(candidates) if ok[i] and ok[len(candidates) + i]]
        if not candidates:
            break
        batch = [axis.apply(c, harm.x_from) for c in candidates] + [axis.apply(c, harm.x_to) for c in candidates]
        values = yield Ask(evaluator, batch, [NET, SHORTFALL])
        n = len(candidates)
        shortfall = values.get(SHORTFALL, np.zeros(2 * n))
        passing = []
        for index, candidate in enumerate(candidates):
            if not _still_there(harm.kind, axis, thresholds, values[NET][index], values[NET][n + index], shortfall[n + index]):
                continue
            passing.append(candidate)
            if len(passing) >= confirmations_per_round:
                break
        confirmed = yield from gather(*[reproduce_steps(evaluator, c, axis, harm.kind, key, thresholds, near=harm.x_from)
                                        for c in passing])
        accepted = next((smaller for smaller in confirmed if smaller is not None), None)
        if accepted is not None:
            accepted.axis = axis  # keep the full axis of the original harm for the report and replay
        if accepted is None:
            break
        harm = accepted
    return harm
