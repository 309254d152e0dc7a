"""The harm search: find, explain, shrink and pin harsh edge cases (see `nlsz scan`)."""
