"""Shared plumbing of the Services Publics + services."""
