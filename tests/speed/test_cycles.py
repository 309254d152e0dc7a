"""The short path of openfisca_nl_sz/populations.py finds circular and quasi-circular (spiral)
definitions exactly as OpenFisca's own path does: the same error for a cycle, the same value for a
spiral (OpenFisca gives the default value when a variable asks for its own previous month more
than `max_spiral_loops` times). No timing here.
"""

from __future__ import annotations

import numpy as np
import pytest
from openfisca_core import errors
from openfisca_core.model_api import MONTH, Reform, Variable

from openfisca_nl_sz.entities import Persoon
from openfisca_nl_sz.populations import FastPopulation, use_fast_populations
from openfisca_nl_sz.system import CountryTaxBenefitSystem
from openfisca_nl_sz import situation as situation_io


class cyclus_a(Variable):
    value_type = float
    entity = Persoon
    definition_period = MONTH
    label = "test: a needs b"

    def formula(persoon, period):
        return persoon("cyclus_b", period) + 1


class cyclus_b(Variable):
    value_type = float
    entity = Persoon
    definition_period = MONTH
    label = "test: b needs a"

    def formula(persoon, period):
        return persoon("cyclus_a", period) + 1


class teller(Variable):
    value_type = float
    entity = Persoon
    definition_period = MONTH
    label = "test: last month's value plus 1 (a spiral)"

    def formula(persoon, period):
        return persoon("teller", period.last_month) + 1


class Cycles(Reform):
    def apply(self):
        for variable in (cyclus_a, cyclus_b, teller):
            self.add_variable(variable)


SITUATION = {"personen": {"anna": {"leeftijd": {"2026-01": 45}}}, "huishoudens": {"h": {"aanvragers": ["anna"]}}}


@pytest.fixture(scope="module")
def systems():
    return {"fast": use_fast_populations(Cycles(CountryTaxBenefitSystem())), "plain": Cycles(CountryTaxBenefitSystem())}


def _simulation(system):
    return situation_io.build_from_dict(system, SITUATION, "2026-01", "test")


def test_the_fast_path_is_used(systems):
    assert isinstance(_simulation(systems["fast"]).persons, FastPopulation)
    assert not isinstance(_simulation(systems["plain"]).persons, FastPopulation)


@pytest.mark.parametrize("name", ["cyclus_a", "cyclus_b"])
def test_a_cycle_is_the_same_error(systems, name):
    messages = {}
    for key, system in systems.items():
        simulation = _simulation(system)
        with pytest.raises(errors.CycleError) as raised:
            simulation.calculate(name, "2026-01")
        messages[key] = str(raised.value)
        assert not simulation.tracer.stack  # the stack is left empty
    assert messages["fast"] == messages["plain"]


@pytest.mark.parametrize("spiral_loops", [1, 3])
def test_a_spiral_gives_the_same_values(systems, spiral_loops):
    values = {}
    for key, system in systems.items():
        simulation = _simulation(system)
        simulation.max_spiral_loops = spiral_loops
        values[key] = [simulation.calculate("teller", month).tolist() for month in ("2026-01", "2026-03")]
        assert not simulation.tracer.stack and not simulation.invalidated_caches
    assert values["fast"] == values["plain"]
    # OpenFisca cuts the spiral when the month asked for is already `max_spiral_loops` times on
    # the stack: that innermost month counts as the default 0, so each month gives spiral_loops
    assert values["fast"] == [[float(spiral_loops)], [float(spiral_loops)]]
