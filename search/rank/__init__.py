"""Answering a question: query plan, both retrievers, fusion and rerank."""
