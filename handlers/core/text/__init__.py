"""How handlers read a resident's wording, shared by the classifier and the intents: where
its clauses and sentences start and end, its spelling, and the requests told in so many words
(a visit or talk wished for, an account taken over to borrow money)."""
