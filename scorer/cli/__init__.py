"""The `rolscore` command: `app` wires one module per sub-command (score, audit, evaluate, rubric)."""

from scorer.cli.app import app, main

__all__ = ["app", "main"]
