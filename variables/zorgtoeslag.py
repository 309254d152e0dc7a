"""Wet op de zorgtoeslag (Wzt, BWBR0018451): the allowance towards the health-insurance premium.

The zorgtoeslag is the standaardpremie (one per verzekerde; two with a toeslagpartner) minus the
normpremie, a percentage of the drempelinkomen plus a percentage of the income above it (art. 2).
With a toeslagpartner who is not a verzekerde only half is paid (art. 2 lid 4). Above the asset
limit on 1 January there is nothing for the whole year (art. 3). The Awir rounds the yearly amount to
whole euros and grants nothing below € 24 (art. 14 lid 4-5), which is where the published
"inkomensgrens" comes from; the Dienst Toeslagen pays the rounded yearly amount / 12, rounded down.

The household's zorgtoeslag here is the claim of the aanvrager (with toeslagpartner). Adult children
and medebewoners could claim their own zorgtoeslag; that is not included.
"""

import numpy

from openfisca_core.model_api import MONTH, Variable, max_

from openfisca_nl_sz.entities import Huishouden, Persoon
from openfisca_nl_sz.legal.gezin import sum_aanvrager_en_partner

WZT = "https://wetten.overheid.nl/BWBR0018451/2025-01-01"
AWIR = "https://wetten.overheid.nl/BWBR0018472/2025-01-01"


def _rond_af_op_hele_euros(bedrag):
    """Awir art. 14 lid 4: arithmetic rounding to whole euros (half up)."""
    return numpy.floor(numpy.asarray(bedrag, dtype=numpy.float64) + 0.5)


class zt_verzekeringsplichtig(Variable):
    """The person is insured under the Zorgverzekeringswet (or is a verdragsgerechtigde abroad)."""

    value_type = bool
    entity = Persoon
    definition_period = MONTH
    default_value = True
    label = "Insured under the Zvw (verzekeringsplichtig) or verdragsgerechtigd"
    reference = f"{WZT}#Artikel1"
    documentation = """
    Input. False for e.g. a military serviceman on active duty (insured by Defence), the example of the
    Dienst Toeslagen leaflets for a partner who is not a verzekerde.
    """


class zt_verzekerde(Variable):
    """A verzekerde for the zorgtoeslag: insured under the Zvw and 18 or older."""

    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "Verzekerde in the sense of the Wet op de zorgtoeslag"
    reference = f"{WZT}#Artikel1"

    def formula(persoon, period, parameters):
        minimumleeftijd = parameters(period).zorgtoeslag.minimumleeftijd_verzekerde
        return persoon("zt_verzekeringsplichtig", period) & (
            persoon("leeftijd", period) >= minimumleeftijd
        )


class zt_woonlandfactor(Variable):
    """The factor by which the standaardpremie is multiplied for a verdragsgerechtigde living abroad."""

    value_type = float
    entity = Huishouden
    definition_period = MONTH
    default_value = 1.0
    label = "Woonlandfactor of the aanvrager (1 when living in the Netherlands)"
    reference = f"{WZT}#Artikel4a"
    documentation = """
    Input. Verdragsgerechtigden abroad get the standaardpremie times the woonlandfactor of their country
    (Regeling zorgverzekering, bijlage; e.g. Germany 0,9485 in 2024, Belgium 0,8165 in 2026 — leaflet
    examples). The country table itself is not encoded.
    """


class zt_drempelinkomen(Variable):
    """The drempelinkomen: 108% of twelve times the January minimum wage, as fixed by the Dienst."""

    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Drempelinkomen (per year)"
    reference = f"{WZT}#Artikel1"

    def formula(huishouden, period, parameters):
        return huishouden.filled_array(parameters(period).zorgtoeslag.drempelinkomen)


class zt_normpremie(Variable):
    """The normpremie: a percentage of the drempelinkomen (higher with a toeslagpartner) plus a
    percentage of the joint toetsingsinkomen above the drempelinkomen."""

    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Normpremie (per year)"
    reference = f"{WZT}#Artikel2"

    def formula(huishouden, period, parameters):
        p = parameters(period).zorgtoeslag.normpremie
        drempel = huishouden("zt_drempelinkomen", period).astype(numpy.float64)
        inkomen = huishouden("awir_toetsingsinkomen_gezamenlijk", period).astype(numpy.float64)
        partner = huishouden("awir_heeft_toeslagpartner", period)
        pct_drempel = numpy.where(
            partner,
            p.percentage_drempelinkomen_partner,
            p.percentage_drempelinkomen_alleenstaande,
        )
        return pct_drempel * drempel + p.percentage_boven_drempelinkomen * max_(
            inkomen - drempel, 0
        )


class zt_vermogen_boven_grens(Variable):
    """The assets of aanvrager and toeslagpartner on 1 January are above the zorgtoeslag limit."""

    value_type = bool
    entity = Huishouden
    definition_period = MONTH
    label = "Assets above the zorgtoeslag limit"
    reference = f"{WZT}#Artikel3"

    def formula(huishouden, period, parameters):
        grens = parameters(period).zorgtoeslag.vermogensgrens
        partner = huishouden("awir_heeft_toeslagpartner", period)
        vermogen = huishouden("awir_vermogen_gezamenlijk", period)
        return vermogen > numpy.where(partner, grens.partner, grens.alleenstaande)


class zt_aanspraak_jaar(Variable):
    """The yearly zorgtoeslag before rounding: the standaardpremie per person (times the woonlandfactor)
    minus the normpremie, halved when only one of the two partners is a verzekerde, and nothing above
    the asset limit."""

    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Zorgtoeslag per year before Awir rounding"
    reference = [f"{WZT}#Artikel2", f"{WZT}#Artikel3"]
    documentation = """
    Wzt art. 2 lid 1-4. With a toeslagpartner: 2 standaardpremies minus the normpremie; if one of the
    two is not a verzekerde (under 18, or not Zvw-insured) 50% of that (lid 4); if neither, nothing.
    Without partner: the aanvrager must be a verzekerde. Symmetric reading: if only the partner is a
    verzekerde, the partner would be the aanvrager and gets the 50% amount.
    """

    def formula(huishouden, period, parameters):
        zt = parameters(period).zorgtoeslag
        partner = huishouden("awir_heeft_toeslagpartner", period)
        verzekerde = huishouden.members("zt_verzekerde", period)
        n_verzekerden = sum_aanvrager_en_partner(huishouden, verzekerde)
        factor = numpy.where(
            partner,
            numpy.select(
                [n_verzekerden >= 2, n_verzekerden == 1], [1.0, zt.factor_partner_geen_verzekerde], 0.0
            ),
            numpy.where(n_verzekerden >= 1, 1.0, 0.0),
        )
        aantal_premies = numpy.where(partner, 2, 1)
        woonlandfactor = huishouden("zt_woonlandfactor", period).astype(numpy.float64)
        normpremie = huishouden("zt_normpremie", period)
        aanspraak = max_(aantal_premies * zt.standaardpremie * woonlandfactor - normpremie, 0)
        te_veel_vermogen = huishouden("zt_vermogen_boven_grens", period)
        return numpy.where(te_veel_vermogen, 0.0, aanspraak * factor)


class zt_toegekend_jaarbedrag(Variable):
    """The yearly zorgtoeslag as granted: rounded to whole euros, and nothing if below € 24."""

    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Zorgtoeslag per year as granted (Awir art. 14 lid 4-5)"
    reference = f"{AWIR}#Artikel14"

    def formula(huishouden, period, parameters):
        minimum = parameters(period).awir.minimum_tegemoetkoming
        jaar = _rond_af_op_hele_euros(huishouden("zt_aanspraak_jaar", period))
        return numpy.where(jaar < minimum, 0.0, jaar)


class zorgtoeslag(Variable):
    """The zorgtoeslag per month: the granted yearly amount divided by 12, rounded down to whole euros
    as the Dienst Toeslagen pays it."""

    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Zorgtoeslag per month"
    reference = [f"{WZT}#Artikel2", f"{AWIR}#Artikel14"]
    documentation = """
    floor(granted yearly amount / 12) reproduces every row of the official 2025 and 2026 monthly tables
    and every leaflet example (research params_tax_toeslagen §3.3, §9); floor(unrounded / 12) would miss
    e.g. the 2025 partner row 34.000 -> 187.
    """

    def formula(huishouden, period):
        jaar = huishouden("zt_toegekend_jaarbedrag", period).astype(numpy.float64)
        # The small epsilon protects exact multiples of 12 against float error.
        return numpy.floor(jaar / 12 + 1e-9)
