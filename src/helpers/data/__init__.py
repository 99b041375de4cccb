"""Read and check what comes from outside: the manifest, downloads, national datasets, the processed
store, the 153 areas, the run list and inspections."""
