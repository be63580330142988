"""Indexes: clause units, BM25 and dense, persisted and updated incrementally in a store."""
