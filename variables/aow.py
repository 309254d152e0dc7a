"""Algemene Ouderdomswet (AOW, BWBR0002221): the AOW age and the ouderdomspensioen.

The pensioengerechtigde leeftijd (art. 7a) is the one AOW age of the model
(`parameters/aow/pensioengerechtigde_leeftijd.yaml`); `aow_leeftijd_bereikt` is the one variable
through which the WIA, the WW, the Toeslagenwet, the Participatiewet and the income tax see it.

The ouderdomspensioen (art. 7, 9) is paid from that age to every insured person: the amount of an
ongehuwde or of a gehuwde (per person), reduced by 2 % for every year of the 50 years before the AOW age
in which the person was not insured (art. 13). The amounts are the gross monthly amounts the SVB
publishes per half year; `aow_uitkering` adds the vakantie-uitkering that accrues in the month, as the
contract asks of every benefit.

Who is gehuwd. The AOW treats as gehuwd both spouses and two unmarried people with a gezamenlijke
huishouding (art. 1 lid 2-4). The model knows one couple per household, the aanvrager and his partner;
everyone else (a medebewoner, an adult child) gets the ongehuwde amount. The partnertoeslag (art. 8)
exists only for rights from before 2015 and is not modelled: a pensioengerechtigde whose partner is
younger gets the gehuwde amount only.
"""

from openfisca_core.model_api import MONTH, Variable, where

from openfisca_nl_sz.entities import Huishouden, Persoon

AOW = "https://wetten.overheid.nl/BWBR0002221/2026-01-01#Artikel"


class aow_leeftijd_bereikt(Variable):
    """The person has reached the pensioengerechtigde leeftijd of AOW art. 7a in this month."""

    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "Has reached the AOW age (pensioengerechtigde leeftijd, AOW art. 7a)"
    reference = AOW + "7a"
    documentation = """
    leeftijd ≥ the one AOW-age parameter (aow.pensioengerechtigde_leeftijd: 67 in 2024-2026). The WIA,
    WW and Toeslagenwet end here, the Participatiewet applies its art. 22 norms, the tax applies the
    AOW-age rates and kortingen, and the AOW is paid. Ages are whole years: the whole month in which
    leeftijd reaches 67 counts (see the parameter's documentation).
    """

    def formula(persoon, period, parameters):
        return persoon("leeftijd", period) >= parameters(period).aow.pensioengerechtigde_leeftijd


class aow_opbouwpercentage(Variable):
    """Share of the full AOW built up: 100 minus 2 for every uninsured year (AOW art. 13)."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    default_value = 100
    unit = "percent"
    label = "AOW opbouwpercentage (100 = full AOW; 2 % less per uninsured year)"
    reference = AOW + "13"
    documentation = """
    Input, 0-100. Default 100: a full AOW, as for someone who lived or worked in the Netherlands for all
    50 years before the AOW age. Each year abroad lowers it by 2 (art. 13 lid 1). The Participatiewet
    tops a partial AOW up to the AOW-age norm (the AIO, art. 22 and 47a).
    """


class aow_gehuwd(Variable):
    """The person is gehuwd for the AOW: the aanvrager or partner of a household with a partner."""

    value_type = bool
    entity = Persoon
    definition_period = MONTH
    label = "Gehuwd for the AOW (aanvrager or partner in a household with a partner)"
    reference = AOW + "1"
    documentation = """
    AOW art. 1 lid 2-4: spouses, registered partners and unmarried people with a gezamenlijke
    huishouding. The model's couple is the aanvrager and the partner; medebewoners and kinderen are
    ongehuwd here (a gezamenlijke huishouding with a medebewoner is not modelled).
    """

    def formula(persoon, period):
        in_paar = persoon.has_role(Huishouden.AANVRAGER) + persoon.has_role(Huishouden.PARTNER)
        return in_paar * persoon.huishouden("heeft_partner", period)


def _naar_opbouw(persoon, period, bedragen):
    """The ongehuwde or gehuwde amount of `bedragen` × the opbouwpercentage (AOW art. 13), rounded to
    cents, from the AOW age; 0 before it. Shared by the AOW and its vakantie-uitkering."""
    bedrag = where(persoon("aow_gehuwd", period), bedragen.gehuwde, bedragen.alleenstaande)
    opbouw = persoon("aow_opbouwpercentage", period) / 100
    return where(persoon("aow_leeftijd_bereikt", period), (bedrag * opbouw).round(2), 0)


class aow_bruto(Variable):
    """Gross ouderdomspensioen per month without the vakantie-uitkering: the ongehuwde or gehuwde amount × the opbouwpercentage."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "AOW gross per month, excluding the vakantie-uitkering"
    reference = [AOW + "7", AOW + "9", AOW + "13"]
    documentation = """
    From the AOW age (art. 7): parameters aow.bruto.alleenstaande or aow.bruto.gehuwde (per person,
    whatever the partner's age) × aow_opbouwpercentage / 100, rounded to cents. Zero below the AOW age.
    """

    def formula(persoon, period, parameters):
        return _naar_opbouw(persoon, period, parameters(period).aow.bruto)


class aow_vakantie_uitkering(Variable):
    """The AOW vakantie-uitkering that accrues in the month (paid in May), × the opbouwpercentage."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "AOW vakantie-uitkering accruing per month"
    reference = AOW + "9"
    documentation = """
    The SVB's monthly vakantie-uitkering amount of an ongehuwde or gehuwde (derived from the minimum
    vakantiebijslag, not 8 % of the AOW) × aow_opbouwpercentage / 100, rounded to cents.
    """

    def formula(persoon, period, parameters):
        return _naar_opbouw(persoon, period, parameters(period).aow.vakantie_uitkering)


class aow_uitkering(Variable):
    """Gross AOW per month including the vakantie-uitkering that accrues in the month."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "AOW ouderdomspensioen per month, gross, including the vakantie-uitkering"
    reference = [AOW + "7", AOW + "9"]
    documentation = """
    = aow_bruto + aow_vakantie_uitkering. Box-1 income (Wet IB 2001 art. 3.81), so it counts in the
    tax, the Awir toetsingsinkomen, and (net) in netto_inkomen, the bijstand middelen and
    besteedbaar_inkomen. The SVB withholds the inkomensafhankelijke bijdrage Zvw on it (zvw_bijdrage).
    """

    def formula(persoon, period):
        return persoon("aow_bruto", period) + persoon("aow_vakantie_uitkering", period)
