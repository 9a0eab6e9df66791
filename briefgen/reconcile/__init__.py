"""Stage 4, reconcile: per-article extractions -> one Briefing per event."""

from briefgen.reconcile.briefing import reconcile

__all__ = ["reconcile"]
