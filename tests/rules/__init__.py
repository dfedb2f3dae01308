"""Per-rule tests: for each rule code a minimal document that triggers it and a close variant
that does not (in the spirit of sqlfluff's per-rule fixtures)."""
