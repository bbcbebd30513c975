"""Detente: a static-site generator for explainer sites about peace negotiations."""

__version__ = "0.1.0"
