"""Pydantic records of the plan's files: pure data, no I/O."""
