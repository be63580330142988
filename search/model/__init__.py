"""The embedding model: the Encoder protocol, the bundled e5 and its offline conversion."""
