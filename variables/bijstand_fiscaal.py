"""The bijstand as taxable income: its gross amount, which the Awir toetsingsinkomen counts.

The Participatiewet fixes the bijstand as a NET amount (`bijstand`, per gezin, incl. the 5 %
vakantietoeslag). The gemeente pays it as a benefit on which it withholds loonheffing itself: the
gross amount is the net bijstand plus the loonheffing (Wet LB 1964 art. 34 / Wet IB art. 3.82:
a bijstandsuitkering is loon / a periodieke uitkering; box 1). That gross amount is on the jaaropgaaf
and in the aangifte, so it is part of the verzamelinkomen and therefore of the toetsingsinkomen of
zorgtoeslag, huurtoeslag and kindgebonden budget (Awir art. 8).

Why a separate module (not in inkomstenbelasting.py): the gross bijstand must NOT enter
`ib_belastbaar_inkomen_jaar` or `inkomstenbelasting`, because the bijstand itself depends on
`netto_inkomen`, which depends on those two (a cycle). The allowances do not feed the bijstand
(Pw art. 31 lid 2 onder b), so only the Awir side reads the gross bijstand. Keeping it in its own
module makes that boundary visible. The tax arithmetic is shared with the tax module through
`openfisca_nl_sz.legal.box1` (no second copy of brackets, premies or AHK); the exact inverse of it, the
gross-up, is `openfisca_nl_sz.legal.gross_up`.
"""

import numpy as np
from openfisca_core.model_api import MONTH, Variable, where

from openfisca_nl_sz.legal import gross_up
from openfisca_nl_sz.entities import Huishouden, Persoon

WET_IB = "https://wetten.overheid.nl/BWBR0011353/2025-01-01#Artikel{article}"
PW = "https://wetten.overheid.nl/BWBR0015703/2026-01-01#Artikel{article}"

class ib_bijstand_netto_aandeel(Variable):
    """The part of the gezin's net bijstand (incl. vakantietoeslag) that is paid to this person, per month."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Net bijstand paid to this person (share of the gezin's bijstand), per month"
    reference = PW.format(article="45")
    documentation = """
    When both spouses are entitled (pw_rechthebbend), each gets half: Pw art. 45 lid 4 (checked
    against the BWB text toestand 2025-01-01): "De algemene bijstand wordt uitbetaald aan ieder van
    de rechthebbende echtgenoten voor de helft dan wel op hun gezamenlijk verzoek aan een van hen
    voor het geheel"; each spouse gets his own jaaropgaaf. The joint request to pay it all to one
    spouse is not modelled. With one entitled spouse (art. 24) or
    without a partner, the whole bijstand goes to the entitled spouse (to the aanvrager unless only
    the partner is entitled). Kinderen and medebewoners get nothing.
    """

    def formula(persoon, period):
        huishouden = persoon.huishouden
        bijstand = huishouden("bijstand", period)
        rh = huishouden.members("pw_rechthebbend", period)
        rh_a = huishouden.value_from_person(rh, Huishouden.AANVRAGER)
        rh_p = huishouden.value_from_person(rh, Huishouden.PARTNER)
        heeft_partner = huishouden("heeft_partner", period)
        beiden = heeft_partner * rh_a * rh_p
        # Without both entitled: all to the aanvrager, unless only the partner is entitled.
        alleen_partner = heeft_partner * rh_p * np.logical_not(rh_a)
        is_aanvrager = persoon.has_role(Huishouden.AANVRAGER)
        is_partner = persoon.has_role(Huishouden.PARTNER)
        aandeel = where(
            beiden,
            0.5 * (is_aanvrager + is_partner),
            where(alleen_partner, 1.0 * is_partner, 1.0 * is_aanvrager),
        )
        return bijstand * aandeel


class ib_bijstand_bruto_jaar(Variable):
    """The yearly gross bijstand of this person: the amount on which the gemeente withholds loonheffing
    so that the person receives his net bijstand, if this month's situation lasts all year."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Gross bijstand per year (net share × 12, grossed up for loonheffing)"
    reference = [WET_IB.format(article="3.82"), PW.format(article="19")]
    documentation = """
    Net yearly bijstand N = 12 × ib_bijstand_netto_aandeel (the month's bijstand incl. the 5 %
    vakantietoeslag, as if the month lasted all year: contract convention). The gross G solves
        G − [T(O + G) − T(O)] = N,
    where O = ib_belastbaar_inkomen_jaar (the person's other box-1 income: wage, WIA, WW, TW) and
    T(x) = box-1 tax + premies volksverzekeringen on x minus the algemene heffingskorting on x, at
    least 0 (openfisca_nl_sz.legal.box1). So the loonheffingskorting (AHK) is applied once, on the total
    income; no arbeidskorting or IACK on the bijstand (it is no arbeidsinkomen).
    Solved exactly (openfisca_nl_sz.legal.gross_up): T is linear between the kinks of the law on the
    whole euros of income (the tariff rounds the income down to whole euros), so the equation is
    inverted per piece, for any rates (no cap on the marginal rate), only for persons with bijstand.
    The net at G is N exactly. The whole-euro rounding makes the net drop a little at each whole euro,
    so two or three gross amounts about a euro apart can give the same net: the highest is taken, the
    one a hand calculation finds (solve without the rounding, fix the whole euro, solve again). If a
    reform's rates leave no gross that reaches N (a marginal heffing above 100 %), G is +inf, and the
    allowances that test this income are 0.
    Simplifications: the gemeente's real loonheffing uses the monthly wage-tax tables (tabel voor
    maandloon with loonheffingskorting), the 'tabel bijzondere beloningen' for the vakantietoeslag
    paid once a year, and it applies the loonheffingskorting only if the person asks it to (usually
    when the bijstand is the main income); those table effects are ignored and the AHK is always
    applied on the total. Zvw: the gemeente pays the werkgeversheffing, which is not income of the
    person. Unused arbeidskorting of a working person is not set against the tax on the bijstand
    (the gemeente does not know it), so the gross is that of the loonheffing, not of the aanslag.
    """

    def formula(persoon, period, parameters):
        netto_jaar = 12 * np.maximum(persoon("ib_bijstand_netto_aandeel", period), 0)
        ander = persoon("ib_belastbaar_inkomen_jaar", period)
        # From the AOW age the AIO is grossed up with the AOW-age rates and kortingen (SVB loonheffing).
        aow = persoon("ib_boven_aow_leeftijd", period)
        aok = persoon("ib_alleenstaande_ouderenkorting_jaar", period)
        return gross_up.bruto_uit_netto_box1(
            netto_jaar, ander, parameters(period), aow_gerechtigd=aow, alleenstaande_ouderenkorting=aok
        )
