"""Extractors: Pangea HTML, text dumps, and a generic fallback for other sites."""
