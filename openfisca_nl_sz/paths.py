"""Where the legislation folders are, in a checkout and in an installed wheel.

In the repository `parameters/`, `variables/`, `scenarios/` and `examples/` sit next to the
`openfisca_nl_sz/` package so that a policy reader finds the law at the top of the tree. The wheel
ships them inside the package (see pyproject.toml). Every module asks this one where they are.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent

_INSTALLED_NAMES = {
    "parameters": "parameters",
    "variables": "variables",
    "scenarios": "scenario_files",
    "examples": "example_files",
}


def data_dir(name: str) -> Path:
    """The folder `name` (parameters, variables, scenarios or examples)."""
    installed = PACKAGE_DIR / _INSTALLED_NAMES[name]
    if installed.is_dir():
        return installed
    checkout = PACKAGE_DIR.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"cannot find the {name}/ folder next to {PACKAGE_DIR}")
