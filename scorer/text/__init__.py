"""Text to Document: normalise, heading grammar, sections and roles, the opening (unit, year), words, rubric patterns."""
