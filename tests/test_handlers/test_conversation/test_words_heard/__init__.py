"""Residents' own words inside dialogs: the rating in words, questions asked aside."""
