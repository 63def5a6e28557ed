"""Shared contract of every service: message models, codec, topic names, settings."""
