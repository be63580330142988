"""Fixtures of the graph and search tests, for the commands over them."""

from tests.graph.conftest import samples
from tests.search.conftest import docs

__all__ = ["docs", "samples"]
