"""The kind an emergency is given (§4), as the numbers the resident is told."""
