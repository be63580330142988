"""Fixtures for the search tests."""

from __future__ import annotations

import pytest

from ingest.records import Document, Facts
from tests.search.search_fixtures import DISTRICT, TOWN, facts_for


@pytest.fixture()
def docs() -> list[tuple[Document, Facts]]:
    """Two small hand-made documents (a township and a district) with their facts."""
    return [(d, facts_for(d)) for d in (TOWN, DISTRICT)]
