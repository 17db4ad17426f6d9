"""The consult knowledge base: its entries, how a question is read, and how it is matched."""

from handlers.intents.faq.index import DEFAULT_PATH, Faq, FaqEntry, FaqMatch, grams
from handlers.intents.faq.words import normalize

__all__ = ["DEFAULT_PATH", "Faq", "FaqEntry", "FaqMatch", "grams", "normalize"]
