"""Parsing: raw text -> normalised text -> front matter and the clause tree of a Document."""
