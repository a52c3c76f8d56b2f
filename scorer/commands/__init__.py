"""Sub-commands of `rolscore`, one module each; `scorer.cli` registers them."""
