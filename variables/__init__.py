"""OpenFisca variables, one module per law. Loaded by `openfisca_nl_sz.system`, not imported."""
