"""Wet werk en inkomen naar arbeidsvermogen (Wet WIA, BWBR0019057): IVA and WGA benefit per month.

The module follows the articles in order: dagloon and maandloon (art. 12-14), arbeidsverleden (art. 15),
access (art. 4, 5, 47, 54), IVA (art. 51-52), WGA loongerelateerde uitkering (art. 58, 59, 61 lid 1),
and after it the loonaanvullingsuitkering or the vervolguitkering (art. 60, 61 lid 2-6, 62).

How the amounts are read (one choice for the whole module):
- The dagloon is 1/261 of the SV-loon of the reference year, and that SV-loon contains the vakantiegeld
  paid in it; so the maandloon (21,75 × dagloon) is a monthly wage INCLUDING vakantiebijslag: a worker
  with `loon` L and 8 % vakantiegeld has maandloon 21,75 × 12 × 1,08 × L / 261 = 1,08 × L.
- The WIA pays its own vakantiebijslag out of the benefit: art. 68 lid 1 says it is 8/108 of the
  uitkering. The amounts computed here (75 % of the maandloon, G × minimumloon incl. vakantietoeslag)
  are therefore the gross benefit INCLUDING that 8/108 share, as the contract asks; the monthly payment
  outside May is 100/108 of them.
- Income from work (B in art. 52 and 61) is taken on the same basis: `loon` × 1,08 (see
  `wia_inkomen_uit_arbeid`), so that a person earning exactly his resterende verdiencapaciteit is seen
  as doing so.
- Every month is a full benefit month (art. 13 lid 4 b, broken months, not modelled). A change of AO
  class counts at once (the two-month rule of art. 61 lid 7 / 62 lid 4 is not modelled).
- Samenloop with the WW: while a WW right runs next to the LGU, the WW maandloon counts as income for
  the LGU (AIB art. 3:3 lid 5, `wia_inkomen_lgu`), but not for the inkomenseis and the
  loonaanvullingsuitkering (AIB art. 3:4 lid 2 e). The WW side (art. 19 lid 1 b, the combined cap of
  Dagloonbesluit art. 25) lives in ww.py.
- Not modelled: hulpbehoevendheid (art. 53), the reductions of the LGU duration by preceding IVA or WW
  (art. 59 lid 5-6), samenloop with other benefits than the WW, the 2-month / 1-year run-off after AO
  falls below 35 % (art. 56), sanctions.
"""

import numpy as np
from openfisca_core.model_api import MONTH, Enum, Variable, max_, min_, where

from openfisca_nl_sz.arrays import select  # numpy.select, faster on one household's arrays (issue 14)
from openfisca_nl_sz.legal import wia_lau
from openfisca_nl_sz.legal.arbeidsverleden import duur_in_maanden, jaar_van_aanvang, jaren_voor_2016_aangenomen
from openfisca_nl_sz.entities import Persoon
from openfisca_nl_sz.formula_defaults import given_or_formula

WIA = "https://wetten.overheid.nl/BWBR0019057/2025-01-01"


def not_(array):
    """Element-wise logical not (numpy), for boolean arrays of conditions."""
    return np.logical_not(array)


# --- Inputs -----------------------------------------------------------------------------------


class arbeidsongeschiktheidspercentage(Variable):
    """The degree of incapacity for work established by UWV, 0 to 100: the loss of hourly earning
    capacity compared with the maatmaninkomen per uur."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    default_value = 0
    unit = "percent"
    label = "Mate van arbeidsongeschiktheid (WIA), 0-100"
    reference = [f"{WIA}#Artikel4", f"{WIA}#Artikel5", "https://wetten.overheid.nl/BWBR0011478"]
    documentation = """
    Schattingsbesluit art. 5: (maatmaninkomen per uur − resterende verdiencapaciteit per uur) /
    maatmaninkomen per uur × 100. An input: the model does not assess it.
    """


class wia_duurzaam(Variable):
    """Whether UWV judged the incapacity durable (no or little chance of recovery): the second IVA condition."""

    value_type = bool
    entity = Persoon
    definition_period = MONTH
    default_value = False
    label = "Arbeidsongeschiktheid is duurzaam (IVA-voorwaarde)"
    reference = f"{WIA}#Artikel4"


class wia_dagloon(Variable):
    """The WIA dagloon before the maximum: 1/261 of the SV-loon (incl. vakantiegeld) in the year before
    the illness, as indexed since (art. 13 lid 1, art. 14)."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    default_value = 0
    unit = "currency-EUR"
    label = "WIA-dagloon vóór maximering (€ per dag)"
    reference = [f"{WIA}#Artikel13", f"{WIA}#Artikel14"]


class wia_maanden_sinds_aanvang(Variable):
    """Number of whole months since the WIA benefit started; 0 is the first month."""

    value_type = int
    entity = Persoon
    definition_period = MONTH
    default_value = 0
    label = "Maanden sinds aanvang WIA-uitkering (0 = eerste maand)"
    reference = f"{WIA}#Artikel61"


class wia_arbeidsverleden_jaren(Variable):
    """Years of arbeidsverleden in the sense of art. 15 (calendar years with at least 208 paid hours,
    or 52 paid days before 2013, plus the fictitious years before 1998)."""

    value_type = int
    entity = Persoon
    definition_period = MONTH
    default_value = 0
    unit = "year"
    label = "Arbeidsverleden in kalenderjaren (WIA art. 15)"
    reference = f"{WIA}#Artikel15"
    documentation = "Default 0: unknown history gives the statutory minimum LGU of 3 months."


class wia_voldoet_aan_referte_eis(Variable):
    """Whether the person worked in at least 26 of the 36 weeks before the WIA right began: only then
    is there a loongerelateerde WGA-uitkering."""

    value_type = bool
    entity = Persoon
    definition_period = MONTH
    default_value = True
    label = "Voldoet aan de referte-eis (26 van 36 weken) voor de loongerelateerde WGA-uitkering"
    reference = f"{WIA}#Artikel58"


# --- Art. 12-14: minimumloon, dagloon, maandloon ----------------------------------------------


class wia_minimumloon(Variable):
    """The WIA minimumloon per month: the WML monthly minimum wage for the person's age, increased by
    the 8 % minimum vakantiebijslag (art. 12 lid 1 b)."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Minimumloon in de zin van de WIA, inclusief vakantietoeslag, per maand"
    reference = [f"{WIA}#Artikel12", "https://wetten.overheid.nl/BWBR0002638/2025-01-01#Artikel15"]

    def formula_2024_01(persoon, period, parameters):
        vakantiebijslag = parameters(period).wml.vakantiebijslag
        return persoon("minimumloon_per_maand", period) * (1 + vakantiebijslag)


class wia_dagloon_gemaximeerd(Variable):
    """The dagloon on which the benefit is computed: the dagloon, but at most the maximum dagloon of
    Wfsv art. 17 (art. 13 lid 1)."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "WIA-dagloon na maximering (€ per dag)"
    reference = [f"{WIA}#Artikel13", "https://wetten.overheid.nl/BWBR0017745/2025-01-01#Artikel17"]

    def formula_2024_01(persoon, period, parameters):
        maximum = parameters(period).wfsv.maximum_dagloon
        return min_(max_(persoon("wia_dagloon", period), 0), maximum)


class wia_dagloonfactor(Variable):
    """The fraction C/D of art. 52 and 61: the maximised dagloon divided by the dagloon as it would be
    without the maximum (1 when the dagloon is below the maximum)."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    label = "Verhouding gemaximeerd / ongemaximeerd dagloon (C/D)"
    reference = [f"{WIA}#Artikel52", f"{WIA}#Artikel61"]

    def formula_2024_01(persoon, period, parameters):
        dagloon = persoon("wia_dagloon", period)
        gemaximeerd = persoon("wia_dagloon_gemaximeerd", period)
        return where(dagloon > 0, gemaximeerd / where(dagloon > 0, dagloon, 1), 1)


class wia_maandloon(Variable):
    """The maandloon: 21,75 times the (maximised) dagloon (art. 13 lid 4 a)."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "WIA-maandloon (21,75 × gemaximeerd dagloon)"
    reference = f"{WIA}#Artikel13"
    documentation = "Includes vakantiebijslag, because the SV-loon behind the dagloon does (see module docstring)."

    def formula_2024_01(persoon, period, parameters):
        dagen = parameters(period).wia.dagen_per_maand
        return dagen * persoon("wia_dagloon_gemaximeerd", period)


class wia_inkomen_uit_arbeid(Variable):
    """Income from work per calendar month that the WIA deducts or tests (B in art. 52 and 61): the
    wage including the vakantiebijslag that accrues on it."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Inkomen uit arbeid per maand voor de WIA (loon inclusief vakantiebijslag)"
    reference = [f"{WIA}#Artikel1", f"{WIA}#Artikel12", f"{WIA}#Artikel61"]
    documentation = """
    WIA art. 1: inkomen uit arbeid = loon in the sense of art. 12 (SV-loon), in which vakantiegeld counts
    when it is paid (usually May). In the contract's accrual view (a month stands for 1/12 of a year in
    the same situation) that is `loon` × 1,08. This is also the basis of the maandloon and of the
    resterende verdiencapaciteit, so the inkomenseis (50 % of RVC) and the test income ≥ RVC compare like
    with like. Interpretation choice: the lead's brief said "income = loon"; using plain `loon` would
    class a person who earns exactly his RVC as earning 1/1,08 of it. To switch, drop the factor here.
    A reguliere WW-uitkering is not income here: AIB art. 3:4 lid 2 e leaves it out for the inkomenseis
    (art. 60) and the loonaanvullingsuitkering (art. 61 lid 2-4), so who loses his job after the LGU
    falls to the vervolguitkering next to his WW. Only the LGU counts the WW maandloon
    (`wia_inkomen_lgu`, AIB art. 3:3 lid 5).
    """

    def formula_2024_01(persoon, period, parameters):
        vakantiebijslag = parameters(period).wml.vakantiebijslag
        return max_(persoon("loon", period), 0) * (1 + vakantiebijslag)


class resterende_verdiencapaciteit(Variable):
    """What the person can still earn per month with suitable work according to UWV's assessment.
    By default (1 − AO%/100) × the maatmaninkomen per month."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Resterende verdiencapaciteit per maand"
    reference = [f"{WIA}#Artikel60", f"{WIA}#Artikel61", "https://wetten.overheid.nl/BWBR0011478"]
    documentation = """
    Input; the default is (1 − AO%/100) × maatmaninkomen, where the maatmaninkomen per month is taken as
    the UNMAXIMISED maandloon 21,75 × `wia_dagloon` (interpretation: the Schattingsbesluit compares
    hourly wages, and the maatman earns what the person earned; the dagloon cap does not limit the
    maatmaninkomen). Includes vakantiebijslag, like the maandloon.
    Input with a formula default (`set_input = given_or_formula`, see openfisca_nl_sz/formula_defaults.py):
    a person for whom a value is given gets that value; every other person gets the formula below, also
    when someone else in the same situation gives it. A given value lands in `resterende_verdiencapaciteit_opgegeven`.
    """
    set_input = given_or_formula

    def formula_2024_01(persoon, period, parameters):
        dagen = parameters(period).wia.dagen_per_maand
        ao = np.clip(persoon("arbeidsongeschiktheidspercentage", period), 0, 100)
        maatmaninkomen = dagen * max_(persoon("wia_dagloon", period), 0)
        return (1 - ao / 100) * maatmaninkomen


# --- Art. 4, 5, 47, 54: who gets what ---------------------------------------------------------


class wia_heeft_recht(Variable):
    """Whether the degree of incapacity reaches the WIA threshold (35 %) and the person is below the AOW age:
    otherwise no WIA at all."""

    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "Recht op een WIA-uitkering (AO ≥ toegangsgrens, jonger dan de AOW-leeftijd)"
    reference = [f"{WIA}#Artikel5", f"{WIA}#Artikel43", f"{WIA}#Artikel47", f"{WIA}#Artikel49",
                 f"{WIA}#Artikel54", f"{WIA}#Artikel56"]
    documentation = """
    The IVA and the WGA end at the pensioengerechtigde leeftijd (art. 49 lid 1 onder b, art. 56 lid 1 onder b;
    no right from that age, art. 43 onder g): `aow_leeftijd_bereikt`, the one AOW age (variables/aow.py).
    """

    def formula_2024_01(persoon, period, parameters):
        grens = parameters(period).wia.toegangsgrens
        onder_aow_leeftijd = not_(persoon("aow_leeftijd_bereikt", period))
        return (persoon("arbeidsongeschiktheidspercentage", period) >= grens) * onder_aow_leeftijd


class wia_volledig_arbeidsongeschikt(Variable):
    """Whether the person can earn at most 20 % of his maatmaninkomen, i.e. is at least 80 % incapacitated."""

    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "Kan ten hoogste 20 % van het maatmaninkomen verdienen (AO ≥ 80 %)"
    reference = [f"{WIA}#Artikel4", f"{WIA}#Artikel60"]

    def formula_2024_01(persoon, period, parameters):
        grens = parameters(period).wia.grens_volledig_arbeidsongeschikt
        return persoon("arbeidsongeschiktheidspercentage", period) >= grens


class wia_iva_recht(Variable):
    """Right to the IVA: fully (≥ 80 %) and durably incapacitated (art. 4, 47)."""

    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "Recht op IVA (volledig en duurzaam arbeidsongeschikt)"
    reference = [f"{WIA}#Artikel4", f"{WIA}#Artikel47"]

    def formula_2024_01(persoon, period, parameters):
        return (
            persoon("wia_heeft_recht", period)
            * persoon("wia_volledig_arbeidsongeschikt", period)
            * persoon("wia_duurzaam", period)
        )


class wia_wga_recht(Variable):
    """Right to the WGA: at or above the threshold but not volledig en duurzaam (art. 5, 54)."""

    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "Recht op WGA (gedeeltelijk arbeidsgeschikt, of volledig maar niet duurzaam)"
    reference = [f"{WIA}#Artikel5", f"{WIA}#Artikel54"]

    def formula_2024_01(persoon, period, parameters):
        return persoon("wia_heeft_recht", period) * not_(persoon("wia_iva_recht", period))


class wia_klasse(Variable):
    """The arbeidsongeschiktheidsklasse, given as its lower bound (0, 35, 45, 55, 65 or 80): the
    class that sets the vervolguitkering percentage."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "percent"
    label = "Arbeidsongeschiktheidsklasse (ondergrens, %)"
    reference = f"{WIA}#Artikel61"

    def formula_2024_01(persoon, period, parameters):
        scale = parameters(period).wia.vervolguitkering.percentage
        thresholds = np.asarray(scale.thresholds, dtype=float)
        ao = persoon("arbeidsongeschiktheidspercentage", period)
        index = np.searchsorted(thresholds, ao, side="right") - 1
        return where(index >= 0, thresholds[np.clip(index, 0, None)], 0)


class wia_uitkeringspercentage(Variable):
    """G of art. 61 lid 6: the percentage of the minimumloon that the vervolguitkering pays for the
    person's AO class (28 / 35 / 42 / 50,75 / 70 %)."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    label = "Uitkeringspercentage van de AO-klasse (G, art. 61 lid 6)"
    reference = f"{WIA}#Artikel61"

    def formula_2024_01(persoon, period, parameters):
        scale = parameters(period).wia.vervolguitkering.percentage
        return scale.calc(persoon("arbeidsongeschiktheidspercentage", period))


# --- Art. 51-52: IVA --------------------------------------------------------------------------


class iva_uitkering(Variable):
    """The IVA: 75 % of the maandloon, minus 70 % of income from work × C/D; never below zero."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "IVA-uitkering per maand (bruto, inclusief vakantiebijslag)"
    reference = [f"{WIA}#Artikel51", f"{WIA}#Artikel52", f"{WIA}#Artikel68"]

    def formula_2024_01(persoon, period, parameters):
        iva = parameters(period).wia.iva
        maandloon = persoon("wia_maandloon", period)
        inkomen = persoon("wia_inkomen_uit_arbeid", period)
        factor = persoon("wia_dagloonfactor", period)
        bedrag = iva.percentage * maandloon - iva.inkomen_percentage * inkomen * factor
        return where(persoon("wia_iva_recht", period), max_(bedrag, 0), 0)


# --- Art. 58, 59, 61 lid 1: loongerelateerde WGA-uitkering ------------------------------------


class wia_jaar_aanvang(Variable):
    """The calendar year in which the WIA right began: this month minus `wia_maanden_sinds_aanvang`."""

    value_type = int
    entity = Persoon
    definition_period = MONTH
    label = "Calendar year in which the WIA right began (derived from the months since the start)"
    reference = [f"{WIA}#Artikel15", f"{WIA}#Artikel59"]
    documentation = """
    Art. 15 lid 1 a counts the calendar years "tot en met het kalenderjaar onmiddellijk voorafgaande aan
    het kalenderjaar waarin de dag is gelegen waarop het recht op een uitkering op grond van deze wet is
    ontstaan" (text geldend vanaf 2022-01-01, Stb. 2021, 627), and art. 59 takes the LGU duration from
    that arbeidsverleden, so the duration of the loongerelateerde uitkering does not change when
    the calendar year turns while it runs. Derived, not an input.
    """

    def formula(persoon, period, parameters):
        return jaar_van_aanvang(period, persoon("wia_maanden_sinds_aanvang", period)).astype(int)


class wia_arbeidsverleden_jaren_voor_2016(Variable):
    """How many of the years of arbeidsverleden lie before 2016 (they always count a whole month)."""

    value_type = int
    entity = Persoon
    definition_period = MONTH
    label = "WIA arbeidsverleden: calendar years before 2016"
    reference = f"{WIA}#Artikel59"
    documentation = """
    Default: the arbeidsverleden is taken to be the most recent calendar years before the year the WIA
    right began (`wia_jaar_aanvang`, art. 15), so the years that do not fit in 2016 … (that year − 1) lie
    before 2016. Set it for an exact case.
    Input with a formula default (`set_input = given_or_formula`, see openfisca_nl_sz/formula_defaults.py):
    a person for whom a value is given gets that value; every other person gets the formula below, also
    when someone else in the same situation gives it. A given value lands in `wia_arbeidsverleden_jaren_voor_2016_opgegeven`.
    """
    set_input = given_or_formula

    def formula(persoon, period, parameters):
        jaren = np.floor(max_(persoon("wia_arbeidsverleden_jaren", period), 0))
        return jaren_voor_2016_aangenomen(jaren, persoon("wia_jaar_aanvang", period)).astype(int)


class wga_lgu_duur_maanden(Variable):
    """Duration of the loongerelateerde WGA-uitkering: one month per year of arbeidsverleden up to
    10 years, half a month per year above that, at least 3 and at most 24 months (art. 59)."""

    value_type = int
    entity = Persoon
    definition_period = MONTH
    unit = "month"
    label = "Duur loongerelateerde WGA-uitkering (maanden)"
    reference = f"{WIA}#Artikel59"
    documentation = """
    Input with a default from `wia_arbeidsverleden_jaren` and `wia_arbeidsverleden_jaren_voor_2016`
    (art. 59 lid 2 b: above 10 years a year after 2015 counts ½ month, a year before 2016 a whole month).
    A leftover half month (15 days) is dropped, because the duration is in whole months; the reductions
    of lid 5-6 (preceding IVA or WW) are not modelled.
    Input with a formula default (`set_input = given_or_formula`, see openfisca_nl_sz/formula_defaults.py):
    a person for whom a value is given gets that value; every other person gets the formula below, also
    when someone else in the same situation gives it. A given value lands in `wga_lgu_duur_maanden_opgegeven`.
    """
    set_input = given_or_formula

    def formula_2024_01(persoon, period, parameters):
        lgu = parameters(period).wia.lgu
        jaren = max_(persoon("wia_arbeidsverleden_jaren", period), 0)
        # lgu.maanden_per_jaar is 1: one month per counted year (art. 59 lid 2 a).
        maanden = np.floor(lgu.maanden_per_jaar * duur_in_maanden(
            jaren, persoon("wia_arbeidsverleden_jaren_voor_2016", period),
            lgu.jaren_volle_maand, lgu.maanden_per_jaar_daarboven))
        return np.clip(maanden, lgu.minimum_duur, lgu.maximum_duur).astype(int)


class wga_in_lgu_periode(Variable):
    """Whether this month falls in the loongerelateerde uitkering: WGA right, referte-eis met, and
    fewer months since the start than the LGU duration."""

    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "Maand valt in de loongerelateerde WGA-periode"
    reference = [f"{WIA}#Artikel58", f"{WIA}#Artikel59"]

    def formula_2024_01(persoon, period, parameters):
        return (
            persoon("wia_wga_recht", period)
            * persoon("wia_voldoet_aan_referte_eis", period)
            * (persoon("wia_maanden_sinds_aanvang", period) < persoon("wga_lgu_duur_maanden", period))
        )


def _lgu_bedrag(persoon, period, parameters, inkomen):
    """Art. 61 lid 1: 75 % (first two months) or 70 % of (A − B × C/D), in the LGU period only."""
    lgu = parameters(period).wia.lgu
    maand = persoon("wia_maanden_sinds_aanvang", period)
    percentage = where(
        maand < lgu.aantal_maanden_eerste_percentage, lgu.percentage_eerste_maanden, lgu.percentage
    )
    maandloon = persoon("wia_maandloon", period)
    factor = persoon("wia_dagloonfactor", period)
    bedrag = percentage * max_(maandloon - inkomen * factor, 0)
    return where(persoon("wga_in_lgu_periode", period), bedrag, 0)


class wga_loongerelateerde_uitkering_voor_samenloop(Variable):
    """The loongerelateerde uitkering on income from work alone, before a WW right counts as income:
    the amount WW art. 19 lid 1 b looks at to decide whether the WGA blocks the WW."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Loongerelateerde WGA-uitkering op inkomen uit arbeid alleen (vóór samenloop met de WW)"
    reference = [f"{WIA}#Artikel61", "https://wetten.overheid.nl/BWBR0004045/2024-01-01#Artikel19"]
    documentation = """
    WW art. 19 lid 1 b excludes WW for who "een ... loongerelateerde uitkering ... ontvangt". Whether
    the WW runs cannot depend on the LGU after the WW maandloon is counted in it (that would be
    circular), so the test uses this amount: the art. 61 lid 1 LGU on income from work.
    """

    def formula_2024_01(persoon, period, parameters):
        return _lgu_bedrag(persoon, period, parameters, persoon("wia_inkomen_uit_arbeid", period))


class wia_inkomen_lgu(Variable):
    """Income B of art. 61 lid 1 for the loongerelateerde uitkering: income from work, but while a
    regular WW right runs at least the maandloon on which that WW rests (AIB art. 3:3 lid 5)."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Inkomen voor de loongerelateerde WGA-uitkering (met het WW-maandloon bij samenloop)"
    reference = [
        f"{WIA}#Artikel61",
        "https://wetten.overheid.nl/jci1.3:c:BWBR0029368&artikel=3:3&lid=5",
        "https://wetten.overheid.nl/jci1.3:c:BWBR0029368&artikel=3:2&lid=14",
        "https://wetten.overheid.nl/jci1.3:c:BWBR0029368&artikel=3:4&lid=2",
    ]
    documentation = """
    Algemeen Inkomensbesluit socialezekerheidswetten (AIB) art. 3:3 lid 5: for who has a right under the
    Wet WIA and a reguliere WW-uitkering, "inkomen" also includes the dag- or maandloon on which the WW
    is based. So a WGA recipient who loses his remaining job during the LGU does not see the LGU rise:
    the lost wage is replaced by the WW and still counts against the LGU, and LGU + WW stay about 70 %
    of the old wage instead of adding up to 140 %.
    The WW maandloon (`ww_maandloon`, A of WW art. 47) stands in for the wage of the lost job; income
    from new work is deducted from the WW first (AIB art. 3:2 lid 14), and the WW ends when that income
    × C/D passes 87,5 % of its maandloon (WW art. 20 lid 1 c). So while the WW runs, B is the larger of
    the work income and the WW maandloon (our reading of lid 5 with lid 14).
    This applies only to the LGU (art. 61 lid 1). For the inkomenseis (art. 60) and the
    loonaanvullingsuitkering (art. 61 lid 2-4) a reguliere WW is NOT income (AIB art. 3:4 lid 2 e), see
    `wia_inkomen_uit_arbeid`. Whether lid 5 also reaches the IVA (art. 52) next to WW from another job
    (WW art. 19 lid 8) was not checked; the IVA is left on income from work.
    Text: AIB as read for the project's research (BWBR0029368, toestand 2026-01-01).
    """

    def formula_2024_01(persoon, period, parameters):
        inkomen = persoon("wia_inkomen_uit_arbeid", period)
        ww_maandloon = where(persoon("ww_loopt", period), persoon("ww_maandloon", period), 0)
        return max_(inkomen, ww_maandloon)


class wga_loongerelateerde_uitkering(Variable):
    """The loongerelateerde WGA-uitkering: 75 % (first two months) or 70 % (after) of the maandloon
    minus income × C/D, where a running WW counts with its maandloon (AIB art. 3:3 lid 5)."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Loongerelateerde WGA-uitkering per maand (bruto, inclusief vakantiebijslag)"
    reference = [f"{WIA}#Artikel61", f"{WIA}#Artikel59", f"{WIA}#Artikel68"]
    documentation = """
    Art. 61 lid 1 with B = `wia_inkomen_lgu`: income from work, or the WW maandloon while a WW right
    runs next to the LGU (WW art. 19 lid 12 c or lid 8). Without a WW this is the amount on income from
    work, `wga_loongerelateerde_uitkering_voor_samenloop`.
    """

    def formula_2024_01(persoon, period, parameters):
        return _lgu_bedrag(persoon, period, parameters, persoon("wia_inkomen_lgu", period))


# --- Art. 60-62: loonaanvullingsuitkering or vervolguitkering ---------------------------------


class wia_inkomenseis(Variable):
    """The inkomenseis: 50 % of the resterende verdiencapaciteit per month. It does not apply (0 here)
    to who can earn at most 20 % of his maatmaninkomen (art. 60 lid 3)."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Inkomenseis per maand (50 % van de resterende verdiencapaciteit)"
    reference = f"{WIA}#Artikel60"

    def formula_2024_01(persoon, period, parameters):
        percentage = parameters(period).wia.inkomenseis_percentage
        rvc = max_(persoon("resterende_verdiencapaciteit", period), 0)
        geen_eis = persoon("wia_volledig_arbeidsongeschikt", period)
        return where(geen_eis, 0, percentage * rvc)


class wia_voldoet_aan_inkomenseis(Variable):
    """Whether income from work reaches the inkomenseis, or no inkomenseis applies (AO ≥ 80 %)."""

    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "Voldoet aan de inkomenseis (of er geldt geen inkomenseis)"
    reference = f"{WIA}#Artikel60"

    def formula_2024_01(persoon, period, parameters):
        geen_eis = persoon("wia_volledig_arbeidsongeschikt", period)
        inkomen = persoon("wia_inkomen_uit_arbeid", period)
        return geen_eis + (inkomen >= persoon("wia_inkomenseis", period))


class wga_na_lgu(Variable):
    """Whether this month is a WGA month after (or without) the loongerelateerde uitkering."""

    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "WGA-maand na (of zonder) loongerelateerde uitkering"
    reference = f"{WIA}#Artikel60"

    def formula_2024_01(persoon, period, parameters):
        return persoon("wia_wga_recht", period) * not_(persoon("wga_in_lgu_periode", period))


class wga_loonaanvullingsuitkering(Variable):
    """The loonaanvullingsuitkering after the LGU, for who meets the inkomenseis: 70 % of (maandloon −
    income × C/D) if income ≥ RVC or AO ≥ 80 %; else 70 % of (maandloon − RVC × C/D), raised to the
    vervolguitkering but not above 70 % of (maandloon − income × C/D) (art. 61 lid 2-6)."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "WGA-loonaanvullingsuitkering per maand (bruto, inclusief vakantiebijslag)"
    reference = [f"{WIA}#Artikel60", f"{WIA}#Artikel61", f"{WIA}#Artikel68"]

    def formula_2024_01(persoon, period, parameters):
        # art. 61 lid 2-6 in openfisca_nl_sz.legal.wia_lau, shared with the hardheidsclausule reform
        bedrag = wia_lau.loonaanvullingsuitkering(
            percentage=parameters(period).wia.lau.percentage,
            maandloon=persoon("wia_maandloon", period),  # A, E
            inkomen=persoon("wia_inkomen_uit_arbeid", period),  # B
            factor=persoon("wia_dagloonfactor", period),  # C/D = G/H
            rvc=max_(persoon("resterende_verdiencapaciteit", period), 0),  # F
            vervolguitkering_bedrag=persoon("wga_vervolguitkering_bedrag", period),  # G x H
            geen_inkomenseis=persoon("wia_volledig_arbeidsongeschikt", period),
        )

        lau = persoon("wga_na_lgu", period) * persoon("wia_voldoet_aan_inkomenseis", period)
        return where(lau, bedrag, 0)


class wga_vervolguitkering_bedrag(Variable):
    """G × H of art. 61 lid 5 and art. 62: the class percentage times the WIA minimumloon (incl.
    vakantietoeslag), or times the maandloon if that is lower."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Bedrag G × H: uitkeringspercentage × min(minimumloon, maandloon)"
    reference = [f"{WIA}#Artikel61", f"{WIA}#Artikel62", f"{WIA}#Artikel12"]
    documentation = """
    H = the minimumloon per maand, or the maandloon if the minimumloon is higher (art. 62 lid 1). The
    minimumloon is incl. vakantietoeslag (art. 12 lid 1 b) and so is the maandloon (its dagloon rests
    on SV-loon including vakantiegeld), so both are compared as they are, without adjusting either.
    """

    def formula_2024_01(persoon, period, parameters):
        h = min_(persoon("wia_minimumloon", period), persoon("wia_maandloon", period))
        return persoon("wia_uitkeringspercentage", period) * h


class wga_vervolguitkering(Variable):
    """The vervolguitkering after the LGU for who does not meet the inkomenseis: the class percentage
    times the minimumloon (or the lower maandloon), whatever he earns (art. 62)."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "WGA-vervolguitkering per maand (bruto, inclusief vakantiebijslag)"
    reference = [f"{WIA}#Artikel60", f"{WIA}#Artikel62", f"{WIA}#Artikel68"]

    def formula_2024_01(persoon, period, parameters):
        vvu = persoon("wga_na_lgu", period) * not_(persoon("wia_voldoet_aan_inkomenseis", period))
        return where(vvu, persoon("wga_vervolguitkering_bedrag", period), 0)


# --- Totals and explanation -------------------------------------------------------------------


class wia_uitkering(Variable):
    """The WIA benefit of the month: IVA + loongerelateerde + loonaanvullings- + vervolguitkering."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "WIA-uitkering per maand (bruto, inclusief vakantiebijslag)"
    reference = [f"{WIA}#Artikel51", f"{WIA}#Artikel61", f"{WIA}#Artikel62"]

    def formula_2024_01(persoon, period, parameters):
        return (
            persoon("iva_uitkering", period)
            + persoon("wga_loongerelateerde_uitkering", period)
            + persoon("wga_loonaanvullingsuitkering", period)
            + persoon("wga_vervolguitkering", period)
        )


class WiaSoortUitkering(Enum):
    geen = "Geen WIA-uitkering"
    iva = "IVA"
    loongerelateerd = "WGA loongerelateerde uitkering"
    loonaanvulling = "WGA loonaanvullingsuitkering"
    vervolg = "WGA vervolguitkering"


class wia_soort_uitkering(Variable):
    """Which WIA benefit the person has this month (for explaining findings)."""

    value_type = Enum
    possible_values = WiaSoortUitkering
    default_value = WiaSoortUitkering.geen
    entity = Persoon
    definition_period = MONTH
    label = "Soort WIA-uitkering deze maand"
    reference = f"{WIA}#Artikel60"

    def formula_2024_01(persoon, period, parameters):
        na_lgu = persoon("wga_na_lgu", period)
        eis = persoon("wia_voldoet_aan_inkomenseis", period)
        return select(
            [
                persoon("wia_iva_recht", period),
                persoon("wga_in_lgu_periode", period),
                na_lgu * eis,
                na_lgu * not_(eis),
            ],
            [
                WiaSoortUitkering.iva,
                WiaSoortUitkering.loongerelateerd,
                WiaSoortUitkering.loonaanvulling,
                WiaSoortUitkering.vervolg,
            ],
            default=WiaSoortUitkering.geen,
        )
