"""Wet op de huurtoeslag (Wht, BWBR0008659): the rent allowance.

The household pays a basishuur itself; of the rent above it the huurtoeslag pays 100% up to the
kwaliteitskortingsgrens, 65% up to the aftoppingsgrens and 40% above it (Wht art. 17-21). Income
counts for the whole household: aanvrager, toeslagpartner and medebewoners (Awir art. 7, with the
kindvrijstelling for children under 23).

Two systems:
- 2024-2025 (`formula_2024_01`): the rekenhuur (kale huur + at most € 48 servicekosten) must not
  exceed the maximale huurgrens (the kwaliteitskortingsgrens for households all under 23 without
  children) or there is no huurtoeslag at all; the basishuur rises with income along a quadratic
  curve a·Y² + b·Y above a minimum-inkomensijkpunt (minimum-normhuur below it), plus the (negative)
  taakstellingsbedrag. In 2024 the 40% band applies only to one-person and AOW-age households.
- from 2026 (`formula_2026_01`, Wet vereenvoudiging huurtoeslag, Stb. 2024, 425): no maximum-rent
  condition, the rent is capped instead (at the kwaliteitskortingsgrens if everyone is 18-20); only the
  kale huur counts; the basishuur is fixed and a linear income correction (a percentage of the income
  above the inkomensijkpunt) is subtracted; the 40% band applies to all households.
The monthly amount is rounded down to whole euros; the Awir € 24 yearly minimum and the asset test
apply (Awir art. 14 lid 5, art. 7 lid 3-4).
"""

import numpy

from openfisca_core.model_api import MONTH, Variable, max_, min_

from openfisca_nl_sz.entities import Huishouden

WHT = "https://wetten.overheid.nl/BWBR0008659/{d}#Artikel{a}"
WHT_2025 = "https://wetten.overheid.nl/BWBR0008659/2025-01-01"
WHT_2026 = "https://wetten.overheid.nl/BWBR0008659/2026-01-01"
AWIR = "https://wetten.overheid.nl/BWBR0018472/2025-01-01"


class ht_aantal_personen(Variable):
    """The number of people in the household for the huurtoeslag: everyone living in the dwelling."""

    value_type = int
    entity = Huishouden
    definition_period = MONTH
    label = "Number of persons in the huurtoeslag household"
    reference = f"{WHT_2025}#Artikel1"

    def formula(huishouden, period):
        return huishouden("aantal_bewoners", period)


class ht_rekeninkomen(Variable):
    """The income the huurtoeslag tests: the toetsingsinkomen of aanvrager and toeslagpartner plus the
    counted income of the medebewoners."""

    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Rekeninkomen of the huurtoeslag (per year)"
    reference = [f"{WHT_2025}#Artikel8", f"{AWIR}#Artikel7"]

    def formula(huishouden, period):
        return huishouden("awir_toetsingsinkomen_gezamenlijk", period) + huishouden(
            "awir_inkomen_medebewoners", period
        )


class ht_is_ouderenhuishouden(Variable):
    """The aanvrager or the toeslagpartner has reached the AOW age."""

    value_type = bool
    entity = Huishouden
    definition_period = MONTH
    label = "Household of AOW age (aanvrager or partner has reached the AOW age)"
    reference = f"{WHT_2025}#Artikel1"
    documentation = """
    Only matters in 2024 (separate EPH-AOW / MPH-AOW basishuur parameters, and the 40% band for older
    multi-person households). Age in whole years against the AOW age (67 in 2024-2026).
    """

    def formula(huishouden, period, parameters):
        oud = huishouden.members("aow_leeftijd_bereikt", period)  # the one AOW age (variables/aow.py)
        return huishouden.any(oud, role=Huishouden.AANVRAGER) | huishouden.any(
            oud, role=Huishouden.PARTNER
        )


class ht_is_jongerenhuishouden(Variable):
    """Everyone in the household is younger than the age limit (23 until 2025, 21 from 2026) and there is
    no child: the lower maximum rent applies."""

    value_type = bool
    entity = Huishouden
    definition_period = MONTH
    label = "Young household without children (lower maximum rent)"
    reference = f"{WHT_2025}#Artikel13"
    documentation = """
    Until 2025: everyone under 23 and no child -> maximum rent = kwaliteitskortingsgrens (an eligibility
    limit). From 2026: everyone under 21 -> the rent counts only up to the kwaliteitskortingsgrens. The
    disability exception is not modelled (no input).
    """

    def formula(huishouden, period, parameters):
        grens = parameters(period).huurtoeslag.leeftijdsgrens_jongeren
        oudste = huishouden.max(huishouden.members("leeftijd", period))
        return (oudste < grens) & (huishouden.nb_persons(Huishouden.KIND) == 0)


class ht_rekenhuur(Variable):
    """The rent the huurtoeslag works with: the kale huur plus the subsidisable servicekosten up to
    € 48 (until 2025); from 2026 the kale huur only."""

    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Rekenhuur (per month)"
    reference = f"{WHT_2025}#Artikel5"

    def formula(huishouden, period, parameters):
        maximum = parameters(period).huurtoeslag.maximum_servicekosten
        servicekosten = min_(max_(huishouden("servicekosten", period), 0), maximum)
        return huishouden("huur", period) + servicekosten


class ht_aftoppingsgrens(Variable):
    """The aftoppingsgrens that applies: the lower one for 1 or 2 persons, the higher one from 3."""

    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Aftoppingsgrens for the household size (per month)"
    reference = f"{WHT_2025}#Artikel20"

    def formula(huishouden, period, parameters):
        grens = parameters(period).huurtoeslag.aftoppingsgrens
        personen = huishouden("ht_aantal_personen", period)
        return numpy.where(
            personen >= 3, grens.drie_of_meer_personen, grens.een_of_twee_personen
        )


class ht_basishuur(Variable):
    """The basishuur: the part of the rent the household pays itself."""

    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Basishuur (per month)"
    reference = [f"{WHT_2025}#Artikel17", f"{WHT_2026}#Artikel17"]
    documentation = """
    2024-2025: a·Y² + b·Y (Y = rekeninkomen per year) if Y is above the minimum-inkomensijkpunt, else the
    minimum-normhuur; plus the taakstellingsbedrag (negative). The parameters depend on the household
    type: one person or more, below or at AOW age (Besluit op de huurtoeslag; Belastingdienst
    proefberekening values, research §4.1). From 2026 a fixed amount for 1 person or 2+ persons.
    """

    def formula_2024_01(huishouden, period, parameters):
        ht = parameters(period).huurtoeslag
        inkomen = huishouden("ht_rekeninkomen", period).astype(numpy.float64)
        een = huishouden("ht_aantal_personen", period) <= 1
        oud = huishouden("ht_is_ouderenhuishouden", period)
        soorten = [ht.basishuur.eenpersoons, ht.basishuur.eenpersoons_aow,
                   ht.basishuur.meerpersoons, ht.basishuur.meerpersoons_aow]
        keuzes = [een & ~oud, een & oud, ~een & ~oud, ~een & oud]

        def kies(naam):
            return numpy.select(keuzes, [getattr(s, naam) for s in soorten])

        a, b = kies("factor_a"), kies("factor_b")
        ijkpunt, minimum = kies("minimum_inkomensijkpunt"), kies("minimum_normhuur")
        curve = a * inkomen**2 + b * inkomen
        return numpy.where(inkomen > ijkpunt, curve, minimum) + ht.taakstellingsbedrag

    def formula_2026_01(huishouden, period, parameters):
        vast = parameters(period).huurtoeslag.basishuur.vast
        een = huishouden("ht_aantal_personen", period) <= 1
        return numpy.where(een, vast.eenpersoons, vast.meerpersoons)


class ht_inkomenscorrectie(Variable):
    """From 2026: the monthly reduction of the huurtoeslag, a percentage of the yearly rekeninkomen above
    the inkomensijkpunt, divided by 12."""

    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Income correction of the huurtoeslag (per month, from 2026)"
    reference = f"{WHT_2026}#Artikel17"

    def formula_2024_01(huishouden, period):
        return huishouden.filled_array(0.0)

    def formula_2026_01(huishouden, period, parameters):
        ic = parameters(period).huurtoeslag.inkomenscorrectie
        inkomen = huishouden("ht_rekeninkomen", period).astype(numpy.float64)
        een = huishouden("ht_aantal_personen", period) <= 1
        ijkpunt = numpy.where(een, ic.inkomensijkpunt_eenpersoons, ic.inkomensijkpunt_meerpersoons)
        pct = numpy.where(een, ic.percentage_eenpersoons, ic.percentage_meerpersoons)
        return max_(inkomen - ijkpunt, 0) * pct / 12


class ht_maximale_huur(Variable):
    """The maximum rent for this household: the kwaliteitskortingsgrens for a young household without
    children, otherwise the maximale huurgrens. Until 2025 a higher rekenhuur means no huurtoeslag at
    all; from 2026 the rent counts only up to it."""

    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Maximum rent that applies to the household (per month)"
    reference = [f"{WHT_2025}#Artikel13", f"{WHT_2026}#Artikel13"]

    def formula(huishouden, period, parameters):
        ht = parameters(period).huurtoeslag
        jong = huishouden("ht_is_jongerenhuishouden", period)
        return numpy.where(jong, ht.kwaliteitskortingsgrens, ht.maximale_huurgrens)


class ht_huurtoeslag_onafgerond(Variable):
    """The huurtoeslag per month before rounding: 100% of the rent between basishuur and
    kwaliteitskortingsgrens, 65% up to the aftoppingsgrens, 40% above it where that band applies
    (minus the income correction from 2026); nothing if the asset test fails or, until 2025, if the
    rent is above the maximum."""

    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Huurtoeslag per month before rounding"
    reference = [f"{WHT_2025}#Artikel21", f"{WHT_2026}#Artikel21", f"{AWIR}#Artikel7"]
    documentation = """
    Bands (research §4.1-4.2): A = max(0, min(R, K) - B); B2 = 65% x max(0, min(R, T) - max(K, B));
    C = 40% x max(0, R - max(T, B)), with R rekenhuur, K kwaliteitskortingsgrens, T aftoppingsgrens,
    B basishuur. 2024: C only for one-person households and households of AOW age (the handicap
    exception is not modelled); 2025: C for every household (Rijksoverheid 17-12-2024, not checked
    against a 2025 leaflet). Until 2025 a rekenhuur above the maximum rent gives 0 (a cliff).
    """

    def formula_2024_01(huishouden, period, parameters):
        pct = parameters(period).huurtoeslag.vergoedingspercentage
        huur = huishouden("ht_rekenhuur", period).astype(numpy.float64)
        boven_maximum = huur > huishouden("ht_maximale_huur", period)
        c_band = (
            (huishouden("ht_aantal_personen", period) <= 1)
            | huishouden("ht_is_ouderenhuishouden", period)
            | bool(pct.boven_aftoppingsgrens_voor_alle_huishoudens)
        )
        bedrag = _banden(huishouden, period, parameters, huur, c_band)
        nul = boven_maximum | huishouden("awir_vermogen_boven_grens", period)
        return numpy.where(nul, 0.0, max_(bedrag, 0))

    def formula_2026_01(huishouden, period, parameters):
        huur = min_(huishouden("ht_rekenhuur", period), huishouden("ht_maximale_huur", period))
        huur = huur.astype(numpy.float64)
        bedrag = _banden(huishouden, period, parameters, huur, True) - huishouden(
            "ht_inkomenscorrectie", period
        )
        nul = huishouden("awir_vermogen_boven_grens", period)
        return numpy.where(nul, 0.0, max_(bedrag, 0))


def _banden(huishouden, period, parameters, huur, c_band):
    """The three subsidy bands of Wht art. 21 for rekenhuur `huur`."""
    ht = parameters(period).huurtoeslag
    pct = ht.vergoedingspercentage
    basishuur = huishouden("ht_basishuur", period).astype(numpy.float64)
    kwaliteit = ht.kwaliteitskortingsgrens
    aftop = huishouden("ht_aftoppingsgrens", period).astype(numpy.float64)
    band_a = max_(min_(huur, kwaliteit) - basishuur, 0)
    band_b = max_(min_(huur, aftop) - max_(basishuur, kwaliteit), 0)
    band_c = max_(huur - max_(aftop, basishuur), 0)
    return (
        band_a
        + pct.kwaliteitskortingsgrens_tot_aftoppingsgrens * band_b
        + numpy.where(c_band, pct.boven_aftoppingsgrens * band_c, 0.0)
    )


class huurtoeslag(Variable):
    """The huurtoeslag per month, rounded down to whole euros; nothing if the yearly amount would be
    less than € 24."""

    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Huurtoeslag per month"
    reference = [f"{WHT_2025}#Artikel21", f"{AWIR}#Artikel14"]
    documentation = """
    Monthly amount = floor(unrounded monthly amount), as in the Dienst Toeslagen leaflets and tables
    (research §4.1-4.3). Awir art. 14 lid 5: not granted if the yearly amount, 12 x the monthly amount
    rounded to whole euros (lid 4), is below € 24.
    """

    def formula(huishouden, period, parameters):
        minimum = parameters(period).awir.minimum_tegemoetkoming
        maand = huishouden("ht_huurtoeslag_onafgerond", period).astype(numpy.float64)
        jaar = numpy.floor(12 * maand + 0.5)
        return numpy.where(jaar < minimum, 0.0, numpy.floor(maand + 1e-9))
