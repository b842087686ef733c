"""Channel adapters: they translate between a messenger and Inbound/Reply, nothing more."""
