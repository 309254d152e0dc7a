"""Participatiewet (BWBR0015703): algemene bijstand for the gezin.

The gezin (art. 4) is the aanvrager, his partner and their minor children; the bijstand is the
difference between the applicable norm and the gezin's net income (art. 19 lid 2), as long as the
gezin's vermogen stays under the vermogensgrens (art. 19 lid 1 onder b, art. 34). The norm depends
on age (art. 20 jongerennormen, art. 21, art. 22 at AOW age), on whether the belanghebbende lives
with kostendelende medebewoners (art. 19a, 22a) and on whether both spouses are entitled (art. 24).
Norms and `bijstand` include the 5% vakantietoeslag (art. 19 lid 3), as the contract requires.

Design choices (see each variable's `documentation`):
- Everyone in the dwelling who is 27 or older and is not the aanvrager or his partner (an adult
  child in the role `kind`, or a `medebewoner`) is a kostendelende medebewoner, unless he studies
  with studiefinanciering/WTOS or rents/lodges on commercial terms (art. 19a lid 1).
- Counted income (art. 31-32) is `netto_inkomen` of the entitled spouses, minus the vrijlatingen
  of art. 31 lid 2 onder n, r and y on their net wage (`netto_loon`). Allowances (Awir),
  kinderbijslag and children's income are not middelen (art. 31 lid 2 onder b, d, h) and are
  therefore simply not read. A non-entitled spouse's income counts only as art. 32 lid 3 says.
- Vermogen is a cliff: above the grens there is no bijstand that month (the gezin must first live
  on the excess).
- From the pensioengerechtigde leeftijd (`aow_leeftijd_bereikt`, the one AOW age of variables/aow.py)
  the art. 22 norms apply, and the AOW (a voorliggende voorziening, art. 15) counts as middelen through
  `netto_inkomen`. With a full AOW the net AOW is above the art. 22 norm and no bijstand is left; a
  partial AOW (`aow_opbouwpercentage` < 100) is topped up to the norm: the aanvullende
  inkomensvoorziening ouderen (AIO) that the SVB pays under this law (art. 47a).
"""

import numpy
from numpy import logical_not as not_
from openfisca_core.model_api import MONTH, Variable, max_, min_, where

from openfisca_nl_sz.arrays import select  # numpy.select, faster on one household's arrays (issue 14)
from openfisca_nl_sz.entities import Huishouden, Persoon
from openfisca_nl_sz.legal.gezin import sum_aanvrager_en_partner
from openfisca_nl_sz.legal.rounding import cents_half_up

PW = "https://wetten.overheid.nl/BWBR0015703/2026-01-01#Artikel"
PW2025 = "https://wetten.overheid.nl/BWBR0015703/2025-01-01#Artikel"


# ----------------------------------------------------------------------------------------------
# Inputs
# ----------------------------------------------------------------------------------------------


class bijstand_maanden_sinds_aanvang(Variable):
    value_type = int
    entity = Huishouden
    definition_period = MONTH
    label = "Months since the algemene bijstand of the gezin started (0 = first month)"
    reference = PW + "19"
    documentation = """
    Chosen on the huishouden because the right to algemene bijstand belongs to the gezin (art. 11
    lid 4). No rule encoded here depends on it yet: the vrijlatingen have their own month counters
    per person (`pw_vrijlating_maanden_gebruikt`, `pw_vrijlating_r_maanden_gebruikt`), because the
    law counts months with a vrijlating, not months in bijstand. Kept as a contract input for
    scenarios and reports.
    """


class pw_vrijlating_maanden_gebruikt(Variable):
    value_type = int
    entity = Persoon
    definition_period = MONTH
    label = "Months of the art. 31 lid 2 onder n inkomstenvrijlating the person has already used"
    reference = PW2025 + "31"


class pw_vrijlating_r_maanden_gebruikt(Variable):
    value_type = int
    entity = Persoon
    definition_period = MONTH
    label = "Months of the alleenstaande-ouder vrijlating (art. 31 lid 2 onder r) already used"
    reference = PW2025 + "31"


class pw_medisch_urenbeperkt(Variable):
    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "Medisch urenbeperkt (can work fewer hours for medical reasons, art. 31 lid 2 onder y)"
    reference = PW2025 + "31"


class pw_commerciele_medebewoner(Variable):
    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "Lives in the dwelling as a tenant, landlord or lodger at a commercial price (not a kostendeler)"
    reference = PW + "19a"
    documentation = """
    Art. 19a lid 1 onder b and c: a written agreement at a commercial price, with the
    belanghebbende or with the same third party, and not a blood or affine relative in the first
    or second degree. The user sets this flag only when all of those conditions hold.
    """


class pw_uitsluitingsgrond(Variable):
    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "Another ground of art. 13 excludes the person from bijstand (e.g. detention, stay abroad)"
    reference = PW + "13"
    documentation = """
    Age under 18 (art. 13 lid 1 onder f) and study with studiefinanciering under 27 (art. 13 lid 2
    onder c) are computed from `leeftijd` and `studeert_met_studiefinanciering`; this input covers
    the other grounds of art. 13 (detention, military service, strike, more than four weeks abroad,
    uitreiziger, ...). It also lets a user model 'one partner not entitled' (art. 24) directly.
    """


class pw_verhoging_jongerennorm_toegekend(Variable):
    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "The college raises the jongerennorm because the parents cannot contribute (art. 20 lid 3, from 2026)"
    reference = PW + "20"


# ----------------------------------------------------------------------------------------------
# Persons: who is entitled, who shares costs (art. 13, 19a)
# ----------------------------------------------------------------------------------------------


class pw_pensioengerechtigd(Variable):
    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "Has reached the pensioengerechtigde leeftijd (AOW age)"
    reference = PW + "1"
    documentation = """
    Art. 1 onder m refers to the pensioengerechtigde leeftijd of AOW art. 7a lid 1: `aow_leeftijd_bereikt`,
    the one AOW age of the model (variables/aow.py, parameter aow.pensioengerechtigde_leeftijd).
    """

    def formula(persoon, period):
        return persoon("aow_leeftijd_bereikt", period)


class pw_rechthebbend(Variable):
    """The aanvrager or partner has a right to algemene bijstand of his own: 18 or older, not a
    student with studiefinanciering under 27, and no other ground of art. 13."""

    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "Aanvrager or partner with a right to algemene bijstand (art. 11, 13)"
    reference = PW + "13"
    documentation = """
    Art. 13 lid 2 onder c excludes a person under 27 who can follow education with
    studiefinanciering; `studeert_met_studiefinanciering` is read as 'has aanspraak on
    studiefinanciering for that education' (onder c 1°). Children and medebewoners are never
    rechthebbend in the gezin's claim.
    """

    def formula(persoon, period, parameters):
        p = parameters(period).participatiewet.leeftijden
        leeftijd = persoon("leeftijd", period)
        student = persoon("studeert_met_studiefinanciering", period) * (
            leeftijd < p.studiefinanciering_uitsluiting_tot
        )
        in_gezin = persoon.has_role(Huishouden.AANVRAGER) + persoon.has_role(Huishouden.PARTNER)
        return (
            in_gezin
            * (leeftijd >= p.minimumleeftijd)
            * not_(student)
            * not_(persoon("pw_uitsluitingsgrond", period))
        )


class pw_kostendelende_medebewoner(Variable):
    """A resident of 27 or older who is not the aanvrager or his partner, does not study with
    studiefinanciering/WTOS and does not rent or lodge on commercial terms (art. 19a lid 1)."""

    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "Kostendelende medebewoner (art. 19a)"
    reference = PW + "19a"
    documentation = """
    Adult children who live at home count (role `kind` or `medebewoner`): art. 19a excludes only
    the spouse, commercial tenants/lodgers and students. Art. 19a lid 1 onder d (education with a
    possible right to studiefinanciering or WTOS, bbl, comparable education abroad) is read from
    `studeert_met_studiefinanciering`.
    """

    def formula(persoon, period, parameters):
        p = parameters(period).participatiewet.normen.kostendelersnorm
        buiten_gezin_paar = persoon.has_role(Huishouden.KIND) + persoon.has_role(Huishouden.MEDEBEWONER)
        return (
            buiten_gezin_paar
            * (persoon("leeftijd", period) >= p.leeftijd_kostendeler)
            * not_(persoon("studeert_met_studiefinanciering", period))
            * not_(persoon("pw_commerciele_medebewoner", period))
        )


# ----------------------------------------------------------------------------------------------
# Household composition (art. 4)
# ----------------------------------------------------------------------------------------------


class pw_aantal_kostendelers(Variable):
    value_type = int
    entity = Huishouden
    definition_period = MONTH
    label = "Number of kostendelende medebewoners in the dwelling (art. 19a)"
    reference = PW + "19a"

    def formula(huishouden, period):
        return huishouden.sum(huishouden.members("pw_kostendelende_medebewoner", period))


class pw_heeft_ten_laste_komende_kinderen(Variable):
    value_type = bool
    entity = Huishouden
    definition_period = MONTH
    label = "The gezin has one or more ten laste komende (minor) kinderen (art. 4)"
    reference = PW + "4"

    def formula(huishouden, period, parameters):
        p = parameters(period).participatiewet.leeftijden
        minderjarig = huishouden.members("leeftijd", period) < p.kind_ten_laste_tot
        return huishouden.sum(minderjarig, role=Huishouden.KIND) > 0


class pw_alleenstaande_ouder(Variable):
    value_type = bool
    entity = Huishouden
    definition_period = MONTH
    label = "The aanvrager is an alleenstaande ouder: no partner, with ten laste komende kinderen (art. 4)"
    reference = PW + "4"

    def formula(huishouden, period):
        return not_(huishouden("heeft_partner", period)) * huishouden(
            "pw_heeft_ten_laste_komende_kinderen", period
        )


# ----------------------------------------------------------------------------------------------
# Norms (art. 20-24)
#
# One variable per article, so that a trace reads like the law: `pw_jongerennorm` (art. 20),
# `pw_norm_art21` (art. 21), `pw_norm_art22` (art. 22), `pw_kostendelersnorm` (art. 22a) and
# `pw_norm_art24` (art. 24). `pw_norm_alleenstaande` and `pw_norm_gehuwden` pick the article that
# applies to the gezin; `bijstandsnorm` picks between them by who in the gezin is entitled.
# ----------------------------------------------------------------------------------------------


def _kostendelersnorm(a, b, p):
    """Art. 22a lid 1: (40% + A x 30%) / A x B for one belanghebbende, rounded half up to cents.

    The rounding follows the published tables (Velsen 2024, Normenbrief 2026 IOAW amounts), which
    are the formula rounded half up to whole cents.
    """
    a = max_(numpy.asarray(a, dtype=numpy.float64), 1)
    return cents_half_up((p.basispercentage + p.percentage_per_persoon * a) / a * numpy.asarray(b, dtype=numpy.float64))


def _leeftijden(huishouden, period):
    """(leeftijd aanvrager, leeftijd partner); a missing partner reads as age 0."""
    leeftijd = huishouden.members("leeftijd", period)
    return (
        huishouden.value_from_person(leeftijd, Huishouden.AANVRAGER),
        huishouden.value_from_person(leeftijd, Huishouden.PARTNER),
    )


def _aow(huishouden, period):
    """(aanvrager at AOW age, partner at AOW age); a missing partner reads as not."""
    aow = huishouden.members("pw_pensioengerechtigd", period)
    return (
        huishouden.value_from_person(aow, Huishouden.AANVRAGER),
        huishouden.value_from_person(aow, Huishouden.PARTNER),
    )


class pw_jongerennorm(Variable):
    """The norm for young people of 18, 19 or 20 (art. 20): for an alleenstaande (ouder) under 21, for
    gehuwden both under 21, and for gehuwden of whom one is under 21; 0 for other gezinnen."""

    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Jongerennorm of the gezin, 18-20 (Participatiewet art. 20 lid 1-2)"
    reference = PW + "20"
    documentation = """
    Art. 20 lid 1 (without ten laste komende kinderen) and lid 2 (with): onder a the alleenstaande
    (ouder), onder b gehuwden both under 21, onder c gehuwden of whom one is under 21 and the other
    21 or older. The art. 20 lid 3 raise is `pw_verhoging_jongerennorm`. With kostendelers, a
    young spouse next to one of 21+ falls under art. 22a lid 3 (`pw_kostendelersnorm`).
    """

    def formula(huishouden, period, parameters):
        pw = parameters(period).participatiewet
        n20 = pw.normen.art20
        jong_tot = pw.leeftijden.jongerennorm_tot
        leeftijd_a, leeftijd_p = _leeftijden(huishouden, period)
        jong_a, jong_p = leeftijd_a < jong_tot, leeftijd_p < jong_tot
        kinderen = huishouden("pw_heeft_ten_laste_komende_kinderen", period)
        heeft_partner = huishouden("heeft_partner", period)
        return select(
            [not_(heeft_partner) * jong_a, heeft_partner * jong_a * jong_p, heeft_partner * (jong_a != jong_p)],
            [
                n20.alleenstaande,
                where(kinderen, n20.gehuwden_beiden_jong_met_kinderen, n20.gehuwden_beiden_jong),
                where(kinderen, n20.gehuwden_een_jong_met_kinderen, n20.gehuwden_een_jong),
            ],
            default=0,
        )


class pw_norm_art21(Variable):
    """The norm from 21 to the AOW age without kostendelers (art. 21): onder a for an alleenstaande or
    alleenstaande ouder, onder b for gehuwden."""

    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Norm of art. 21 (21 to AOW age): alleenstaande (ouder) onder a, gehuwden onder b"
    reference = PW + "21"
    documentation = """
    The amount of the article for the gezin's composition; whether it applies (age, kostendelers)
    is decided in `pw_norm_alleenstaande` and `pw_norm_gehuwden`. Since 2015 the alleenstaande
    ouder has the same norm as the alleenstaande (onder a).
    """

    def formula(huishouden, period, parameters):
        n21 = parameters(period).participatiewet.normen.art21
        return where(huishouden("heeft_partner", period), n21.gehuwden, n21.alleenstaande)


class pw_norm_art22(Variable):
    """The norm at the AOW age without kostendelers (art. 22): onder a for an alleenstaande or
    alleenstaande ouder, onder b and c for gehuwden of whom one or both reached the AOW age."""

    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Norm of art. 22 (AOW age): alleenstaande (ouder) onder a, gehuwden onder b/c"
    reference = PW + "22"

    def formula(huishouden, period, parameters):
        n22 = parameters(period).participatiewet.normen.art22
        return where(huishouden("heeft_partner", period), n22.gehuwden, n22.alleenstaande)


def _kostendelersnorm_b(huishouden, period, parameters):
    """B of the kostendelersnorm (art. 22a lid 1): the gehuwdennorm of art. 21 onder b, or of art. 22
    onder b/c when the belanghebbende or his spouse reached the AOW age.

    A function, not a variable: B must stay a float64 parameter value, because the kostendelersnorm
    rounds B x (40 + 30 A) / (100 A) half up to cents and a float32 B moves some halves (934,605).
    """
    n = parameters(period).participatiewet.normen
    aow_a, aow_p = _aow(huishouden, period)
    return where(aow_a + aow_p, n.art22.gehuwden, n.art21.gehuwden)


class pw_kostendelersnorm(Variable):
    """The kostendelersnorm (art. 22a) of a gezin whose members are all entitled and that shares the
    dwelling with kostendelers: for an alleenstaande (ouder) of 21+ and for gehuwden of whom at least
    one is 21+; 0 without kostendelers."""

    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Kostendelersnorm of the gezin (Participatiewet art. 22a lid 1-3)"
    reference = PW + "22a"
    documentation = """
    Lid 1: (40% + A x 30%) / A x B per belanghebbende of 21+, A = the kostendelers plus the
    belanghebbende (and a spouse of 21+), B = the gehuwdennorm of art. 21 onder b (art. 22
    onder b/c when he or his spouse reached the AOW age), rounded half up to cents.
    Lid 2: gehuwden both 21+ get the sum of their own norms, A = kostendelers + 2.
    Lid 3: a spouse of 18-20 next to one of 21+ gets a fixed amount (onder a with, onder b without
    ten laste komende kinderen) plus the older spouse's own kostendelersnorm, whose A counts the
    kostendelers and himself (the spouse under 21 is not counted).
    When only one spouse is entitled, the art. 24 norm applies (`pw_norm_art24`, with its own A).
    """

    def formula(huishouden, period, parameters):
        pw = parameters(period).participatiewet
        kd = pw.normen.kostendelersnorm
        jong_tot = pw.leeftijden.jongerennorm_tot
        leeftijd_a, leeftijd_p = _leeftijden(huishouden, period)
        k = huishouden("pw_aantal_kostendelers", period)
        b = _kostendelersnorm_b(huishouden, period, parameters)
        kinderen = huishouden("pw_heeft_ten_laste_komende_kinderen", period)
        een_jong = (leeftijd_a < jong_tot) != (leeftijd_p < jong_tot)
        jonge_echtgenoot = where(kinderen, kd.jonge_echtgenoot_met_kinderen, kd.jonge_echtgenoot_zonder_kinderen)
        gehuwden = where(een_jong, jonge_echtgenoot + _kostendelersnorm(k + 1, b, kd), 2 * _kostendelersnorm(k + 2, b, kd))
        norm = where(huishouden("heeft_partner", period), gehuwden, _kostendelersnorm(k + 1, b, kd))
        return where(k > 0, norm, 0)


class pw_norm_alleenstaande(Variable):
    """The norm of an entitled alleenstaande or alleenstaande ouder: art. 20 under 21, otherwise the
    kostendelersnorm (art. 22a) when he lives with kostendelers, otherwise art. 22 at AOW age and art.
    21 before it."""

    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Norm of an alleenstaande (ouder): art. 20, 21, 22 or 22a"
    reference = PW + "21"

    def formula(huishouden, period, parameters):
        jong_a = _leeftijden(huishouden, period)[0] < parameters(period).participatiewet.leeftijden.jongerennorm_tot
        aow_a = _aow(huishouden, period)[0]
        return select(
            [jong_a, huishouden("pw_aantal_kostendelers", period) > 0],
            [huishouden("pw_jongerennorm", period), huishouden("pw_kostendelersnorm", period)],
            default=where(aow_a, huishouden("pw_norm_art22", period), huishouden("pw_norm_art21", period)),
        )


class pw_norm_gehuwden(Variable):
    """The norm of gehuwden when both are entitled: art. 20 when both are under 21, or one is under 21
    and there are no kostendelers; otherwise the kostendelersnorm (art. 22a lid 2-3) with kostendelers,
    art. 22 when one of them reached the AOW age and art. 21 onder b before it."""

    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Norm of gehuwden both entitled: art. 20, 21, 22 or 22a"
    reference = PW + "21"
    documentation = """
    Also the 'bijstandsnorm voor gehuwden' of art. 32 lid 3 (`pw_gehuwdennorm_beide_rechthebbend`).
    0 for a gezin without a partner.
    """

    def formula(huishouden, period, parameters):
        jong_tot = parameters(period).participatiewet.leeftijden.jongerennorm_tot
        leeftijd_a, leeftijd_p = _leeftijden(huishouden, period)
        jong_a, jong_p = leeftijd_a < jong_tot, leeftijd_p < jong_tot
        aow_a, aow_p = _aow(huishouden, period)
        heeft_kd = huishouden("pw_aantal_kostendelers", period) > 0
        jongerennorm = huishouden("pw_jongerennorm", period)
        norm = select(
            [jong_a * jong_p, heeft_kd, jong_a != jong_p],
            [jongerennorm, huishouden("pw_kostendelersnorm", period), jongerennorm],
            default=where(aow_a + aow_p, huishouden("pw_norm_art22", period), huishouden("pw_norm_art21", period)),
        )
        return where(huishouden("heeft_partner", period), norm, 0)


class pw_norm_art24(Variable):
    """The norm when only one of the gehuwden is entitled (art. 24): 50% of the gehuwdennorm for his
    age; with kostendelers his own kostendelersnorm (art. 22a lid 1-2)."""

    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Norm of the one entitled spouse (Participatiewet art. 24)"
    reference = PW + "24"
    documentation = """
    Art. 24 lid 1: for the entitled spouse of 21+ without kostendelers, 50% of the gehuwdennorm of
    art. 21 onder b (art. 22 at his AOW age); under 21, 50% of the art. 20 norm for gehuwden both
    under 21 (with or without children), each rounded half up to cents. With kostendelers, his own
    kostendelersnorm, A = kostendelers + himself + the non-entitled spouse if 21 or older,
    B as in `pw_kostendelersnorm`. The non-entitled spouse's income counts as art. 32 lid 3 says
    (`pw_middelen`). 0 unless exactly one spouse is entitled.
    """

    def formula(huishouden, period, parameters):
        pw = parameters(period).participatiewet
        n = pw.normen
        jong_tot = pw.leeftijden.jongerennorm_tot
        rh = huishouden.members("pw_rechthebbend", period)
        rh_a = huishouden.value_from_person(rh, Huishouden.AANVRAGER)
        rh_p = huishouden.value_from_person(rh, Huishouden.PARTNER)
        leeftijd_a, leeftijd_p = _leeftijden(huishouden, period)
        aow_a, aow_p = _aow(huishouden, period)
        kinderen = huishouden("pw_heeft_ten_laste_komende_kinderen", period)
        k = huishouden("pw_aantal_kostendelers", period)

        rh_jong = where(rh_a, leeftijd_a, leeftijd_p) < jong_tot
        rh_aow = where(rh_a, aow_a, aow_p)
        ander_volwassen = where(rh_a, leeftijd_p, leeftijd_a) >= jong_tot
        beiden_jong = where(kinderen, n.art20.gehuwden_beiden_jong_met_kinderen, n.art20.gehuwden_beiden_jong)
        norm = select(
            [rh_jong, k == 0],
            [
                cents_half_up(0.5 * beiden_jong),
                cents_half_up(0.5 * where(rh_aow, n.art22.gehuwden, n.art21.gehuwden)),
            ],
            default=_kostendelersnorm(k + 1 + ander_volwassen, _kostendelersnorm_b(huishouden, period, parameters), n.kostendelersnorm),
        )
        return where(huishouden("heeft_partner", period) * (rh_a != rh_p), norm, 0)


class pw_verhoging_jongerennorm(Variable):
    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Raise of the jongerennorm when the parents cannot contribute (art. 20 lid 3-4, from 2026)"
    reference = PW + "20"
    documentation = """
    Encoded for the alleenstaande (ouder) of 18-20 only, capped so that norm + raise does not
    exceed the art. 21 onder a norm (lid 4). Whether and how the raise applies to young gehuwden
    was not verified (research has the amount, not the full text of lid 3): not encoded.
    No formula before 2026: the raise does not exist then (0).
    """

    def formula_2026_01(huishouden, period, parameters):
        pw = parameters(period).participatiewet
        n = pw.normen
        leeftijd_a = huishouden.value_from_person(huishouden.members("leeftijd", period), Huishouden.AANVRAGER)
        rh_a = huishouden.value_from_person(huishouden.members("pw_rechthebbend", period), Huishouden.AANVRAGER)
        toegekend = huishouden.value_from_person(
            huishouden.members("pw_verhoging_jongerennorm_toegekend", period), Huishouden.AANVRAGER
        )
        jong_alleen = (
            not_(huishouden("heeft_partner", period)) * rh_a * (leeftijd_a < pw.leeftijden.jongerennorm_tot)
        )
        verhoging = min_(n.art20.verhoging_jongerennorm, n.art21.alleenstaande - n.art20.alleenstaande)
        return where(jong_alleen * toegekend, max_(verhoging, 0), 0)


class bijstandsnorm(Variable):
    """The Participatiewet norm of the gezin per month, including the 5% vakantietoeslag, with the
    kostendelersnorm and the rule for a spouse without a right already applied."""

    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Bijstandsnorm of the gezin incl. vakantietoeslag (art. 20-24)"
    reference = PW + "21"
    documentation = """
    An entitled alleenstaande (ouder): `pw_norm_alleenstaande` (art. 20, 21, 22, 22a); gehuwden both
    entitled: `pw_norm_gehuwden` (art. 20, 21, 22, 22a lid 2-3); one spouse entitled:
    `pw_norm_art24` (art. 24); plus the art. 20 lid 3 raise (`pw_verhoging_jongerennorm`). 0 if
    nobody in the gezin is entitled. Art. 23 (inrichting) and art. 27-28 (lower norms set by the
    college) are not encoded.
    """

    def formula(huishouden, period, parameters):
        rh = huishouden.members("pw_rechthebbend", period)
        rh_a = huishouden.value_from_person(rh, Huishouden.AANVRAGER)
        rh_p = huishouden.value_from_person(rh, Huishouden.PARTNER)
        heeft_partner = huishouden("heeft_partner", period)
        norm = select(
            [not_(heeft_partner) * rh_a, heeft_partner * rh_a * rh_p, heeft_partner * (rh_a != rh_p)],
            [
                huishouden("pw_norm_alleenstaande", period),
                huishouden("pw_norm_gehuwden", period),
                huishouden("pw_norm_art24", period),
            ],
            default=0,
        )
        return norm + huishouden("pw_verhoging_jongerennorm", period)


class pw_gehuwdennorm_beide_rechthebbend(Variable):
    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Norm the couple would have if both spouses were entitled (for art. 32 lid 3)"
    reference = PW2025 + "32"

    def formula(huishouden, period):
        return huishouden("pw_norm_gehuwden", period)


# ----------------------------------------------------------------------------------------------
# Middelen (art. 31-33)
# ----------------------------------------------------------------------------------------------


class pw_vrijlating(Variable):
    """Part of the person's net earnings from work that the Participatiewet disregards: 25% up to a
    cap for at most 6 months (onder n, from 27), then 12,5% up to a cap for an alleenstaande ouder
    with a child under 12 (onder r, 30 months), or 15% up to a cap if medisch urenbeperkt (onder y)."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Inkomstenvrijlating on income from work (art. 31 lid 2 onder n, r, y)"
    reference = PW2025 + "31"
    documentation = """
    Computed on the net wage (`netto_loon`), as the municipalities do ('als u netto € 500 verdient
    mag u € 125 houden'). Only for an entitled aanvrager or partner (the law: 'voor zover hij
    algemene bijstand ontvangt'); the college's judgement that it furthers arbeidsinschakeling is
    assumed. Onder n: from 27 (lid 5); the 6-month limit only below AOW age. Onder y: 'tenzij
    onderdeel n van toepassing is', so after the 6 months or under 27. Onder r: from 27, after the 6
    months of n, at most 30 months, not when y applies; 'volledige zorg' for the child is assumed.
    Onder z/aa (doelgroep loonkostensubsidie) is NOT encoded.
    """

    def formula(persoon, period, parameters):
        pw = parameters(period).participatiewet
        v = pw.vrijlating
        arbeid = max_(persoon("netto_loon", period), 0)
        leeftijd = persoon("leeftijd", period)
        rechthebbend = persoon("pw_rechthebbend", period)
        vanaf_27 = leeftijd >= v.minimumleeftijd
        gebruikt = persoon("pw_vrijlating_maanden_gebruikt", period)
        aow = persoon("pw_pensioengerechtigd", period)

        n_van_toepassing = vanaf_27 * (aow + (gebruikt < v.arbeid.maanden))
        y_van_toepassing = persoon("pw_medisch_urenbeperkt", period) * not_(n_van_toepassing)

        leeftijd_kind = persoon.huishouden.members("leeftijd", period)
        jong_kind = persoon.huishouden.sum(
            leeftijd_kind < v.alleenstaande_ouder.kind_leeftijd, role=Huishouden.KIND
        ) > 0
        alleenstaande_ouder = persoon.huishouden("pw_alleenstaande_ouder", period)
        r_van_toepassing = (
            persoon.has_role(Huishouden.AANVRAGER)
            * alleenstaande_ouder
            * jong_kind
            * vanaf_27
            * not_(n_van_toepassing)
            * (gebruikt >= v.arbeid.maanden)
            * (persoon("pw_vrijlating_r_maanden_gebruikt", period) < v.alleenstaande_ouder.maanden)
            * not_(y_van_toepassing)
        )

        bedrag = select(
            [n_van_toepassing, y_van_toepassing, r_van_toepassing],
            [
                min_(v.arbeid.percentage * arbeid, v.arbeid.maximum),
                min_(v.medisch_urenbeperkt.percentage * arbeid, v.medisch_urenbeperkt.maximum),
                min_(v.alleenstaande_ouder.percentage * arbeid, v.alleenstaande_ouder.maximum),
            ],
            default=0,
        )
        return where(rechthebbend, bedrag, 0)


class pw_inkomen(Variable):
    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Income of an aanvrager or partner in the sense of art. 32, after the vrijlatingen"
    reference = PW2025 + "32"
    documentation = """
    `netto_inkomen` (net wage and benefits after loonbelasting/premies, art. 31 lid 3) minus
    `pw_vrijlating`, never below 0. Allowances and kinderbijslag are not part of `netto_inkomen` and
    are not counted here. The algemene heffingskorting paid out to a partner born before 1963 is part
    of `netto_inkomen` (see inkomstenbelasting.py), so it counts as middelen, as art. 31 lid 1 wants.
    """

    def formula(persoon, period):
        netto = persoon("netto_inkomen", period)
        return max_(netto - persoon("pw_vrijlating", period), 0)


class pw_middelen(Variable):
    """The gezin's income that is set off against the norm: the income of the entitled spouses after
    the vrijlatingen, plus the part of a non-entitled spouse's income that art. 32 lid 3 counts."""

    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Middelen of the gezin counted against the bijstandsnorm (art. 31-32)"
    reference = PW2025 + "31"
    documentation = """
    Art. 32 lid 3: the income of a non-entitled spouse counts only as far as the spouses' joint
    income, including the bijstand that would be paid without his income, would exceed 'de
    bijstandsnorm voor gehuwden'. That norm is read as the norm the couple would have if both were
    entitled (`pw_gehuwdennorm_beide_rechthebbend`, kostendelersnorm included). No vrijlating is
    applied to the non-entitled spouse's income (he does not 'receive algemene bijstand').
    Income of the children (art. 31 lid 2 onder h) and of medebewoners is never counted.
    """

    def formula(huishouden, period):
        rh = huishouden.members("pw_rechthebbend", period)
        in_paar = huishouden.members.has_role(Huishouden.AANVRAGER) + huishouden.members.has_role(
            Huishouden.PARTNER
        )
        inkomen_rh = huishouden.sum(huishouden.members("pw_inkomen", period) * rh * in_paar)
        netto = max_(huishouden.members("netto_inkomen", period), 0)
        inkomen_niet_rh = huishouden.sum(netto * not_(rh) * in_paar)

        rh_a = huishouden.value_from_person(rh, Huishouden.AANVRAGER)
        rh_p = huishouden.value_from_person(rh, Huishouden.PARTNER)
        art24 = huishouden("heeft_partner", period) * (rh_a != rh_p)
        norm = huishouden("bijstandsnorm", period)
        gehuwdennorm = huishouden("pw_gehuwdennorm_beide_rechthebbend", period)
        bijstand_zonder = max_(norm - inkomen_rh, 0)
        mee_te_tellen = max_(inkomen_rh + bijstand_zonder + inkomen_niet_rh - gehuwdennorm, 0)
        return inkomen_rh + where(art24, min_(mee_te_tellen, inkomen_niet_rh), 0)


# ----------------------------------------------------------------------------------------------
# Vermogen (art. 34)
# ----------------------------------------------------------------------------------------------


class pw_vermogen(Variable):
    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Vermogen of the alleenstaande or the spouses together (art. 34 lid 1)"
    reference = PW2025 + "34"
    documentation = """
    Sum of `vermogen` of the aanvrager and the partner (also a non-entitled partner: art. 34 has no
    rule like art. 32 lid 3). Assets of minor children are not counted (the parents only manage
    them). `vermogen` is taken to be already net of the exempt items of art. 34 lid 2 onder a, c,
    d and e (household effects, savings from bijstand, eigen-woning equity under the limit).
    """

    def formula(huishouden, period):
        vermogen = huishouden.members("vermogen", period)
        return sum_aanvrager_en_partner(huishouden, vermogen)


class pw_vermogensgrens(Variable):
    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Vermogensgrens of the gezin (art. 34 lid 3)"
    reference = PW2025 + "34"

    def formula(huishouden, period, parameters):
        g = parameters(period).participatiewet.vermogensgrens
        return select(
            [huishouden("heeft_partner", period), huishouden("pw_alleenstaande_ouder", period)],
            [g.gehuwden, g.alleenstaande_ouder],
            default=g.alleenstaande,
        )


# ----------------------------------------------------------------------------------------------
# Right and amount (art. 11, 19)
# ----------------------------------------------------------------------------------------------


class pw_vermogen_onder_grens(Variable):
    """The vermogenstoets: the gezin's vermogen is at most the vermogensgrens (art. 34)."""

    value_type = bool
    entity = Huishouden
    definition_period = MONTH
    label = "Vermogen at most the vermogensgrens (Participatiewet art. 34; exactly at the grens still passes)"
    reference = PW + "34"

    def formula(huishouden, period):
        return huishouden("pw_vermogen", period) <= huishouden("pw_vermogensgrens", period)


class pw_recht_op_bijstand(Variable):
    value_type = bool
    entity = Huishouden
    definition_period = MONTH
    label = "The gezin meets the conditions for algemene bijstand other than income (art. 11, 13, 19, 34)"
    reference = PW + "19"
    documentation = """
    Someone in the gezin is entitled (`pw_rechthebbend`) and the vermogen is at most the vermogensgrens (art. 34 lid 2 onder b:
    vermogen below the grens is disregarded; any excess must be used first, art. 19 lid 1 onder b).
    Exactly at the grens the right remains (no excess). The 2026 text of art. 34 lid 2 onder b
    ('het aanwezige vermogen' instead of 'het bij de aanvang aanwezige vermogen') does not change
    this one-month snapshot.
    From the AOW age the right remains (the AIO, art. 47a): the AOW counts as middelen (art. 15, 31),
    so with a full AOW the bijstand is nil and with a partial AOW it tops up to the art. 22 norm.
    """

    def formula(huishouden, period):
        rh = huishouden.members("pw_rechthebbend", period)
        iemand_rh = huishouden.sum(rh) > 0
        heeft_aanvrager = huishouden.nb_persons(Huishouden.AANVRAGER) > 0
        return heeft_aanvrager * iemand_rh * huishouden("pw_vermogen_onder_grens", period)


class bijstand(Variable):
    """Algemene bijstand of the gezin per month: the bijstandsnorm minus the gezin's counted net
    income, never below zero, if the gezin has a right (age, study, vermogen). Net, including the
    5% vakantietoeslag (art. 19 lid 2-3)."""

    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Algemene bijstand of the gezin, net, incl. vakantietoeslag (art. 19)"
    reference = PW + "19"
    documentation = """
    Not encoded: verlagingen (art. 18, 18b), the inrichting norm (art. 23), lower norms by the
    college (art. 27, 28), individuele inkomenstoeslag and bijzondere bijstand (art. 35-36),
    loonkostensubsidie vrijlatingen (art. 31 lid 2 onder z, aa), giften (onder m).
    """

    def formula(huishouden, period):
        tekort = max_(huishouden("bijstandsnorm", period) - huishouden("pw_middelen", period), 0)
        return where(huishouden("pw_recht_op_bijstand", period), tekort, 0)


class pw_vakantietoeslag(Variable):
    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Vakantietoeslag share of the bijstand, reserved and paid once a year (art. 19 lid 3)"
    reference = PW + "19"

    def formula(huishouden, period, parameters):
        return huishouden("bijstand", period) * parameters(period).participatiewet.vakantietoeslag


# ----------------------------------------------------------------------------------------------
# Tegemoetkoming alleenverdieners (art. 78gg)
# ----------------------------------------------------------------------------------------------


class pw_alleenverdiener(Variable):
    """The couple is an alleenverdiener household of art. 78gg: one partner's WIA or WW benefit is the
    income, topped up to the social minimum (Toeslagenwet toeslag or bijstand), and the other partner
    has little or no income of his own."""

    value_type = bool
    entity = Huishouden
    definition_period = MONTH
    label = "Alleenverdiener household (Participatiewet art. 78gg lid 1): one benefit at the social minimum, partner with little or no income"
    reference = [PW + "78gg", "https://zoek.officielebekendmakingen.nl/kst-36617-3.html"]
    documentation = """
    Art. 78gg lid 1 aims at couples whose income is a benefit other than bijstand (possibly topped up
    with bijstand) and who, because they have one algemene heffingskorting instead of two, have less
    net income plus toeslagen than a comparable couple on bijstand alone (Memorie van toelichting,
    Kamerstukken 36 617, nr. 3; Rijksoverheid: "de ene partner een uitkering van UWV ... en de ander geen
    of weinig inkomen"). The Belastingdienst selects them by comparing with that bijstand couple; the
    model uses the group where this happens, the TW/bijstand single-earner couple:
    - aanvrager and partner (a couple; toeslagpartners);
    - exactly one of them has a WIA or WW benefit (`tw_heeft_loondervingsuitkering`);
    - the other has no such benefit and little income: a wage (`loon` x 1,08) below the kostwinner's
      gross benefit ("geen of weinig inkomen"; the kostwinner earns the greater part, MvT § 1.1);
    - the income is at the social minimum: a Toeslagenwet toeslag is paid, or bijstand.
    Not modelled: the exact comparison of the Belastingdienst list, private income insurance, the
    municipal income and asset tests some municipalities add for zelfmelders.
    """

    def formula(huishouden, period, parameters):
        in_paar = huishouden.members("is_aanvrager", period) + huishouden.members("is_partner", period)
        uitkering = huishouden.members("tw_heeft_loondervingsuitkering", period) * in_paar
        # The kostwinner "earns the greater part" (MvT 36 617, nr. 3, § 1.1); the other partner has
        # "geen of weinig inkomen": a wage (with vakantiebijslag) below the benefit, not "no wage at
        # all" — a wage test at € 0 would put a cliff at the partner's first euro that the law has not.
        bruto_uitkering = huishouden.members("wia_uitkering", period) + huishouden.members("ww_uitkering", period)
        uitkering_kostwinner = huishouden.sum(bruto_uitkering * uitkering)
        loon_met_vakantiebijslag = huishouden.members("loon", period) * 1.08
        weinig_inkomen = in_paar * not_(uitkering) * (
            loon_met_vakantiebijslag < huishouden.project(uitkering_kostwinner))
        toeslag = huishouden.sum(huishouden.members("toeslagenwet_toeslag", period) * in_paar)
        aan_minimum = (toeslag > 0) + (huishouden("bijstand", period) > 0)
        return (
            huishouden("heeft_partner", period)
            * (huishouden.sum(uitkering) == 1)
            * (huishouden.sum(weinig_inkomen) == 1)
            * aan_minimum
        )


class tegemoetkoming_alleenverdieners(Variable):
    """The tegemoetkoming alleenverdieners of art. 78gg (€ 1.000 for 2025, € 1.100 for 2026), shown as a
    monthly average (amount / 12), if the college uses its power (on by default)."""

    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Tegemoetkoming alleenverdieners (Participatiewet art. 78gg), monthly average of the yearly amount"
    reference = [PW + "78gg", "https://zoek.officielebekendmakingen.nl/stcrt-2025-44064.html"]
    documentation = """
    Paid once a year by the municipality to an alleenverdiener household (`pw_alleenverdiener`); the
    amount is set per year by ministerial regulation (art. 78gg lid 7; Regeling Participatiewet, IOAW en
    IOAZ art. 15ba: € 1.000 for 2025, € 1.100 for 2026). Shown here as amount / 12 so that it adds
    to the monthly `besteedbaar_inkomen`. It is not income for the toeslagen or the bijstand (it does
    not enter `netto_inkomen`). A municipal power: parameter
    participatiewet.tegemoetkoming_alleenverdieners.toegekend (1 = granted, the default; 0 = not).
    """

    def formula(huishouden, period, parameters):
        p = parameters(period).participatiewet.tegemoetkoming_alleenverdieners
        per_maand = p.bedrag / 12 * (p.toegekend > 0)
        return where(huishouden("pw_alleenverdiener", period), per_maand, 0)
