"""Extraction: roles, duties, frequencies, deadlines and sanctions of a parsed Document."""
