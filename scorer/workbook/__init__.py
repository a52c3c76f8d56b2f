"""Gold labels that come back from a reviewer: the 复核 sheet of summary.xlsx."""
