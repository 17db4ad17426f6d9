"""How the intent model's scores become a decision: when to act, and the reasons shown."""
