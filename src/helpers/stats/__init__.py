"""Pure statistics, frame in and frame out: intervals, comparison flags, indicators and benchmarks."""
