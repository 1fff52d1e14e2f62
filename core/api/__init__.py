"""The JSON API (Litestar)."""

from samverkan.api.app import create_app

__all__ = ["create_app"]
