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
  on the excess). At or above the pensioengerechtigde leeftijd of the aanvrager no bijstand is
  computed, because the AOW (a voorliggende voorziening, art. 15) is not modelled.
"""

import numpy
from numpy import logical_not as not_
from openfisca_core.model_api import MONTH, Variable, max_, min_, select, where

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

    def formula(persoon, period, parameters):
        p = parameters(period).participatiewet.leeftijden
        return persoon("leeftijd", period) >= p.pensioengerechtigde_leeftijd


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
# ----------------------------------------------------------------------------------------------


def _kostendelersnorm(a, b, p):
    """Art. 22a lid 1: (40% + A x 30%) / A x B for one belanghebbende, rounded half up to cents.

    The rounding follows the published tables (Velsen 2024, Normenbrief 2026 IOAW amounts), which
    are the formula rounded half up to whole cents.
    """
    a = max_(numpy.asarray(a, dtype=numpy.float64), 1)
    return cents_half_up((p.basispercentage + p.percentage_per_persoon * a) / a * numpy.asarray(b, dtype=numpy.float64))


def _norm(huishouden, period, parameters, rechthebbend_a, rechthebbend_p):
    """The norm of the gezin (art. 20-24) for the given entitlement of aanvrager and partner.

    Returns 0 where nobody is entitled. The art. 20 lid 3 raise is added by the caller.
    """
    pw = parameters(period).participatiewet
    n = pw.normen
    kd = n.kostendelersnorm
    jong_tot = pw.leeftijden.jongerennorm_tot

    leeftijd_a = huishouden.value_from_person(huishouden.members("leeftijd", period), Huishouden.AANVRAGER)
    leeftijd_p = huishouden.value_from_person(huishouden.members("leeftijd", period), Huishouden.PARTNER)
    aow = huishouden.members("pw_pensioengerechtigd", period)
    aow_a = huishouden.value_from_person(aow, Huishouden.AANVRAGER)
    aow_p = huishouden.value_from_person(aow, Huishouden.PARTNER)
    heeft_partner = huishouden("heeft_partner", period)
    kinderen = huishouden("pw_heeft_ten_laste_komende_kinderen", period)
    k = huishouden("pw_aantal_kostendelers", period)
    heeft_kd = k > 0

    jong_a = leeftijd_a < jong_tot
    jong_p = leeftijd_p < jong_tot
    aow_een = aow_a + aow_p
    b_geh = where(aow_een, n.art22.gehuwden, n.art21.gehuwden)  # B of art. 22a lid 1 (a, b or c)

    # Alleenstaande or alleenstaande ouder (art. 20 lid 1-2 onder a, 21 onder a, 22 onder a, 22a).
    norm_alleen = select(
        [jong_a, not_(heeft_kd) * aow_a, not_(heeft_kd)],
        [n.art20.alleenstaande, n.art22.alleenstaande, n.art21.alleenstaande],
        default=_kostendelersnorm(k + 1, where(aow_a, n.art22.gehuwden, n.art21.gehuwden), kd),
    )

    # Both spouses entitled.
    beiden_jong = jong_a * jong_p
    een_jong = jong_a != jong_p
    norm_beiden_jong = where(kinderen, n.art20.gehuwden_beiden_jong_met_kinderen, n.art20.gehuwden_beiden_jong)
    norm_een_jong = where(
        heeft_kd,
        # art. 22a lid 3: fixed amount for the young spouse + kostendelersnorm of the older one,
        # whose A counts the kostendelers and himself (the spouse under 21 is not counted).
        where(kinderen, kd.jonge_echtgenoot_met_kinderen, kd.jonge_echtgenoot_zonder_kinderen)
        + _kostendelersnorm(k + 1, b_geh, kd),
        where(kinderen, n.art20.gehuwden_een_jong_met_kinderen, n.art20.gehuwden_een_jong),
    )
    norm_beiden_oud = where(
        heeft_kd,
        # art. 22a lid 2: the sum of each entitled spouse's own kostendelersnorm, A = K + 2.
        2 * _kostendelersnorm(k + 2, b_geh, kd),
        b_geh,
    )
    norm_beiden = select([beiden_jong, een_jong], [norm_beiden_jong, norm_een_jong], default=norm_beiden_oud)

    # Exactly one spouse entitled (art. 24; with kostendelers art. 22a lid 1-2 for him alone).
    rh_leeftijd = where(rechthebbend_a, leeftijd_a, leeftijd_p)
    rh_aow = where(rechthebbend_a, aow_a, aow_p)
    ander_leeftijd = where(rechthebbend_a, leeftijd_p, leeftijd_a)
    rh_jong = rh_leeftijd < jong_tot
    norm_art24 = select(
        [rh_jong, not_(heeft_kd)],
        [
            cents_half_up(0.5 * norm_beiden_jong),
            cents_half_up(0.5 * where(rh_aow, n.art22.gehuwden, n.art21.gehuwden)),
        ],
        default=_kostendelersnorm(k + 1 + (ander_leeftijd >= jong_tot), b_geh, kd),
    )

    return select(
        [
            not_(heeft_partner) * rechthebbend_a,
            heeft_partner * rechthebbend_a * rechthebbend_p,
            heeft_partner * (rechthebbend_a != rechthebbend_p),
        ],
        [norm_alleen, norm_beiden, norm_art24],
        default=0,
    )


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
    Art. 20 (18-20), 21 (21 to AOW age), 22 (AOW age), 22a (kostendelersnorm: (40 + 30 A)/(100 A)
    x B per entitled belanghebbende of 21+, A = kostendelers + belanghebbende + spouse of 21+,
    B = gehuwdennorm of art. 21 onder b or art. 22 onder b/c; for gehuwden the sum over the entitled
    spouses, lid 2; lid 3 for a spouse of 18-20 next to one of 21+), 24 (one spouse without right:
    50% of the gehuwdennorm for his age if 21+ without kostendelers or under 21). 0 if nobody in the
    gezin is entitled. Art. 23 (inrichting) and art. 27-28 (lower norms set by the college) are not
    encoded.
    """

    def formula(huishouden, period, parameters):
        rh = huishouden.members("pw_rechthebbend", period)
        rh_a = huishouden.value_from_person(rh, Huishouden.AANVRAGER)
        rh_p = huishouden.value_from_person(rh, Huishouden.PARTNER)
        return _norm(huishouden, period, parameters, rh_a, rh_p) + huishouden(
            "pw_verhoging_jongerennorm", period
        )


class pw_gehuwdennorm_beide_rechthebbend(Variable):
    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Norm the couple would have if both spouses were entitled (for art. 32 lid 3)"
    reference = PW2025 + "32"

    def formula(huishouden, period, parameters):
        ja = huishouden.filled_array(True)
        return where(huishouden("heeft_partner", period), _norm(huishouden, period, parameters, ja, ja), 0)


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
    Someone in the gezin is entitled (`pw_rechthebbend`), the aanvrager is below the
    pensioengerechtigde leeftijd (model scope: the AOW is not modelled, so AIO at AOW age would be
    overstated; art. 15), and the vermogen is at most the vermogensgrens (art. 34 lid 2 onder b:
    vermogen below the grens is disregarded; any excess must be used first, art. 19 lid 1 onder b).
    Exactly at the grens the right remains (no excess). The 2026 text of art. 34 lid 2 onder b
    ('het aanwezige vermogen' instead of 'het bij de aanvang aanwezige vermogen') does not change
    this one-month snapshot.
    """

    def formula(huishouden, period):
        rh = huishouden.members("pw_rechthebbend", period)
        iemand_rh = huishouden.sum(rh) > 0
        heeft_aanvrager = huishouden.nb_persons(Huishouden.AANVRAGER) > 0
        aow_a = huishouden.value_from_person(
            huishouden.members("pw_pensioengerechtigd", period), Huishouden.AANVRAGER
        )
        return heeft_aanvrager * iemand_rh * not_(aow_a) * huishouden("pw_vermogen_onder_grens", period)


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
