"""Store: keeps articles and metric facts (SQLite embedded, PostgreSQL in production) and serves them.

The schema, repository and HTTP API arrive with the streaming issue; nothing here yet.
"""
