"""Telling a resident's intent and emergencies apart: the emergency gate, the rule tables,
the n-gram models. Pure: it is given its label set as data (from the intents' registry) and
imports no conversation module. Its evaluation lives in `handlers.tools`."""
