"""The files here are bad inputs, not OpenFisca YAML tests: keep the OpenFisca plugin away from them."""

collect_ignore_glob = ["*.yaml", "*.yml", "*.json"]
