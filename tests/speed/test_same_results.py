"""The speed-ups of issue 14 give the same numbers as the code paths they replace (no timing here;
the timings are in benchmarks/chain.py).

- `situation.build_from_arrays` (linear) against OpenFisca's dict builder `build_from_dict`: the same
  ids, memberships, roles, stored inputs (every holder, every period) and outputs, bit for bit.
- `openfisca_nl_sz.populations` (cached role masks, the short path for values in memory) against
  OpenFisca's own populations: every variable of the system, bit for bit, for households of every
  shape, and with tracing on.
"""

from __future__ import annotations

import types
from pathlib import Path

import numpy as np
import pytest
from openfisca_core.populations import GroupPopulation, Population
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from openfisca_nl_sz import situation as situation_io
from openfisca_nl_sz.populations import FastGroupPopulation, FastPopulation
from openfisca_nl_sz.validation import validate_situation

PERIOD = "2026-01"
EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))


def _households(count: int, seed: int) -> dict:
    """A situation of `count` households of every shape (single, couple, children, medebewoners),
    with inputs of every type (int, float, bool), plain and dated, and inputs with a formula default
    given for some persons only."""
    rng = np.random.default_rng(seed)
    personen, huishoudens = {}, {}
    number = 0
    for h in range(count):
        shape = int(rng.integers(0, 5))  # 0 single, 1 couple, 2 couple + kids, 3 single parent, 4 + medebewoner
        roles = {"aanvragers": 1, "partners": int(shape in (1, 2)), "kinderen": int(rng.integers(1, 4)) if shape in (2, 3) else 0,
                 "medebewoners": int(shape == 4)}
        household = {"huur": float(round(rng.uniform(300, 1100), 2))}
        if rng.random() < 0.5:
            household["servicekosten"] = {PERIOD: float(round(rng.uniform(0, 60), 2))}
        for plural, n in roles.items():
            ids = []
            for _ in range(n):
                pid = f"p{number}"
                number += 1
                adult = plural != "kinderen"
                person = {"leeftijd": int(rng.integers(19, 80)) if adult else int(rng.integers(0, 18))}
                if adult and rng.random() < 0.6:
                    person["loon"] = {PERIOD: float(round(rng.uniform(0, 4500), 2))}
                if adult and rng.random() < 0.25:
                    person["arbeidsongeschiktheidspercentage"] = float(rng.integers(35, 101))
                    person["wia_dagloon"] = 180.0
                    person["wia_duurzaam"] = bool(rng.random() < 0.5)
                    person["wia_maanden_sinds_aanvang"] = int(rng.integers(0, 60))
                    if rng.random() < 0.5:  # an input with a formula default, given for some only
                        person["resterende_verdiencapaciteit"] = float(round(rng.uniform(0, 2000), 2))
                if adult and rng.random() < 0.2:
                    person["ww_dagloon"] = 150.0
                    person["ww_maanden_sinds_aanvang"] = int(rng.integers(0, 20))
                if rng.random() < 0.3:
                    person["vermogen"] = float(rng.integers(0, 60_000))
                personen[pid] = person
                ids.append(pid)
            if ids:
                household[plural] = ids
        huishoudens[f"h{h}"] = household
    return {"personen": personen, "huishoudens": huishoudens}


def _situations():
    for path in EXAMPLES:
        data = situation_io.load_file(str(path))
        yield path.name, data
    for seed in range(3):
        yield f"generated-{seed}", _households(40, seed)


def _stored(population) -> dict:
    """Every value stored in the population's holders: {(variable, period): array}."""
    out = {}
    for name, holder in population._holders.items():
        for period in holder.get_known_periods():
            out[(name, str(period))] = np.asarray(holder.get_array(period))
    return out


@pytest.mark.parametrize("name,data", list(_situations()), ids=lambda value: value if isinstance(value, str) else "")
def test_array_builder_builds_what_the_dict_builder_builds(tbs, name, data):
    cleaned = validate_situation(tbs, data, PERIOD, name)
    fast = situation_io.build_from_arrays(tbs, cleaned, PERIOD)
    slow = situation_io.build_from_dict(tbs, cleaned, PERIOD, name)
    assert fast is not None, "a validated situation must take the linear path"
    for key in ("persoon", "huishouden"):
        a, b = fast.populations[key], slow.populations[key]
        assert list(a.ids) == list(b.ids)
        assert a.count == b.count
        stored_a, stored_b = _stored(a), _stored(b)
        assert stored_a.keys() == stored_b.keys()
        for item in stored_b:
            assert stored_a[item].dtype == stored_b[item].dtype, item
            assert np.array_equal(stored_a[item], stored_b[item]), item
    a, b = fast.populations["huishouden"], slow.populations["huishouden"]
    assert np.array_equal(a.members_entity_id, b.members_entity_id)
    assert [role.key for role in a.members_role] == [role.key for role in b.members_role]
    for variable in ("besteedbaar_inkomen", "bijstand", "inkomstenbelasting", "wia_uitkering", "ww_uitkering",
                     "toeslagenwet_toeslag", "zorgtoeslag", "huurtoeslag", "kindgebonden_budget", "resterende_verdiencapaciteit"):
        assert np.array_equal(fast.calculate(variable, PERIOD), slow.calculate(variable, PERIOD)), variable


def test_the_calc_path_takes_the_array_builder_and_falls_back_for_what_it_does_not_know(tbs):
    data = validate_situation(tbs, _households(5, 7), PERIOD, "t")
    simulation = situation_io.build(tbs, data, PERIOD, "t")
    assert isinstance(simulation.persons, FastPopulation)
    # a person in no household: not the validated form, so the dict builder decides (it gives him a
    # household of his own) and the result is still computed
    loose = {"personen": {"anna": {"leeftijd": 40}, "bob": {"leeftijd": 41}}, "huishoudens": {"h": {"aanvragers": ["anna"]}}}
    assert situation_io.build_from_arrays(tbs, loose, PERIOD) is None
    simulation = situation_io.build(tbs, loose, PERIOD, "t")
    assert list(simulation.populations["huishouden"].ids) == ["h", "bob"]


@pytest.mark.parametrize("trace", [False, True])
def test_fast_populations_compute_every_variable_as_openfisca_does(trace):
    from openfisca_nl_sz import CountryTaxBenefitSystem

    system = CountryTaxBenefitSystem()
    plain = CountryTaxBenefitSystem()
    plain.instantiate_entities = types.MethodType(TaxBenefitSystem.instantiate_entities, plain)
    data = validate_situation(system, _households(60, 11), PERIOD, "t")
    fast_sim = situation_io.build_from_dict(system, data, PERIOD, "t")
    plain_sim = situation_io.build_from_dict(plain, data, PERIOD, "t")
    assert type(fast_sim.persons) is FastPopulation and type(fast_sim.populations["huishouden"]) is FastGroupPopulation
    assert type(plain_sim.persons) is Population and type(plain_sim.populations["huishouden"]) is GroupPopulation
    fast_sim.trace = plain_sim.trace = trace
    # the variables in two orders: first the whole chain top-down (most values found in memory),
    # then every variable of the system
    names = ["besteedbaar_inkomen", *sorted(system.variables)]
    for name in names:
        a = fast_sim.calculate(name, PERIOD)
        b = plain_sim.calculate(name, PERIOD)
        assert type(a) is type(b), name
        assert a.dtype == b.dtype, name
        assert np.array_equal(a, b), name


def test_role_masks_follow_the_roles_and_cannot_be_edited(tbs):
    from openfisca_nl_sz.entities import Huishouden

    data = validate_situation(tbs, _households(20, 3), PERIOD, "t")
    simulation = situation_io.build(tbs, data, PERIOD, "t")
    households = simulation.populations["huishouden"]
    for role in (Huishouden.AANVRAGER, Huishouden.PARTNER, Huishouden.KIND, Huishouden.MEDEBEWONER):
        expected = np.array([member is role for member in households.members_role])
        mask = simulation.persons.has_role(role)
        assert np.array_equal(mask, expected)
        with pytest.raises(ValueError):
            mask[0] = not mask[0]
        # value_from_person of a max-1 role: the member's value, 0 where the household has none
        if role.max == 1:
            ages = simulation.calculate("leeftijd", PERIOD)
            values = households.value_from_person(ages, role)
            for index in range(households.count):
                members = np.flatnonzero((households.members_entity_id == index) & expected)
                assert values[index] == (ages[members[0]] if members.size else 0)
    # roles set again (a new array) give fresh masks
    roles = np.array(households.members_role)
    households.members_role = roles[::-1].copy()
    assert np.array_equal(simulation.persons.has_role(Huishouden.AANVRAGER),
                          np.array([member is Huishouden.AANVRAGER for member in roles[::-1]]))


def test_calc_json_text_is_what_json_dumps_writes(tbs):
    """`nlsz calc --format json` lays its text out itself (issue 14 point 4); it must be the text of
    json.dumps(indent=2, ensure_ascii=False) for every output calc gives."""
    import json

    from openfisca_nl_sz.cli import DEFAULT_HOUSEHOLD_VARIABLES, DEFAULT_PERSON_VARIABLES, _compute, _json_text

    names = [n for n in DEFAULT_PERSON_VARIABLES + DEFAULT_HOUSEHOLD_VARIABLES if n in tbs.variables]
    names += ["wia_soort_uitkering"] if "wia_soort_uitkering" in tbs.variables else []  # an Enum: text values
    for name, data in _situations():
        cleaned = validate_situation(tbs, data, PERIOD, name)
        results = _compute(tbs, situation_io.build(tbs, cleaned, PERIOD, name), cleaned, names, PERIOD)
        document = {"period": PERIOD, **results}
        assert _json_text(document) == json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False), name
    odd = {"period": "2026-01", "personen": {'ë"x\n': {"a": -0.0, "b": 1e20, "c": None, "d": True}, "e": {}},
           "huishoudens": {}, "extra": {"h": {"list": [1, 2]}}}
    assert _json_text(odd) == json.dumps(odd, indent=2, ensure_ascii=False, allow_nan=False)


@pytest.mark.parametrize("instant", ["2024-01-01", "2025-01-01", "2026-01-01", "2026-07-01"])
def test_box1_scale_gives_what_openfisca_calc_gives_to_the_bit(tbs, instant):
    from openfisca_core.taxscales import MarginalRateTaxScale

    from openfisca_nl_sz.legal import box1

    law = tbs.get_parameters_at_instant(instant).inkomstenbelasting.tarief.belasting
    steep = MarginalRateTaxScale()  # a reform-like scale: more brackets, rates past 100 %
    for threshold, rate in ((0, 0.2), (10_000, 0.55), (40_000, 1.2), (90_000, 0.3)):
        steep.add_bracket(threshold, rate)
    rng = np.random.default_rng(1)
    incomes = np.floor(np.concatenate([
        rng.uniform(0, 200_000, 200_000), rng.uniform(0, 1e8, 10_000), np.arange(0, 100_001.0),
        np.array([0.0, 38_883.0, 38_884.0, 78_426.0, 78_427.0, 1e15]),
    ]))
    for scale in (law, steep):
        assert np.array_equal(box1.schaal(scale, incomes), scale.calc(incomes))


def test_a_reform_with_fast_populations_computes_as_openfisca_does():
    """A Reform (OpenFisca's class) gets the plain populations unless `use_fast_populations` is
    called on it; with it, every variable is the same, a neutralised one included."""
    from openfisca_core.reforms import Reform

    from openfisca_nl_sz import CountryTaxBenefitSystem
    from openfisca_nl_sz.populations import use_fast_populations

    class ZonderZorgtoeslag(Reform):
        def apply(self):
            self.neutralize_variable("zorgtoeslag")

    fast = use_fast_populations(ZonderZorgtoeslag(CountryTaxBenefitSystem()))
    plain = ZonderZorgtoeslag(CountryTaxBenefitSystem())
    data = validate_situation(fast, _households(30, 5), PERIOD, "t")
    fast_sim = situation_io.build(fast, data, PERIOD, "t")
    plain_sim = situation_io.build_from_dict(plain, data, PERIOD, "t")
    assert type(fast_sim.persons) is FastPopulation and type(plain_sim.persons) is Population
    assert not fast_sim.calculate("zorgtoeslag", PERIOD).any()
    for name in ["besteedbaar_inkomen", *sorted(fast.variables)]:
        a, b = fast_sim.calculate(name, PERIOD), plain_sim.calculate(name, PERIOD)
        assert a.dtype == b.dtype and np.array_equal(a, b), name
