"""Wet inkomstenbelasting 2001, box 1, below and from the AOW age; Zvw; net income.

Design. Every amount here is a *yearly* quantity computed from one month's situation, as the
contract asks: the month's wage (plus the 8 % vakantiebijslag the WML adds) and benefits are taken
to last the whole calendar year. The tax is the yearly aanslag of that year, and `inkomstenbelasting`
is one twelfth of it. This is the final settlement (aanslag), not the loonheffing withheld month by
month; the two differ for people whose situation changes within the year.

Box 1 income here is wage + WIA + WW + Toeslagenwet + AOW + aanvullend pensioen. Left out on purpose:
- bijstand: the municipality pays the bijstand net and bears the loonheffing itself
  (Participatiewet: bijstand is a net benefit), so it is not added to the person's box 1 income or
  tax here (it could not be: the bijstand depends on netto_inkomen, computed from this income).
  It IS taxable income, and its gross amount (`ib_bijstand_bruto_jaar`, variables/bijstand_fiscaal.py)
  is added to the Awir toetsingsinkomen; the person's aanslag can differ slightly from the loonheffing;
- allowances (zorgtoeslag, huurtoeslag, kindgebonden budget) and kinderbijslag: not taxable;
- box 2 and box 3 income, deductions (hypotheekrente, persoonsgebonden aftrek): no inputs for them.

The heffingskortingen are in `heffingskortingen.py`. From the AOW age (`aow_leeftijd_bereikt`, the
one AOW age of variables/aow.py) the AOW premium is not levied (Wet IB 2001 art. 2.10a), the algemene
heffingskorting is the AOW-age one, and the ouderenkorting and alleenstaande ouderenkorting are added.
Following the contract's convention, the month's AOW status is taken to hold all year: the mixed
rate of the year in which someone reaches the AOW age is not modelled.
"""

from openfisca_core.model_api import MONTH, Variable, max_, min_, where

from openfisca_nl_sz.legal import box1
from openfisca_nl_sz.entities import Persoon

WET_IB = "https://wetten.overheid.nl/BWBR0011353/{date}#Artikel{article}"
ZVW = "https://wetten.overheid.nl/BWBR0018450/{date}#Artikel{article}"


_euro_down = box1.euro_down  # the bracket, premium and AHK arithmetic is in openfisca_nl_sz/legal/box1.py


# ---------------------------------------------------------------- income (Wet IB 2001 hoofdstuk 3)


class ib_loon_jaar(Variable):
    """The month's gross wage plus the WML minimum vakantiebijslag on it, as a yearly amount."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Yearly wage incl. vakantiebijslag from this month's wage (12 × loon × 1,08)"
    reference = "https://wetten.overheid.nl/BWBR0002638/2025-01-01#Artikel15"

    def formula(persoon, period, parameters):
        vakantiebijslag = parameters(period).wml.vakantiebijslag
        return 12 * max_(persoon("loon", period), 0) * (1 + vakantiebijslag)


class aanvullend_pensioen(Variable):
    """Gross supplementary pension (occupational pension, lijfrente) per month, including any holiday allowance paid on it."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Gross aanvullend pensioen per month (incl. its holiday allowance share)"
    reference = WET_IB.format(date="2025-01-01", article="3.81")
    documentation = """
    Input, at least 0, default 0. Loon uit vroegere dienstbetrekking (Wet IB 2001 art. 3.81): box-1 income,
    not arbeidsinkomen. The payer withholds the inkomensafhankelijke bijdrage Zvw (zvw_bijdrage). It counts
    as middelen for the bijstand (through netto_inkomen). Meant for people past the AOW age, but any age is
    allowed (an early pension).
    """


class ib_pensioen_jaar(Variable):
    """The month's gross AOW (with its vakantie-uitkering) and aanvullend pensioen as a yearly amount."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Yearly AOW + aanvullend pensioen from this month's amounts"
    reference = WET_IB.format(date="2025-01-01", article="3.81")
    documentation = """
    = 12 × (aow_uitkering + aanvullend_pensioen). Both are box-1 income but not arbeidsinkomen (no arbeidskorting).
    """

    def formula(persoon, period):
        return 12 * (persoon("aow_uitkering", period) + max_(persoon("aanvullend_pensioen", period), 0))


class ib_uitkeringen_jaar(Variable):
    """The month's gross WIA, WW and Toeslagenwet benefits (with their vakantiebijslag) as a yearly amount."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Yearly taxable UWV benefits from this month's benefits"
    reference = WET_IB.format(date="2025-01-01", article="3.81")
    documentation = """
    Benefits are loon uit vroegere dienstbetrekking / periodieke uitkeringen (Wet IB 2001 art. 3.81, 3.101):
    box 1 income but not arbeidsinkomen, so no arbeidskorting or IACK is built up on them.
    The three benefits already include their 8 % vakantiebijslag share (contract).
    Bijstand is left out (see the module docstring).
    """

    def formula(persoon, period):
        return 12 * (
            persoon("wia_uitkering", period)
            + persoon("ww_uitkering", period)
            + persoon("toeslagenwet_toeslag", period)
        )


class ib_belastbaar_inkomen_jaar(Variable):
    """Yearly box-1 income (belastbaar inkomen uit werk en woning) if this month's wage and benefits last all year."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Belastbaar inkomen uit werk en woning per year, from this month's situation"
    reference = WET_IB.format(date="2025-01-01", article="3.1")
    documentation = """
    = 12 × loon × (1 + WML vakantiebijslag) + 12 × (wia_uitkering + ww_uitkering + toeslagenwet_toeslag)
    + 12 × (aow_uitkering + aanvullend_pensioen).
    Not rounded here (the allowances use it as toetsingsinkomen with their own rounding); the tax
    computation rounds it down to whole euros. No deductions, no eigen woning, no box 2/3.
    Bijstand is NOT included: the municipality pays it net and bears the loonheffing. Its gross amount
    is added only to the Awir toetsingsinkomen (awir_toetsingsinkomen, ib_bijstand_bruto_jaar).
    """

    def formula(persoon, period):
        return (
            persoon("ib_loon_jaar", period)
            + persoon("ib_uitkeringen_jaar", period)
            + persoon("ib_pensioen_jaar", period)
        )


class ib_arbeidsinkomen_jaar(Variable):
    """Yearly arbeidsinkomen (wage incl. vakantiebijslag) on which the arbeidskorting and the IACK are built up."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Arbeidsinkomen per year (12 × loon × 1,08)"
    reference = WET_IB.format(date="2025-01-01", article="8.11")
    documentation = """
    Arbeidsinkomen (Wet IB 2001 art. 8.11 lid 2) is the income from present work; WIA, WW and
    Toeslagenwet benefits are not arbeidsinkomen.
    """

    def formula(persoon, period):
        return persoon("ib_loon_jaar", period)


class ib_verzamelinkomen_jaar(Variable):
    """Yearly verzamelinkomen (box 1 + box 2 + box 3); only box 1 is modelled, so it equals the box-1 income."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Verzamelinkomen per year (only box 1 modelled)"
    reference = WET_IB.format(date="2025-01-01", article="2.18")

    def formula(persoon, period):
        return persoon("ib_belastbaar_inkomen_jaar", period)


class ib_geboortejaar(Variable):
    """Year of birth, approximated as the period's year minus the age in whole years."""

    value_type = int
    entity = Persoon
    definition_period = MONTH
    label = "Year of birth (period year − leeftijd)"
    documentation = """
    Someone who turns 61 later this year was born one year earlier than this gives; the model has no
    birth date, so the approximation is accepted (it only matters for the 1963 payout boundary).
    """

    def formula(persoon, period):
        return period.start.year - persoon("leeftijd", period)


class ib_boven_aow_leeftijd(Variable):
    """The person has reached the AOW age, so the AOW-age tariff and kortingen apply (Wet IB 2001 art. 2.10a)."""

    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "Has reached the AOW age: the AOW-age tariff and heffingskortingen apply"
    reference = WET_IB.format(date="2025-01-01", article="2.10a")
    documentation = """
    = aow_leeftijd_bereikt (variables/aow.py, the one AOW age). From the AOW age the AOW premium (17,90 %)
    is not levied (tariff of art. 2.10a), the algemene heffingskorting is the AOW-age amount, the
    arbeidskorting and IACK lose their AOW premiedeel, and the ouderenkorting (art. 8.17) and alleenstaande
    ouderenkorting (art. 8.18) apply. The law looks at the AOW age at the start of the year (with a mixed
    rate in the year it is reached); the model uses the month's status for the whole year (contract).
    People born before 1946 have a longer first bracket (ib_geboren_voor_1946).
    """

    def formula(persoon, period):
        return persoon("aow_leeftijd_bereikt", period)


class ib_geboren_voor_1946(Variable):
    """Born before 1 January 1946: the longer first box-1 bracket of art. 2.10a applies."""

    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "Born before 1 January 1946 (longer first bracket at AOW age)"
    reference = WET_IB.format(date="2025-01-01", article="2.10a")
    documentation = """
    ib_geboortejaar < 1946 (period year − leeftijd; can be one year off around the birthday).
    Bound: parameter inkomstenbelasting.tarief.eerste_schijf_geboren_voor_1946.
    """

    def formula(persoon, period):
        return persoon("ib_geboortejaar", period) < 1946


# ---------------------------------------------------------------- tariff (art. 2.10; Wfsv)


class ib_box1_belasting_jaar(Variable):
    """Income tax on the box-1 income (tax part of the tariff, without premies), per year."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Inkomstenbelasting box 1 before heffingskortingen (belastingdeel) per year"
    reference = WET_IB.format(date="2025-01-01", article="2.10")
    documentation = """
    Over the belastbaar inkomen rounded down to whole euros (as the Belastingdienst rounds income in the
    aanslag). The belastingdeel is the same below and from the AOW age; only the premies differ.
    """

    def formula(persoon, period, parameters):
        return box1.belasting(
            persoon("ib_belastbaar_inkomen_jaar", period), parameters(period), persoon("ib_geboren_voor_1946", period)
        )


class ib_premie_volksverzekeringen_jaar(Variable):
    """Premies volksverzekeringen (AOW, Anw, Wlz) over the box-1 income up to the maximum premie-inkomen, per year."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Premies volksverzekeringen per year, before heffingskortingen"
    reference = "https://wetten.overheid.nl/BWBR0017745/2025-01-01#Artikel9"
    documentation = """
    27,65 % (AOW 17,90 + Anw 0,10 + Wlz 9,65) below the AOW age; 9,75 % (no AOW premium) from the AOW age,
    which makes the first bracket 19,07 % (2024), 17,92 % (2025) and 17,85 % (2026) together with the
    belastingdeel.
    """

    def formula(persoon, period, parameters):
        return box1.premie_volksverzekeringen(
            persoon("ib_belastbaar_inkomen_jaar", period),
            parameters(period),
            persoon("ib_boven_aow_leeftijd", period),
            persoon("ib_geboren_voor_1946", period),
        )


class ib_belasting_en_premie_voor_kortingen_jaar(Variable):
    """Box-1 tax plus premies volksverzekeringen before heffingskortingen, per year."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Box 1 tax + premies volksverzekeringen before heffingskortingen, per year"
    reference = WET_IB.format(date="2025-01-01", article="2.10")

    def formula(persoon, period):
        return persoon("ib_box1_belasting_jaar", period) + persoon("ib_premie_volksverzekeringen_jaar", period)


class ib_belasting_na_kortingen_jaar(Variable):
    """Box-1 tax plus premies after the heffingskortingen, at least zero, in whole euros down, per year."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Box 1 tax + premies volksverzekeringen after heffingskortingen, per year"
    reference = WET_IB.format(date="2025-01-01", article="8.1")
    documentation = """
    The heffingskortingen reduce tax + premies to at most zero; an unused korting is lost (non-refundable),
    apart from the payout of the algemene heffingskorting to a partner born before 1963
    (ib_uitbetaling_algemene_heffingskorting_jaar, not a negative tax).
    Simplification: the law splits each korting into a belastingdeel and a premiedeel and sets each
    against its own part; below the AOW age, with no deductions, both parts are in the same ratio as long
    as the income is in the first bracket, and above it the kortingen (at most about 11.700) stay below
    the first bracket's tax, so the combined max(0, tax − kortingen) gives the same result.
    Rounding: the yearly result is rounded down to whole euros (assumption: the Belastingdienst rounds
    the aanslag amount to whole euros in favour of the taxpayer; the kortingen themselves are kept to the
    cent). Not checked against an official aanslag example (none found; research §11).
    """

    def formula(persoon, period):
        voor = persoon("ib_belasting_en_premie_voor_kortingen_jaar", period)
        kortingen = persoon("ib_heffingskortingen_jaar", period)
        return _euro_down(max_(voor - kortingen, 0))


class inkomstenbelasting(Variable):
    """Box-1 income tax plus premies volksverzekeringen after heffingskortingen, one twelfth of the yearly amount."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Inkomstenbelasting + premies volksverzekeringen per month (1/12 of the year)"
    reference = WET_IB.format(date="2025-01-01", article="2.10")
    documentation = """
    = ib_belasting_na_kortingen_jaar / 12: the yearly tax in whole euros (rounded down) divided by 12,
    not rounded further. Never negative. From the AOW age with the AOW-age premies and kortingen.
    """

    def formula(persoon, period):
        return persoon("ib_belasting_na_kortingen_jaar", period) / 12


# ---------------------------------------------------------------- Zvw


class zvw_bijdrage(Variable):
    """Income-related Zvw contribution the person pays himself: the lage bijdrage on AOW and aanvullend pensioen; nil on wage and UWV benefits, where the payer owes the werkgeversheffing."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Inkomensafhankelijke bijdrage Zvw paid by the person himself, per month"
    reference = ZVW.format(date="2025-01-01", article="43")
    documentation = """
    On wage the employer owes the werkgeversheffing (Zvw art. 45); on WW, WIA and Toeslagenwet benefits
    UWV pays it (uwv.nl, uitleg jaaropgaaf, "Ingehouden bijdrage Zvw": "vaak zal dit '0' zijn. De betaling
    die wij hebben gedaan staat dan bij 'Werkgeverslasten' onder 'Werkgeversheffing Zvw'"). The lage
    bijdrage is paid by the person himself on pension income: the SVB withholds it on the AOW (SVB
    "Bedragen AOW": "Bijdrage Zvw"; e.g. 2026 4,85 % × 1.637,57 = 79,42 a month) and the pension fund on
    the aanvullend pensioen. So it is bijdrage_percentage × min(12 × (aow_uitkering + aanvullend_pensioen),
    maximum bijdrage-inkomen) / 12. Simplification: the maximum is applied to pension income alone, not
    shared with wage (it is about € 79.000 a year, far above the AOW).
    Bijstand: the municipality pays the werkgeversheffing.
    """

    def formula(persoon, period, parameters):
        zvw = parameters(period).zvw
        grondslag = min_(max_(persoon("ib_pensioen_jaar", period), 0), zvw.maximum_bijdrage_inkomen)
        return zvw.bijdrage_percentage * grondslag / 12


class zvw_werkgeversheffing(Variable):
    """Werkgeversheffing Zvw the employer or UWV pays on this person's wage and benefits; not a cost to the person."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Werkgeversheffing Zvw on wage and UWV benefits per month (employer cost, informational)"
    reference = ZVW.format(date="2025-01-01", article="45")
    documentation = """
    Percentage × min(yearly wage + benefits, maximum bijdrage-inkomen) / 12. For information only; it does
    not enter netto_inkomen. Simplification: one maximum over wage and benefits together (with several
    payers each one levies up to the maximum and the excess is refunded to the payer).
    """

    def formula(persoon, period, parameters):
        zvw = parameters(period).zvw
        loon_en_uitkeringen = persoon("ib_loon_jaar", period) + persoon("ib_uitkeringen_jaar", period)
        grondslag = min_(max_(loon_en_uitkeringen, 0), zvw.maximum_bijdrage_inkomen)
        return zvw.werkgeversheffing_percentage * grondslag / 12


# ---------------------------------------------------------------- net amounts


class ib_aandeel_loon(Variable):
    """Share of the wage (incl. vakantiebijslag) in the gross box-1 income; used to split the tax over wage and benefits."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    label = "Share of wage in box-1 income (0 when there is no income)"

    def formula(persoon, period):
        loon = persoon("ib_loon_jaar", period)
        totaal = persoon("ib_belastbaar_inkomen_jaar", period)
        return where(totaal > 0, loon / where(totaal > 0, totaal, 1), 0)


class netto_loon(Variable):
    """Wage incl. vakantiebijslag minus the part of the income tax that falls on it (pro rata to the gross amounts)."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Net wage per month (tax split pro rata over wage and benefits)"
    reference = WET_IB.format(date="2025-01-01", article="2.10")
    documentation = """
    = loon × (1 + vakantiebijslag) − inkomstenbelasting × (yearly wage / yearly box-1 income).
    The tax is one aanslag over the whole income; the split over wage and benefits is a convention
    (proportional to the gross components), not a rule of law. Includes the vakantiebijslag share
    of the month (what accrues, not what is paid out that month).
    """

    def formula(persoon, period, parameters):
        bruto = max_(persoon("loon", period), 0) * (1 + parameters(period).wml.vakantiebijslag)
        return bruto - persoon("inkomstenbelasting", period) * persoon("ib_aandeel_loon", period)


class netto_uitkering(Variable):
    """WIA, WW and Toeslagenwet benefits minus the part of the income tax that falls on them (pro rata)."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Net WIA + WW + Toeslagenwet benefits per month (tax split pro rata)"
    reference = WET_IB.format(date="2025-01-01", article="2.10")
    documentation = """
    = (wia_uitkering + ww_uitkering + toeslagenwet_toeslag) − inkomstenbelasting × (their share of the
    box-1 income). Bijstand is not included (it is net already and belongs to the household); AOW and
    aanvullend pensioen are in netto_pensioen.
    """

    def formula(persoon, period):
        jaar = persoon("ib_uitkeringen_jaar", period)
        return jaar / 12 - persoon("inkomstenbelasting", period) * _aandeel(persoon, period, jaar)


class netto_pensioen(Variable):
    """AOW and aanvullend pensioen minus the part of the income tax that falls on them (pro rata) and the Zvw bijdrage withheld on them."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Net AOW + aanvullend pensioen per month (tax split pro rata, minus the Zvw bijdrage)"
    reference = WET_IB.format(date="2025-01-01", article="2.10")
    documentation = """
    = aow_uitkering + aanvullend_pensioen − inkomstenbelasting × (their share of the box-1 income)
      − zvw_bijdrage (which in this model arises only on AOW and pension).
    """

    def formula(persoon, period):
        jaar = persoon("ib_pensioen_jaar", period)
        belasting = persoon("inkomstenbelasting", period) * _aandeel(persoon, period, jaar)
        return jaar / 12 - belasting - persoon("zvw_bijdrage", period)


def _aandeel(persoon, period, deel_jaar):
    """Share of a part of the box-1 income in the whole (0 when there is no income)."""
    totaal = persoon("ib_belastbaar_inkomen_jaar", period)
    return where(totaal > 0, deel_jaar / where(totaal > 0, totaal, 1), 0)


class netto_inkomen(Variable):
    """This month's net income from wage, UWV benefits, AOW and pension: gross incl. vakantiebijslag share, minus tax and own Zvw contribution."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Net income from wage, benefits, AOW and pension per month"
    reference = WET_IB.format(date="2025-01-01", article="2.10")
    documentation = """
    = netto_loon + netto_uitkering + netto_pensioen + ib_uitbetaling_algemene_heffingskorting
    = loon × 1,08 + wia_uitkering + ww_uitkering + toeslagenwet_toeslag + aow_uitkering + aanvullend_pensioen
      − inkomstenbelasting − zvw_bijdrage + the payout of the algemene heffingskorting to a partner born
      before 1963 (the Zvw bijdrage is inside netto_pensioen).
    Bijstand, allowances and kinderbijslag are added by besteedbaar_inkomen, not here.
    Without the payout netto_inkomen never exceeds the gross income.
    """

    def formula(persoon, period):
        return (
            persoon("netto_loon", period)
            + persoon("netto_uitkering", period)
            + persoon("netto_pensioen", period)
            + persoon("ib_uitbetaling_algemene_heffingskorting", period)
        )
