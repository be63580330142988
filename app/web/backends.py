"""Which back ends the app can use right now, found by import and attribute.

The pages are written before some of their back ends; a page asks
:func:`backend` for a function and shows 此功能尚在建设中 when it is None.
Only a missing module or attribute counts as "not there yet": an error inside
a back end that exists is shown as an error, never hidden.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from typing import Any

__all__ = ["BACKENDS", "UNDER_CONSTRUCTION", "backend"]

UNDER_CONSTRUCTION = "此功能尚在建设中"

# feature -> (module, attribute). One place to point at a back end when it lands.
BACKENDS: dict[str, tuple[str, str]] = {
    "search": ("search", "load_searcher"),
    "graph": ("graph", "open_graph"),
    "check": ("app.services", "check_draft"),  # issue 6: draft check
    "duty_sheet": ("app.services", "duty_sheet_docx"),  # issue 6: printable sheet
    "duty_ics": ("app.services", "duty_calendar_ics"),  # issue 6: calendar
    "study": ("app.services", "study_pack"),  # issue 6: study pack and quiz
    "vocabulary": ("ingest.domain.vocabulary", "role_names"),
}


def backend(feature: str) -> Callable[..., Any] | None:
    """The function behind a feature, or None while its module or attribute is missing."""
    module_name, attr = BACKENDS[feature]
    try:
        if importlib.util.find_spec(module_name) is None:
            return None
    except ModuleNotFoundError:  # a parent package is missing
        return None
    return getattr(importlib.import_module(module_name), attr, None)
