"""Sums over the gezin that several laws test together (Awir toeslagpartner, Participatiewet gezin)."""

from openfisca_nl_sz.entities import Huishouden


def sum_aanvrager_en_partner(huishouden, values):
    """Sum a per-person array over the aanvrager and his partner (not the kinderen or medebewoners).

    Several laws test the couple together (Awir toeslagpartner, Participatiewet gezin): income,
    vermogen, how many of them are insured.
    """
    return huishouden.sum(values, role=Huishouden.AANVRAGER) + huishouden.sum(values, role=Huishouden.PARTNER)
