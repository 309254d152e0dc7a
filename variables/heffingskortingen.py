"""Heffingskortingen of the Wet inkomstenbelasting 2001 (hoofdstuk 8), below and from the AOW age, per year.

The kortingen are yearly amounts computed from this month's situation (see inkomstenbelasting.py).
They reduce the person's own tax + premies to at most zero (`ib_belasting_na_kortingen_jaar`).
Since 2009 (phased) the unused kortingen of a low- or no-income partner born on or after 1 January
1963 are no longer paid out; for a partner born before 1963 only the algemene heffingskorting is
paid out, up to the tax the other partner still owes (art. 8.9).

From the AOW age (`ib_boven_aow_leeftijd`) the kortingen lose their AOW premiedeel: the algemene
heffingskorting has its own published AOW-age amounts; for the arbeidskorting and the IACK, whose
AOW-age tables were not found, the premiedeel is removed by the ratio of the first-bracket rates
(`box1.aow_kortingsfactor`, derived). The ouderenkorting (art. 8.17) and the alleenstaande
ouderenkorting (art. 8.18) are added.

Fiscal partnership is taken to be the household's aanvrager and partner (for more than 6 months of
the year); medebewoners and kinderen are never fiscal partners here.
"""

import numpy as np
from numpy import logical_not as not_
from openfisca_core.model_api import MONTH, Variable, max_, min_, where

from openfisca_nl_sz.legal import box1
from openfisca_nl_sz.entities import Huishouden, Persoon

WET_IB = "https://wetten.overheid.nl/BWBR0011353/{date}#Artikel{article}"


def _fiscale_partner_waarde(persoon, waarde):
    """The value of the other member of the aanvrager–partner couple (0 for everyone else)."""
    huishouden = persoon.huishouden
    van_aanvrager = huishouden.sum(waarde, role=Huishouden.AANVRAGER)
    van_partner = huishouden.sum(waarde, role=Huishouden.PARTNER)
    return where(
        persoon.has_role(Huishouden.AANVRAGER),
        van_partner,
        where(persoon.has_role(Huishouden.PARTNER), van_aanvrager, 0),
    )


def _heeft_fiscale_partner(persoon, period):
    aanvrager_of_partner = persoon.has_role(Huishouden.AANVRAGER) + persoon.has_role(Huishouden.PARTNER)
    return aanvrager_of_partner & persoon.huishouden("heeft_partner", period)


class ib_algemene_heffingskorting_jaar(Variable):
    """Algemene heffingskorting: the maximum, reduced by a percentage of the income above the afbouwpunt, never below zero."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Algemene heffingskorting per year"
    reference = WET_IB.format(date="2025-01-01", article="8.10")
    documentation = """
    2024: phased out over the belastbaar inkomen uit werk en woning; from 2025 over the verzamelinkomen
    (box 1 + 2 + 3). Only box 1 is modelled, so both give the same number here; the two formulas keep
    the law's income concept for when box 2/3 are added.
    """

    def formula_2024_01(persoon, period, parameters):
        return _ahk(persoon, period, persoon("ib_belastbaar_inkomen_jaar", period), parameters(period))

    def formula_2025_01(persoon, period, parameters):
        return _ahk(persoon, period, persoon("ib_verzamelinkomen_jaar", period), parameters(period))


def _ahk(persoon, period, inkomen, parameters):
    # From the AOW age: the AOW-age maximum and afbouwpercentage (no AOW premiedeel).
    return box1.algemene_heffingskorting(inkomen, parameters, persoon("ib_boven_aow_leeftijd", period))


class ib_arbeidskorting_jaar(Variable):
    """Arbeidskorting: per segment of arbeidsinkomen a base amount plus (or, in the phase-out, minus) a percentage of the arbeidsinkomen above the segment's lower bound."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Arbeidskorting per year"
    reference = WET_IB.format(date="2025-01-01", article="8.11")
    documentation = """
    A segment applies to arbeidsinkomen of more than its lower bound up to and including the next bound
    (the law's "meer dan … maar niet meer dan"). Only wage counts; benefits give no arbeidskorting.
    From the AOW age the korting without its AOW premiedeel: × box1.aow_kortingsfactor (2025: 17,92 / 35,82).
    Derived, not the Belastingdienst's AOW-age table (not found): it can differ from it by about € 1.
    """

    def formula(persoon, period, parameters):
        ak = parameters(period).inkomstenbelasting.heffingskortingen.arbeidskorting
        inkomen = np.floor(np.round(np.asarray(max_(persoon("ib_arbeidsinkomen_jaar", period), 0), dtype=np.float64), 2))
        drempels = np.asarray(ak.basisbedrag.thresholds, dtype=np.float64)
        basis = np.asarray(ak.basisbedrag.amounts, dtype=np.float64)
        percentage = np.asarray(ak.percentage.amounts, dtype=np.float64)
        segment = np.clip(np.searchsorted(drempels, inkomen, side="left") - 1, 0, len(drempels) - 1)
        korting = basis[segment] + percentage[segment] * (inkomen - drempels[segment])
        factor = box1.aow_kortingsfactor(parameters(period), persoon("ib_boven_aow_leeftijd", period))
        return max_(korting, 0) * factor


class ib_kind_onder_12_in_huishouden(Variable):
    """A child of the gezin younger than 12 lives in the household (IACK condition)."""

    value_type = bool
    entity = Huishouden
    definition_period = MONTH
    label = "The gezin has a child younger than 12"
    reference = WET_IB.format(date="2025-01-01", article="8.14a")
    documentation = """
    The law asks for a child that had not reached 12 at the start of the year and lived at least six
    months at the address; the model uses the child's age in the month (leeftijd < 12), and takes the
    child to live there all year. Co-parent rules (≥ 3 days a week) are not modelled. Children born in
    2025 or later count (the IACK stays for all children until 2027; see the parameter documentation).
    """

    def formula(huishouden, period):
        leeftijd = huishouden.members("leeftijd", period)
        is_kind = huishouden.members.has_role(Huishouden.KIND)
        return huishouden.any(is_kind & (leeftijd < 12))


class ib_recht_op_iack(Variable):
    """Alleenstaande ouder, or the fiscal partner with the lower arbeidsinkomen (the older one if equal), with a child under 12 at home."""

    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "Meets the household conditions of the IACK"
    reference = WET_IB.format(date="2025-01-01", article="8.14a")
    documentation = """
    Only the aanvrager or the partner can be the parent here; medebewoners (who may have children of
    their own in reality) and kinderen never get the IACK. The arbeidsinkomen drempel is applied in
    ib_inkomensafhankelijke_combinatiekorting_jaar. If both partners have the same arbeidsinkomen and
    the same age, the aanvrager gets it (the law says the older one; ages in whole years can tie).
    """

    def formula(persoon, period):
        kind = persoon.huishouden("ib_kind_onder_12_in_huishouden", period)
        ouder = persoon.has_role(Huishouden.AANVRAGER) + persoon.has_role(Huishouden.PARTNER)
        heeft_partner = _heeft_fiscale_partner(persoon, period)
        eigen = persoon("ib_arbeidsinkomen_jaar", period)
        ander = _fiscale_partner_waarde(persoon, eigen)
        leeftijd = persoon("leeftijd", period)
        andere_leeftijd = _fiscale_partner_waarde(persoon, leeftijd)
        is_aanvrager = persoon.has_role(Huishouden.AANVRAGER)
        minstverdienend = (eigen < ander) | (
            (eigen == ander) & ((leeftijd > andere_leeftijd) | ((leeftijd == andere_leeftijd) & is_aanvrager))
        )
        return kind & ouder & (~heeft_partner | minstverdienend)


class ib_inkomensafhankelijke_combinatiekorting_jaar(Variable):
    """IACK: a percentage of the arbeidsinkomen above the drempel, up to the maximum, if the arbeidsinkomen exceeds the drempel."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Inkomensafhankelijke combinatiekorting per year"
    reference = WET_IB.format(date="2025-01-01", article="8.14a")

    def formula(persoon, period, parameters):
        iack = parameters(period).inkomstenbelasting.heffingskortingen.inkomensafhankelijke_combinatiekorting
        inkomen = np.floor(np.round(np.asarray(max_(persoon("ib_arbeidsinkomen_jaar", period), 0), dtype=np.float64), 2))
        bedrag = min_(iack.percentage * max_(inkomen - iack.drempel, 0), iack.maximum)
        # From the AOW age without the AOW premiedeel (derived, like the arbeidskorting).
        bedrag = bedrag * box1.aow_kortingsfactor(parameters(period), persoon("ib_boven_aow_leeftijd", period))
        return where(persoon("ib_recht_op_iack", period) & (inkomen > iack.drempel), bedrag, 0)


class ib_ouderenkorting_jaar(Variable):
    """Ouderenkorting: from the AOW age, the maximum, less 15 % of the verzamelinkomen above the afbouwpunt, never below zero."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Ouderenkorting per year (AOW age)"
    reference = WET_IB.format(date="2025-01-01", article="8.17")
    documentation = """
    2026: 2.067 up to a verzamelinkomen of 46.002, then 15 % less per euro above it, nil from 59.782
    (2025: 2.035 / 45.308 / 58.875; 2024: 2.010 / 44.770 / 58.170). Zero below the AOW age.
    """

    def formula(persoon, period, parameters):
        korting = box1.ouderenkorting(persoon("ib_verzamelinkomen_jaar", period), parameters(period))
        return where(persoon("ib_boven_aow_leeftijd", period), korting, 0)


class ib_alleenstaande_ouderenkorting_jaar(Variable):
    """Alleenstaande ouderenkorting: for an ongehuwde who has reached the AOW age, also when his AOW is
    partial or nil because he was not insured for (all) the years before it."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Alleenstaande ouderenkorting per year"
    reference = WET_IB.format(date="2025-01-01", article="8.18")
    documentation = """
    Art. 8.18: the belastingplichtige who has (a right to) an AOW pension calculated at the amount for an
    ongehuwde, or who gets no or a partial AOW as an ongehuwde only because he lived abroad before the AOW
    age or is a gemoedsbezwaarde (Belastingdienst, "Heffingskortingen voor AOW-gerechtigden",
    https://www.belastingdienst.nl/wps/wcm/connect/bldcontentnl/belastingdienst/prive/inkomstenbelasting/heffingskortingen_boxen_tarieven/heffingskortingen/heffingskortingen_voor_aow_gerechtigden).
    So the test is the AOW age and not aow_gehuwd (variables/aow.py), not aow_bruto > 0: an
    aow_opbouwpercentage of 0 (50 uninsured years, AOW art. 13) keeps the korting. 2024: 524, 2025: 531,
    2026: 540 (secondary sources, see the parameter). No phase-out.
    """

    def formula(persoon, period, parameters):
        bedrag = parameters(period).inkomstenbelasting.heffingskortingen.alleenstaande_ouderenkorting
        ongehuwd_aow_gerechtigd = persoon("aow_leeftijd_bereikt", period) * not_(persoon("aow_gehuwd", period))
        return where(ongehuwd_aow_gerechtigd, bedrag, 0)


class ib_heffingskortingen_jaar(Variable):
    """Sum of the heffingskortingen encoded here: algemene heffingskorting, arbeidskorting, IACK, ouderenkorting and alleenstaande ouderenkorting."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Heffingskortingen per year (AHK + AK + IACK + ouderenkorting + alleenstaande ouderenkorting)"
    reference = WET_IB.format(date="2025-01-01", article="8.1")
    documentation = """
    Not encoded (no inputs for them): jonggehandicaptenkorting (Wajong), groene beleggingen.
    """

    def formula(persoon, period):
        return (
            persoon("ib_algemene_heffingskorting_jaar", period)
            + persoon("ib_arbeidskorting_jaar", period)
            + persoon("ib_inkomensafhankelijke_combinatiekorting_jaar", period)
            + persoon("ib_ouderenkorting_jaar", period)
            + persoon("ib_alleenstaande_ouderenkorting_jaar", period)
        )


class ib_uitbetaling_algemene_heffingskorting_jaar(Variable):
    """For a partner born before 1963: the unused algemene heffingskorting is paid out, up to the tax the other partner owes."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Payout of the unused algemene heffingskorting to a partner born before 1963, per year"
    reference = WET_IB.format(date="2025-01-01", article="8.9")
    documentation = """
    Conditions: fiscal partner (aanvrager and partner), born before 1 January 1963 (birth year from
    leeftijd), and the other partner owes tax. The payout is the part of the person's own algemene
    heffingskorting that his own tax + premies cannot absorb, at most the other partner's tax + premies
    after his own kortingen. For people born on or after 1 January 1963 the payout is nil (research §2.4).
    Assumption: the algemene heffingskorting is set against the own tax first (before the arbeidskorting
    and IACK), so the unused part is max(0, AHK − own tax); the order was not verified in the law text.
    Rounded down to whole euros.
    """

    def formula(persoon, period, parameters):
        geboren_voor = parameters(period).inkomstenbelasting.heffingskortingen.uitbetaling_geboren_voor
        ahk = persoon("ib_algemene_heffingskorting_jaar", period)
        eigen_belasting = persoon("ib_belasting_en_premie_voor_kortingen_jaar", period)
        onbenut = max_(ahk - eigen_belasting, 0)
        belasting_partner = _fiscale_partner_waarde(persoon, persoon("ib_belasting_na_kortingen_jaar", period))
        recht = _heeft_fiscale_partner(persoon, period) & (persoon("ib_geboortejaar", period) < geboren_voor)
        return where(recht, np.floor(np.round(np.asarray(min_(onbenut, belasting_partner), dtype=np.float64), 2)), 0)


class ib_uitbetaling_algemene_heffingskorting(Variable):
    """One twelfth of the yearly payout of the algemene heffingskorting to a partner born before 1963."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Payout of the algemene heffingskorting to a partner born before 1963, per month"
    reference = WET_IB.format(date="2025-01-01", article="8.9")

    def formula(persoon, period):
        return persoon("ib_uitbetaling_algemene_heffingskorting_jaar", period) / 12
