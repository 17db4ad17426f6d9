"""What residents and officers sent, recorded exactly once, and where a resident is in a
dialog: inbound messages and their leases, push signatures, media to fetch, per-resident locks."""
