"""Differential harm search: the same households, scanned under the baseline and under a reform.

Used by `nlsz compare` and by the tests of hardheidsclausules: a clause must remove the harm it is
aimed at (a) and create no new harm above the threshold anywhere else (b). Both systems see exactly
the same households — the config's starting households on every axis, plus households that
Hypothesis draws from the seed (generation only, no targeting, so the draw does not depend on the
rules) — so every difference is the reform's doing.
"""

from __future__ import annotations

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st

from openfisca_nl_sz.search.config import ScanConfig
from openfisca_nl_sz.search.batch import run_all
from openfisca_nl_sz.search.detect import scan_steps
from openfisca_nl_sz.search.evaluate import Evaluator
from openfisca_nl_sz.search.explain import money_causes_steps
from openfisca_nl_sz.search.findings import make_finding
from openfisca_nl_sz.search.strategies import households


def draw_cases(config: ScanConfig, examples: int, system=None) -> list[tuple]:
    """(name, household, axes) for the grid templates and `examples` seeded random households
    (plausible ones only when the `system` is given, issue 11 point 2)."""
    cases = [(name, household, config.axes_for(household)) for name, household in config.templates]
    drawn = []
    if examples > 0:
        @hypothesis_seed(config.seed)
        @settings(max_examples=examples, phases=[Phase.generate], database=None, deadline=None,
                  suppress_health_check=list(HealthCheck), derandomize=False)
        @given(household=households(system, config.period), axis_choice=st.integers(0, 10_000))
        def collect(household, axis_choice):
            drawn.append((household, axis_choice))

        collect()
    for index, (household, choice) in enumerate(drawn):
        axes = config.axes_for(household, points=config.search_points)
        if axes:
            cases.append((f"getrokken huishouden {index + 1}", household, [axes[choice % len(axes)]]))
    return cases


def population_cases(config: ScanConfig, population, count: int, seed: int) -> list[tuple]:
    """`count` households drawn (seeded) from a synthetic population, each on every axis that applies.

    So that the differential search also looks where the scenario's own people are (e.g. an AO% of
    25–35 under a lower WIA threshold), not only at the config's starting households.
    """
    import numpy as np

    from openfisca_nl_sz.population import ROLES
    from openfisca_nl_sz.search.household import Household, Member

    if count <= 0 or population.n_households == 0:
        return []
    rng = np.random.default_rng(seed)
    chosen = np.sort(rng.choice(population.n_households, size=min(count, population.n_households), replace=False))
    cases = []
    for index in chosen:
        persons = np.flatnonzero(population.household == index)
        members, counters = [], {}
        for person in persons:
            role = ROLES[int(population.role[person])]
            counters[role] = counters.get(role, 0) + 1
            member_id = role if role in ("aanvrager", "partner") else f"{role}{counters[role]}"
            inputs = {}
            for name, values in population.person_inputs.items():
                value = values[person].item()
                if value:  # leave defaults (0, False) out: a smaller household reads better
                    inputs[name] = round(value, 2) if isinstance(value, float) else value
            members.append(Member(member_id, role, inputs))
        inputs = {name: round(values[index].item(), 2) for name, values in population.household_inputs.items() if values[index]}
        household = Household(members, inputs)
        cases.append((f"populatie huishouden {int(index)}", household, config.axes_for(household, points=config.search_points)))
    return cases


def harms_of(system, config: ScanConfig, cases, plausibility_system=None) -> dict[tuple, tuple]:
    """{(case, kind, axis, regelingen): (harm, causes)} — the worst harm of each identity.

    `plausibility_system`: whose parameters decide which households can exist (the baseline's in a
    differential scan, so both systems look at exactly the same households)."""
    evaluator = Evaluator(system, config.period)
    evaluator.plausibility_system = plausibility_system
    # issue 14: every (case, axis) scan side by side, one simulation per step for all of them, then
    # the causes of every harm in one more batch; harms are kept in the order of the cases and axes.
    jobs = [(name, axis) for name, household, axes in cases for axis in axes]
    scans = run_all([scan_steps(evaluator, household, axis, config.thresholds)
                     for name, household, axes in cases for axis in axes])
    harms = [(name, axis, harm) for (name, axis), found_on_axis in zip(jobs, scans) for harm in found_on_axis]
    all_causes = run_all([money_causes_steps(evaluator, harm.household_from, harm.household_to) for _, _, harm in harms])
    found: dict[tuple, tuple] = {}
    for (name, axis, harm), causes in zip(harms, all_causes):
        key = (name, harm.kind, axis.name, _where(harm))
        if key not in found or harm.severity > found[key][0].severity:
            found[key] = (harm, causes)
    return found


def _where(harm) -> tuple:
    """Identity of a harm across the two systems: a cliff by its step, a marginal-rate harm by the
    payment whose withdrawal it measures, other kinds by kind and axis alone."""
    if harm.kind == "cliff":
        return (round(float(harm.x_from), 2), round(float(harm.x_to), 2))
    if harm.kind == "hoge_marginale_druk":
        return (harm.extra.get("rate_basis", ""),)
    return ()


def differential(baseline, reform, config: ScanConfig, examples: int = 30, min_severity: float = 0.0,
                 extra_cases=()) -> dict:
    """Harms removed, created and changed by the reform, as findings (contract form) with the case name."""
    cases = draw_cases(config, examples, baseline) + list(extra_cases)
    before = harms_of(baseline, config, cases, plausibility_system=baseline)
    after = harms_of(reform, config, cases, plausibility_system=baseline)

    def finding(key, entry):
        harm, causes = entry
        item = make_finding(harm, config.period, causes, [], config.thresholds)
        item["case"] = key[0]
        return item

    removed = [finding(k, v) for k, v in before.items() if k not in after and v[0].severity >= min_severity]
    created = [finding(k, v) for k, v in after.items() if k not in before and v[0].severity >= min_severity]
    changed = []
    for key in before.keys() & after.keys():
        old, new = before[key][0].severity, after[key][0].severity
        if abs(new - old) >= max(1.0, 0.05 * old):
            item = finding(key, after[key])
            item["severity_baseline"] = round(float(old), 2)
            changed.append(item)
    order = lambda f: (-f["severity"], f["case"], f["kind"], f["axis_name"])  # noqa: E731
    return {
        "cases": len(cases),
        "removed": sorted(removed, key=order),
        "created": sorted(created, key=order),
        "changed": sorted(changed, key=order),
        "threshold": min_severity,
    }
