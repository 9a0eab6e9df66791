"""`briefgen serve`: live preview that rebuilds through `build()` and reloads the browser."""

from briefgen.serve.app import Preview, serve

__all__ = ["Preview", "serve"]
