"""The exact gross-up of a net benefit under box 1: the gross G that leaves the net N after the heffing.

Used for the bijstand (variables/bijstand_fiscaal.py): the gemeente fixes the NET bijstand and bears
the loonheffing, so the gross amount that counts in the Awir toetsingsinkomen solves

    net(G) = G − [T(O + G) − T(O)] = N,

with O the person's other box-1 income and T the yearly heffing after the loonheffingskorting
(`box1.heffing_na_algemene_heffingskorting`; at the AOW age with the AOW-age rates, algemene
heffingskorting, ouderenkorting and alleenstaande ouderenkorting).

Why exact and not iterative. T is piecewise linear in the income, except that the tariff is applied to
the income rounded down to whole euros (`box1.euro_down`: first to cents, then down to the euro). So T
is constant on each "euro segment" of the income x = O + G, namely x in [g − 0,005; g + 0,995) for a
whole number g (all such x round to g), and on the whole numbers g it is τ(g) = max(P(g), 0) with P
linear between the kinks of the law (bracket bounds, the maximum premie-inkomen, the afbouwpunten of
the algemene heffingskorting and the ouderenkorting and the points where they reach 0). Inside the
segment of g the net is x − O − τ(g) + T(O): slope 1, so the net meets N at exactly one income,
x = N + O − T(O) + τ(g), if that income lies in the segment. Which segments have a solution is a
pair of linear inequalities in g per piece of the law; they are solved on whole numbers, vectorised
over the persons, with no bound on the marginal rate: a reform with any rates, also above 60 % or
100 %, is inverted exactly.

Which gross, when several fit. Because the net drops a little at each whole euro (the heffing rises
by the marginal rate × € 1 at once), two or three gross amounts about a euro apart can all give
exactly the net N. The result is the HIGHEST of them: where the net never falls with the gross
(always under the law) G is the largest gross whose net does not exceed N, so every higher gross gives
more than N. This is what a hand calculation gives (solve the equation
without the rounding, then fix the whole euro the root lies in and solve again: the YAML tests in
tests/inkomstenbelasting/bijstand_bruto.yaml do this). The earlier bisection returned one of the fits
depending on its search interval, so it could be up to about € 1 a year lower.
- Under the law (marginal heffing between 0 and 100 %) the net at G is N exactly, to float precision.
- Only a tariff whose heffing FALLS with income (a negative marginal rate, never in the law) can make
  the net jump over N; G is then the last cent before the jump (net ≤ N there).
- A reform with a marginal heffing above 100 % somewhere makes the net fall with the gross there,
  so it can meet N again far higher: then G is the highest fit of the FIRST run of fits (the fitting
  whole euros next to each other, starting at the lowest), not a fit far above. Under the law all fits
  form one run, so this is one rule. If no gross gives N (the net never gets there), G is +inf: there
  is no gross amount, and a finite number would be silently wrong. (With a marginal heffing of exactly
  100 % from some income on and net N all the way, the run never ends: +inf too.)
- The result is not rounded (the law rounds the taxable income, not the benefit; the Awir takes the
  gross as it is). N ≤ 0 gives G = 0.

The correctness of the pieces depends on `knikken_box1` listing every kink of T. The whole euro found
is always checked against the law's own T (an error, not a wrong amount, if it does not fit); the
property tests in tests/inkomstenbelasting/test_gross_up.py check it against a brute force over
every whole euro.
"""

import numpy as np

from openfisca_nl_sz.legal import box1

# Edges of a euro segment: all x in [g − 0,005; g + 0,995) are rounded down to the euro g.
_ONDER = 0.005
_BOVEN = 0.995
# Safety margin at a segment's edges against float noise in the rounding to cents (far below a cent).
_MARGE = 1e-6
# A far knot beyond every kink of the law (€ 10 million a year): the last piece runs on past it. Not
# much further, so that a slope measured there (only where τ = 0 up to it) keeps float noise below a cent.
_VER = 1e7


def knikken_box1(parameters):
    """Incomes (€ per year) where the heffing after kortingen of box 1 can change slope, for one period.

    A superset is harmless (an extra point only splits a linear piece), a missing kink is not: add the
    kink here when box1.heffing_na_algemene_heffingskorting gets a new element. Covers the below- and
    the AOW-age tariff at once.
    """
    ib = parameters.inkomstenbelasting
    tarief, kortingen = ib.tarief, ib.heffingskortingen
    punten = [0.0, *tarief.belasting.thresholds, ib.premies_volksverzekeringen.maximum_premie_inkomen]
    punten.append(tarief.eerste_schijf_geboren_voor_1946)
    ahk, ok = kortingen.algemene_heffingskorting, kortingen.ouderenkorting
    for afbouwpunt, maximum, percentage in (
        (ahk.afbouwpunt, ahk.maximum, ahk.afbouwpercentage),
        (ahk.afbouwpunt, ahk.aow_leeftijd.maximum, ahk.aow_leeftijd.afbouwpercentage),
        (ok.afbouwpunt, ok.maximum, ok.afbouwpercentage),
    ):
        punten.append(afbouwpunt)
        if percentage > 0:  # where the korting reaches 0
            punten.append(afbouwpunt + maximum / percentage)
    return np.asarray(punten, dtype=np.float64)


def _hele_euro_knopen(knikken):
    """The kinks as whole euros: a kink between two whole euros adds both (τ is linear on each side)."""
    k = np.asarray(knikken, dtype=np.float64)
    k = k[np.isfinite(k) & (k < _VER)]
    knopen = np.unique(np.concatenate([np.floor(k), np.ceil(k), [0.0, _VER]]))
    return knopen[knopen >= 0]


def bruto_uit_netto(netto, ander_inkomen, heffing, knikken, groep=None):
    """The gross G ≥ 0 with G − [T(O + G) − T(O)] = N, per person, exactly: the highest that fits (see the module docstring).

    `netto` (N) and `ander_inkomen` (O): yearly amounts, one per person. `heffing(inkomen, rijen)`: the
    yearly T on the 1-D array of incomes `inkomen`, for the persons `rijen` (an index into `netto`,
    same shape), so that T may depend on the person (AOW age, alleenstaande ouderenkorting); it must
    apply box1.euro_down to the income, as the law does. `knikken`: incomes where T can change slope
    (`knikken_box1`). `groep` (optional, an integer per person): persons with the same number have the
    same T (the same tariff and kortingen), so the law's pieces are measured once per group, not once per
    person; without it every person is his own group. Only persons with N > 0 are computed; the others
    get 0.
    """
    netto = np.maximum(np.asarray(netto, dtype=np.float64), 0).reshape(-1)
    ander = np.maximum(np.asarray(ander_inkomen, dtype=np.float64), 0)
    ander = np.broadcast_to(ander, netto.shape)
    bruto = np.zeros(netto.shape)
    rijen = np.flatnonzero(netto > 0)
    if rijen.size == 0:
        return bruto
    n, o = netto[rijen], ander[rijen]
    g_o = box1.euro_down(o)
    # On the segment of the whole euro g the net is N at x = r + τ(g), and ≤ N on the segment up to
    # there; some of the segment has net ≤ N iff x ≥ g − 0,005, i.e. φ(g) = g − τ(g) ≤ grens.
    r = n + o - heffing(o, rijen)
    grens = r + _ONDER - _MARGE

    if groep is None:
        vertegenwoordiger, groep_van = rijen, np.arange(rijen.size)
    else:
        _, eerste, groep_van = np.unique(
            np.asarray(groep).reshape(-1)[rijen], return_index=True, return_inverse=True
        )
        vertegenwoordiger = rijen[eerste]
    knopen = _hele_euro_knopen(knikken)
    g, gecontroleerd = _laatste_segment(g_o, grens, vertegenwoordiger, groep_van.reshape(-1), heffing, knopen, rijen)
    eindig = np.isfinite(g)
    g, tau = _controleer(g, eindig & ~gecontroleerd, grens, rijen, heffing)
    anders = np.flatnonzero(eindig & gecontroleerd)
    if anders.size:
        tau[anders] = heffing(g[anders], rijen[anders])
    x = r + tau
    # Past the segment's end only if the heffing fell by more than the income rose (a negative
    # marginal rate): the whole segment has net ≤ N, and its last cent is the answer.
    x = np.where(x > g + _BOVEN + _MARGE, g + 0.99, x)
    bruto[rijen] = np.where(eindig, x - o, np.inf)
    return bruto


def _laatste_segment(g_o, grens, vertegenwoordiger, groep_van, heffing, knopen, rijen):
    """The last whole euro g ≥ g_o with φ(g) = g − τ(g) ≤ grens, per person, from the law's pieces (inf: none).

    Returns g and, per person, whether g has already been checked against the law's T (the persons of
    the second case below) or still needs `_controleer`.

    g_o itself always qualifies (there the net is N at G = N ≥ 0). The pieces are measured once per
    group of persons with the same T (`vertegenwoordiger`: one person per group; `groep_van`: each
    person's group), so this costs a few evaluations of T per group, not per person. Where the marginal
    heffing is at most 100 % (always under the law), φ never falls, so the answer is in the piece where
    φ at the knots first exceeds grens (a binary search per group). Otherwise (a reform with a marginal
    heffing above 100 % somewhere) the net can come back down to N far above, and "the last fit" would
    jump there: every piece is searched for the FIRST whole euro whose segment holds the solution, and
    the answer is the last whole euro of the run of fitting euros that starts there (under the law the
    fits form one run, so this is the same rule).
    """
    t, k, t_k, s = _stukken(knopen, vertegenwoordiger, heffing)
    links, rechts = knopen[:-1], np.append(knopen[1:-1], np.inf)  # the last piece runs on
    stijgend = (s <= 1 + 1e-9).all(axis=1)  # per group: φ never falls
    uit = np.full(g_o.shape, np.inf)

    for groep in np.flatnonzero(stijgend):  # a handful of groups, not a loop per person
        wie = np.flatnonzero(groep_van == groep)
        phi_knopen = np.maximum.accumulate(knopen - t[groep])  # float noise must not break the sort
        j = np.searchsorted(phi_knopen, grens[wie], side="right")
        stuk = np.clip(j - 1, 0, knopen.size - 2)
        uit[wie] = _grootste_oplossing(
            links[stuk], rechts[stuk], k[groep, stuk], t_k[groep, stuk], s[groep, stuk], grens[wie]
        )

    wie = np.flatnonzero(~stijgend[groep_van])
    if wie.size:
        gv = groep_van[wie]
        gr = grens[wie, None]
        eerste = _kleinste_oplossing(
            np.maximum(links, g_o[wie, None]), rechts, k[gv], t_k[gv], s[gv], gr, ondergrens=gr - 1
        ).min(axis=1)  # inf: no segment reaches N, there is no gross
        eindig = np.isfinite(eerste)
        eerste = _controleer_laagste(eerste, eindig, g_o[wie], grens[wie], rijen[wie], heffing)
        einde = _eerste_misser(np.maximum(links, eerste[:, None]), rechts, k[gv], t_k[gv], s[gv], gr).min(axis=1) - 1
        uit[wie] = np.where(eindig, _controleer_einde(einde, eindig & np.isfinite(einde), grens[wie], rijen[wie], heffing), np.inf)
    return np.maximum(uit, g_o), ~stijgend[groep_van]


def _stukken(knopen, vertegenwoordiger, heffing):
    """τ at the knots and the line τ(g) = max(t + s (g − k), 0) of each piece between consecutive knots, per group.

    P (the heffing before the 'never below 0') is linear between the knots, and τ = max(P, 0) on the
    whole euros. Each piece's line goes through a knot where τ = P > 0, with the slope of P measured
    over one euro inside the piece: through the left knot if τ > 0 there and one euro on (P itself; the
    near anchor keeps float noise in the slope from growing over a long piece); else through the right
    knot if τ > 0 there (P rising through 0 inside the piece, slope from the euro before); else through
    the left knot if τ > 0 only there (P falling to 0 right after it); else τ = 0 on the piece.
    """
    p, m = vertegenwoordiger.size, knopen.size
    rij = np.repeat(vertegenwoordiger, m)

    def tau(verschuiving):
        return heffing(np.tile(knopen + verschuiving, p), rij).reshape(p, m)

    t, t_min, t_plus = tau(0.0), tau(-1.0), tau(1.0)
    t_l, t_l1, t_r, t_r1 = t[:, :-1], t_plus[:, :-1], t[:, 1:], t_min[:, 1:]
    via_links = (t_l > 0) & (t_l1 > 0)
    via_rechts = ~via_links & (t_r > 0)
    k = np.where(via_rechts, knopen[1:], knopen[:-1])
    t_k = np.where(via_rechts, t_r, t_l)  # 0 where τ = 0 on the whole piece
    s = np.where(via_rechts, t_r - t_r1, t_l1 - t_l)
    return t, k, t_k, s


def _oplossingen(onder, boven, k, t_k, s, grens, ondergrens=None):
    """The whole euros g in [onder; boven] with min(g, g − t_k − s (g − k)) ≤ grens, as two intervals, elementwise.

    g − τ(g) = min(g, g − line) when τ = max(line, 0). The condition holds where either of the two
    (each linear in g) is ≤ grens: the union of two intervals, returned as (laag_a, hoog_a, laag_b,
    hoog_b); an interval is empty when laag > hoog. With `ondergrens`, g must also have min(…) ≥
    ondergrens (both lines ≥ it), so that the segment's solution lies inside the segment.
    """
    helling = 1 - s
    vorm = np.broadcast(onder, boven, k, grens).shape
    laag = np.broadcast_to(np.ceil(onder), vorm)
    hoog = np.broadcast_to(boven, vorm)
    if ondergrens is not None:
        laag = np.maximum(laag, np.ceil(ondergrens))  # g ≥ ondergrens
        l2, h2 = _halfrechte(helling, ondergrens - k + t_k, k, boven_af=False)
        laag, hoog = np.maximum(laag, l2), np.minimum(hoog, h2)
    hoog_a = np.minimum(hoog, np.floor(grens))  # the first line: g ≤ grens
    l2, h2 = _halfrechte(helling, grens - k + t_k, k, boven_af=True)  # the second line ≤ grens
    return laag, hoog_a, np.maximum(laag, l2), np.minimum(hoog, h2)


def _grootste_oplossing(*args, **kwargs):
    """The largest whole euro of `_oplossingen` (−inf: none)."""
    laag_a, hoog_a, laag_b, hoog_b = _oplossingen(*args, **kwargs)
    return np.maximum(np.where(hoog_a >= laag_a, hoog_a, -np.inf), np.where(hoog_b >= laag_b, hoog_b, -np.inf))


def _kleinste_oplossing(*args, **kwargs):
    """The smallest whole euro of `_oplossingen` (inf: none)."""
    laag_a, hoog_a, laag_b, hoog_b = _oplossingen(*args, **kwargs)
    return np.minimum(np.where(hoog_a >= laag_a, laag_a, np.inf), np.where(hoog_b >= laag_b, laag_b, np.inf))


def _halfrechte(helling, d, k, boven_af):
    """The whole euros g with helling × (g − k) ≤ d (`boven_af`) or ≥ d, as bounds (laag, hoog); empty: laag > hoog."""
    if boven_af:
        helling, d = -helling, -d
    with np.errstate(divide="ignore", invalid="ignore"):
        q = d / helling
    stijgt, daalt = helling > 1e-9, helling < -1e-9
    vlak_ok = ~(stijgt | daalt) & (d <= 0)
    laag = np.where(stijgt, k + np.ceil(q), np.where(daalt | vlak_ok, -np.inf, np.inf))
    hoog = np.where(daalt, k + np.floor(q), np.where(stijgt | vlak_ok, np.inf, -np.inf))
    return laag, hoog


def _controleer(g, eindig, grens, rijen, heffing):
    """Check the piece arithmetic's whole euro against the law's T itself and absorb float noise of ±1 euro.

    Takes the largest of g + 1, g, g − 1 (g − 1 only looked at where g fails) that meets the condition
    with T evaluated by `heffing`, and returns it with τ(g) (0 where g is inf). If none does, the kinks
    given were incomplete: an error, not a wrong amount.
    """
    uit, tau_uit = g.copy(), np.zeros(g.shape)
    if not eindig.any():
        return uit, tau_uit
    wie = np.flatnonzero(eindig)
    gb, rb, grb = g[wie], rijen[wie], grens[wie]
    tau = heffing(np.concatenate([gb + 1, gb]), np.concatenate([rb, rb])).reshape(2, -1)
    hoger = gb + 1 - tau[0] <= grb
    goed = gb - tau[1] <= grb
    uit[wie] = np.where(hoger, gb + 1, gb)
    tau_uit[wie] = np.where(hoger, tau[0], tau[1])
    lager = wie[~hoger & ~goed]
    if lager.size:
        tau_lager = heffing(g[lager] - 1, rijen[lager])
        if not (g[lager] - 1 - tau_lager <= grens[lager]).all():
            raise RuntimeError(
                "gross-up of the bijstand: the kinks of the box-1 heffing are incomplete "
                "(openfisca_nl_sz/legal/gross_up.py: knikken_box1)"
            )
        uit[lager], tau_uit[lager] = g[lager] - 1, tau_lager
    return uit, tau_uit


def _controleer_laagste(g, welke, g_o, grens, rijen, heffing):
    """As `_controleer`, for the first fit (where φ can fall): the smallest of g − 1, g, g + 1 whose segment holds the solution."""
    uit = g.copy()
    if not welke.any():
        return uit
    wie = np.flatnonzero(welke)
    kandidaten = g[wie, None] + np.array([-1.0, 0.0, 1.0])
    tau = heffing(kandidaten.reshape(-1), np.repeat(rijen[wie], 3)).reshape(-1, 3)
    phi = kandidaten - tau
    goed = (phi <= grens[wie, None]) & (phi >= grens[wie, None] - 1) & (kandidaten >= g_o[wie, None])
    if not goed.any(axis=1).all():
        raise RuntimeError(
            "gross-up of the bijstand: the kinks of the box-1 heffing are incomplete "
            "(openfisca_nl_sz/legal/gross_up.py: knikken_box1)"
        )
    uit[wie] = kandidaten[np.arange(wie.size), goed.argmax(axis=1)]
    return uit


def _past(g, rijen, grens, heffing):
    """Whether the euro segment of each whole euro g holds the solution (with the law's T): grens − 1 ≤ φ(g) ≤ grens."""
    phi = g - heffing(g, rijen)
    return (phi <= grens) & (phi >= grens - 1)


def _eerste_misser(onder, boven, k, t_k, s, grens):
    """The smallest whole euro g in [onder; boven] whose segment does NOT hold the solution (inf: none), elementwise.

    Not fitting: φ(g) > grens (both lines above it: one interval) or φ(g) < grens − 1 (either line
    below it: two intervals). Strict inequalities on whole euros, with a margin far below a cent.
    """
    helling, eps = 1 - s, 1e-9
    laag = np.ceil(onder)
    kandidaten = []
    l1, h1 = _halfrechte(helling, grens - k + t_k + eps, k, boven_af=False)  # second line > grens
    kandidaten.append((np.maximum(np.maximum(laag, np.floor(grens) + 1), l1), np.minimum(boven, h1)))
    kandidaten.append((laag, np.minimum(boven, np.ceil(grens - 1) - 1)))  # first line < grens − 1
    l3, h3 = _halfrechte(helling, grens - 1 - k + t_k - eps, k, boven_af=True)  # second line < grens − 1
    kandidaten.append((np.maximum(laag, l3), np.minimum(boven, h3)))
    return np.minimum.reduce([np.where(lo <= hi, lo, np.inf) for lo, hi in kandidaten])


def _controleer_einde(einde, welke, grens, rijen, heffing):
    """Check the last euro of a run of fits against the law's T: the largest of einde + 1, einde, einde − 1 that fits while the next does not."""
    uit = einde.copy()
    if not welke.any():
        return uit
    wie = np.flatnonzero(welke)
    kandidaten = einde[wie, None] + np.array([-1.0, 0.0, 1.0, 2.0])
    past = _past(kandidaten.reshape(-1), np.repeat(rijen[wie], 4), np.repeat(grens[wie], 4), heffing).reshape(-1, 4)
    goed = past[:, :3] & ~past[:, 1:]  # fits, and the next does not
    if not goed.any(axis=1).all():
        raise RuntimeError(
            "gross-up of the bijstand: the kinks of the box-1 heffing are incomplete "
            "(openfisca_nl_sz/legal/gross_up.py: knikken_box1)"
        )
    uit[wie] = kandidaten[np.arange(wie.size), 2 - goed[:, ::-1].argmax(axis=1)]
    return uit


def bruto_uit_netto_box1(netto, ander_inkomen, parameters, aow_gerechtigd=False, alleenstaande_ouderenkorting=0):
    """Gross yearly benefit G with G − [T(O + G) − T(O)] = N (the highest that fits), T = box1.heffing_na_algemene_heffingskorting.

    `aow_gerechtigd` (bool per person or scalar) and `alleenstaande_ouderenkorting` (€ per year, per
    person or scalar) select the AOW-age tariff and kortingen, as in box1. Vectorised; exact; only
    persons with N > 0 are computed.
    """
    netto = np.asarray(netto, dtype=np.float64).reshape(-1)
    aow = np.broadcast_to(np.asarray(aow_gerechtigd, dtype=bool), netto.shape)
    aok = np.broadcast_to(np.asarray(alleenstaande_ouderenkorting, dtype=np.float64), netto.shape)

    def heffing(inkomen, rijen):
        return box1.heffing_na_algemene_heffingskorting(inkomen, parameters, aow[rijen], aok[rijen])

    # Persons with the same AOW status and alleenstaande ouderenkorting have the same T (labelled only
    # where a gross-up is needed, to keep the sort small).
    groep = np.zeros(netto.shape, dtype=np.int64)
    nodig = netto > 0
    _, aok_code = np.unique(aok[nodig], return_inverse=True)
    groep[nodig] = 2 * aok_code.reshape(-1) + aow[nodig]
    return bruto_uit_netto(netto, ander_inkomen, heffing, knikken_box1(parameters), groep=groep)
