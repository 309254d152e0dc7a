"""The amount of the WGA loonaanvullingsuitkering (Wet WIA art. 61 lid 2-6), as one pure function.

Used by `wga_loonaanvullingsuitkering` (variables/wia.py) and by the hardheidsclausule reform that
evaluates the same arithmetic at an income equal to the inkomenseis
(openfisca_nl_sz/reforms/hardheid_zachte_overgang_vervolguitkering.py), so the two cannot drift apart.

Art. 61 (https://wetten.overheid.nl/BWBR0019057/2025-01-01#Artikel61), with A = E = maandloon,
B = income, C/D = G/H = the dagloonfactor, F = resterende verdiencapaciteit (RVC):
- lid 2-3: income at least the RVC, or no inkomenseis (80-100 % arbeidsongeschikt):
  70 % x (A - B x C/D);
- lid 4: the inkomenseis met but income below the RVC: 70 % x (E - F x G/H);
- lid 5-6: that amount raised to the vervolguitkering (G x H of art. 62), but not above the
  lid-2 amount.
"""

from numpy import maximum, minimum, where


def loonaanvullingsuitkering(percentage, maandloon, inkomen, factor, rvc, vervolguitkering_bedrag, geen_inkomenseis):
    """The LAU per month for those who have it (the right itself is tested by the caller).

    All arguments are numbers or numpy arrays of one length; `rvc` must already be at least 0 and
    `geen_inkomenseis` is a boolean (array): True where the inkomenseis does not apply.
    """
    volledig = percentage * maximum(maandloon - inkomen * factor, 0)  # lid 2-3
    lid4 = percentage * maximum(maandloon - rvc * factor, 0)  # lid 4
    verhoogd = maximum(lid4, minimum(vervolguitkering_bedrag, volledig))  # lid 5-6
    return where(geen_inkomenseis | (inkomen >= rvc), volledig, verhoogd)
