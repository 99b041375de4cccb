"""Helpers for the SEND participation evidence book.

Every computation the book publishes lives in this package; the notebooks only call it. The package is
layered, and imports point down only (``make lint`` checks it):

- ``build``: the command line, the page runs, executors, freshness, site assets and page weight;
- ``pages``: one module per page type, which assembles what the layers below make;
- ``present``: sentences, tables, figures, charts and maps (Altair is used only here);
- ``stats`` and ``evidence``: the statistics of the national indicators, and the evidence register
  with the participation rules;
- ``data``: what comes from outside, read and checked.

``paths``, ``errors`` and ``version`` sit beside the layers, for all of them.
"""
