"""Cues of particular situations: animals attacking, hazards falling or rising, people
separated in a crowd, the usual time someone comes home."""
