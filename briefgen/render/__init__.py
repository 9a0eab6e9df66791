"""Stage 5, render: Briefings + theme -> Pages. Pure: writes nothing."""

from briefgen.render.site import render_site

__all__ = ["render_site"]
