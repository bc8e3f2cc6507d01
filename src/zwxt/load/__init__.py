"""The one pipeline every command runs (``pipeline``): parse → validate → resolve → rules → locate.

Its two steps are ``files`` (each report file alone) and ``months`` (the month rules and the
ledger); ``pool`` maps the first over worker processes, ``cache`` (over ``cache_store``) keeps
what both gave between runs, and ``validation`` says a record's schema errors in Chinese.
"""

from zwxt.load.files import Keep
from zwxt.load.pipeline import KeptReport, LeftOut, LoadedPlan, Progress, ReportRef, load, load_texts

__all__ = ["Keep", "KeptReport", "LeftOut", "LoadedPlan", "Progress", "ReportRef", "load", "load_texts"]
