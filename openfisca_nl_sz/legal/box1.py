"""Pure box-1 tax functions (Wet IB 2001), shared by the variable modules.

The variable modules in `variables/` are loaded from their files by the tax-benefit system and
cannot import each other, so the bracket, premium and algemene-heffingskorting arithmetic lives here
once: `variables/inkomstenbelasting.py`, `variables/heffingskortingen.py` and the gross-up of the
bijstand (`variables/bijstand_fiscaal.py`) all call these functions.

Every function takes a yearly income (numpy array, € per year) and `parameters(period)` (the
parameter tree at the period's instant) and is vectorised over the array.

The AOW age. Someone who has reached the AOW age owes no AOW premium (17,90 %), so his first bracket is
the belastingdeel + Anw + Wlz (Wet IB 2001 art. 2.10a), and his heffingskortingen lose their AOW
premiedeel. The functions take an optional boolean array `aow_gerechtigd` (default: nobody) and apply
the AOW-age scale where it is true; called without it they give the under-AOW result.
"""

import numpy as np


def euro_down(amount):
    """Whole euros, rounded down, after first rounding to cents (so float32 noise does not lose a euro)."""
    return np.floor(np.round(np.asarray(amount, dtype=np.float64), 2))


_EPS = np.finfo(np.float64).eps


def schaal(tax_scale, grondslag):
    """`tax_scale.calc(grondslag)` of a MarginalRateTaxScale, with the same arithmetic and the same
    result, without its two n × brackets copies (`numpy.tile` of the base, `numpy.outer` of the
    thresholds per person): the thresholds row is made once and broadcast (issue 14 point 2; the
    scale is evaluated six times in the chain). The bracket amounts come out in the same C-ordered
    layout and go through the same `numpy.dot`, so the sums are the same to the bit (tests/speed)."""
    grondslag = np.asarray(grondslag)
    if grondslag.ndim != 1 or grondslag.dtype != np.float64:
        return tax_scale.calc(grondslag)
    grenzen = (1.0 + _EPS) * np.array([*tax_scale.thresholds, np.inf])
    schijven = np.maximum(np.minimum(grondslag[:, None], grenzen[1:]) - grenzen[:-1], 0)
    return np.dot(tax_scale.rates, schijven.T)


def belasting(inkomen, parameters, geboren_voor_1946=False):
    """Tax part of the box-1 tariff (art. 2.10) over the income rounded down to whole euros, per year.

    For someone born before 1 January 1946 the first bracket runs further (art. 2.10a): over the income
    between the normal first-bracket bound and his own bound the first (low) rate applies, not the second.
    """
    tarief = parameters.inkomstenbelasting.tarief
    grondslag = euro_down(np.maximum(inkomen, 0))
    gewoon = schaal(tarief.belasting, grondslag)
    eerste_grens, tweede_tarief, eerste_tarief = tarief.belasting.thresholds[1], tarief.belasting.rates[1], tarief.belasting.rates[0]
    verlengd = np.clip(grondslag - eerste_grens, 0, tarief.eerste_schijf_geboren_voor_1946 - eerste_grens)
    return gewoon - np.where(geboren_voor_1946, (tweede_tarief - eerste_tarief) * verlengd, 0)


def premiepercentage(parameters, aow_gerechtigd=False):
    """Premies volksverzekeringen together: AOW + Anw + Wlz, without the AOW premium from the AOW age."""
    premies = parameters.inkomstenbelasting.premies_volksverzekeringen
    return premies.percentage - np.where(aow_gerechtigd, premies.aow_percentage, 0)


def premie_volksverzekeringen(inkomen, parameters, aow_gerechtigd=False, geboren_voor_1946=False):
    """Premies AOW (not from the AOW age), Anw and Wlz over the income (whole euros down) up to the maximum premie-inkomen, per year.

    Born before 1946: up to the longer first bracket of art. 2.10a.
    """
    premies = parameters.inkomstenbelasting.premies_volksverzekeringen
    maximum = np.where(
        geboren_voor_1946,
        parameters.inkomstenbelasting.tarief.eerste_schijf_geboren_voor_1946,
        premies.maximum_premie_inkomen,
    )
    grondslag = euro_down(np.maximum(inkomen, 0))
    return premiepercentage(parameters, aow_gerechtigd) * np.minimum(grondslag, maximum)


def heffing_voor_kortingen(inkomen, parameters, aow_gerechtigd=False, geboren_voor_1946=False):
    """Box-1 tax plus premies volksverzekeringen before heffingskortingen, per year."""
    return belasting(inkomen, parameters, geboren_voor_1946) + premie_volksverzekeringen(
        inkomen, parameters, aow_gerechtigd, geboren_voor_1946
    )


def algemene_heffingskorting(inkomen, parameters, aow_gerechtigd=False):
    """Algemene heffingskorting (art. 8.10): the maximum minus the afbouw over the income (whole euros down) above the afbouwpunt, never below 0.

    From the AOW age the lower maximum and afbouwpercentage of the AOW-gerechtigde apply (no AOW premiedeel).
    """
    ahk = parameters.inkomstenbelasting.heffingskortingen.algemene_heffingskorting
    maximum = np.where(aow_gerechtigd, ahk.aow_leeftijd.maximum, ahk.maximum)
    percentage = np.where(aow_gerechtigd, ahk.aow_leeftijd.afbouwpercentage, ahk.afbouwpercentage)
    grondslag = euro_down(np.maximum(inkomen, 0))
    afbouw = percentage * np.maximum(grondslag - ahk.afbouwpunt, 0)
    return np.maximum(maximum - afbouw, 0)


def ouderenkorting(inkomen, parameters):
    """Ouderenkorting (art. 8.17) over the verzamelinkomen (whole euros down): the maximum, minus 15 % of the income above the afbouwpunt, never below 0."""
    ok = parameters.inkomstenbelasting.heffingskortingen.ouderenkorting
    grondslag = euro_down(np.maximum(inkomen, 0))
    return np.maximum(ok.maximum - ok.afbouwpercentage * np.maximum(grondslag - ok.afbouwpunt, 0), 0)


def aow_kortingsfactor(parameters, aow_gerechtigd=False):
    """Share of a heffingskorting left without its AOW premiedeel: first-bracket rate without / with the AOW premium.

    Derived, not a published amount: used for the kortingen whose AOW-age tables were not found (the
    arbeidskorting and the IACK). The law splits each korting over the belastingdeel and the premiedelen in
    the ratio of the first-bracket rates and drops the AOW premiedeel; the Belastingdienst rounds each part
    to whole euros, so its table can differ from korting × factor by about one euro (for the algemene
    heffingskorting, whose AOW-age amounts were found, 3.068 × 17,92 / 35,82 = 1.534,9 against 1.536).
    1 for everyone below the AOW age.
    """
    eerste_schijf_belasting = parameters.inkomstenbelasting.tarief.belasting.rates[0]
    volledig = eerste_schijf_belasting + premiepercentage(parameters)
    return (eerste_schijf_belasting + premiepercentage(parameters, aow_gerechtigd)) / volledig


def heffing_na_algemene_heffingskorting(inkomen, parameters, aow_gerechtigd=False, alleenstaande_ouderenkorting=0):
    """Tax + premies after the loonheffingskorting of a benefit, never below 0, per year (not rounded).

    This is what a payer that applies the loonheffingskorting withholds on a yearly basis when the
    income it pays carries no arbeidskorting (a benefit); used for the gross-up of the bijstand.
    Below the AOW age the loonheffingskorting of a benefit is the algemene heffingskorting. From the AOW
    age (`aow_gerechtigd`) it is the AOW-age algemene heffingskorting plus the ouderenkorting plus, for a
    single AOW-gerechtigde, the alleenstaande ouderenkorting (a yearly amount per person, default 0): the
    kortingen the SVB applies to the AOW and the AIO.
    """
    kortingen = algemene_heffingskorting(inkomen, parameters, aow_gerechtigd) + np.where(
        aow_gerechtigd, ouderenkorting(inkomen, parameters) + alleenstaande_ouderenkorting, 0
    )
    return np.maximum(heffing_voor_kortingen(inkomen, parameters, aow_gerechtigd) - kortingen, 0)
