"""How far a frame reaches: a clause's habit, "if", hearsay or past against a danger told now."""
