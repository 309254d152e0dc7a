"""Toeslagenwet (TW, BWBR0004043): the toeslag that tops up a loondervingsuitkering to the sociaal minimum.

Order follows the law: who has a loondervingsuitkering (art. 1 d), the leefsituatie and the norm per day
(art. 1 f, 2, 8), the exclusion of a partner born after 1971 without a child under 12 (art. 3), the
income of the gezin (art. 6), the vrijlating of earnings (art. 7), the amount (art. 8), the cap at the
dagloon (art. 8a) and the vakantie-uitkering (art. 10).

Design choices (each documented on its variable):
- Loondervingsuitkeringen modelled: WIA (`wia_uitkering`) and WW (`ww_uitkering`). ZW, WAO, WAZ, Wajong,
  WAZO, IOW and the toeslag on loon of a sick employee in the 2nd year are out of scope.
- Everything is monthly. The law works per day; per month = per day x 21,75 (art. 1 lid 1 f), and for
  the gehuwdennorm the referentieminimummaandloon itself (how UWV publishes it).
- Norms, income and toeslag exclude vakantiebijslag, as in the law; `wia_uitkering` and `ww_uitkering`
  contain 8/108 vakantiebijslag (contract), which is taken out before they count as income. The output
  `toeslagenwet_toeslag` adds the 8 % vakantie-uitkering of art. 10 (contract: gross incl. vakantiebijslag).
- A gezin gets at most one toeslag. When both partners have a loondervingsuitkering, it goes to the
  partner for whom it is highest (the aanvrager on a tie).
- The current (post-2016) statute text was not available; articles 3, 6, 7, 8 and 8a follow the 2015
  text (statengeneraal/laws-markdown) and the current UWV pages. See research params_sz.md §4, §10.2.
"""

from openfisca_core.indexed_enums import Enum
from openfisca_core.model_api import MONTH, Variable, max_, min_, not_, where

from openfisca_nl_sz.arrays import select  # numpy.select, faster on one household's arrays (issue 14)
from openfisca_nl_sz.entities import Huishouden, Persoon
from openfisca_nl_sz.legal.rounding import cents_half_up

TW = "https://wetten.overheid.nl/BWBR0004043/2025-07-01"


# --- Inputs -------------------------------------------------------------------------------------


class tw_vrijlating_maanden_gebruikt(Variable):
    """Months in which the art. 7 vrijlating of earnings has already been applied for this toeslag."""

    value_type = int
    entity = Persoon
    definition_period = MONTH
    default_value = 0
    label = "Months of the two-year TW vrijlating of earnings already used (0 = new claim)"
    reference = f"{TW}#Artikel7"
    documentation = """
    Art. 7 lid 1 limits the vrijlating to at most two years. The model does not follow a person through
    time, so the months already used are an input; the vrijlating applies while this is below 24.
    Periods with a ZW benefit do not count (lid 3): leave them out of this number. Set it on the person
    who receives the toeslag.
    """


# --- Art. 1 lid 1 d: the loondervingsuitkering ---------------------------------------------------


class tw_loondervingsuitkering(Variable):
    """The person's loondervingsuitkering per month without its vakantiebijslag: WIA plus WW."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Loondervingsuitkering (WIA + WW) per month, excluding vakantiebijslag"
    reference = f"{TW}#Artikel1"
    documentation = """
    Art. 1 lid 1 d lists the loondervingsuitkeringen; this model has the WIA and the WW. The contract
    amounts `wia_uitkering` and `ww_uitkering` include the 8 % vakantiebijslag (8/108 of the amount);
    the TW norms exclude it, so the benefit counts as (wia_uitkering + ww_uitkering) / 1,08.
    """

    def formula(persoon, period, parameters):
        vb = parameters(period).wml.vakantiebijslag
        bruto = persoon("wia_uitkering", period) + persoon("ww_uitkering", period)
        return bruto / (1 + vb)


class tw_heeft_loondervingsuitkering(Variable):
    """The person receives a WIA or WW benefit this month, the first condition of art. 2."""

    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "Has a loondervingsuitkering (WIA or WW) this month"
    reference = f"{TW}#Artikel2"

    def formula(persoon, period, parameters):
        return (persoon("wia_uitkering", period) > 0) | (persoon("ww_uitkering", period) > 0)


# --- Leefsituatie (art. 1 lid 3-5, art. 2) -------------------------------------------------------


class TwLeefsituatie(Enum):
    geen = "Geen recht: jonger dan 18"
    gehuwd = "Gehuwd of daarmee gelijkgesteld"
    alleenstaande = "Alleenstaande"
    alleenstaande_ouder = "Alleenstaande ouder (norm van de alleenstaande)"
    woningdeler = "Alleenstaand-woningdeler"


class tw_is_gehuwd(Variable):
    """The person is gehuwd or treated as gehuwd: aanvrager or partner of a gezin that has both."""

    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "Gehuwd or gelijkgesteld (has a partner in the gezin)"
    reference = f"{TW}#Artikel1"
    documentation = """
    Art. 1 lid 2-5: married, registered partners and people with a gezamenlijke huishouding count as
    gehuwd. In the model the `partner` role of the huishouden is that partner.
    """

    def formula(persoon, period, parameters):
        heeft_partner = persoon.huishouden("heeft_partner", period)
        return (persoon.has_role(Huishouden.AANVRAGER) & heeft_partner) | persoon.has_role(Huishouden.PARTNER)


class tw_aantal_medebewoners(Variable):
    """Other residents of the dwelling who count as medebewoner for the alleenstaand-woningdeler: 27 or older,
    not studying with studiefinanciering, and not the person's own partner."""

    value_type = int
    entity = Persoon
    definition_period = MONTH
    label = "Number of medebewoners that count for the TW alleenstaand-woningdeler"
    reference = "https://www.uwv.nl/particulieren/overige-onderwerpen/toeslag-van-uwv/detail/wat-is-mijn-leefsituatie/alleenstaand-woningdeler"
    documentation = """
    UWV "Alleenstaand-woningdeler": residents under 27 and students with studiefinanciering/WTOS do not
    count. Not modelled: bbl students, residents with their own rental contract with the same landlord,
    a commercial landlord/tenant relation. Everyone else in the dwelling counts (parents of an adult
    kind, adult children of 27+, other medebewoners).
    """

    def formula(persoon, period, parameters):
        p = parameters(period).toeslagenwet.leeftijd
        huishouden = persoon.huishouden
        telt = (persoon("leeftijd", period) >= p.medebewoner) & not_(
            persoon("studeert_met_studiefinanciering", period)
        )
        totaal = huishouden.sum(telt)
        van_partner = huishouden.sum(telt, role=Huishouden.PARTNER)
        van_aanvrager = huishouden.sum(telt, role=Huishouden.AANVRAGER)
        eigen_partner = select(
            [persoon.has_role(Huishouden.AANVRAGER), persoon.has_role(Huishouden.PARTNER)],
            [van_partner, van_aanvrager],
            default=0,
        )
        return totaal - telt - eigen_partner


class tw_leefsituatie(Variable):
    """The TW leefsituatie that fixes the norm: gehuwd, alleenstaande (ouder) or alleenstaand-woningdeler."""

    value_type = Enum
    possible_values = TwLeefsituatie
    default_value = TwLeefsituatie.alleenstaande
    entity = Persoon
    definition_period = MONTH
    label = "TW leefsituatie"
    reference = f"{TW}#Artikel2"
    documentation = """
    Gehuwd (both 18+; the norm is for the two together). Otherwise, from 21: alleenstaand-woningdeler
    when at least one medebewoner counts (`tw_aantal_medebewoners`), else alleenstaande, or
    alleenstaande_ouder when a kind lives in the gezin (same norm since 1-1-2015). From 18 to 20 an
    ongehuwde is alleenstaande even when sharing (UWV). Under 18: geen (art. 2 lid 5).
    """

    def formula(persoon, period, parameters):
        p = parameters(period).toeslagenwet.leeftijd
        leeftijd = persoon("leeftijd", period)
        gehuwd = persoon("tw_is_gehuwd", period)
        medebewoners = persoon("tw_aantal_medebewoners", period)
        met_kind = (persoon.huishouden("aantal_kinderen", period) > 0) & persoon.has_role(Huishouden.AANVRAGER)
        return select(
            [
                leeftijd < p.minimum,
                gehuwd,
                (leeftijd >= p.volwassen_norm) & (medebewoners > 0),
                met_kind,
            ],
            [
                TwLeefsituatie.geen,
                TwLeefsituatie.gehuwd,
                TwLeefsituatie.woningdeler,
                TwLeefsituatie.alleenstaande_ouder,
            ],
            default=TwLeefsituatie.alleenstaande,
        )


# --- Art. 2 and 8: the norm ---------------------------------------------------------------------


class tw_norm_per_dag(Variable):
    """The TW norm (sociaal minimum) per day for the person's leefsituatie and age, gross, without vakantiebijslag."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "TW norm per day (gross, excl. vakantiebijslag)"
    reference = [f"{TW}#Artikel2", f"{TW}#Artikel8"]
    documentation = """
    Gehuwd: referentieminimummaandloon / 21,75, rounded to cents (100 % of the bruto minimumloon,
    DERIVED rule that reproduces the official UWV tables). Ongehuwd: the day amount per category in
    parameters toeslagenwet.norm.ongehuwd_per_dag: official UWV amounts on 1-7-2024 and 1-7-2025; on
    1-1-2024, 1-1-2025 and 1-1-2026 derived by the TW art. 9 calculation (openfisca_nl_sz/legal/tw_normen.py),
    because no official table for those dates was found (see that folder's documentation).
    """

    def formula(persoon, period, parameters):
        p = parameters(period)
        norm = p.toeslagenwet.norm
        ongehuwd = norm.ongehuwd_per_dag
        gehuwd_dag = cents_half_up(p.wml.referentieminimummaandloon * norm.gehuwd / norm.dagen_per_maand)
        leeftijd = persoon("leeftijd", period)
        ls = persoon("tw_leefsituatie", period)
        ongehuwd_dag = select(
            [
                ls == TwLeefsituatie.woningdeler,
                leeftijd >= p.toeslagenwet.leeftijd.volwassen_norm,
                leeftijd == 20,
                leeftijd == 19,
            ],
            [ongehuwd.woningdeler, ongehuwd.alleenstaande, ongehuwd.alleenstaande_20, ongehuwd.alleenstaande_19],
            default=ongehuwd.alleenstaande_18,
        )
        return select(
            [ls == TwLeefsituatie.geen, ls == TwLeefsituatie.gehuwd],
            [0.0, gehuwd_dag],
            default=ongehuwd_dag,
        )


class tw_norm(Variable):
    """The TW norm per month: the gehuwdennorm is the referentieminimummaandloon, the other norms are day x 21,75."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "TW norm (sociaal minimum) per month, gross, excl. vakantiebijslag"
    reference = [f"{TW}#Artikel2", f"{TW}#Artikel8", f"{TW}#Artikel1"]
    documentation = """
    UWV publishes the gehuwd norm per month as the referentieminimummaandloon (2.245,80 on 1-7-2025,
    while 103,26 x 21,75 = 2.245,91) and every other norm as day x 21,75 (73,79 x 21,75 = 1.604,93).
    The model follows the same rule.
    """

    def formula(persoon, period, parameters):
        p = parameters(period)
        norm = p.toeslagenwet.norm
        ls = persoon("tw_leefsituatie", period)
        per_dag = persoon("tw_norm_per_dag", period)
        return where(
            ls == TwLeefsituatie.gehuwd,
            p.wml.referentieminimummaandloon * norm.gehuwd,
            per_dag * norm.dagen_per_maand,
        )


class tw_minimumloon(Variable):
    """The TW minimumloon per month (art. 1 lid 1 f): the adult one for a gehuwde, the one for his age for an ongehuwde."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "TW minimumloon per month (art. 1 lid 1 f), excl. vakantiebijslag"
    reference = f"{TW}#Artikel1"
    documentation = """
    Art. 1 lid 1 f: for the gehuwde of art. 2 lid 1 the WML monthly amount, for the ongehuwde of
    art. 2 lid 2 the amount for his age (minimumjeugdloon), each / 21,75 per day. Used for the
    vrijlating (art. 7) and the cap (art. 8a).
    """

    def formula(persoon, period, parameters):
        rmml = parameters(period).wml.referentieminimummaandloon
        return where(persoon("tw_is_gehuwd", period), rmml, persoon("minimumloon_per_maand", period))


# --- Art. 3: partner born after 1971 -------------------------------------------------------------


class tw_uitgesloten_partner_na_1971(Variable):
    """A gehuwde whose partner was born after 31 December 1971 has no right to a toeslag, unless a child
    under 12 belongs to the household (art. 3)."""

    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "No TW right: partner born after 1971 and no child under 12 (art. 3)"
    reference = f"{TW}#Artikel3"
    documentation = """
    The law gives NO right at all in this case; the toeslag is not computed as for a single. Birth year
    = the period's year - the partner's `leeftijd` (may be one year off around the birthday). The child
    is any `kind` of the huishouden younger than 12 (own, step or foster child).
    """

    def formula(persoon, period, parameters):
        p = parameters(period).toeslagenwet.uitsluiting
        huishouden = persoon.huishouden
        geboortejaar = period.start.year - persoon("leeftijd", period)
        na_grens = geboortejaar > p.partner_geboren_na_jaar
        aanvrager_na = huishouden.sum(na_grens, role=Huishouden.AANVRAGER) > 0
        partner_na = huishouden.sum(na_grens, role=Huishouden.PARTNER) > 0
        echtgenoot_na = select(
            [persoon.has_role(Huishouden.AANVRAGER), persoon.has_role(Huishouden.PARTNER)],
            [partner_na, aanvrager_na],
            default=False,
        )
        jong_kind = persoon.has_role(Huishouden.KIND) & (persoon("leeftijd", period) < p.kind_jonger_dan)
        heeft_jong_kind = huishouden.sum(jong_kind) > 0
        return persoon("tw_is_gehuwd", period) & echtgenoot_na & not_(heeft_jong_kind)


# --- Art. 6 and 7: income -----------------------------------------------------------------------


class tw_inkomen_uit_arbeid(Variable):
    """Inkomen uit arbeid per month: own wage, plus the partner's wage for a gehuwde (art. 6)."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "TW inkomen uit arbeid of the gezin per month (own + partner's wage), excl. vakantiebijslag"
    reference = f"{TW}#Artikel6"
    documentation = """
    Art. 6 lid 1: for a gehuwde the sum of his own and his spouse's income. `loon` excludes the
    vakantiebijslag, like the norm. The detailed definition (Inkomensbesluit Toeslagenwet, BWBR0004092)
    is not encoded; only wages count as inkomen uit arbeid here.
    """

    def formula(persoon, period, parameters):
        return _met_echtgenoot(persoon, persoon("loon", period))


class tw_overig_inkomen(Variable):
    """Overig inkomen per month: own WIA and WW benefits without vakantiebijslag, plus the partner's for a gehuwde."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "TW overig inkomen of the gezin per month (benefits of both partners), excl. vakantiebijslag"
    reference = f"{TW}#Artikel6"
    documentation = """
    Art. 6 lid 1 and UWV: UWV benefits of both partners count in full (no vrijlating). Vermogen does not
    count. The AOW of a spouse past the AOW age (without its vakantie-uitkering, `aow_bruto`) and an
    aanvullend pensioen count too (UWV lists AOW and pension as inkomsten). Alimentatie and
    studiefinanciering are not modelled.
    """

    def formula(persoon, period, parameters):
        pensioen = persoon("aow_bruto", period) + max_(persoon("aanvullend_pensioen", period), 0)
        return _met_echtgenoot(persoon, persoon("tw_loondervingsuitkering", period) + pensioen)


def _met_echtgenoot(persoon, bedrag):
    """Own amount plus, for the aanvrager or partner of a gezin, the spouse's amount (art. 6 lid 1 a)."""
    huishouden = persoon.huishouden
    van_aanvrager = huishouden.sum(bedrag, role=Huishouden.AANVRAGER)
    van_partner = huishouden.sum(bedrag, role=Huishouden.PARTNER)
    echtgenoot = select(
        [persoon.has_role(Huishouden.AANVRAGER), persoon.has_role(Huishouden.PARTNER)],
        [van_partner, van_aanvrager],
        default=0,
    )
    return bedrag + echtgenoot


class tw_vrijlating(Variable):
    """The part of the gezin's inkomen uit arbeid that is disregarded for at most two years: 5 % of the minimumloon
    plus 30 % of the earnings above that, together at most 15 % of the minimumloon (art. 7)."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "TW vrijlating of inkomen uit arbeid per month (art. 7)"
    reference = f"{TW}#Artikel7"
    documentation = """
    One vrijlating on the gezin's combined inkomen uit arbeid (art. 7 speaks of "het inkomen uit arbeid"
    of art. 6, which for a gehuwde includes the spouse's; the PayRoll Kennisbank example applies it to the
    partner's wage). Applies while `tw_vrijlating_maanden_gebruikt` < 24, and without time limit for a WW
    benefit for unemployment that started at 57,5 or older (lid 4; start age = leeftijd -
    ww_maanden_sinds_aanvang / 12).
    """

    def formula(persoon, period, parameters):
        p = parameters(period).toeslagenwet.vrijlating
        ml = persoon("tw_minimumloon", period)
        arbeid = persoon("tw_inkomen_uit_arbeid", period)
        vast = p.basis * ml
        bedrag = min_(arbeid, vast) + p.percentage_meerdere * max_(arbeid - vast, 0)
        bedrag = min_(bedrag, p.maximum * ml)
        binnen_duur = persoon("tw_vrijlating_maanden_gebruikt", period) < p.duur_maanden
        aanvangsleeftijd_ww = persoon("leeftijd", period) - persoon("ww_maanden_sinds_aanvang", period) / 12
        oudere_ww = (persoon("ww_uitkering", period) > 0) & (
            aanvangsleeftijd_ww >= p.leeftijd_zonder_duurbeperking_ww
        )
        return where(binnen_duur | oudere_ww, bedrag, 0)


class tw_inkomen(Variable):
    """The income the TW deducts from the norm, per month: inkomen uit arbeid minus the vrijlating, plus overig inkomen."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "TW inkomen of the gezin per month after the vrijlating (art. 6 and 7)"
    reference = [f"{TW}#Artikel6", f"{TW}#Artikel7"]

    def formula(persoon, period, parameters):
        return (
            persoon("tw_inkomen_uit_arbeid", period)
            - persoon("tw_vrijlating", period)
            + persoon("tw_overig_inkomen", period)
        )


# --- Art. 8a: the cap at the dagloon ------------------------------------------------------------


class tw_dagloon(Variable):
    """The dagloon on which the person's loondervingsuitkering is based, capped at the maximum dagloon,
    without the vakantiebijslag it contains (art. 8a lid 2)."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Dagloon of the loondervingsuitkering for TW art. 8a (per day, capped, excl. vakantiebijslag)"
    reference = [f"{TW}#Artikel8a", "https://wetten.overheid.nl/BWBR0017745/2025-01-01#Artikel17"]
    documentation = """
    min(dagloon, Wfsv art. 17 maximum) / 1,08: the WIA and WW daglonen are SV-loon / 261, which includes
    the 8 % vakantiebijslag. With both a WIA and a WW benefit the higher of the two daglonen is used.
    For the WGA vervolguitkering (based on the minimumloon or the lower maandloon) the WIA dagloon is used:
    the cap can only bind when that dagloon is below the minimumloon, and then the vervolguitkering is based
    on it.
    """

    def formula(persoon, period, parameters):
        p = parameters(period)
        maximum = p.wfsv.maximum_dagloon
        wia = where(persoon("wia_uitkering", period) > 0, min_(persoon("wia_dagloon", period), maximum), 0)
        ww = where(persoon("ww_uitkering", period) > 0, min_(persoon("ww_dagloon", period), maximum), 0)
        return max_(wia, ww) / (1 + p.wml.vakantiebijslag)


class tw_maximum_toeslag(Variable):
    """The most toeslag allowed by art. 8a, per month: dagloon x 21,75 minus the person's own loondervingsuitkering,
    when the dagloon is below the minimumloon (gehuwd) or 70 % of it (ongehuwd); otherwise no cap."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Maximum TW toeslag per month under art. 8a (infinite when the cap does not apply)"
    reference = f"{TW}#Artikel8a"
    documentation = """
    Art. 8a lid 1 (2015 text): the toeslag is at most dagloon - loondervingsuitkering, for a gehuwde if the
    dagloon is lower than the minimumloon, for an ongehuwde if it is lower than 70 % of the minimumloon.
    UWV words it as "toeslag en uitkering samen nooit meer dan uw dagloon". Compared per month
    (dagloon x 21,75 against the monthly minimumloon). Returns a very large number when the cap does not apply.
    """

    def formula(persoon, period, parameters):
        p = parameters(period).toeslagenwet
        dagloon_maand = persoon("tw_dagloon", period) * p.norm.dagen_per_maand
        ml = persoon("tw_minimumloon", period)
        drempel = where(persoon("tw_is_gehuwd", period), p.maximum.drempel_gehuwd, p.maximum.drempel_ongehuwd) * ml
        ruimte = max_(dagloon_maand - persoon("tw_loondervingsuitkering", period), 0)
        return where(dagloon_maand < drempel, ruimte, 1e9)


# --- Art. 2 and 8: right and amount -------------------------------------------------------------


class tw_toeslag_berekend(Variable):
    """The toeslag the person would get if he claimed it, per month without vakantie-uitkering:
    norm minus income, not negative, at most the art. 8a cap (before choosing one claimant per gezin)."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "TW toeslag per month if this person claims, excl. vakantie-uitkering"
    reference = [f"{TW}#Artikel2", f"{TW}#Artikel3", f"{TW}#Artikel8", f"{TW}#Artikel8a"]
    documentation = """
    Zero without a loondervingsuitkering (art. 2), from the pensioengerechtigde leeftijd (art. 2: the
    toeslag is for a person below that age; `aow_leeftijd_bereikt`, the one AOW age), under 18 (art. 2 lid 5),
    for an ongehuwde under 21
    who is a kind in the huishouden of his parents (art. 2 lid 3), or when art. 3 excludes the gehuwde.
    Detention and living abroad (art. 2 lid 4, art. 4a) are not modelled.
    """

    def formula(persoon, period, parameters):
        p = parameters(period).toeslagenwet.leeftijd
        leeftijd = persoon("leeftijd", period)
        thuiswonend_jong = (
            persoon.has_role(Huishouden.KIND) & not_(persoon("tw_is_gehuwd", period)) & (leeftijd < p.zelfstandig)
        )
        recht = (
            persoon("tw_heeft_loondervingsuitkering", period)
            & (leeftijd >= p.minimum)
            & not_(persoon("aow_leeftijd_bereikt", period))
            & not_(thuiswonend_jong)
            & not_(persoon("tw_uitgesloten_partner_na_1971", period))
        )
        toeslag = max_(persoon("tw_norm", period) - persoon("tw_inkomen", period), 0)
        toeslag = min_(toeslag, persoon("tw_maximum_toeslag", period))
        return where(recht, toeslag, 0)


class tw_toeslag(Variable):
    """The toeslag per month without vakantie-uitkering, after giving a gezin at most one toeslag."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "TW toeslag per month, excl. vakantie-uitkering (one per gezin)"
    reference = f"{TW}#Artikel8"
    documentation = """
    For a gehuwd pair the norm and the income are those of the two together, so only one of them gets a
    toeslag: the one for whom it is highest (the aanvrager on a tie). This is a modelling choice; the
    law lets either claim.
    """

    def formula(persoon, period, parameters):
        huishouden = persoon.huishouden
        t = persoon("tw_toeslag_berekend", period)
        t_aanvrager = huishouden.sum(t, role=Huishouden.AANVRAGER)
        t_partner = huishouden.sum(t, role=Huishouden.PARTNER)
        is_aanvrager = persoon.has_role(Huishouden.AANVRAGER)
        is_partner = persoon.has_role(Huishouden.PARTNER)
        gekozen = select(
            [is_aanvrager, is_partner],
            [t_aanvrager >= t_partner, t_partner > t_aanvrager],
            default=True,
        )
        return where(gekozen, t, 0)


# --- Art. 10: vakantie-uitkering and the contract output ----------------------------------------


class toeslagenwet_toeslag(Variable):
    """The gross Toeslagenwet toeslag per month including the 8 % vakantie-uitkering that accrues on it."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Toeslagenwet toeslag per month, gross, including the 8 % vakantie-uitkering"
    reference = [f"{TW}#Artikel8", f"{TW}#Artikel10"]
    documentation = """
    tw_toeslag x 1,08 (art. 10 lid 1). Contract: benefits are gross per month including the vakantiebijslag
    share that accrues in the month (UWV pays it in May).
    """

    def formula(persoon, period, parameters):
        return persoon("tw_toeslag", period) * (1 + parameters(period).toeslagenwet.vakantie_uitkering)
