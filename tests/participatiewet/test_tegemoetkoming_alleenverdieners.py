"""The tegemoetkoming alleenverdieners (Pw art. 78gg) is part of besteedbaar_inkomen, and is a municipal
power that a scenario can switch off (parameter participatiewet.tegemoetkoming_alleenverdieners.toegekend)."""

import pytest
from openfisca_core.reforms import Reform
from openfisca_core.simulations import SimulationBuilder

P = "2026-01"
COUPLE = {
    "personen": {
        "ann": {"leeftijd": {P: 60}, "loon": {P: 0}, "arbeidsongeschiktheidspercentage": {P: 50},
                "wia_dagloon": {P: 140}, "wia_maanden_sinds_aanvang": {P: 30}},
        "piet": {"leeftijd": {P: 58}, "loon": {P: 0}},
    },
    "huishoudens": {"h": {"aanvragers": ["ann"], "partners": ["piet"]}},
}


class NietToegekend(Reform):
    def apply(self):
        def modify(parameters):
            parameters.participatiewet.tegemoetkoming_alleenverdieners.toegekend.update(start="2024-01-01", value=0)
            return parameters

        self.modify_parameters(modifier_function=modify)


def _calc(system, name):
    return float(SimulationBuilder().build_from_entities(system, COUPLE).calculate(name, P)[0])


def test_switched_off_the_payment_and_only_the_payment_leaves_besteedbaar_inkomen(tbs):
    uit = NietToegekend(tbs)
    assert _calc(uit, "tegemoetkoming_alleenverdieners") == 0
    # 1.100 / 12 = 91,67 per month (Regeling Stcrt. 2025, 44064)
    assert _calc(tbs, "besteedbaar_inkomen") - _calc(uit, "besteedbaar_inkomen") == pytest.approx(91.67, abs=0.01)
    # it is not income for the bijstand or the toeslagen
    for name in ("bijstand", "zorgtoeslag", "huurtoeslag"):
        assert _calc(tbs, name) == _calc(uit, name)
