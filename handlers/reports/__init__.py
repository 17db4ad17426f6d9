"""The weekly export of unresolved tickets (xlsx or CSV) and §7's figures, by ISO week."""
