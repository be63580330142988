"""Reading files: bytes of any supported format -> raw text, one paragraph a line."""
