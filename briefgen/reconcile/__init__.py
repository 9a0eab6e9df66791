"""Stage 4, reconcile: per-article extractions -> one Briefing per event.

`reconcile` is imported on first use: loading content reads event.yaml overrides through
`reconcile.overrides`, and a warm build that reconciles nothing should not import the whole stage.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefgen.reconcile.briefing import reconcile

__all__ = ["reconcile"]


def __getattr__(name: str) -> object:
    if name == "reconcile":
        from briefgen.reconcile.briefing import reconcile

        return reconcile
    raise AttributeError(f"module 'briefgen.reconcile' has no attribute {name!r}")
