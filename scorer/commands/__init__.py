"""CLI commands that have grown beyond a few lines each live in their own module."""
