"""Wet op het kindgebonden budget (WKB, BWBR0022751): the income-dependent child allowance.

Per child for whom kinderbijslag is received (children under 18) the WKB gives a yearly amount, more
for children of 12-15 and 16-17, plus the alleenstaande-ouderkop for a parent without toeslagpartner
(art. 2). The total is reduced by a percentage of the joint toetsingsinkomen above the grensinkomen:
the zorgtoeslag drempelinkomen, raised by a fixed amount for a parent with toeslagpartner. Above the
asset limit on 1 January there is nothing for the whole year (art. 3). Awir art. 14 lid 4-5: whole
euros, nothing below € 24 a year. The Dienst Toeslagen pays the unrounded yearly amount / 12 rounded
down (leaflet 2026 example 3: 5.975,94 -> € 497 per month).
"""

import numpy

from openfisca_core.model_api import MONTH, Variable, max_

from openfisca_nl_sz.entities import Huishouden

WKB = "https://wetten.overheid.nl/BWBR0022751/2025-01-01"
AWIR = "https://wetten.overheid.nl/BWBR0018472/2025-01-01"


class wkb_aantal_kinderen(Variable):
    """The number of children in the gezin for whom the budget is paid: children under 18."""

    value_type = int
    entity = Huishouden
    definition_period = MONTH
    label = "Children under 18 in the gezin (kindgebonden budget)"
    reference = f"{WKB}#Artikel2"
    documentation = """
    The WKB pays for children for whom the aanvrager receives kinderbijslag (AKW: under 18). Only members
    with the role `kind` count; the kinderbijslag conditions for 16-17-year-olds are not modelled.
    """

    def formula(huishouden, period, parameters):
        grens = parameters(period).kindgebonden_budget.maximum_leeftijd_kind
        jong = huishouden.members("leeftijd", period) < grens
        return huishouden.sum(jong, role=Huishouden.KIND)


class wkb_maximaal_bedrag(Variable):
    """The budget before the income reduction: an amount per child, the increases for children of 12-15
    and 16-17, and the alleenstaande-ouderkop for a parent without toeslagpartner."""

    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Maximum kindgebonden budget (per year)"
    reference = f"{WKB}#Artikel2"

    def formula(huishouden, period, parameters):
        kgb = parameters(period).kindgebonden_budget
        leeftijd = huishouden.members("leeftijd", period)
        n_12_15 = huishouden.sum((leeftijd >= 12) & (leeftijd < 16), role=Huishouden.KIND)
        n_16_17 = huishouden.sum((leeftijd >= 16) & (leeftijd < 18), role=Huishouden.KIND)
        n = huishouden("wkb_aantal_kinderen", period)
        alleenstaand = ~huishouden("awir_heeft_toeslagpartner", period)
        return (
            n * kgb.bedrag_per_kind
            + n_12_15 * kgb.verhoging_12_tot_16
            + n_16_17 * kgb.verhoging_16_tot_18
            + numpy.where(alleenstaand & (n > 0), kgb.alleenstaande_ouderkop, 0)
        )


class wkb_grensinkomen(Variable):
    """The income above which the budget is reduced: the drempelinkomen, plus a fixed amount for a
    parent with toeslagpartner."""

    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Grensinkomen of the kindgebonden budget (per year)"
    reference = f"{WKB}#Artikel2"

    def formula(huishouden, period, parameters):
        p = parameters(period)
        partner = huishouden("awir_heeft_toeslagpartner", period)
        verhoging = p.kindgebonden_budget.verhoging_drempelinkomen_partner
        return p.zorgtoeslag.drempelinkomen + numpy.where(partner, verhoging, 0)


class wkb_vermogen_boven_grens(Variable):
    """The assets of aanvrager and toeslagpartner on 1 January are above the kindgebonden budget limit."""

    value_type = bool
    entity = Huishouden
    definition_period = MONTH
    label = "Assets above the kindgebonden budget limit"
    reference = f"{WKB}#Artikel3"

    def formula(huishouden, period, parameters):
        grens = parameters(period).kindgebonden_budget.vermogensgrens
        partner = huishouden("awir_heeft_toeslagpartner", period)
        vermogen = huishouden("awir_vermogen_gezamenlijk", period)
        return vermogen > numpy.where(partner, grens.partner, grens.alleenstaande)


class wkb_jaarbedrag(Variable):
    """The yearly budget before rounding: the maximum amount minus the afbouwpercentage of the joint
    toetsingsinkomen above the grensinkomen, not below zero; nothing above the asset limit."""

    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Kindgebonden budget per year before rounding"
    reference = [f"{WKB}#Artikel2", f"{WKB}#Artikel3"]

    def formula(huishouden, period, parameters):
        afbouw = parameters(period).kindgebonden_budget.afbouwpercentage
        inkomen = huishouden("awir_toetsingsinkomen_gezamenlijk", period).astype(numpy.float64)
        grens = huishouden("wkb_grensinkomen", period).astype(numpy.float64)
        maximaal = huishouden("wkb_maximaal_bedrag", period).astype(numpy.float64)
        bedrag = max_(maximaal - afbouw * max_(inkomen - grens, 0), 0)
        return numpy.where(huishouden("wkb_vermogen_boven_grens", period), 0.0, bedrag)


class kindgebonden_budget(Variable):
    """The kindgebonden budget per month: the yearly amount / 12 rounded down to whole euros; nothing if
    the yearly amount rounded to whole euros is below € 24."""

    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Kindgebonden budget per month"
    reference = [f"{WKB}#Artikel2", f"{AWIR}#Artikel14"]
    documentation = """
    floor(unrounded yearly / 12): reproduces the three Dienst Toeslagen 2026 leaflet examples (392, 533,
    497); floor(rounded yearly / 12) would give 498 in example 3. Research §5.
    """

    def formula(huishouden, period, parameters):
        minimum = parameters(period).awir.minimum_tegemoetkoming
        jaar = huishouden("wkb_jaarbedrag", period).astype(numpy.float64)
        toegekend = numpy.floor(jaar + 0.5)
        return numpy.where(toegekend < minimum, 0.0, numpy.floor(jaar / 12 + 1e-9))
