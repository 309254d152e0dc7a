"""Hardheidsclausule: a gradual asset test in the bijstand instead of all-or-nothing.

The harm it targets: under the Participatiewet (art. 34 with art. 19 lid 1 onder b and art. 11) a
gezin whose vermogen is one euro above the vermogensgrens gets NO bijstand at all, while one euro
less gives the full norm: a cliff of the whole bijstand along the `vermogen` axis.

The clause: the vermogen test no longer decides the right. Instead, the part of the vermogen above
the grens is assumed to be eaten into over `interteringsperiode_maanden` months, and the monthly
bijstand is reduced by excess / months (never below zero). With the default of 12 months a gezin
with EUR 1,200 above the grens keeps its bijstand minus EUR 100 a month; with EUR 12 x the norm
above the grens it gets nothing, as today. Everything else about the bijstand is the law's.
This is a proposal, not law.
"""

from __future__ import annotations

from openfisca_core.model_api import MONTH, Reform, Variable, max_

from openfisca_nl_sz.entities import Huishouden
from openfisca_nl_sz.reforms import Option, call_law_formula, in_force

NAME = "hardheid_geleidelijke_vermogenstoets"
DESCRIPTION = "Bijstand: vermogen above the grens reduces the bijstand by excess / N months instead of ending it"

OPTIONS = {
    "interteringsperiode_maanden": Option(
        float, 12.0, minimum=1, maximum=120,
        doc="Months over which the vermogen above the grens is assumed to be used up (proposal; default 12 = one year)."),
}

PW = "https://wetten.overheid.nl/BWBR0015703/2025-01-01#Artikel"


def build(baseline, options: dict, start: str, stop: str | None = None):
    months = float(options["interteringsperiode_maanden"])
    law_bijstand = baseline.variables["bijstand"]

    def _in_force(period):
        return in_force(period, start, stop)

    law_vermogenstoets = baseline.variables["pw_vermogen_onder_grens"]

    class pw_vermogen_onder_grens(Variable):
        """Hardheidsclausule: vermogen no longer ends the right to bijstand (it lowers the amount
        instead, see `bijstand`); outside the clause's period the law's art. 34 test applies."""

        value_type = bool
        entity = Huishouden
        definition_period = MONTH
        label = "Vermogenstoets (art. 34); hardheidsclausule: vermogen does not end the right"
        reference = PW + "34"

        def formula(huishouden, period, parameters):
            law = call_law_formula(law_vermogenstoets, huishouden, period, parameters)
            return law | _in_force(period)

    class pw_vermogensaftrek(Variable):
        """Hardheidsclausule: the monthly deduction for vermogen above the grens, excess / N months."""

        value_type = float
        entity = Huishouden
        definition_period = MONTH
        unit = "currency-EUR"
        label = f"Vermogen above the vermogensgrens / {months:g} months (hardheidsclausule)"
        reference = PW + "34"

        def formula(huishouden, period):
            boven = max_(huishouden("pw_vermogen", period) - huishouden("pw_vermogensgrens", period), 0)
            return (boven / months) * _in_force(period)

    class bijstand(Variable):
        """The law's bijstand, minus the vermogensaftrek of the hardheidsclausule, never below zero."""

        value_type = float
        entity = Huishouden
        definition_period = MONTH
        unit = "currency-EUR"
        label = "Algemene bijstand with a gradual vermogenstoets (hardheidsclausule)"
        reference = PW + "19"

        def formula(huishouden, period, parameters):
            law = call_law_formula(law_bijstand, huishouden, period, parameters)
            return max_(law - huishouden("pw_vermogensaftrek", period), 0)

    class GeleidelijkeVermogenstoets(Reform):
        name = f"Hardheidsclausule: geleidelijke vermogenstoets bijstand ({months:g} maanden)"

        def apply(self):
            self.update_variable(pw_vermogen_onder_grens)
            self.add_variable(pw_vermogensaftrek)
            self.update_variable(bijstand)

    return GeleidelijkeVermogenstoets(baseline)

