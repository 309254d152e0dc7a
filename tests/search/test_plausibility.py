"""Households that can exist (issue 11 point 2): the one plausibility model and its users.

Every limit below is worked out by hand from the rules in openfisca_nl_sz/plausibility.py and the
parameters of 2026-01: maximum dagloon € 304,25 (wfsv.maximum_dagloon, Regeling SZW 1-1-2026), WML
youth percentage 60% at 19 (WML art. 8 lid 3 / Besluit), 21,75 days per month (WIA art. 13 lid 4),
vakantiebijslag 8% (WML art. 15).
"""

import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings

from openfisca_nl_sz.errors import InputError
from openfisca_nl_sz.plausibility import check_households, check_population, plausible, problems
from openfisca_nl_sz.search.household import Household, Member

P = "2026-01"


def _one(inputs, *others, household_inputs=None):
    members = [Member("aanvrager", "aanvrager", inputs)] + [Member(*o) for o in others]
    return Household(members, household_inputs or {})


def _broken(tbs, household):
    return {rule for rule, values in check_households([household], tbs, P).items() if values[0]}


def test_the_implausible_findings_of_the_issue_are_outside_the_model(tbs):
    # a 19-year-old with 18 years of work history and the maximum dagloon
    assert _broken(tbs, _one({"leeftijd": 19, "wia_arbeidsverleden_jaren": 18, "wia_dagloon": 304.25})) == {
        "arbeidsverleden", "dagloon_leeftijd"}
    # a parent less than 16 years older than the child (30 − 15 = 15 < 16)
    assert _broken(tbs, _one({"leeftijd": 30}, ("kind1", "kind", {"leeftijd": 15}))) == {"ouder_kind"}
    assert _broken(tbs, _one({"leeftijd": 31}, ("kind1", "kind", {"leeftijd": 15}))) == set()
    # an IVA recipient earning € 5.000 a month
    iva = {"leeftijd": 55, "arbeidsongeschiktheidspercentage": 90, "wia_duurzaam": True, "wia_dagloon": 250}
    assert _broken(tbs, _one({**iva, "loon": 5000})) == {"loon_naast_iva"}
    assert problems(_one({**iva, "loon": 5000}), tbs, P) == ["loon naast IVA/WGA 80–100 is hoger dan de resterende verdiencapaciteit"]


def test_earnings_next_to_an_iva_stop_at_the_remaining_earning_capacity(tbs):
    # RVC = (1 − 90/100) × 21,75 × 250 = 543,75 per month (incl. vakantiebijslag);
    # loon 503 → 503 × 1,08 = 543,24 fits; loon 504 → 544,32 does not.
    iva = {"leeftijd": 55, "arbeidsongeschiktheidspercentage": 90, "wia_dagloon": 250}
    assert plausible([_one({**iva, "loon": 503}), _one({**iva, "loon": 504})], tbs, P).tolist() == [True, False]
    # a given resterende_verdiencapaciteit wins: 1.000 → loon up to 925 (925 × 1,08 = 999)
    given = {**iva, "resterende_verdiencapaciteit": 1000}
    assert plausible([_one({**given, "loon": 925}), _one({**given, "loon": 926})], tbs, P).tolist() == [True, False]
    # WGA 35-80 is not bound (the issue names IVA and WGA 80-100 only)
    assert plausible([_one({**iva, "arbeidsongeschiktheidspercentage": 79, "loon": 4000})], tbs, P).tolist() == [True]


def test_the_dagloon_fits_the_age(tbs):
    # 19: 60% × 304,25 = 182,55 per day; 21 and older: not bounded (the cap of the law applies later)
    young = [_one({"leeftijd": 19, "ww_dagloon": d}) for d in (182, 183)]
    assert plausible(young, tbs, P).tolist() == [True, False]
    assert plausible([_one({"leeftijd": 21, "wia_dagloon": 350})], tbs, P).tolist() == [True]
    # below 15 the WML has no minimum wage (0%): no dagloon at all
    assert plausible([_one({"leeftijd": 14, "ww_dagloon": 1})], tbs, P).tolist() == [False]


def test_the_ww_dagloon_next_to_a_wia_comes_from_the_remaining_job(tbs):
    # WGA 50% with dagloon 150: RVC = 0,5 × 21,75 × 150 = 1.631,25; WW dagloon 75 → 21,75 × 75 = 1.631,25 fits
    wga = {"leeftijd": 50, "arbeidsongeschiktheidspercentage": 50, "wia_dagloon": 150}
    assert plausible([_one({**wga, "ww_dagloon": 75}), _one({**wga, "ww_dagloon": 76})], tbs, P).tolist() == [True, False]
    # the 35-minner keeps the WW dagloon of his old wage (Dagloonbesluit art. 2 lid 8)
    assert plausible([_one({**wga, "arbeidsongeschiktheidspercentage": 30, "ww_dagloon": 150})], tbs, P).tolist() == [True]


def test_work_history_and_children(tbs):
    # 30 years old: at most 30 − 15 = 15 years; before 2016 at most 15 − (2026 − 2016) = 5
    assert plausible([_one({"leeftijd": 30, "ww_arbeidsverleden_jaren": y}) for y in (15, 16)], tbs, P).tolist() == [True, False]
    before = [_one({"leeftijd": 30, "ww_arbeidsverleden_jaren": 15, "ww_arbeidsverleden_jaren_voor_2016": y}) for y in (5, 6)]
    assert plausible(before, tbs, P).tolist() == [True, False]
    # a kind of 18 or more is in education, and younger than 23
    kind = lambda age, **extra: _one({"leeftijd": 50}, ("kind1", "kind", {"leeftijd": age, **extra}))  # noqa: E731
    assert plausible([kind(17), kind(18), kind(18, studeert_met_studiefinanciering=True),
                      kind(22, studeert_met_studiefinanciering=True), kind(23, studeert_met_studiefinanciering=True)],
                     tbs, P).tolist() == [True, False, True, True, False]
    # the partner counts as a parent too
    partner = _one({"leeftijd": 45}, ("partner", "partner", {"leeftijd": 25}), ("kind1", "kind", {"leeftijd": 10}))
    assert _broken(tbs, partner) == {"ouder_kind"}


def test_a_situation_of_several_households_is_judged_per_household_in_one_pass(tbs):
    """calc's check of a whole situation (all households in one vectorised pass): each household's
    own problems, in the order of the file, and none for the plausible one in between."""
    from openfisca_nl_sz.plausibility import situation_problems

    situation = {
        "personen": {"jong": {"leeftijd": 19, "wia_arbeidsverleden_jaren": 18, "wia_dagloon": 304.25},
                     "gewoon": {"leeftijd": 40, "loon": 2500},
                     "ouder": {"leeftijd": 30}, "kind": {"leeftijd": 15}},
        "huishoudens": {"a": {"aanvragers": ["jong"]}, "b": {"aanvragers": ["gewoon"]},
                        "c": {"aanvragers": ["ouder"], "kinderen": ["kind"]}},
    }
    found = situation_problems(tbs, situation, P)
    one_by_one = [f"huishouden a: {reason}" for reason in problems(
        _one({"leeftijd": 19, "wia_arbeidsverleden_jaren": 18, "wia_dagloon": 304.25}), tbs, P)]
    one_by_one += [f"huishouden c: {reason}" for reason in problems(
        _one({"leeftijd": 30}, ("kind", "kind", {"leeftijd": 15})), tbs, P)]
    assert found == one_by_one and len(found) == 3, found
    assert [line.split(":")[0] for line in found] == ["huishouden a", "huishouden a", "huishouden c"]


def test_the_synthetic_population_passes(tbs):
    from openfisca_nl_sz.population.generator import generate

    population = generate(3000, seed=11).population
    for period in ("2024-01", "2025-07", "2026-07"):
        assert check_population(population, tbs, period).all(), period


def test_the_hypothesis_strategies_draw_only_plausible_households(tbs):
    from openfisca_nl_sz.search.strategies import households

    seen = []

    @settings(max_examples=60, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(household=households(tbs, P))
    def draw(household):
        seen.append(household)

    draw()
    assert len(seen) >= 30
    assert plausible(seen, tbs, P).all()


def test_a_template_that_cannot_exist_is_a_config_error(tbs):
    from openfisca_nl_sz.search.config import parse_config

    data = {"period": P, "axes": [{"variable": "loon", "low": 0, "high": 100}],
            "templates": [{"members": [{"id": "a", "role": "aanvrager",
                                        "inputs": {"leeftijd": 19, "wia_arbeidsverleden_jaren": 18, "wia_dagloon": 100}}]}]}
    with pytest.raises(InputError) as error:
        parse_config(data, "scan.yaml", tbs)
    assert error.value.field == "templates[0]"
    assert "cannot exist" in error.value.problem and "arbeidsverleden" in error.value.problem


def test_the_scan_judges_only_the_plausible_part_of_an_axis(tbs):
    """An IVA recipient's wage axis stops at the remaining earning capacity: 0,1 × 21,75 × 250 =
    543,75 → loon ≤ 503 (503,47 = 543,75 / 1,08, on whole euros)."""
    from openfisca_nl_sz.search.axes import Axis
    from openfisca_nl_sz.search.detect import Thresholds, scan
    from openfisca_nl_sz.search.evaluate import Evaluator

    iva = _one({"leeftijd": 55, "arbeidsongeschiktheidspercentage": 90, "wia_duurzaam": True, "wia_dagloon": 250},
               household_inputs={"huur": 800})
    reach = {}
    harms = scan(Evaluator(tbs, P), iva, Axis("loon", "aanvrager", 0, 5000, points=101), Thresholds(), reach=reach)
    (low, high), = reach[(P, "loon")]
    assert low == 0 and 450 <= high <= 503
    assert all(max(h.x_from, h.x_to) <= 503 for h in harms)


def test_shrinking_never_leaves_the_model(tbs):
    """A studying child of 20 may be dropped, but its study may not: a kind of 20 without it is a
    medebewoner. Whatever the shrinker keeps, both sides of the step can exist."""
    from openfisca_nl_sz.search.axes import Axis
    from openfisca_nl_sz.search.detect import Thresholds, scan
    from openfisca_nl_sz.search.evaluate import Evaluator
    from openfisca_nl_sz.search.explain import cause_key, money_causes
    from openfisca_nl_sz.search.shrink import shrink

    evaluator = Evaluator(tbs, P)
    household = _one({"leeftijd": 53}, ("kind1", "kind", {"leeftijd": 20, "studeert_met_studiefinanciering": True}),
                     ("medebewoner", "medebewoner", {"leeftijd": 25}), household_inputs={"huur": 733})
    axis = Axis("leeftijd", "medebewoner", 20, 30, integer=True, points=11)
    harm = [h for h in scan(evaluator, household, axis, Thresholds(), kinds=["cliff"]) if h.x_to == 27][0]
    key = cause_key(money_causes(evaluator, harm.household_from, harm.household_to), harm.severity)
    small = shrink(evaluator, harm, key, Thresholds())
    assert plausible([small.household_from, small.household_to], tbs, P).all()
    for member in small.household.members:
        if member.role == "kind" and member.inputs.get("leeftijd", 0) >= 18:
            assert member.inputs.get("studeert_met_studiefinanciering")


def test_calc_warns_about_a_household_that_cannot_exist_but_still_computes(tmp_path):
    situation = tmp_path / "iva.yaml"
    situation.write_text(
        "personen:\n  p:\n    leeftijd: {2026-01: 55}\n    arbeidsongeschiktheidspercentage: {2026-01: 90}\n"
        "    wia_duurzaam: {2026-01: true}\n    wia_dagloon: {2026-01: 250}\n    loon: {2026-01: 5000}\n"
        "huishoudens:\n  h:\n    aanvragers: [p]\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "openfisca_nl_sz.cli", "calc", str(situation), "--vars",
                             "besteedbaar_inkomen", "--format", "json"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert '"besteedbaar_inkomen"' in result.stdout
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1 and "cannot exist" in warnings[0] and "resterende verdiencapaciteit" in warnings[0]
