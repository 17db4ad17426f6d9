"""Jingmin understanding and dialogs: what residents want and what we answer."""
