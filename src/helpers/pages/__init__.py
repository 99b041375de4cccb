"""One module per page type; each assembles data, statistics, evidence and presentation, and computes
nothing new. The page types themselves are declared once, in ``helpers.pages.catalogue``."""
