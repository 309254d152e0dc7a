"""Werkloosheidswet (WW, BWBR0004045): the monthly WW benefit of an employee who lost work.

The order follows the law: the dagloon and maandloon (art. 1b), who is unemployed (art. 16, incl. the
35-minner of lid 6), the weken-eis (art. 17), when the right ends (art. 19, 20), the duration (art. 42)
and the amount per month (art. 47), with the vakantiebijslag share (art. 33) and the payment floor (art. 41).

Design choices, all documented on the variables below:
- The WW amount of art. 47 already CONTAINS the vakantiebijslag: the dagloon is SV-loon that includes the
  vakantiebijslag, and art. 33 lid 3 reserves 8/108 of the uitkering as vakantiebijslag (paid in May).
  So `ww_uitkering` is the art. 47 amount itself; nothing is added on top. `ww_vakantiebijslag` shows the
  8/108 share.
- Income B of art. 47 is this month's wage INCLUDING the 8 % vakantiebijslag accruing on it
  (`loon` x 1,08), the yearly-average view of the contract; UWV itself deducts the actual SV-loon of the
  month, so the holiday pay is deducted in the month it is paid (uwv.nl, since 1 July 2021).
- E ("inkomen in verband met arbeid", art. 47 lid 2) and the fictitious income for reduced availability
  (art. 1b lid 5) are not modelled (0).
- Next to the WIA: art. 19 lid 1 b (with lid 8 and lid 12 c) says when the WIA blocks the WW; a WW that
  runs is paid in full (WIA benefits are not income for the WW) but WW and WIA together stay within
  70 % of the maximum dagloon, raised when a benefit pays 75 % (Dagloonbesluit art. 25 lid 1-2). The WIA side of the samenloop, the WW maandloon
  counted as income for the loongerelateerde uitkering (AIB art. 3:3 lid 5), is in wia.py.
- The duration counts the arbeidsverleden back from the year the right began (art. 42 lid 6,
  `ww_jaar_aanvang`), not from the year of the month computed.

Source: WW text toestand 2024-01-01 [A] (research params_sz.md §10.6); no change to these articles
for 2025 or 2026 was found.
"""

import numpy as np
from openfisca_core.model_api import MONTH, Variable, max_, min_, not_, where

from openfisca_nl_sz.legal.arbeidsverleden import duur_in_maanden, jaar_van_aanvang, jaren_voor_2016_aangenomen

from openfisca_nl_sz.entities import Persoon
from openfisca_nl_sz.formula_defaults import given_or_formula

WW = "https://wetten.overheid.nl/BWBR0004045/2024-01-01"


# --- Inputs -------------------------------------------------------------------------------------


class ww_dagloon(Variable):
    """The WW dagloon before the Wfsv maximum: 1/261 of the SV-loon of the reference year; 0 means no WW claim."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "WW dagloon before the maximum dagloon cap (EUR per day); 0 = no WW claim"
    reference = f"{WW}#Artikel1b"
    documentation = """
    Art. 1b lid 1: 1/261 of the loon in the year ending on the last day of the second aangiftetijdvak
    before the one in which the loss of hours began. It is an input because it depends on the wage history.
    The SV-loon includes the vakantiebijslag, so the dagloon does too. This is D of art. 47 ("het dagloon
    indien dat niet gemaximeerd zou zijn"); the capped value is C (`ww_dagloon_gemaximeerd`).

    Which wage to enter (Dagloonbesluit werknemersverzekeringen, BWBR0033471):
    - In general the wage actually earned in the referteperiode at all employers (art. 2, 5). A WIA
      benefit is not loon (art. 3 lid 1 a) and does not lower the WW dagloon either, so for a WGA
      recipient who loses his remaining job the dagloon is that of the remaining job, not of the old
      full wage. (Entering the old full wage next to a WGA does not stack the two: the LGU then counts
      the WW maandloon as income, AIB art. 3:3 lid 5, see `wia_inkomen_lgu`.)
    - The 35-minner (art. 2 lid 8, added by Stb. 2016, 390): when no WIA right arose after the
      wachttijd because he was less than 35 % arbeidsongeschikt, the referteperiode is the year that
      ends before the aangiftetijdvak in which the incapacity began. His WW dagloon then rests on the
      wage before he fell ill (the same year as his WIA dagloon), not on the lower sick pay of the two
      waiting years.
    """


class ww_maanden_sinds_aanvang(Variable):
    """Months since the WW right began; 0 is the first month."""

    value_type = int
    entity = Persoon
    definition_period = MONTH
    label = "Months since the WW benefit started (0 = first month)"
    reference = f"{WW}#Artikel47"


class ww_arbeidsverleden_jaren(Variable):
    """Calendar years of arbeidsverleden (art. 42 lid 6) before the year the unemployment began."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    label = "Years of arbeidsverleden for the WW duration"
    reference = f"{WW}#Artikel42"
    documentation = """
    Art. 42 lid 6: years from 2013 with at least 208 paid hours, years 1998-2012 with at least 52 paid days,
    and the years from the year of the 18th birthday up to 1997. Fractions are rounded down (art. 42 lid 5).
    """


class ww_voldoet_aan_jareneis(Variable):
    """Whether the worker was paid for at least 208 hours in 4 of the 5 calendar years before the year of unemployment."""

    value_type = bool
    default_value = True
    entity = Persoon
    definition_period = MONTH
    label = "Meets the jareneis (4 of 5 years) for a duration beyond the 3-month minimum"
    reference = f"{WW}#Artikel42"
    documentation = """
    Art. 42 lid 2 onderdeel a. Without it (and without a WIA/WAO benefit, onderdeel b) the duration is the
    3-month minimum of lid 1.
    """


class ww_voldoet_aan_referte_eis(Variable):
    """Whether the worker had at least one working hour in 26 of the 36 weeks before the first day of unemployment."""

    value_type = bool
    default_value = True
    entity = Persoon
    definition_period = MONTH
    label = "Meets the weken-eis (26 of 36 weeks) so that a WW right arises"
    reference = f"{WW}#Artikel17"
    documentation = """
    Art. 17 lid 1. Weeks of illness, unpaid leave (max. 78) and WAZO leave are left out of the 36 (art. 17a).
    Without it no WW right arises at all.
    """


class ww_gemiddeld_aantal_arbeidsuren(Variable):
    """The average weekly working hours in the 26 weeks before the loss of hours (art. 16 lid 2); 0 = not given."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "hour"
    label = "Average weekly working hours before the loss of hours (0 = not given: the person counts as unemployed)"
    reference = f"{WW}#Artikel16"


class ww_arbeidsuren(Variable):
    """Working hours per week the person still has in this month."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "hour"
    label = "Working hours per week in this month"
    reference = f"{WW}#Artikel16"


class ww_belastbare_uren(Variable):
    """Hours per week the person is belastbaar according to a WIA art. 6 or ZW art. 19ab assessment; 0 = no such limit."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "hour"
    label = "Belastbare hours per week found in a WIA/ZW assessment (0 = no limitation found)"
    reference = f"{WW}#Artikel16"


class ww_jaar_aanvang(Variable):
    """The calendar year in which the WW right began: this month minus `ww_maanden_sinds_aanvang`."""

    value_type = int
    entity = Persoon
    definition_period = MONTH
    label = "Calendar year in which the WW right began (derived from the months since the start)"
    reference = f"{WW}#Artikel42"
    documentation = """
    Art. 42 lid 6 counts the arbeidsverleden in the calendar years before the year in which the
    unemployment began ("het kalenderjaar waarin de werkloosheid is ingetreden"), so the duration of one
    WW right does not change when the calendar year turns while it runs. Derived, not an input: a claim
    that began in November 2023 is `ww_maanden_sinds_aanvang` 13 in 2024-12 and 14 in 2025-01, and both
    give 2023.
    """

    def formula(persoon, period, parameters):
        return jaar_van_aanvang(period, persoon("ww_maanden_sinds_aanvang", period)).astype(int)


class ww_arbeidsverleden_jaren_voor_2016(Variable):
    """How many of the years of arbeidsverleden lie before 2016 (they always count a whole month)."""

    value_type = int
    entity = Persoon
    definition_period = MONTH
    label = "WW arbeidsverleden: calendar years before 2016"
    reference = f"{WW}#Artikel42"
    documentation = """
    Default: the arbeidsverleden is taken to be the most recent calendar years before the year the WW
    right began (`ww_jaar_aanvang`, art. 42 lid 6), so the years that do not fit in 2016 … (that year − 1)
    lie before 2016. Set it for an exact case.
    Input with a formula default (`set_input = given_or_formula`, see openfisca_nl_sz/formula_defaults.py):
    a person for whom a value is given gets that value; every other person gets the formula below, also
    when someone else in the same situation gives it. A given value lands in `ww_arbeidsverleden_jaren_voor_2016_opgegeven`.
    """
    set_input = given_or_formula

    def formula(persoon, period, parameters):
        jaren = np.floor(max_(persoon("ww_arbeidsverleden_jaren", period), 0))
        return jaren_voor_2016_aangenomen(jaren, persoon("ww_jaar_aanvang", period)).astype(int)


class ww_duur_maanden(Variable):
    """The WW duration: one month per year of arbeidsverleden up to ten years, half a month per later year, between 3 and 24 months."""

    value_type = int
    entity = Persoon
    definition_period = MONTH
    label = "WW duration in months"
    reference = f"{WW}#Artikel42"
    documentation = """
    Art. 42 lid 1-2: at least 3 and at most 24 months; with the jareneis one month for each of the first ten
    years of arbeidsverleden and half a month for each further year after 2015 (a whole month for years before
    2016, `ww_arbeidsverleden_jaren_voor_2016`). The result is rounded down to whole months, so a remaining
    half month (15 calendar days in the law) is dropped. Set this input directly for an exact duration.
    Input with a formula default (`set_input = given_or_formula`, see openfisca_nl_sz/formula_defaults.py):
    a person for whom a value is given gets that value; every other person gets the formula below, also
    when someone else in the same situation gives it. A given value lands in `ww_duur_maanden_opgegeven`.
    """
    set_input = given_or_formula

    def formula(persoon, period, parameters):
        p = parameters(period).ww.uitkeringsduur
        jaren = np.floor(max_(persoon("ww_arbeidsverleden_jaren", period), 0))
        maanden = duur_in_maanden(jaren, persoon("ww_arbeidsverleden_jaren_voor_2016", period),
                                  p.jaren_volle_maand, p.maanden_per_jaar_boven_grens)
        maanden = where(persoon("ww_voldoet_aan_jareneis", period), maanden, p.minimum_maanden)
        maanden = min_(max_(maanden, p.minimum_maanden), p.maximum_maanden)
        return np.floor(maanden).astype(int)


# --- Dagloon and maandloon (art. 1b) ------------------------------------------------------------


class ww_dagloon_gemaximeerd(Variable):
    """The dagloon capped at the maximum dagloon of Wfsv art. 17 (C of art. 47)."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "WW dagloon after the maximum dagloon cap (EUR per day)"
    reference = f"{WW}#Artikel1b"

    def formula(persoon, period, parameters):
        maximum = parameters(period).wfsv.maximum_dagloon
        return min_(max_(persoon("ww_dagloon", period), 0), maximum)


class ww_maandloon(Variable):
    """The maandloon: 21,75 times the capped dagloon (A of art. 47)."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "WW maandloon (21,75 x capped dagloon)"
    reference = f"{WW}#Artikel1b"

    def formula(persoon, period, parameters):
        dagen = parameters(period).ww.uitkering.dagen_per_maand
        return dagen * persoon("ww_dagloon_gemaximeerd", period)


class ww_inkomen(Variable):
    """Income from work in the month that the WW deducts (B of art. 47): the wage including its 8 % vakantiebijslag."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Income in the month for the WW deduction (loon incl. vakantiebijslag accrual)"
    reference = f"{WW}#Artikel47"
    documentation = """
    Art. 47 B = "inkomen in een kalendermaand" (art. 1b lid 4; inkomen uit arbeid = SV-loon, art. 1 o).
    The SV-loon includes vakantiebijslag, just as the dagloon does. The contract's `loon` excludes it, so the
    model uses loon x (1 + vakantiebijslag): the month's average under the contract convention that the
    situation lasts all year. UWV deducts the actual SV-loon of each month (holiday pay in the month it is
    paid; uwv.nl "Vakantiegeld vanuit werk"), which gives the same yearly total except around the 87,5 % limit.
    """

    def formula(persoon, period, parameters):
        vakantiebijslag = parameters(period).wml.vakantiebijslag
        return max_(persoon("loon", period), 0) * (1 + vakantiebijslag)


class ww_inkomen_herleid(Variable):
    """Income multiplied by C/D, capped dagloon over uncapped dagloon, as art. 47 and art. 20 use it."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Income x C/D (capped / uncapped dagloon)"
    reference = f"{WW}#Artikel47"
    documentation = """
    With a capped dagloon only the share C/D of the income is deducted, so a high earner whose dagloon was
    capped is not deducted more than the part of his income the capped maandloon stands for.
    """

    def formula(persoon, period, parameters):
        inkomen = persoon("ww_inkomen", period)
        c = persoon("ww_dagloon_gemaximeerd", period)
        d = persoon("ww_dagloon", period)
        factor = where(d > 0, c / where(d > 0, d, 1), 1)
        return inkomen * factor


# --- Unemployment and the right (art. 16, 17, 19, 20) -------------------------------------------


class ww_35_minner(Variable):
    """A WIA/ZW assessment found the person belastbaar for fewer hours but less than 35 % arbeidsongeschikt."""

    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "35-minner with fewer belastbare hours (WW art. 16 lid 6 applies)"
    reference = f"{WW}#Artikel16"
    documentation = """
    True when `ww_belastbare_uren` > 0 (the assessment limited the hours) and
    `arbeidsongeschiktheidspercentage` < 35. For such a person the average weekly hours of art. 16 lid 2 are
    the belastbare hours, unless that gives a higher number (lid 6).
    """

    def formula(persoon, period, parameters):
        grens = parameters(period).ww.werkloosheid.grens_arbeidsongeschiktheid_belastbare_uren
        ao = persoon("arbeidsongeschiktheidspercentage", period)
        return (persoon("ww_belastbare_uren", period) > 0) * (ao < grens)


class ww_werkloos(Variable):
    """Whether the person is unemployed: at least 5 working hours a week lost, or at most half of the average hours left."""

    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "Unemployed in the sense of WW art. 16"
    reference = f"{WW}#Artikel16"
    documentation = """
    Art. 16 lid 1 a: at least five working hours fewer than the average weekly hours, or at most half of them.
    For a 35-minner (lid 6) the average is the number of belastbare hours if that is lower. Consequence: a
    35-minner who keeps working the hours he is belastbaar for has lost no hours in the sense of the WW and
    gets no WW for the hours he can no longer work (and no WIA, being under 35 %). When
    `ww_gemiddeld_aantal_arbeidsuren` is not given (0) the person is taken to be unemployed (the WW claim is
    then signalled by `ww_dagloon` > 0 alone). Availability for work (lid 1 b) is assumed.
    """

    def formula(persoon, period, parameters):
        p = parameters(period).ww.werkloosheid
        gemiddeld = persoon("ww_gemiddeld_aantal_arbeidsuren", period)
        belastbaar = persoon("ww_belastbare_uren", period)
        gemiddeld = where(persoon("ww_35_minner", period), min_(gemiddeld, belastbaar), gemiddeld)
        uren = persoon("ww_arbeidsuren", period)
        urenverlies = gemiddeld - uren >= p.minimaal_urenverlies
        halve_uren = uren <= p.fractie_resterende_uren * gemiddeld
        gegeven = persoon("ww_gemiddeld_aantal_arbeidsuren", period) > 0
        return where(gegeven, urenverlies + halve_uren, True)


class ww_inkomen_boven_grens(Variable):
    """The income x C/D is more than 87,5 % of the maandloon, so the right ends from this month."""

    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "Income above 87,5 % of the maandloon: no longer unemployed (WW art. 20 lid 1 c)"
    reference = f"{WW}#Artikel20"

    def formula(persoon, period, parameters):
        grens = parameters(period).ww.uitkering.inkomensgrens_einde_recht
        return persoon("ww_inkomen_herleid", period) > grens * persoon("ww_maandloon", period)


class ww_binnen_uitkeringsduur(Variable):
    """The month lies within the WW duration (months 0 up to but not including the duration)."""

    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "Month lies within the WW duration"
    reference = f"{WW}#Artikel20"

    def formula(persoon, period, parameters):
        maand = persoon("ww_maanden_sinds_aanvang", period)
        return (maand >= 0) * (maand < persoon("ww_duur_maanden", period))


class ww_werkloos_uit_andere_dienstbetrekking(Variable):
    """The unemployment is from another job than the one the WIA benefit comes from (art. 19 lid 8)."""

    value_type = bool
    entity = Persoon
    definition_period = MONTH
    default_value = False
    label = "Unemployed from another job than the one behind the WIA benefit (WW art. 19 lid 8)"
    reference = f"{WW}#Artikel19"


class ww_werkloosheid_na_aanvang_lgu(Variable):
    """The unemployment began after the WGA loongerelateerde uitkering started (art. 19 lid 12 c)."""

    value_type = bool
    entity = Persoon
    definition_period = MONTH
    default_value = True
    label = "Unemployment began after the WGA loongerelateerde uitkering started (WW art. 19 lid 12 c)"
    reference = f"{WW}#Artikel19"
    documentation = """
    Default True: the common case is a partly disabled worker who keeps his job into the WGA and is
    dismissed later. Set it to False for someone who was already unemployed when the WGA started:
    then art. 19 lid 1 b excludes WW while the loongerelateerde uitkering runs.
    """


class ww_uitgesloten_wegens_wia(Variable):
    """No WW while the person receives an IVA benefit or — unless the unemployment began after it
    started — the WGA loongerelateerde uitkering, except for unemployment from another job."""

    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "WW excluded because of a WIA benefit (WW art. 19 lid 1 b, lid 8, lid 12 c)"
    reference = f"{WW}#Artikel19"
    documentation = """
    Lid 1 b: no WW for who "een arbeidsongeschiktheidsuitkering dan wel een loongerelateerde uitkering
    van de werkhervattingsuitkering gedeeltelijk arbeidsgeschikten ontvangt" under the Wet WIA; the
    "arbeidsongeschiktheidsuitkering" is the IVA (WIA art. 1), so the loonaanvullings- and
    vervolguitkering do not block the WW. Lid 8: not for unemployment solely from another job. Lid 12 c:
    the LGU does not block the WW of who became unemployed after the LGU right arose.
    Text: WW toestand 2024-01-01 (art. 19 unchanged since 2016-12-08 as far as the commentary text shows;
    the 2025 and 2026 texts were not seen and are assumed unchanged). "Ontvangt" is tested on the IVA
    and on the LGU computed on income from work (`wga_loongerelateerde_uitkering_voor_samenloop`): the
    paid LGU counts the WW maandloon (AIB art. 3:3 lid 5) and so depends on the WW itself.
    """

    def formula(persoon, period, parameters):
        iva = persoon("iva_uitkering", period) > 0
        # The LGU on income from work: the LGU itself counts the WW maandloon once the WW runs
        # (AIB art. 3:3 lid 5), so testing that amount here would be circular.
        lgu = persoon("wga_loongerelateerde_uitkering_voor_samenloop", period) > 0
        na_lgu = persoon("ww_werkloosheid_na_aanvang_lgu", period)
        ander_werk = persoon("ww_werkloos_uit_andere_dienstbetrekking", period)
        return not_(ander_werk) * (iva + lgu * not_(na_lgu))


class ww_loopt(Variable):
    """Whether a WW right exists in this month: a claim, the weken-eis met, unemployed, within the duration, below AOW age and income not above 87,5 %."""

    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "WW right exists in this month"
    reference = f"{WW}#Artikel20"
    documentation = """
    Combines art. 15-17 (werkloos + weken-eis), art. 19 lid 1 i (pensioengerechtigde leeftijd), art. 20 lid 1 b
    (duration over), art. 20 lid 1 c (income above 87,5 %) and art. 19 lid 1 b (no WW next to an IVA or a
    WGA loongerelateerde uitkering, see `ww_uitgesloten_wegens_wia`). Not modelled: the other grounds of
    art. 19, sanctions (art. 24-27) and the 26-week late-claim rule (art. 35).
    """

    def formula(persoon, period, parameters):
        return (
            (persoon("ww_dagloon", period) > 0)
            * persoon("ww_voldoet_aan_referte_eis", period)
            * persoon("ww_werkloos", period)
            * persoon("ww_binnen_uitkeringsduur", period)
            * not_(persoon("aow_leeftijd_bereikt", period))  # art. 19 lid 1 i: the one AOW age (variables/aow.py)
            * not_(persoon("ww_inkomen_boven_grens", period))
            * not_(persoon("ww_uitgesloten_wegens_wia", period))
        )


# --- Amount (art. 47, 41, 33) -------------------------------------------------------------------


class ww_percentage(Variable):
    """75 % in the first two months of the right, 70 % from the third month."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "/1"
    label = "WW uitkeringspercentage (0,75 or 0,70)"
    reference = f"{WW}#Artikel47"

    def formula(persoon, period, parameters):
        p = parameters(period).ww.uitkering
        maand = persoon("ww_maanden_sinds_aanvang", period)
        return where(maand < p.aantal_eerste_maanden, p.percentage_eerste_maanden, p.percentage_daarna)


class ww_uitkering_berekend(Variable):
    """The art. 47 amount before the payment floor: percentage x (maandloon - income x C/D), when the right exists."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "WW amount per art. 47 before the art. 41 payment floor"
    reference = f"{WW}#Artikel47"
    documentation = """
    0,75 (first two months) or 0,7 x (A - B x C/D) - E, with E (inkomen in verband met arbeid, art. 47 lid 2)
    taken as 0. Never negative: below zero there is nothing to pay, and art. 20 lid 1 c ends the right
    already above 87,5 %.
    """

    def formula(persoon, period, parameters):
        verschil = persoon("ww_maandloon", period) - persoon("ww_inkomen_herleid", period)
        bedrag = persoon("ww_percentage", period) * max_(verschil, 0)
        return where(persoon("ww_loopt", period), bedrag, 0)


class ww_minimumloon_per_dag(Variable):
    """The WW minimumloon: the monthly minimum wage for the person's age plus vakantiebijslag, divided by 21,75."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "WW minimumloon per day (art. 14 lid 2)"
    reference = f"{WW}#Artikel14"

    def formula(persoon, period, parameters):
        vakantiebijslag = parameters(period).wml.vakantiebijslag
        dagen = parameters(period).ww.uitkering.dagen_per_maand
        return persoon("minimumloon_per_maand", period) * (1 + vakantiebijslag) / dagen


class ww_uitkering(Variable):
    """The gross WW benefit per month, including the 8/108 share reserved as vakantiebijslag."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "WW-uitkering, gross per month incl. vakantiebijslag share"
    reference = f"{WW}#Artikel47"
    documentation = """
    The art. 47 amount, not paid if it is below 1/8 of the WW minimumloon (art. 41, read literally: the
    minimumloon of art. 14 lid 2 is a day amount, see parameters/ww/uitkering/betalingsondergrens.yaml).
    Next to a WIA benefit, WW and WIA together stay within 70 % of the maximum dagloon, raised when a
    benefit pays 75 % (Dagloonbesluit art. 25 lid 1-2, `ww_ruimte_naast_wia`). The WW itself is not lowered by the WIA benefit:
    benefits under the werknemersverzekeringen are not income for the WW (AIB art. 3:2 lid 1 a 1°).
    The amount already includes the vakantiebijslag: art. 33 lid 3 pays 8/108 of the uitkering as
    vakantiebijslag in May, because the dagloon contains vakantiebijslag. Nothing is added on top.
    """

    def formula(persoon, period, parameters):
        bedrag = persoon("ww_uitkering_berekend", period)
        fractie = parameters(period).ww.uitkering.betalingsondergrens
        ondergrens = fractie * persoon("ww_minimumloon_per_dag", period)
        bedrag = where(bedrag >= ondergrens, bedrag, 0)
        naast_wia = persoon("wia_uitkering", period) > 0
        return where(naast_wia, min_(bedrag, persoon("ww_ruimte_naast_wia", period)), bedrag)


class ww_ruimte_naast_wia(Variable):
    """How much WW may be paid next to the WIA benefit of the month: 70 % of the maximum dagloon per
    month for both together, minus the WIA benefit (Dagloonbesluit art. 25)."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Room for WW next to the WIA benefit (Dagloonbesluit art. 25 combined cap)"
    reference = [
        "https://wetten.overheid.nl/jci1.3:c:BWBR0033471&artikel=25",
        "https://wetten.overheid.nl/BWBR0017745/2025-01-01#Artikel17",
    ]
    documentation = """
    21,75 x (0,70 x maximum dagloon + the art. 25 lid 2 raise) − `wia_uitkering` (never below 0). It
    limits the WW only in a month with a WIA benefit; without one this rule does not apply (the WW alone
    may pay 75 % of the maximum dagloon in its first two months). In 2026-01 without a raise:
    0,70 x 21,75 x 304,25 = 4.632,21 a month for WW and WIA together.
    Art. 25 lid 2: a benefit that pays more than 70 % raises the 70 % amount by (A − 70) % of its own
    dagloon B (before the art. 25 revision): the WW in its first two months (75 %, B = the capped WW
    dagloon), the IVA (75 %) and the LGU in its first two months (75 %, B = the capped WIA dagloon).
    When two benefits pay more than 70 % at once (the IVA and the WW in its first two months) each
    raises the amount: our reading, under which lid 1 and 2 together cap the daglonen of both benefits
    at the maximum dagloon; the text speaks of "een van de uitkeringen" and does not settle this case.
    See parameters/ww/samenloop/maximum_percentage_maximumdagloon.yaml for the reading and its status.
    """

    def formula(persoon, period, parameters):
        p = parameters(period)
        basis = p.ww.samenloop.maximum_percentage_maximumdagloon
        # Art. 25 lid 2, the WW: (A − 70) % of its dagloon while it pays 75 % (WW art. 47).
        ww_verhoging = max_(persoon("ww_percentage", period) - basis, 0) * persoon("ww_dagloon_gemaximeerd", period)
        # Art. 25 lid 2, the WIA: the IVA (art. 51) and the LGU in its first two months (art. 61 lid 1 a).
        lgu_eerste_maanden = persoon("wga_in_lgu_periode", period) * (
            persoon("wia_maanden_sinds_aanvang", period) < p.wia.lgu.aantal_maanden_eerste_percentage
        )
        wia_percentage = where(
            persoon("wia_iva_recht", period),
            p.wia.iva.percentage,
            where(lgu_eerste_maanden, p.wia.lgu.percentage_eerste_maanden, 0),
        )
        wia_verhoging = max_(wia_percentage - basis, 0) * persoon("wia_dagloon_gemaximeerd", period)
        maximum = p.ww.uitkering.dagen_per_maand * (basis * p.wfsv.maximum_dagloon + ww_verhoging + wia_verhoging)
        return max_(maximum - persoon("wia_uitkering", period), 0)


class ww_vakantiebijslag(Variable):
    """The part of the WW benefit that is vakantiebijslag: 8/108 of the uitkering."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Vakantiebijslag share included in ww_uitkering (8/108)"
    reference = f"{WW}#Artikel33"
    documentation = """
    Art. 33 lid 3-4: the vakantiebijslag is 8/108 of the uitkering; the 8 follows the WML art. 15 percentage.
    Paid yearly in May; here shown as the share accruing per month.
    """

    def formula(persoon, period, parameters):
        vakantiebijslag = parameters(period).wml.vakantiebijslag
        return persoon("ww_uitkering", period) * vakantiebijslag / (1 + vakantiebijslag)
