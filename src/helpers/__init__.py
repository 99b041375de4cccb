"""Helpers for the SEND participation evidence book.

Every computation the book publishes lives in this package; the notebooks only call it.
"""
