"""The domain facts every stage shares: vocabulary, levels and places, numerals, the tokeniser."""
