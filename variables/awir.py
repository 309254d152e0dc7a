"""Algemene wet inkomensafhankelijke regelingen (Awir, BWBR0018472): the notions all toeslagen share.

The Awir defines who the toeslagpartner is (art. 3), what income is tested (the toetsingsinkomen,
art. 7-8: the verzamelinkomen of the year, joint with the toeslagpartner), the general asset test
(art. 7 lid 3-4, with the medebewoners of the huurtoeslag), and how amounts are rounded (art. 14).
The zorgtoeslag, huurtoeslag and kindgebonden budget modules build on the variables here.

Model conventions (contract): the toetsingsinkomen of a month is the yearly box-1 income of that
month's situation (`ib_belastbaar_inkomen_jaar`, written by the income-tax module) plus the gross
bijstand (`ib_bijstand_bruto_jaar`), as if the month lasted the whole year; box 2 and box 3 income are not modelled. The partner role is the
toeslagpartner; `vermogen` is the rendementsgrondslag on 1 January of the period's year.
"""

import numpy

from openfisca_core.model_api import MONTH, Variable, max_

from openfisca_nl_sz.entities import Huishouden, Persoon
from openfisca_nl_sz.legal.gezin import sum_aanvrager_en_partner

AWIR = "https://wetten.overheid.nl/BWBR0018472/2025-01-01"


class awir_toetsingsinkomen(Variable):
    """A person's toetsingsinkomen: the yearly income that the toeslagen test, here the yearly box-1
    income of this month's situation including the gross bijstand."""

    value_type = float
    entity = Persoon
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Toetsingsinkomen (per year) of a person"
    reference = [f"{AWIR}#Artikel8", f"{AWIR}#Artikel7"]
    documentation = """
    Awir art. 8: the toetsingsinkomen is the verzamelinkomen (box 1 + 2 + 3) of the berekeningsjaar.
    Only box 1 is modelled: `ib_belastbaar_inkomen_jaar` (yearly income of this month's situation)
    plus the GROSS bijstand paid to the person (`ib_bijstand_bruto_jaar`): the bijstand is taxable
    box-1 income on which the gemeente withholds the loonheffing, and the Belastingdienst counts its
    gross amount. It is added here and not in `ib_belastbaar_inkomen_jaar`, because the bijstand
    depends on the net income computed from that variable (see variables/bijstand_fiscaal.py).
    A negative box-1 income is counted as 0 (no losses are modelled).
    """

    def formula(persoon, period):
        return max_(
            persoon("ib_belastbaar_inkomen_jaar", period) + persoon("ib_bijstand_bruto_jaar", period), 0
        )


class awir_heeft_toeslagpartner(Variable):
    """The aanvrager has a toeslagpartner: the person in the partner role of the household."""

    value_type = bool
    entity = Huishouden
    definition_period = MONTH
    label = "The aanvrager has a toeslagpartner"
    reference = f"{AWIR}#Artikel3"
    documentation = """
    Awir art. 3: spouse, registered partner, or a co-resident who qualifies (child together, joint
    home, pension partner, ...). The model takes the household's partner role as the toeslagpartner,
    for the whole year (the partner asset limits and joint income apply).
    """

    def formula(huishouden, period):
        return huishouden.nb_persons(Huishouden.PARTNER) > 0


class awir_toetsingsinkomen_gezamenlijk(Variable):
    """The toetsingsinkomen of the aanvrager plus that of the toeslagpartner."""

    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Joint toetsingsinkomen of aanvrager and toeslagpartner (per year)"
    reference = f"{AWIR}#Artikel7"

    def formula(huishouden, period):
        inkomen = huishouden.members("awir_toetsingsinkomen", period)
        return sum_aanvrager_en_partner(huishouden, inkomen)


class awir_vermogen_gezamenlijk(Variable):
    """The assets on 1 January of the aanvrager plus those of the toeslagpartner."""

    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Joint rendementsgrondslag of aanvrager and toeslagpartner on 1 January"
    reference = f"{AWIR}#Artikel7"

    def formula(huishouden, period):
        vermogen = huishouden.members("vermogen", period)
        return sum_aanvrager_en_partner(huishouden, vermogen)


class awir_inkomen_medebewoners(Variable):
    """The income of the other residents that the huurtoeslag adds to the rekeninkomen: a child under
    23 counts only above the kindvrijstelling, any other medebewoner in full."""

    value_type = float
    entity = Huishouden
    definition_period = MONTH
    unit = "currency-EUR"
    label = "Toetsingsinkomen of the medebewoners that counts for the huurtoeslag (per year)"
    reference = f"{AWIR}#Artikel7"
    documentation = """
    Awir art. 7 lid 6 (kindvrijstelling). The Awir counts the children living at home as medebewoners;
    in this model they have the role `kind`. The kindvrijstelling is applied to members with the role
    `kind` who are under 23. A resident with the role `medebewoner` is counted in full whatever their
    age, because the model does not know whether a medebewoner is a child of the aanvrager
    (interpretation; put a child under 23 in the role `kind`).
    """

    def formula(huishouden, period, parameters):
        vrijstelling = parameters(period).awir.kindvrijstelling
        persoon = huishouden.members
        inkomen = persoon("awir_toetsingsinkomen", period)
        jong_kind = persoon.has_role(Huishouden.KIND) & (persoon("leeftijd", period) < 23)
        telt = numpy.where(jong_kind, max_(inkomen - vrijstelling, 0), inkomen)
        return huishouden.sum(telt, role=Huishouden.KIND) + huishouden.sum(
            telt, role=Huishouden.MEDEBEWONER
        )


class awir_vermogen_boven_grens(Variable):
    """The general Awir asset test fails: the aanvrager and toeslagpartner together, or any other
    resident alone, had more than the limit on 1 January; then there is no huurtoeslag that year."""

    value_type = bool
    entity = Huishouden
    definition_period = MONTH
    label = "Assets above the general Awir limit (aanvrager + partner, or any medebewoner)"
    reference = f"{AWIR}#Artikel7"
    documentation = """
    Awir art. 7 lid 3: the rendementsgrondslag of the belanghebbende (with toeslagpartner: joint, with the
    partner limit) on 1 January must not exceed the limit; lid 4: each medebewoner is tested against the
    single limit. Children (role `kind`) are medebewoners in the Awir and are tested the same way.
    Used by the huurtoeslag; the zorgtoeslag and kindgebonden budget have their own limits.
    """

    def formula(huishouden, period, parameters):
        grens = parameters(period).awir.vermogensgrens
        partner = huishouden("awir_heeft_toeslagpartner", period)
        gezamenlijk = huishouden("awir_vermogen_gezamenlijk", period)
        te_veel = gezamenlijk > numpy.where(partner, grens.partners, grens.alleenstaande)
        persoon = huishouden.members
        overig = persoon.has_role(Huishouden.KIND) | persoon.has_role(Huishouden.MEDEBEWONER)
        medebewoner_te_veel = overig & (persoon("vermogen", period) > grens.alleenstaande)
        return te_veel | huishouden.any(medebewoner_te_veel)
