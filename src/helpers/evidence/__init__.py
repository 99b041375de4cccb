"""The evidence register (codebook, bibliography, coded items) and the participation rules."""
