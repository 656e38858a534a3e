"""VITAL: a multi-tenant AI expert platform on one PostgreSQL database."""

__version__ = "0.1.0"
