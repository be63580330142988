"""Draft review: a draft held against the documents above it."""
