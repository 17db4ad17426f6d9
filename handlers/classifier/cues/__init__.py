"""The emergency gate's word lists: cues by kind of danger and language, and the markers
that frame them."""
