"""Compare two reports of one agency: last year's and this year's, or two drafts.

What a reviewer checks across reports, beside the elements each report must have:
- copied text: NEW's sentences that repeat OLD's once years, numbers and the agency's
  name are masked (near-duplicates by rapidfuzz), weighed by how rare each sentence is
  across a background corpus so that boilerplate every report shares is not "copying";
- promises kept: each item of OLD's plan part, and whether NEW's measures report on it;
- problems followed up: each problem OLD named, and whether NEW says what was done.
"""

from scorer.compare.model import Comparison
from scorer.compare.run import compare_reports

__all__ = ["Comparison", "compare_reports"]
