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
    # Earning € 1 more and losing € 300 is an inkomensval in one step (issue 11 point 4), not a cliff.
    harms = [h for h in scan(evaluator, _single(), axis, Thresholds()) if h.kind in ("cliff", "inkomensval")]
    planted = [h for h in harms if min(h.x_from, h.x_to) <= PLANTED_AT <= max(h.x_from, h.x_to)]
    assert len(planted) == 1
    assert planted[0].kind == "inkomensval" and planted[0].extra["form"] == "stap"
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
    assert not [h for h in harms if h.kind in ("cliff", "inkomensval") and min(h.x_from, h.x_to) <= PLANTED_AT <= max(h.x_from, h.x_to)]


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
    harms = [h for h in scan(evaluator, _single(), axis, Thresholds(), kinds=["inkomensval"]) if h.extra.get("form") == "stap"]
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
    harm = scan(evaluator, household, axis, Thresholds(), kinds=["inkomensval"])[0]
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
    harm = scan(evaluator, _single(), axis, Thresholds(), kinds=["inkomensval"])[0]
    attribution = Neutraliser(system, "2026-01").attribute(harm, involved_regelingen(evaluator, harm.household_from, harm.household_to))
    assert abs(attribution["single"]["Zorgtoeslag"] - PLANTED_LOSS) < 5
    assert not _is_samenloop(attribution, 10.0)


class PlantedLimits(Reform):
    """A test-only reform with two new legal thresholds the default config knows nothing about: an
    asset limit of € 500.000 and an age limit of 61. Each takes € 300 of zorgtoeslag away. They are
    parameters, so the scan's ranges — read from the law (issue 11 point 5) — must reach them."""

    name = "planted asset limit 500.000 and age limit 61"

    def apply(self):
        def add_parameters(parameters):
            from openfisca_core.parameters import ParameterNode

            parameters.add_child("geplant", ParameterNode("geplant", data={
                "vermogensgrens": {"values": {"2024-01-01": {"value": 500000}}, "metadata": {"unit": "currency-EUR"}},
                "leeftijdsgrens": {"values": {"2024-01-01": {"value": 61}}, "metadata": {"unit": "year"}},
            }))
            return parameters

        self.modify_parameters(modifier_function=add_parameters)

        def penalty(huishouden, period):
            p = huishouden.simulation.tax_benefit_system.parameters(period).geplant
            aanvrager = huishouden.members("is_aanvrager", period)
            vermogen = huishouden.sum(huishouden.members("vermogen", period) * aanvrager)
            leeftijd = huishouden.sum(huishouden.members("leeftijd", period) * aanvrager)
            return PLANTED_LOSS * ((vermogen > p.vermogensgrens) + (leeftijd >= p.leeftijdsgrens))

        self.update_variable(zorgtoeslag_minus(self.baseline, penalty, "Zorgtoeslag minus planted asset and age limits"))


def test_planted_asset_and_age_limits_are_found_with_the_default_config(tbs):
    """The default config's vermogen axis started at € 60.000 and the age axis is not told about 61:
    both planted limits must still be crossed and found, located to the euro and the year."""
    from openfisca_nl_sz.search.config import load_config

    system = PlantedLimits(tbs)
    config = load_config(None, system)  # the default config, unchanged
    evaluator = Evaluator(system, config.period)
    household = dict(config.templates)["Werkende alleenstaande huurder"]
    axes = {axis.variable: axis for axis in config.axes_for(household)}
    assert axes["vermogen"].high >= 500_000 * 1.1  # reached, with a margin
    found = scan(evaluator, household, axes["vermogen"], config.thresholds, kinds=["cliff"])
    assert any((h.x_from, h.x_to) == (500000, 500001) and abs(h.severity - PLANTED_LOSS) < 1 for h in found)
    found = scan(evaluator, household, axes["leeftijd"], config.thresholds, kinds=["cliff"])
    assert any((h.x_from, h.x_to) == (60, 61) and abs(h.severity - PLANTED_LOSS) < 1 for h in found)
    # and they count in the threshold coverage, by their parameter names
    from openfisca_nl_sz.search.law_thresholds import thresholds_in_force

    names = {t.parameter for t in thresholds_in_force(system, config.period)}
    assert {"geplant.vermogensgrens", "geplant.leeftijdsgrens"} <= names


def test_planted_samenloop_finding_is_tagged_and_its_plain_attribution_adds_up(tbs, tmp_path):
    """Through the whole scan: the planted samenloop comes back as one finding tagged samenloop whose
    plain-word attribution per regeling adds up to the loss (issue 11 point 4)."""
    from openfisca_nl_sz.search.config import parse_config
    from openfisca_nl_sz.search.run import run_scan

    config = parse_config({
        "period": "2026-01", "seed": 1, "max_examples": 0, "law_ranges": False, "population": {"households": 0},
        "axes": [{"variable": "loon", "low": 1700, "high": 1750, "points": 2, "members": ["aanvrager"]}],
        "templates": [{"name": "huurder", "members": [{"id": "aanvrager", "role": "aanvrager",
                                                       "inputs": {"leeftijd": 40, "loon": 1200}}],
                       "inputs": {"huur": 700}}],
    }, "planted.yaml", PlantedSamenloop(tbs))
    result = run_scan(config, str(tmp_path), system=PlantedSamenloop(tbs), shrink_findings=False)
    hits = [f for f in result["findings"] if (f["axis_from"], f["axis_to"]) == (1733, 1734)]
    assert len(hits) == 1
    finding = hits[0]
    assert finding["kind"] == "inkomensval" and finding["step"] == "verdient € 1 meer"
    assert finding["tags"] == ["samenloop"]
    assert finding["samenloop_regelingen"] == ["Huurtoeslag", "Zorgtoeslag"]
    items = finding["samenloop_attribution"]
    # The loss: besteedbaar inkomen before minus after the step, = the severity of a one-step inkomensval.
    loss = round(finding["besteedbaar_inkomen_from"] - finding["besteedbaar_inkomen_to"], 2)
    assert abs(loss - finding["severity"]) <= 0.01
    assert abs(sum(item["amount"] for item in items) - loss) <= 0.011
    zorgtoeslag = [item for item in items if item["regeling"] == "Zorgtoeslag"]
    assert zorgtoeslag and zorgtoeslag[0]["plain"].startswith("de zorgtoeslag neemt € ")
    assert abs(zorgtoeslag[0]["amount"] - PLANTED_LOSS / 2) < 1  # the planted € 150
    assert all(item["plain"] for item in items)
    # ... and as exactly one card tagged samenloop, whose plain attribution adds up to its loss.
    tagged = [card for card in result["cards"] if "samenloop" in card["tags"]]
    assert len(tagged) == 1 and finding["id"] in tagged[0]["findings"]
    card_items = tagged[0]["samenloop_attribution"]
    assert abs(sum(item["amount"] for item in card_items) - tagged[0]["severity"]["typical"]) <= 0.011
    assert all(item["plain"] for item in card_items)
