"""Persistence: tables, migrations, repositories and the SQL-backed brain ports."""
