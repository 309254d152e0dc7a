"""Planted harms: a reform that hides a cliff in one rule must be found, located and explained by
that rule; a smooth toy rule set must give no finding at all (no false alarms)."""

import numpy as np
from openfisca_core.model_api import MONTH, Reform, Variable

from openfisca_nl_sz.entities import Huishouden, Persoon
from openfisca_nl_sz.search.axes import Axis
from openfisca_nl_sz.search.detect import WITHDRAWN, Thresholds, scan
from openfisca_nl_sz.search.evaluate import Evaluator
from openfisca_nl_sz.search.explain import changed_rules, money_causes
from openfisca_nl_sz.search.household import Household, Member

PLANTED_AT = 1733.37  # deliberately not on any coarse grid point
PLANTED_LOSS = 300.0


def zorgtoeslag_minus(baseline, penalty, label):
    """The law's zorgtoeslag minus a planted `penalty(huishouden, period)`."""
    law = baseline.variables["zorgtoeslag"]

    class zorgtoeslag(Variable):
        value_type = float
        entity = Huishouden
        definition_period = MONTH
        reference = law.reference

        def formula(huishouden, period, parameters):
            formula = law.get_formula(period)
            base = formula(huishouden, period, parameters) if formula.__code__.co_argcount == 3 else formula(huishouden, period)
            return base - penalty(huishouden, period)

    zorgtoeslag.label = label
    return zorgtoeslag


class PlantedCliff(Reform):
    name = "planted cliff in the zorgtoeslag"

    def apply(self):
        class geplante_drempel(Variable):
            value_type = bool
            entity = Huishouden
            definition_period = MONTH
            label = "Planted test rule: the aanvrager earns more than € 1.733,37"
            reference = "https://example.org/planted-rule"

            def formula(huishouden, period):
                loon = huishouden.members("loon", period)
                return huishouden.sum(loon * huishouden.members("is_aanvrager", period)) > PLANTED_AT

        zorgtoeslag = zorgtoeslag_minus(
            self.baseline, lambda huishouden, period: PLANTED_LOSS * huishouden("geplante_drempel", period),
            "Zorgtoeslag minus a planted penalty")

        self.add_variable(geplante_drempel)
        self.update_variable(zorgtoeslag)


class SmoothToyRules(Reform):
    """Net income is a smooth, increasing function of every input: nothing to find."""

    name = "smooth toy rule set"

    def apply(self):
        class besteedbaar_inkomen(Variable):
            value_type = float
            entity = Huishouden
            definition_period = MONTH
            label = "Smooth toy net income"

            def formula(huishouden, period):
                netto = huishouden.sum(huishouden.members("netto_inkomen", period))
                vermogen = huishouden.sum(huishouden.members("vermogen", period))
                return 900 + netto + 0.0001 * vermogen + 0.01 * huishouden("huur", period)

        class netto_inkomen(Variable):
            value_type = float
            entity = Persoon
            definition_period = MONTH
            label = "Smooth toy net income of a person"

            def formula(persoon, period):
                return 0.6 * persoon("loon", period) + 0.5 * persoon("leeftijd", period)

        class sociaal_minimum_tekort(Variable):
            value_type = float
            entity = Huishouden
            definition_period = MONTH
            label = "No shortfall in the toy rules"

            def formula(huishouden, period):
                return huishouden("huur", period) * 0

        self.update_variable(besteedbaar_inkomen)
        self.update_variable(netto_inkomen)
        self.update_variable(sociaal_minimum_tekort)
        # The toy world has none of the real benefits: their withdrawal rates are not checked.
        for name in WITHDRAWN:
            self.neutralize_variable(name)


def _single(loon=1200.0):
    return Household([Member("aanvrager", "aanvrager", {"leeftijd": 40, "loon": loon})], {"huur": 300})


def test_planted_cliff_is_found_to_the_euro_and_explained_by_its_rule(tbs):
    system = PlantedCliff(tbs)
    evaluator = Evaluator(system, "2026-01")
    axis = Axis("loon", "aanvrager", 0, 5000, resolution=1, points=101)
    harms = [h for h in scan(evaluator, _single(), axis, Thresholds()) if h.kind == "cliff"]
    planted = [h for h in harms if min(h.x_from, h.x_to) <= PLANTED_AT <= max(h.x_from, h.x_to)]
    assert len(planted) == 1
    harm = planted[0]
    assert abs(harm.x_from - harm.x_to) == 1  # located to the euro
    assert harm.x_to > harm.x_from  # oriented in the direction of the loss: earning € 1 more
    causes = money_causes(evaluator, harm.household_from, harm.household_to)
    assert causes[0]["variable"] == "zorgtoeslag"
    assert abs(causes[0]["delta"] + PLANTED_LOSS) < 1.0
    rules = changed_rules(evaluator, harm.household_from, harm.household_to)
    assert any(r["variable"] == "geplante_drempel" and r["reference"] == "https://example.org/planted-rule" for r in rules)


def test_without_the_planted_rule_there_is_no_cliff_there(tbs):
    evaluator = Evaluator(tbs, "2026-01")
    axis = Axis("loon", "aanvrager", 0, 5000, resolution=1, points=101)
    harms = scan(evaluator, _single(), axis, Thresholds())
    assert not [h for h in harms if h.kind == "cliff" and min(h.x_from, h.x_to) <= PLANTED_AT <= max(h.x_from, h.x_to)]


def test_smooth_toy_rules_give_no_findings(tbs, default_config):
    evaluator = Evaluator(SmoothToyRules(tbs), default_config.period)
    found = []
    for _, household in default_config.templates:
        for axis in default_config.axes_for(household):
            found += scan(evaluator, household, axis, default_config.thresholds)
    assert found == []


def test_refinement_locates_a_jump_between_coarse_points(tbs):
    """A cliff between two grid points 50 apart is located by bisection, not by the grid."""
    system = PlantedCliff(tbs)
    evaluator = Evaluator(system, "2026-01")
    axis = Axis("loon", "aanvrager", 1700, 1750, resolution=1, points=2)
    harms = [h for h in scan(evaluator, _single(), axis, Thresholds(), kinds=["cliff"])]
    assert [(h.x_from, h.x_to) for h in harms] == [(1733.0, 1734.0)]
    assert np.isclose(harms[0].severity, PLANTED_LOSS, atol=2.0)


class PlantedSamenloop(Reform):
    """A zorgtoeslag penalty that applies only to households that also get huurtoeslag: neither law
    alone produces the loss, only their meeting does."""

    name = "planted samenloop of zorgtoeslag and huurtoeslag"

    def apply(self):
        def penalty(huishouden, period):
            loon = huishouden.sum(huishouden.members("loon", period))
            return PLANTED_LOSS / 2 * ((loon > PLANTED_AT) * (huishouden("huurtoeslag", period) > 0))

        zorgtoeslag = zorgtoeslag_minus(self.baseline, penalty, "Zorgtoeslag minus a planted penalty for huurtoeslag receivers")
        self.update_variable(zorgtoeslag)


def test_planted_samenloop_is_attributed_to_the_pair(tbs):
    from openfisca_nl_sz.search.explain import Neutraliser, involved_regelingen
    from openfisca_nl_sz.search.run import _interacting, _is_samenloop

    system = PlantedSamenloop(tbs)
    evaluator = Evaluator(system, "2026-01")
    household = Household([Member("aanvrager", "aanvrager", {"leeftijd": 40, "loon": 1200})], {"huur": 700})
    axis = Axis("loon", "aanvrager", 1700, 1750, resolution=1, points=2)
    harm = scan(evaluator, household, axis, Thresholds(), kinds=["cliff"])[0]
    assert (harm.x_from, harm.x_to) == (1733.0, 1734.0)
    attribution = Neutraliser(system, "2026-01").attribute(harm, involved_regelingen(evaluator, harm.household_from, harm.household_to))
    # Alone, neither law takes the planted 150; together they do (minus the euro of wage gained).
    assert abs(attribution["single"]["Zorgtoeslag"]) < 1 and abs(attribution["single"]["Huurtoeslag"]) < 5
    assert abs(attribution["pairs"][("Huurtoeslag", "Zorgtoeslag")] - PLANTED_LOSS / 2) < 5
    assert _is_samenloop(attribution, 10.0)
    assert _interacting(attribution, 10.0) == ["Huurtoeslag", "Zorgtoeslag"]


def test_a_single_law_cliff_is_not_samenloop(tbs):
    from openfisca_nl_sz.search.explain import Neutraliser, involved_regelingen
    from openfisca_nl_sz.search.run import _is_samenloop

    system = PlantedCliff(tbs)
    evaluator = Evaluator(system, "2026-01")
    axis = Axis("loon", "aanvrager", 1700, 1750, resolution=1, points=2)
    harm = scan(evaluator, _single(), axis, Thresholds(), kinds=["cliff"])[0]
    attribution = Neutraliser(system, "2026-01").attribute(harm, involved_regelingen(evaluator, harm.household_from, harm.household_to))
    assert abs(attribution["single"]["Zorgtoeslag"] - PLANTED_LOSS) < 5
    assert not _is_samenloop(attribution, 10.0)
