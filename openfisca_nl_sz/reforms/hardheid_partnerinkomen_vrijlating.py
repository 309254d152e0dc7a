"""Hardheidsclausule: a lasting vrijlating of the partner's wage in the Toeslagenwet.

The harm it targets: the Toeslagenwet supplement of a gehuwde is reduced by the partner's wage
euro for euro (art. 6 lid 1: the spouses' incomes are added), apart from the temporary vrijlating of
art. 7 (at most 15% of the minimumloon, for at most 24 months). So once that ends, every euro the
partner earns up to the toeslag is lost: a marginal pressure of 100% on the partner's work.

The clause: of the partner's wage, `vrijlating_fractie` x the TW minimumloon is disregarded without
time limit, and of the rest only `meetellend_aandeel` counts. Defaults: 15% of the minimumloon (the
art. 7 maximum, now without time limit and for the partner) and 40% counting. Own wage and benefits
count as in the law, and the art. 7 vrijlating still applies on top. This is a proposal, not law.

Why 40% and not the 70% of art. 7: the differential harm search (`tests/scenarios/
test_hardheid_harms.py`) showed that with 70% (and 50%) counting the clause does not remove the
harm but moves it: the toeslag then runs on into partner wages where the partner pays the full tax
rate, and the net marginal pressure there becomes 94% (86%) over a band of € 800 (€ 560) a month —
a new hoge marginale druk. At 40% no new harm on the partner's wage crosses the thresholds of
scenarios/scan_default.yaml.

One new harm remains, and it is the clause's own: the toeslag ends at the AOW age (TW art. 2), so
the larger toeslag the clause pays is lost on the 67th birthday. Under the law that birthday is a
small gain (the AOW replaces WIA + toeslag); under the clause it is a cliff of about € 127 a month
for a WGA 50% recipient with a working partner (2026-01). The differential search shows it and the
test pins it by decomposition (the clause's gain at 66 minus the law's gain on the birthday).
"""

from __future__ import annotations

from openfisca_core.model_api import MONTH, Reform, Variable, max_

from openfisca_nl_sz.entities import Persoon
from openfisca_nl_sz.reforms import Option, call_law_formula, in_force

NAME = "hardheid_partnerinkomen_vrijlating"
DESCRIPTION = "Toeslagenwet: part of the partner's wage is disregarded without time limit"

OPTIONS = {
    "vrijlating_fractie": Option(float, 0.15, minimum=0, maximum=1,
                                 doc="Part of the TW minimumloon of the partner's wage that never counts."),
    "meetellend_aandeel": Option(float, 0.40, minimum=0, maximum=1,
                                 doc="Share of the partner's wage above the vrijlating that counts (1 = law)."),
}

TW = "https://wetten.overheid.nl/BWBR0004043/2025-01-01#Artikel"


def build(baseline, options: dict, start: str, stop: str | None = None):
    fractie = float(options["vrijlating_fractie"])
    aandeel = float(options["meetellend_aandeel"])
    law_arbeid = baseline.variables["tw_inkomen_uit_arbeid"]

    class tw_inkomen_uit_arbeid(Variable):
        """Inkomen uit arbeid of the gezin for the TW: own wage plus the partner's wage as far as it
        counts under the hardheidsclausule (above the vrijlating, for the meetellend aandeel)."""

        value_type = float
        entity = Persoon
        definition_period = MONTH
        unit = "currency-EUR"
        label = "TW inkomen uit arbeid with a lasting partner-income vrijlating (hardheidsclausule)"
        reference = [TW + "6", TW + "7"]

        def formula(persoon, period, parameters):
            law = call_law_formula(law_arbeid, persoon, period, parameters)
            if not in_force(period, start, stop):
                return law
            eigen = persoon("loon", period)
            van_partner = max_(law - eigen, 0)
            vrij = fractie * persoon("tw_minimumloon", period)
            telt = aandeel * max_(van_partner - vrij, 0)
            return eigen + telt

    class PartnerinkomenVrijlating(Reform):
        name = f"Hardheidsclausule: vrijlating partnerinkomen Toeslagenwet ({fractie:g} × WML, {aandeel:g} telt)"

        def apply(self):
            self.update_variable(tw_inkomen_uit_arbeid)

    return PartnerinkomenVrijlating(baseline)
