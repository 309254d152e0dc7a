"""Populations of households as numpy arrays, and the vectorised simulation built from them."""

from openfisca_nl_sz.population.frame import ROLES, Population, build_simulation

__all__ = ["ROLES", "Population", "build_simulation"]
