"""Scan one household along one axis and detect the harms of each kind.

A scan evaluates the household at every point of a coarse grid in one vectorised simulation, then
refines every interval where `besteedbaar_inkomen` jumps, bisecting all of them together until the
jump is located to the axis resolution (€ 1, one month, one year, one AO point). Only then does a
jump count as a cliff: a big change over one small step. What is left — gradual falls and steep
slopes on income axes — is judged as inkomensval and hoge marginale druk.

What the kinds mean (issue 11 point 4):
- `inkomensval`: besteedbaar inkomen falls while the gross income on an income axis rises, in one
  step ("verdient € 1 meer en de WW stopt") or over a band; severity = € per month lost.
- `cliff`: a step of at least `cliff_min_change` on any other axis, or an income axis walked down
  (earning € 1 less loses more than € 1); severity = € per month lost at the step.
- `hoge_marginale_druk`: over a band of gross income the rules take back more than `rate` of each
  extra euro; it carries its `rate` and band, and severity = € per month taken back of a € 100 raise
  inside the band (100 × rate), so that it reads on the same scale as a step loss.
- `onder_sociaal_minimum`: the gezin stays below its bijstandsnorm although its assets are within the
  bijstand asset limit; severity = the shortfall per month.

Only plausible households are judged (openfisca_nl_sz/plausibility.py): the part of an axis where the
household cannot exist is cut off before the scan. Time runs forward (issue 11 point 3): on an age or
duration axis only a loss that comes with time going forward is a harm.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from openfisca_nl_sz.plausibility import plausible
from openfisca_nl_sz.search.batch import Ask, drive
from openfisca_nl_sz.search.evaluate import AxisPoints
from openfisca_nl_sz.search.axes import Axis
from openfisca_nl_sz.search.household import Household

NET = "besteedbaar_inkomen"
# A gezin with assets above the bijstand limit lives off them first (Pw art. 34): not below the
# minimum in the sense of a harm. The asset limit itself is found as a cliff on the vermogen axis.
SHORTFALL = "sociaal_minimum_tekort_zonder_vermogen"
#: Income-tested payments whose withdrawal rate along an income axis is checked one by one.
WITHDRAWN = ("toeslagenwet_toeslag", "bijstand", "ww_uitkering", "iva_uitkering", "wga_loongerelateerde_uitkering",
             "wga_loonaanvullingsuitkering", "wga_vervolguitkering", "zorgtoeslag", "huurtoeslag", "kindgebonden_budget")
#: The raise on which the severity of a hoge_marginale_druk is measured (€ gross per month).
RAISE = 100.0


@dataclass
class Thresholds:
    cliff_min_change: float = 25.0
    inkomensval_min_loss: float = 5.0
    marginale_druk_rate: float = 0.8
    marginale_druk_min_band: float = 250.0
    #: A single regeling that withdraws at least this share of each extra gross euro (e.g. the
    #: Toeslagenwet's partner-income test: 100%) is a harm even when taxes soften the net rate.
    marginale_druk_regeling_rate: float = 1.0
    sociaal_minimum_min_shortfall: float = 10.0
    samenloop_min_interaction: float = 10.0

    def for_kind(self, kind: str) -> dict:
        return {
            "cliff": {"min_change": self.cliff_min_change},
            "inkomensval": {"min_loss": self.inkomensval_min_loss},
            "hoge_marginale_druk": {"rate": self.marginale_druk_rate, "min_band": self.marginale_druk_min_band,
                                    "regeling_rate": self.marginale_druk_regeling_rate},
            "onder_sociaal_minimum": {"min_shortfall": self.sociaal_minimum_min_shortfall},
            "samenloop": {"min_interaction": self.samenloop_min_interaction},
        }[kind]


@dataclass
class Harm:
    """A harm located on an axis, before it is explained and shrunk."""

    kind: str
    household: Household
    axis: Axis
    x_from: float
    x_to: float
    net_from: float
    net_to: float
    severity: float
    extra: dict = field(default_factory=dict)
    #: The month whose rules the harm was found under (set by `scan`).
    period: str = ""

    @property
    def household_from(self) -> Household:
        return self.axis.apply(self.household, self.x_from)

    @property
    def household_to(self) -> Household:
        return self.axis.apply(self.household, self.x_to)


def _net(evaluator, household, axis, xs, variables=(NET,)):
    """Step generator (openfisca_nl_sz/search/batch.py): the variables at each point of the axis."""
    return (yield Ask(evaluator, AxisPoints(household, axis, np.asarray(xs)), list(variables)))


def locate_jumps(evaluator, household: Household, axis: Axis, lows, highs, rounds: int = 8, per_round: int = 17):
    """Narrow each interval [low, high] to the sub-interval of axis resolution with the largest jump."""
    return drive(locate_jumps_steps(evaluator, household, axis, lows, highs, rounds, per_round))


def locate_jumps_steps(evaluator, household: Household, axis: Axis, lows, highs, rounds: int = 8, per_round: int = 17):
    """`locate_jumps` as a step generator."""
    lows = np.asarray(lows, dtype=float)
    highs = np.asarray(highs, dtype=float)
    for _ in range(rounds):
        open_ = (highs - lows) > axis.resolution + 1e-9
        if not open_.any():
            break
        grids = []
        for low, high, is_open in zip(lows, highs, open_):
            if is_open:
                grid = np.unique(np.round(np.linspace(low, high, per_round) / axis.resolution) * axis.resolution)
            else:
                grid = np.array([low, high])
            grids.append(grid)
        flat = np.concatenate(grids)
        net = (yield from _net(evaluator, household, axis, flat))[NET]
        position = 0
        for index, grid in enumerate(grids):
            values = net[position:position + len(grid)]
            position += len(grid)
            steps = np.abs(np.diff(values))
            best = int(np.argmax(steps))
            lows[index], highs[index] = grid[best], grid[best + 1]
    return lows, highs


def scan(evaluator, household: Household, axis: Axis, thresholds: Thresholds, kinds=None, reach=None) -> list[Harm]:
    """All harms of `kinds` (default: all) along `axis` for `household`, under the evaluator's period.

    With `reach` (a dict), the plausible range the scan evaluated is appended to
    `reach[(period, axis variable)]`, for the threshold coverage of law_thresholds.coverage."""
    return drive(scan_steps(evaluator, household, axis, thresholds, kinds, reach))


def scan_steps(evaluator, household: Household, axis: Axis, thresholds: Thresholds, kinds=None, reach=None):
    """`scan` as a step generator (openfisca_nl_sz/search/batch.py), so that many scans share
    their simulations."""
    harms = yield from _scan(evaluator, household, axis, thresholds, kinds, reach)
    for harm in harms:
        harm.period = evaluator.period
    return harms


def _scan(evaluator, household: Household, axis: Axis, thresholds: Thresholds, kinds=None, reach=None) -> list[Harm]:
    kinds = set(kinds or ("cliff", "inkomensval", "hoge_marginale_druk", "onder_sociaal_minimum"))
    if not axis.applies_to(household):
        return []
    xs = axis.grid()
    # Households that cannot exist are not judged: keep the plausible part of the axis (the rules
    # of the model are bounds on one input each, so along one axis that part is one interval).
    # A differential scan judges plausibility by the baseline's rules for both systems, so that a reform
    # (e.g. a lower WIA threshold) does not change which households are looked at.
    judge = getattr(evaluator, "plausibility_system", None) or evaluator.system
    ok = plausible([axis.apply(household, x) for x in xs], judge, evaluator.period)
    if axis.joining is not None:
        if not ok.all():
            return []
    else:
        xs = xs[ok]
        if len(xs) < 2:
            return []
        if reach is not None:
            reach.setdefault((evaluator.period, axis.variable), []).append((float(xs[0]), float(xs[-1])))
    wanted = [NET] + ([SHORTFALL] if "onder_sociaal_minimum" in kinds else [])
    if axis.is_income and axis.joining is None and "hoge_marginale_druk" in kinds:
        wanted += [v for v in WITHDRAWN if evaluator.has(v)]
    values = yield from _net(evaluator, household, axis, xs, wanted)
    net = values[NET]
    harms: list[Harm] = []
    if axis.joining is not None:
        return harms + (yield from _composition(evaluator, household, axis, xs, net, values, thresholds, kinds))
    steps = np.diff(net)

    # Cliffs: intervals whose change is big enough, refined to the axis resolution.
    cliff_intervals = set()
    candidates = np.flatnonzero(np.abs(steps) >= thresholds.cliff_min_change)
    if candidates.size and ({"cliff", "inkomensval", "hoge_marginale_druk"} & kinds):
        lows, highs = yield from locate_jumps_steps(evaluator, household, axis, xs[candidates], xs[candidates + 1])
        ends = (yield from _net(evaluator, household, axis, np.concatenate([lows, highs])))[NET]
        net_low, net_high = ends[: len(lows)], ends[len(lows):]
        for index, low, high, y_low, y_high in zip(candidates, lows, highs, net_low, net_high):
            change = y_high - y_low
            if abs(change) >= thresholds.cliff_min_change and (high - low) <= axis.resolution + 1e-9:
                cliff_intervals.add(int(index))
                if change > 0 and axis.forward_only:
                    continue  # a gain as time runs; its loss would need time to run backwards
                # Earning more and losing is an inkomensval in one step; any other step is a cliff.
                kind = "inkomensval" if change < 0 and axis.is_income else "cliff"
                if kind in kinds:
                    # Orient the step in the direction in which income is lost.
                    x_from, x_to, n_from, n_to = (low, high, y_low, y_high) if change < 0 else (high, low, y_high, y_low)
                    harm = Harm(kind, household, axis, x_from, x_to, n_from, n_to, abs(change))
                    if kind == "inkomensval":
                        harm.extra["form"] = "stap"
                    harms.append(harm)

    if axis.is_income and axis.joining is None:
        gross = np.diff(xs) * axis.income_factor
        smooth = np.array([i not in cliff_intervals for i in range(len(steps))])
        if "inkomensval" in kinds:
            for harm in _runs(household, axis, xs, net, steps < -0.005, smooth, "inkomensval",
                              lambda a, b: net[a] - net[b], thresholds.inkomensval_min_loss):
                harm.extra["form"] = "band"
                harm.extra["band_from"], harm.extra["band_to"] = harm.x_from, harm.x_to
                harms.append(harm)
        if "hoge_marginale_druk" in kinds:
            rate = 1.0 - steps / np.where(gross > 0, gross, np.inf)
            for harm in _runs(household, axis, xs, net, rate > thresholds.marginale_druk_rate, smooth,
                              "hoge_marginale_druk", lambda a, b: (xs[b] - xs[a]) * axis.income_factor - (net[b] - net[a]),
                              0.0):
                band = harm.x_to - harm.x_from
                if band >= thresholds.marginale_druk_min_band:
                    harm.extra["rate"] = round(1.0 - (harm.net_to - harm.net_from) / (band * axis.income_factor), 4)
                    harm.extra["rate_basis"] = "besteedbaar_inkomen"
                    harms.append(_as_marginal(harm, band))
            # Withdrawal by one regeling: the share of each extra gross euro that it takes back. It
            # only counts where the income-tested payments together also take that share back, so
            # that one payment replacing another (a benefit rising while a supplement falls) is not
            # mistaken for a harm.
            present = [v for v in WITHDRAWN if v in values]
            total = -np.diff(sum(values[v] for v in present)) / np.where(gross > 0, gross, np.inf) if present else None
            for variable in present:
                component = values[variable]
                withdrawal = -np.diff(component) / np.where(gross > 0, gross, np.inf)
                limit = thresholds.marginale_druk_regeling_rate - 1e-3
                for harm in _runs(household, axis, xs, net, (withdrawal >= limit) & (total >= limit),
                                  smooth, "hoge_marginale_druk", lambda a, b: component[a] - component[b], 0.0):
                    band = harm.x_to - harm.x_from
                    a, b = np.searchsorted(xs, harm.x_from), np.searchsorted(xs, harm.x_to)
                    if band >= thresholds.marginale_druk_min_band:
                        harm.extra["rate"] = round(float((component[a] - component[b]) / (band * axis.income_factor)), 4)
                        harm.extra["net_rate"] = round(1.0 - (harm.net_to - harm.net_from) / (band * axis.income_factor), 4)
                        harm.extra["rate_basis"] = variable
                        harms.append(_as_marginal(harm, band))

    if "onder_sociaal_minimum" in kinds and SHORTFALL in values:
        short = values[SHORTFALL] >= thresholds.sociaal_minimum_min_shortfall
        if short.any():
            first = int(np.argmax(short))
            worst = int(np.argmax(np.where(short, values[SHORTFALL], -np.inf)))
            # The step into the shortfall explains it; if the whole axis is short, the first point.
            x_from = xs[first - 1] if first > 0 else xs[first]
            n_from = net[first - 1] if first > 0 else net[first]
            harm = Harm("onder_sociaal_minimum", household, axis, x_from, xs[first], n_from, net[first],
                        float(values[SHORTFALL][worst]))
            harm.extra["worst_at"] = float(xs[worst])
            harms.append(harm)
    return harms


def _as_marginal(harm: Harm, band: float) -> Harm:
    """A hoge_marginale_druk with its band and a severity on the scale of a step loss: what the rules
    take back of a raise of € 100 inside the band (`RAISE` × rate). What they take back over the whole
    band stays available as `taken_back_over_band`."""
    harm.extra["band"] = band
    harm.extra["band_from"], harm.extra["band_to"] = harm.x_from, harm.x_to
    harm.extra["taken_back_over_band"] = round(float(harm.severity), 2)
    harm.severity = round(RAISE * float(harm.extra["rate"]), 2)
    return harm


def _runs(household, axis, xs, net, condition, smooth, kind, loss, minimum) -> list[Harm]:
    """Maximal runs of intervals where `condition` holds (cliff intervals break a run)."""
    harms = []
    mask = condition & smooth
    index = 0
    while index < len(mask):
        if not mask[index]:
            index += 1
            continue
        start = index
        while index < len(mask) and mask[index]:
            index += 1
        a, b = start, index  # points a .. b
        value = float(loss(a, b))
        if value >= minimum and value > 0:
            harms.append(Harm(kind, household, axis, float(xs[a]), float(xs[b]), float(net[a]), float(net[b]), value))
    return harms


def _composition(evaluator, household, axis, xs, net, values, thresholds, kinds) -> list[Harm]:
    """Someone joins the household. The newcomer's own net income is not a gain of the others:
    the harm is what the household had before minus what it has now without the newcomer's income."""
    harms = []
    newcomer = (yield Ask(evaluator, [axis.apply(household, 1.0)], ["netto_inkomen"], member=axis.joining.id))["netto_inkomen"][0]
    without_newcomer = net[1] - newcomer
    loss = net[0] - without_newcomer
    if "cliff" in kinds and loss >= thresholds.cliff_min_change:
        harm = Harm("cliff", household, axis, 0.0, 1.0, float(net[0]), float(net[1]), float(loss))
        harm.extra["newcomer_netto_inkomen"] = round(float(newcomer), 2)
        harms.append(harm)
    if "onder_sociaal_minimum" in kinds and SHORTFALL in values:
        if values[SHORTFALL][1] >= thresholds.sociaal_minimum_min_shortfall > values[SHORTFALL][0]:
            harms.append(Harm("onder_sociaal_minimum", household, axis, 0.0, 1.0, float(net[0]), float(net[1]),
                              float(values[SHORTFALL][1])))
    return harms
