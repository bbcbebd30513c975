"""Shared helpers for the test suite: parsing built HTML, building and hashing sites."""
