"""Hardheidsclausule: a gradual step from vervolguitkering to loonaanvullingsuitkering (WIA art. 60-61).

The harm it targets: after the loongerelateerde uitkering a WGA'er (35-80%) who earns at least the
inkomenseis (50% of the resterende verdiencapaciteit, art. 60) gets the loonaanvullingsuitkering,
70% of (maandloon - RVC) (art. 61 lid 4), while one euro less gives only the vervolguitkering, a
class percentage of the minimumloon (art. 62). For most wages the LAU is much higher, so earning a
little less than the inkomenseis costs far more than the euro: a cliff along the `loon` axis.

The clause: below the inkomenseis the vervolguitkering is raised step by step towards the amount the
person would get at the inkomenseis. From `begin_fractie` x inkomenseis (default 0: from the first
euro earned) the benefit rises linearly from G x H (the law's vervolguitkering) to the LAU at the
inkomenseis, so crossing the inkomenseis no longer changes the benefit. Without any earnings
nothing changes. Only the vervolguitkering is replaced; LGU, LAU and IVA stay the law's.
This is a proposal, not law.
"""

from __future__ import annotations

import numpy
from openfisca_core.model_api import MONTH, Reform, Variable, max_, min_, where

from openfisca_nl_sz.entities import Persoon
from openfisca_nl_sz.legal import wia_lau
from openfisca_nl_sz.reforms import Option, call_law_formula, in_force

NAME = "hardheid_zachte_overgang_vervolguitkering"
DESCRIPTION = "WGA: below the inkomenseis the vervolguitkering rises gradually to the loonaanvulling (no cliff)"

OPTIONS = {
    "begin_fractie": Option(
        float, 0.0, minimum=0, maximum=0.95,
        doc="Fraction of the inkomenseis from which the step-up starts (0 = from the first euro earned)."),
}

WIA = "https://wetten.overheid.nl/BWBR0019057/2025-01-01#Artikel"


def build(baseline, options: dict, start: str, stop: str | None = None):
    begin = float(options["begin_fractie"])
    law_vvu = baseline.variables["wga_vervolguitkering"]

    class wga_lau_bij_inkomenseis(Variable):
        """Hardheidsclausule: the loonaanvullingsuitkering the person would get when earning exactly the
        inkomenseis (art. 61 lid 4-6 evaluated at that income)."""

        value_type = float
        entity = Persoon
        definition_period = MONTH
        unit = "currency-EUR"
        label = "LAU at an income equal to the inkomenseis (hardheidsclausule)"
        reference = [WIA + "61"]

        def formula(persoon, period, parameters):
            # the law's own art. 61 lid 2-6 arithmetic (the same function as wga_loonaanvullingsuitkering),
            # with the income B set to the inkomenseis; the inkomenseis applies (a WGA'er below 80 %)
            eis = persoon("wia_inkomenseis", period)
            return wia_lau.loonaanvullingsuitkering(
                percentage=parameters(period).wia.lau.percentage,
                maandloon=persoon("wia_maandloon", period),
                inkomen=eis,
                factor=persoon("wia_dagloonfactor", period),
                rvc=max_(persoon("resterende_verdiencapaciteit", period), 0),
                vervolguitkering_bedrag=persoon("wga_vervolguitkering_bedrag", period),
                geen_inkomenseis=numpy.zeros(len(eis), dtype=bool),
            )

    class wga_vervolguitkering(Variable):
        """The law's vervolguitkering, raised below the inkomenseis in proportion to the income earned,
        up to the LAU at the inkomenseis (hardheidsclausule)."""

        value_type = float
        entity = Persoon
        definition_period = MONTH
        unit = "currency-EUR"
        label = "WGA-vervolguitkering with a gradual step to the loonaanvulling (hardheidsclausule)"
        reference = [WIA + "60", WIA + "61", WIA + "62"]

        def formula(persoon, period, parameters):
            law = call_law_formula(law_vvu, persoon, period, parameters)
            if not in_force(period, start, stop):
                return law
            eis = persoon("wia_inkomenseis", period)
            inkomen = persoon("wia_inkomen_uit_arbeid", period)
            ratio = inkomen / where(eis > 0, eis, 1)
            stap = min_(max_((ratio - begin) / (1 - begin), 0), 1)
            gh = persoon("wga_vervolguitkering_bedrag", period)
            doel = persoon("wga_lau_bij_inkomenseis", period)
            verhoogd = max_(law, gh + stap * max_(doel - gh, 0))
            return where((law > 0) & (eis > 0), verhoogd, law)

    class ZachteOvergangVervolguitkering(Reform):
        name = "Hardheidsclausule: geleidelijke overgang vervolguitkering → loonaanvulling"

        def apply(self):
            self.add_variable(wga_lau_bij_inkomenseis)
            self.update_variable(wga_vervolguitkering)

    return ZachteOvergangVervolguitkering(baseline)
