"""Ingest: validate, normalize, strip boilerplate and spam, segment and deduplicate feed items."""
