"""A Dask worker preload (`dask worker --preload briefgen.executors.preload`): the worker loads the model named
by `$BRIEFGEN_NLP_MODEL` as it starts, before any batch arrives. The resident NLP cluster uses it; any cluster
may."""

from __future__ import annotations

import os
from typing import Any

from briefgen.executors.cluster import warm


def dask_setup(worker: Any) -> None:
    """Called by the worker as it starts."""
    if model := os.environ.get("BRIEFGEN_NLP_MODEL"):
        warm(model)
