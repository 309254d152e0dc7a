"""Budget-line charts: besteedbaar_inkomen stacked by component along the axis, with the step marked,
and the marginal effective rate below it."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

#: Stacked components, bottom to top, with their Dutch labels for the reader.
COMPONENTS = [
    ("netto_loon", "netto loon"),
    ("netto_uitkering", "netto uitkeringen (WIA, WW, TW)"),
    ("netto_pensioen", "netto AOW en pensioen"),
    ("bijstand", "bijstand"),
    ("zorgtoeslag", "zorgtoeslag"),
    ("huurtoeslag", "huurtoeslag"),
    ("kindgebonden_budget", "kindgebonden budget"),
    ("kinderbijslag", "kinderbijslag"),
    ("tegemoetkoming_alleenverdieners", "tegemoetkoming alleenverdieners (/12)"),
]


def budget_curve(evaluator, household, axis, points: int = 121) -> dict:
    from openfisca_nl_sz.search.batch import drive

    return drive(budget_curve_steps(evaluator, household, axis, points))


def budget_curves(requests: list[tuple], points: int = 121) -> list[dict]:
    """`budget_curve` of each (evaluator, household, axis), all in one batch (issue 14: one
    simulation per month and group of households for every chart of the report)."""
    from openfisca_nl_sz.search.batch import run_all

    return run_all([budget_curve_steps(evaluator, household, axis, points) for evaluator, household, axis in requests])


def budget_curve_steps(evaluator, household, axis, points: int = 121):
    """`budget_curve` as a step generator (openfisca_nl_sz/search/batch.py)."""
    from openfisca_nl_sz.search.batch import Ask

    xs = axis.grid(points)
    names = [name for name, _ in COMPONENTS] + ["besteedbaar_inkomen"]
    values = yield Ask(evaluator, [axis.apply(household, x) for x in xs], names)
    # Whatever the named components do not cover (e.g. the algemene heffingskorting paid out to a
    # partner born before 1963, a Zvw contribution paid oneself) is stacked as "overig", so that the
    # stack always adds up to besteedbaar_inkomen.
    named = sum(values[name] for name, _ in COMPONENTS if name in values)
    values["overig"] = values["besteedbaar_inkomen"] - named
    return {"x": xs, **values}


def budget_chart(curve: dict, finding: dict, axis, title: str | None = None, axis_label: str | None = None) -> bytes:
    """The chart of one finding. Only components that are not zero along the whole axis are drawn,
    and the legend sits to the right of the plot, off the data (issue 11 point 7)."""
    xs = curve["x"]
    has_rate = axis.is_income and len(xs) > 2
    fig, axes = plt.subplots(2 if has_rate else 1, 1, figsize=(9.5, 6 if has_rate else 4), sharex=True,
                             gridspec_kw={"height_ratios": [3, 1]} if has_rate else None)
    top = axes[0] if has_rate else axes
    parts = [(name, label) for name, label in COMPONENTS if name in curve and np.abs(curve[name]).max() >= 0.5]
    if "overig" in curve and np.abs(curve["overig"]).max() >= 0.5:
        parts.append(("overig", "overig (o.a. uitbetaalde heffingskorting)"))
    stack = [curve[name] for name, _ in parts]
    labels = [label for _, label in parts]
    if stack:
        top.stackplot(xs, *stack, labels=labels, alpha=0.8, step="post" if axis.integer else None)
    top.plot(xs, curve["besteedbaar_inkomen"], color="black", linewidth=1.5, label="besteedbaar inkomen",
             drawstyle="steps-post" if axis.integer else "default")
    for x in (finding["axis_from"], finding["axis_to"]):
        if isinstance(x, (int, float)):
            top.axvline(x, color="red", linestyle="--", linewidth=1)
    top.set_ylabel("€ per maand")
    top.set_title(_wrap(title or f"{finding['axis_name']} {finding['axis_from']} → {finding['axis_to']}"), fontsize=9)
    # Off the data: to the right of the plot area, so no curve is hidden behind it.
    top.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0, frameon=False)
    xlabel = axis_label or axis.name
    if has_rate:
        net = curve["besteedbaar_inkomen"]
        gross = np.diff(xs) * axis.income_factor
        rate = 1.0 - np.diff(net) / np.where(gross > 0, gross, np.nan)
        axes[1].plot(xs[1:], np.clip(rate * 100, -100, 300), color="purple")
        axes[1].axhline(100, color="grey", linewidth=0.8)
        axes[1].set_ylabel("marginale druk %")
        axes[1].set_xlabel(xlabel)
    else:
        top.set_xlabel(xlabel)
    fig.subplots_adjust(left=0.09, right=0.72, top=0.9, bottom=0.12, hspace=0.15)
    buffer = io.BytesIO()
    # Fixed metadata so that the same run gives the same bytes.
    fig.savefig(buffer, format="png", dpi=72, metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()


def _wrap(text: str, width: int = 90) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) or text
