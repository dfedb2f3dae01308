"""kbo-docs: the paperwork of a Thai government programme (circulars, allocation registers,
minutes) from one data file per project year, checked before anyone signs it.

Flow: :mod:`kbo_docs.load` (text -> model with lines) -> :mod:`kbo_docs.rules` (findings)
-> render. Thai formatting lives in :mod:`kbo_docs.thai`.
"""

__version__ = "0.1.0"
