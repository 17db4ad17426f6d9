"""How handlers read a resident's wording, shared by the classifier and the intents: where
its clauses and sentences start and end."""
