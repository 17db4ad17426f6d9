"""The emergency gate's cue lists, by kind of danger (crime, harm) and by language."""
