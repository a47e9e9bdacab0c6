"""Extractors: findings (counts, quotes, events) read from a parsed Document."""
