"""How far a frame reaches, and the words of a standing problem the frames share."""
