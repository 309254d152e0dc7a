"""Inputs with a formula default (openfisca_nl_sz/formula_defaults.py), on every way in.

The household is the couple of issue 12 (hand-worked in gedeeltelijke_invoer.yaml, 2026-01): both
WGA 50 % with a dagloon of 150 in month 31 of the WIA, no work for Bob. Anna's resterende
verdiencapaciteit (RVC) is given, Bob's is not. Bob's RVC by its formula is (1 − 0,50) × 21,75 × 150
= 1.631,25, so he misses the inkomenseis of 815,625 and gets the vervolguitkering 0,35 × 2.477,952 =
867,28 (Wet WIA art. 60, 62; https://wetten.overheid.nl/BWBR0019057/2025-01-01). With the bug his RVC
was 0 and he got a loonaanvullingsuitkering of 0,70 × 3.262,50 = 2.283,75.
"""

from __future__ import annotations

import numpy as np
import pytest
from openfisca_core.model_api import MONTH, Reform, Variable
from openfisca_core.simulations import SimulationBuilder

from openfisca_nl_sz import formula_defaults
from openfisca_nl_sz.errors import InputError
from openfisca_nl_sz.formula_defaults import NOT_GIVEN, given_name, given_or_formula
from openfisca_nl_sz.input_ranges import INPUT_RANGES, INPUTS_WITH_FORMULA_DEFAULT, UNBOUNDED_INPUTS
from openfisca_nl_sz.population import Population, build_simulation
from openfisca_nl_sz.search.evaluate import Evaluator
from openfisca_nl_sz.search.household import Household, Member, to_population
from openfisca_nl_sz import situation as situation_io

PERIOD = "2026-01"
RVC_BOB = 1631.25  # (1 − 0,50) × 21,75 × 150
VERVOLG_BOB = 867.28  # 0,35 × 2.294,40 × 1,08 = 867,2832
LAU_ZONDER_RVC = 2283.75  # 0,70 × 21,75 × 150: what Bob wrongly got
LAU_ANNA = 1149.75  # 0,70 × (3.262,50 − 1.500 × 1,08)

WGA = {"arbeidsongeschiktheidspercentage": 50, "wia_dagloon": 150, "wia_maanden_sinds_aanvang": 30}


def couple(anna_extra=None, bob_extra=None) -> dict:
    return {
        "personen": {
            "anna": {"leeftijd": 45, "loon": 1500, **WGA, **(anna_extra or {})},
            "bob": {"leeftijd": 47, **WGA, **(bob_extra or {})},
        },
        "huishoudens": {"huishouden": {"aanvragers": ["anna"], "partners": ["bob"]}},
    }


def build(tbs, situation):
    builder = SimulationBuilder()
    builder.set_default_period(PERIOD)
    return builder.build_from_entities(tbs, situation)


#: The inputs of the contract (shared contract, section "Inputs").
CONTRACT_INPUTS = (
    "leeftijd", "loon", "arbeidsongeschiktheidspercentage", "wia_dagloon", "resterende_verdiencapaciteit",
    "wia_duurzaam", "wia_maanden_sinds_aanvang", "wga_lgu_duur_maanden", "ww_dagloon",
    "ww_maanden_sinds_aanvang", "ww_duur_maanden", "vermogen", "studeert_met_studiefinanciering", "huur",
    "servicekosten", "wia_arbeidsverleden_jaren", "wia_arbeidsverleden_jaren_voor_2016",
    "ww_arbeidsverleden_jaren", "ww_arbeidsverleden_jaren_voor_2016", "ww_werkloos_uit_andere_dienstbetrekking",
    "ww_werkloosheid_na_aanvang_lgu", "tw_vrijlating_maanden_gebruikt", "pw_vrijlating_maanden_gebruikt",
    "pw_vrijlating_r_maanden_gebruikt", "zt_woonlandfactor",
)


def test_every_input_with_a_formula_has_its_own_default_per_entity(tbs):
    """The rule holds for every such variable: a public input (of the contract, or one with a
    range) that has a formula must be declared with given_or_formula, so a new one cannot bring the
    bug back."""
    public = set(CONTRACT_INPUTS) | set(INPUT_RANGES) | set(UNBOUNDED_INPUTS)
    assert all(name in tbs.variables for name in CONTRACT_INPUTS)
    inputs_with_formula = {
        name for name in public
        if name in tbs.variables and tbs.variables[name].formulas
    }
    declared = {name for name, v in tbs.variables.items() if v.set_input is given_or_formula}
    assert inputs_with_formula == declared == set(INPUTS_WITH_FORMULA_DEFAULT)
    for name in declared:
        given = tbs.variables[given_name(name)]
        assert not given.formulas and given.default_value == NOT_GIVEN
        assert given.entity.key == tbs.variables[name].entity.key
        assert given.value_type is tbs.variables[name].value_type
        assert INPUT_RANGES[given_name(name)] == INPUT_RANGES[name]
        # NOT_GIVEN can never be a real value of the input
        assert INPUT_RANGES[name][0] is not None and INPUT_RANGES[name][0] > NOT_GIVEN


def test_situation_dict_as_nlsz_calc_and_the_web_api_build_it(tbs):
    simulation = situation_io.build(tbs, couple(anna_extra={"resterende_verdiencapaciteit": 1500}), PERIOD, "couple")
    assert simulation.calculate("resterende_verdiencapaciteit", PERIOD).tolist() == [1500, RVC_BOB]
    np.testing.assert_allclose(simulation.calculate("wga_vervolguitkering", PERIOD), [0, VERVOLG_BOB], atol=0.005)
    np.testing.assert_allclose(simulation.calculate("wga_loonaanvullingsuitkering", PERIOD), [LAU_ANNA, 0], atol=0.005)


def test_nothing_given_and_everything_given_still_work(tbs):
    nothing = build(tbs, couple())
    assert nothing.calculate("resterende_verdiencapaciteit", PERIOD).tolist() == [RVC_BOB, RVC_BOB]
    both = build(tbs, couple({"resterende_verdiencapaciteit": 1500}, {"resterende_verdiencapaciteit": 0}))
    assert both.calculate("resterende_verdiencapaciteit", PERIOD).tolist() == [1500, 0]
    # Bob's given 0: the inkomenseis is 0, which he meets, so the loonaanvulling of 0,70 × 3.262,50
    np.testing.assert_allclose(both.calculate("wga_loonaanvullingsuitkering", PERIOD), [LAU_ANNA, LAU_ZONDER_RVC], atol=0.005)


def test_both_spellings_mixed_in_one_situation(tbs):
    """Anna gives `resterende_verdiencapaciteit`, Bob `resterende_verdiencapaciteit_opgegeven`, Carla
    nothing: each keeps his own (the second input does not wipe the first)."""
    situation = couple(anna_extra={"resterende_verdiencapaciteit": 1500},
                       bob_extra={"resterende_verdiencapaciteit_opgegeven": 700})
    situation["personen"]["carla"] = {"leeftijd": 30, **WGA}
    situation["huishoudens"]["huishouden"]["medebewoners"] = ["carla"]
    simulation = build(tbs, situation)
    assert simulation.calculate("resterende_verdiencapaciteit", PERIOD).tolist() == [1500, 700, RVC_BOB]


def test_arrays_mark_a_missing_value_with_not_given(tbs):
    """Populations (openfisca_nl_sz/population/frame.py) set whole arrays; NOT_GIVEN is 'not given'."""
    population = Population(
        household=np.array([0, 0, 1]), role=np.array([0, 1, 0]),
        person_inputs={
            "leeftijd": np.array([45, 47, 50]),
            "loon": np.array([1500.0, 0, 0]),
            "arbeidsongeschiktheidspercentage": np.array([50.0, 50, 50]),
            "wia_dagloon": np.array([150.0, 150, 150]),
            "wia_maanden_sinds_aanvang": np.array([30, 30, 30]),
            "resterende_verdiencapaciteit": np.array([1500.0, NOT_GIVEN, NOT_GIVEN]),
        },
    )
    simulation = build_simulation(tbs, population, PERIOD)
    assert simulation.calculate("resterende_verdiencapaciteit", PERIOD).tolist() == [1500, RVC_BOB, RVC_BOB]
    np.testing.assert_allclose(simulation.calculate("wga_vervolguitkering", PERIOD), [0, VERVOLG_BOB, VERVOLG_BOB], atol=0.005)


def test_search_households_with_an_input_on_one_member(tbs):
    """The search (search/household.py, search/evaluate.py) fills members without the input with
    the variable's default_value, which is now NOT_GIVEN."""
    household = Household([
        Member("aanvrager", "aanvrager", {"leeftijd": 45, "loon": 1500, **WGA, "resterende_verdiencapaciteit": 1500}),
        Member("partner", "partner", {"leeftijd": 47, **WGA}),
    ])
    population = to_population(tbs, [household])
    assert population.person_inputs["resterende_verdiencapaciteit"].tolist() == [1500, NOT_GIVEN]
    result = Evaluator(tbs, PERIOD).evaluate([household], ["wga_vervolguitkering"], member="partner")
    assert result["wga_vervolguitkering"][0] == pytest.approx(VERVOLG_BOB, abs=0.005)


def test_web_api_calculate(tbs):
    """`openfisca serve` (and `nlsz serve`) build the POSTed situation with OpenFisca's SimulationBuilder."""
    from openfisca_web_api.app import create_app

    situation = couple(anna_extra={"resterende_verdiencapaciteit": 1500})
    for person in situation["personen"].values():
        for name in ("resterende_verdiencapaciteit", "wga_vervolguitkering", "wga_loonaanvullingsuitkering"):
            person.setdefault(name, None)
        for name, value in list(person.items()):
            person[name] = {PERIOD: value}
    client = create_app(tbs).test_client()
    response = client.post("/calculate", json=situation)
    assert response.status_code == 200, response.get_data(as_text=True)
    personen = response.get_json()["personen"]
    assert personen["bob"]["resterende_verdiencapaciteit"][PERIOD] == pytest.approx(RVC_BOB)
    assert personen["bob"]["wga_vervolguitkering"][PERIOD] == pytest.approx(VERVOLG_BOB, abs=0.005)
    assert personen["bob"]["wga_loonaanvullingsuitkering"][PERIOD] == 0
    assert personen["anna"]["wga_loonaanvullingsuitkering"][PERIOD] == pytest.approx(LAU_ANNA, abs=0.005)


def test_web_api_shows_the_law_formula_not_the_wrapper(tbs):
    from openfisca_web_api.app import create_app

    response = create_app(tbs).test_client().get("/variable/resterende_verdiencapaciteit")
    assert response.status_code == 200
    formulas = response.get_json()["formulas"]
    assert "maatmaninkomen" in formulas["2024-01-01"]["content"]


def test_a_month_given_as_a_year_names_the_variable_given(tbs):
    situation = couple(anna_extra={"resterende_verdiencapaciteit": {"2026": 1500}})
    with pytest.raises(InputError) as raised:
        situation_io.build(tbs, situation, PERIOD, "couple.yaml")
    message = str(raised.value)
    assert "resterende_verdiencapaciteit" in message and "_opgegeven" not in message


def test_a_reform_that_replaces_the_default_formula_calls_install(tbs):
    """A reform may change the default (here: the RVC from a fixed 40 % of the maatmaninkomen); with
    `install` at the end of apply(), a value given for one person still wins for that person only."""

    class resterende_verdiencapaciteit(Variable):
        value_type = float
        entity = tbs.variables["resterende_verdiencapaciteit"].entity
        definition_period = MONTH
        label = "RVC: 40 % of the maatmaninkomen (test reform)"
        set_input = given_or_formula

        def formula(persoon, period, parameters):
            return 0.40 * 21.75 * persoon("wia_dagloon", period)

    class VeertigProcent(Reform):
        def apply(self):
            self.update_variable(resterende_verdiencapaciteit)
            formula_defaults.install(self)

    reform = VeertigProcent(tbs)
    simulation = build(reform, couple(anna_extra={"resterende_verdiencapaciteit": 1500}))
    # Bob: 0,40 × 21,75 × 150 = 1.305
    assert simulation.calculate("resterende_verdiencapaciteit", PERIOD).tolist() == [1500, 1305]
    # the baseline is untouched
    assert build(tbs, couple()).calculate("resterende_verdiencapaciteit", PERIOD).tolist() == [RVC_BOB, RVC_BOB]


def test_install_is_idempotent(tbs):
    assert formula_defaults.install(tbs) == sorted(INPUTS_WITH_FORMULA_DEFAULT)
    simulation = build(tbs, couple(anna_extra={"resterende_verdiencapaciteit": 1500}))
    assert simulation.calculate("resterende_verdiencapaciteit", PERIOD).tolist() == [1500, RVC_BOB]


def test_before_the_first_formula_a_given_value_still_wins(tbs):
    """resterende_verdiencapaciteit's formula starts 2024-01; before it, the declared default 0."""
    builder = SimulationBuilder()
    builder.set_default_period("2023-06")
    simulation = builder.build_from_entities(tbs, couple(anna_extra={"resterende_verdiencapaciteit": 1500}))
    assert simulation.calculate("resterende_verdiencapaciteit", "2023-06").tolist() == [1500, 0]
