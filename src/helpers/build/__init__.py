"""Building the book: the command line, what to execute, executors, freshness, site assets."""
