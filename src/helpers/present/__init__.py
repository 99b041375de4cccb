"""How the book shows things: numbers in words, accessible tables, figures, charts and maps."""
