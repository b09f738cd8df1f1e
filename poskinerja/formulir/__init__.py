"""The per-ASN form (SOP steps 2-3): its contract, writing it, and reading the returned forms."""
