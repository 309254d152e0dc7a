"""Turn a finding into an OpenFisca YAML test that pins it.

The test holds the minimal household on both sides of the step and the besteedbaar_inkomen the
rules gave there. If a later rule change removes the harm, or makes it worse, the test fails and
the reviewer sees exactly which harm moved.
"""

from __future__ import annotations

import yaml


def regression_tests(finding: dict) -> list[dict]:
    tests = []
    for side in ("from", "to"):
        situation = finding["household"] if side == "from" else finding["household_to"]
        tests.append({
            "name": f"{finding['kind']} {finding['id']} ({side}): {finding['axis_name']} = {finding['axis_' + side]}",
            "description": _description(finding),
            "period": finding["period"],
            "absolute_error_margin": 0.05,
            "input": situation,
            "output": {"besteedbaar_inkomen": {finding["period"]: finding[f"besteedbaar_inkomen_{side}"]}},
        })
    return tests


def _description(finding: dict) -> str:
    causes = ", ".join(f"{c['variable']} {c['delta']:+.2f}" for c in finding["causes"][:4])
    return (f"Pinned by nlsz scan. {finding['kind']} of € {finding['severity']:.2f} per month when "
            f"{finding['axis_name']} goes from {finding['axis_from']} to {finding['axis_to']}. Causes: {causes}.")


def regression_yaml(finding: dict) -> str:
    return yaml.safe_dump(regression_tests(finding), sort_keys=False, allow_unicode=True, width=120)
