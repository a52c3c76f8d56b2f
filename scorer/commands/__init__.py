"""Command groups of the `rolscore` CLI, one module each; `scorer.cli` registers them."""
