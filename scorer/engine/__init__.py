"""Rubric + Document to ReportResult: compile a rubric, decide each element, score, choose the rubric per report."""
