"""Batched and one-by-one give the same harms, shrunk households, explanations and findings (issue 14
point 3).

The finish phase of the scan (shrinking, the rules that flip, each regeling switched off alone and
in pairs) and the grid run as step generators in lockstep (openfisca_nl_sz/search/batch.py): many
households of many harms in one simulation per step. That must not change a single number: a
household's results may not depend on who else is in its simulation. Each test here computes the
same thing both ways and compares everything, and checks that the batch really needs fewer
simulations (else the speed-up is gone without any test noticing).
"""

from __future__ import annotations

import json

import pytest

from openfisca_nl_sz.search import evaluate as evaluate_module
from openfisca_nl_sz.search.batch import drive, run_all
from openfisca_nl_sz.search.config import parse_config
from openfisca_nl_sz.search.detect import scan, scan_steps
from openfisca_nl_sz.search.evaluate import Evaluator
from openfisca_nl_sz.search.explain import (Neutraliser, changed_rules, changed_rules_steps, involved_regelingen,
                                            money_causes)
from openfisca_nl_sz.search.run import run_scan
from openfisca_nl_sz.search.shrink import shrink, shrink_steps

PERIOD = "2026-01"

#: Two households (bijstand with a grown-up child; WGA with a working partner) on an asset, an age,
#: a wage and an AO% axis: cliffs, an inkomensval band or marginal rate, a samenloop candidate.
CONFIG = {
    "period": PERIOD,
    "seed": 5,
    "max_examples": 0,
    "budget_seconds": 300,
    "axes": [
        {"variable": "vermogen", "low": 0, "high": 20000, "points": 41, "members": ["aanvrager"]},
        {"variable": "leeftijd", "low": 20, "high": 30, "integer": True, "members": ["medebewoner"]},
        {"variable": "loon", "low": 0, "high": 3000, "resolution": 1, "points": 61, "members": ["partner"]},
        {"variable": "arbeidsongeschiktheidspercentage", "low": 20, "high": 90, "integer": True,
         "members": ["aanvrager"], "requires": "wia_dagloon"},
    ],
    "templates": [
        {"name": "bijstand met volwassen kind",
         "members": [{"id": "aanvrager", "role": "aanvrager", "inputs": {"leeftijd": 55, "vermogen": 1234}},
                     {"id": "medebewoner", "role": "medebewoner", "inputs": {"leeftijd": 25, "loon": 333}}],
         "inputs": {"huur": 712}},
        {"name": "WGA met werkende partner",
         "members": [{"id": "aanvrager", "role": "aanvrager",
                      "inputs": {"leeftijd": 58, "arbeidsongeschiktheidspercentage": 50, "wia_dagloon": 120,
                                 "wia_maanden_sinds_aanvang": 30}},
                     {"id": "partner", "role": "partner", "inputs": {"leeftijd": 57, "loon": 1000}}],
         "inputs": {"huur": 700}},
    ],
}


@pytest.fixture(scope="module")
def config(tbs):
    return parse_config(CONFIG, "batch.yaml", tbs)


@pytest.fixture(scope="module")
def harms(tbs, config):
    """Every harm of the grid, scanned one axis at a time."""
    evaluator = Evaluator(tbs, PERIOD)
    found = []
    for _, household in config.templates:
        for axis in config.axes_for(household):
            found.extend(scan(evaluator, household, axis, config.thresholds))
    assert len(found) >= 4, "the test needs a few harms to batch"
    return found


def _harm_facts(harm) -> tuple:
    return (harm.kind, harm.axis.name, float(harm.x_from), float(harm.x_to), float(harm.net_from), float(harm.net_to),
            float(harm.severity), json.dumps(harm.extra, sort_keys=True, default=str),
            json.dumps(harm.household.to_dict(), sort_keys=True))


class _SimulationCounter:
    def __init__(self, monkeypatch):
        self.count = 0
        original = evaluate_module.build_simulation

        def counting(*args, **kwargs):
            self.count += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(evaluate_module, "build_simulation", counting)


def test_scans_side_by_side_find_the_same_harms(tbs, config, harms):
    evaluator = Evaluator(tbs, PERIOD)
    jobs = [(household, axis) for _, household in config.templates for axis in config.axes_for(household)]
    together = run_all([scan_steps(evaluator, household, axis, config.thresholds) for household, axis in jobs])
    assert [_harm_facts(h) for found in together for h in found] == [_harm_facts(h) for h in harms]


def test_shrinking_side_by_side_gives_the_same_households_with_fewer_simulations(tbs, config, harms, monkeypatch):
    evaluator = Evaluator(tbs, PERIOD)
    keys = [tuple(sorted(c["variable"] for c in money_causes(evaluator, h.household_from, h.household_to)
                         if abs(c["effect"]) >= max(1.0, 0.1 * abs(h.severity)))) for h in harms]
    counter = _SimulationCounter(monkeypatch)
    alone = [shrink(evaluator, harm, key, config.thresholds) for harm, key in zip(harms, keys)]
    one_by_one = counter.count
    counter.count = 0
    together = run_all([shrink_steps(evaluator, harm, key, config.thresholds) for harm, key in zip(harms, keys)])
    assert [_harm_facts(h) for h in together] == [_harm_facts(h) for h in alone]
    # at least one harm shrank, else the comparison says little
    assert any(h.household.to_dict() != original.household.to_dict() for h, original in zip(alone, harms))
    assert counter.count < one_by_one / 2, (counter.count, one_by_one)


def test_explanations_side_by_side_are_the_same(tbs, harms):
    evaluator = Evaluator(tbs, PERIOD)
    neutraliser = Neutraliser(tbs, PERIOD)
    neutraliser._cache[frozenset()] = evaluator
    involved = [involved_regelingen(evaluator, h.household_from, h.household_to) for h in harms]
    alone = [neutraliser.attribute(h, inv) for h, inv in zip(harms, involved)]
    together = run_all([neutraliser.attribute_steps(h, inv) for h, inv in zip(harms, involved)])
    assert together == alone
    assert any(a["pairs"] for a in alone), "no harm with two regelingen acting: the pairs were not compared"
    rules_alone = [changed_rules(evaluator, h.household_from, h.household_to) for h in harms]
    rules_together = run_all([changed_rules_steps(evaluator, h.household_from, h.household_to) for h in harms])
    assert rules_together == rules_alone
    assert any(rules_alone)


def test_persons_of_many_households_are_those_of_each_alone(tbs, harms):
    evaluator = Evaluator(tbs, PERIOD)
    names = ["bijstandsnorm", "pw_aantal_kostendelers", "wia_uitkering", "inkomstenbelasting", "besteedbaar_inkomen"]
    households = [h.household_from for h in harms] + [h.household_to for h in harms]
    assert evaluator.evaluate_persons_many(households, names) == [evaluator.evaluate_persons(h, names) for h in households]


def test_a_small_scan_gives_the_same_findings_batched_and_one_by_one(tbs, config, tmp_path, monkeypatch):
    """The whole scan (grid, shrinking, explanation, cards): every finding and card the same, whether
    the grid's axes and the harms of the finish run side by side or one after the other."""
    batched = run_scan(config, str(tmp_path / "batched"), system=tbs)

    def one_by_one(generators, deadline=None, left_out=None):
        return [drive(g) for g in generators]

    from openfisca_nl_sz.search import diff, run as run_module

    for module in (run_module, diff):  # (batch.drive itself runs one generator through batch.run_all)
        monkeypatch.setattr(module, "run_all", one_by_one)
    alone = run_scan(config, str(tmp_path / "alone"), system=tbs)

    def public(result):
        return json.dumps({k: v for k, v in result.items() if k in ("findings", "cards", "coverage", "expected")},
                          sort_keys=True, default=str)

    assert len(batched["findings"]) >= 4
    assert any(f["kind"] == "cliff" for f in batched["findings"])
    assert public(batched) == public(alone)


def test_an_axis_as_arrays_is_the_population_of_its_households(tbs, config):
    """`AxisPoints` builds the households of an axis as arrays (the household once, tiled); the
    population must be exactly the one `to_population` builds from each household, on a person axis
    whose input other members set or not, an integer axis, a household axis and a joining member."""
    import numpy as np

    from openfisca_nl_sz.search.axes import Axis
    from openfisca_nl_sz.search.evaluate import AxisPoints, concatenate
    from openfisca_nl_sz.search.household import Member, to_population

    bijstand, wga = (household for _, household in config.templates)
    joining = Axis("samenstelling", None, 0, 1, 1, 2, True)
    joining.joining = Member("partner", "partner", {"leeftijd": 40, "loon": 2000})
    cases = [
        (wga, Axis("loon", "partner", 0, 3000, 1, 7, False), [0.0, 499.5, 1000.0, 2999.0]),
        (wga, Axis("wia_dagloon", "aanvrager", 50, 300, 1, 5, False), [50.0, 123.4]),
        (bijstand, Axis("leeftijd", "medebewoner", 20, 30, 1, 11, True), [20.0, 26.6, 27.0]),
        (bijstand, Axis("vermogen", "medebewoner", 0, 9000, 1, 3, False), [0.0, 7771.0]),  # not set before
        (bijstand, Axis("huur", None, 0, 1500, 1, 3, False), [0.0, 712.0, 1499.0]),
        (bijstand, joining, [0.0, 1.0]),
    ]
    parts = []
    for household, axis, xs in cases:
        points = AxisPoints(household, axis, np.asarray(xs))
        parts.append(points)
        fast, slow = points.population(tbs), to_population(tbs, [axis.apply(household, x) for x in xs])
        assert np.array_equal(fast.household, slow.household) and np.array_equal(fast.role, slow.role)
        for arrays_fast, arrays_slow in ((fast.person_inputs, slow.person_inputs), (fast.household_inputs, slow.household_inputs)):
            assert sorted(arrays_fast) == sorted(arrays_slow), axis.name
            for name in arrays_slow:
                assert arrays_fast[name].dtype == arrays_slow[name].dtype, (axis.name, name)
                assert np.array_equal(arrays_fast[name], arrays_slow[name]), (axis.name, name)
    # all parts in one population, as one batch step builds it
    together = concatenate([p.population(tbs) for p in parts], tbs)
    alone = to_population(tbs, [h for p in parts for h in p])
    assert np.array_equal(together.household, alone.household)
    for name in alone.person_inputs:
        assert np.array_equal(together.person_inputs[name], alone.person_inputs[name]), name
    for name in alone.household_inputs:
        assert np.array_equal(together.household_inputs[name], alone.household_inputs[name]), name
