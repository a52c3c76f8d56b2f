"""Tools for rubric authors (examples, show, diff, suggest) and agreement with human labels; these may run the engine."""
