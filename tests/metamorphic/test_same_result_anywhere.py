"""Metamorphic property: a household's results do not depend on who else is computed with it.

For any household (the search's own Hypothesis strategy, with inputs that have a formula default
given for some members), every output of the contract — per person and per household — is the same
1. computed alone, from its situation, the way `nlsz calc` and the web API build it;
2. inside a batch with other households, from arrays, the way populations and the search build it;
3. when one member also gives, as inputs, the values the formulas computed for him (his resterende
   verdiencapaciteit, LGU and WW durations, years before 2016): making a default explicit changes
   nothing, for him or for the others.

Before issue 12 point 2 all three failed: a value given for one person (in the household, or in
another household of the batch) set every other person's value to 0 instead of its formula default.
The 'ci' Hypothesis profile (tests/conftest.py) draws the same examples on every run.
"""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openfisca_core.simulations import SimulationBuilder

from openfisca_nl_sz.input_ranges import INPUTS_WITH_FORMULA_DEFAULT
from openfisca_nl_sz.population import build_simulation
from openfisca_nl_sz.search.household import Household
from openfisca_nl_sz.search.household import to_population
from openfisca_nl_sz.search.strategies import households

PERIOD = "2026-01"

#: The outputs of the contract (shared contract, section "Outputs").
CONTRACT_PERSON_OUTPUTS = (
    "iva_uitkering", "wga_loongerelateerde_uitkering", "wga_loonaanvullingsuitkering",
    "wga_vervolguitkering", "wia_uitkering", "ww_uitkering", "toeslagenwet_toeslag",
    "inkomstenbelasting", "awir_toetsingsinkomen",
)
CONTRACT_HOUSEHOLD_OUTPUTS = (
    "bijstandsnorm", "bijstand", "zorgtoeslag", "huurtoeslag", "kindgebonden_budget",
    "besteedbaar_inkomen", "kinderbijslag", "sociaal_minimum_tekort",
)
#: ... and the inputs with a formula default themselves.
PERSON_OUTPUTS = CONTRACT_PERSON_OUTPUTS + INPUTS_WITH_FORMULA_DEFAULT

#: Where a drawn value of an input with a formula default comes from (within its legal range).
GIVEN_VALUES = {
    "resterende_verdiencapaciteit": st.one_of(st.sampled_from([0, 500, 1500]), st.integers(0, 6000)),
    "wga_lgu_duur_maanden": st.integers(0, 24),
    "wia_arbeidsverleden_jaren_voor_2016": st.integers(0, 40),
    "ww_duur_maanden": st.integers(0, 24),
    "ww_arbeidsverleden_jaren_voor_2016": st.integers(0, 40),
}


@st.composite
def households_with_some_given(draw) -> Household:
    """A household of the search's strategy where some adults give some inputs that have a formula
    default, and the others leave them to the formula."""
    household = draw(households())
    for member in household.members:
        if member.role == "kind":
            continue
        for name in sorted(GIVEN_VALUES):
            if draw(st.integers(0, 3)) == 0:
                member.inputs[name] = draw(GIVEN_VALUES[name])
    return household


def results_from_situation(tbs, household: Household) -> dict:
    """{(member id or None, variable): value}, built from the household's situation dict."""
    builder = SimulationBuilder()
    builder.set_default_period(PERIOD)
    simulation = builder.build_from_entities(tbs, household.to_situation(PERIOD))
    ids = list(simulation.persons.ids)
    out = {}
    for name in PERSON_OUTPUTS:
        for member_id, value in zip(ids, simulation.calculate(name, PERIOD)):
            out[(member_id, name)] = float(value)
    for name in CONTRACT_HOUSEHOLD_OUTPUTS:
        out[(None, name)] = float(simulation.calculate(name, PERIOD)[0])
    return out


def results_in_batch(tbs, batch: list[Household], index: int) -> dict:
    """The same results for batch[index], computed in one array simulation of the whole batch."""
    simulation = build_simulation(tbs, to_population(tbs, batch), PERIOD)
    first = sum(len(h.members) for h in batch[:index])
    ids = [m.id for m in batch[index].ordered().members]
    out = {}
    for name in PERSON_OUTPUTS:
        values = simulation.calculate(name, PERIOD)[first:first + len(ids)]
        for member_id, value in zip(ids, values):
            out[(member_id, name)] = float(value)
    for name in CONTRACT_HOUSEHOLD_OUTPUTS:
        out[(None, name)] = float(simulation.calculate(name, PERIOD)[index])
    return out


def assert_same(expected: dict, actual: dict, how: str) -> None:
    assert expected.keys() == actual.keys()
    for key, value in expected.items():
        # one cent: the amounts are float32 inside OpenFisca, and a cent is what a reader sees
        assert np.isclose(actual[key], value, rtol=0, atol=0.01), f"{how}: {key} is {actual[key]}, alone {value}"


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    household=households_with_some_given(),
    others=st.lists(households_with_some_given(), min_size=1, max_size=3),
    data=st.data(),
)
def test_results_are_the_same_alone_in_a_batch_and_with_explicit_defaults(tbs, household, others, data):
    alone = results_from_situation(tbs, household)

    index = data.draw(st.integers(0, len(others)), label="position in the batch")
    batch = others[:index] + [household] + others[index:]
    assert_same(alone, results_in_batch(tbs, batch, index), f"in a batch at position {index}")

    member = data.draw(st.sampled_from([m.id for m in household.members]), label="member who gives more")
    explicit = household.copy()
    for name in INPUTS_WITH_FORMULA_DEFAULT:
        value = alone[(member, name)]
        explicit.member(member).inputs[name] = int(value) if value.is_integer() else value
    assert_same(alone, results_from_situation(tbs, explicit), f"{member} gives his formula values")
