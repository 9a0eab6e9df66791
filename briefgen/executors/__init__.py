"""Where extraction runs: one seam, `make_extractor`, over this machine's processes or a Dask cluster.

`executor` is `local` (this process and a worker pool), `dask` (what `distributed.Client()` gives a Dask
user: the scheduler named by Dask's `scheduler-address` config, i.e. `DASK_SCHEDULER_ADDRESS`, else a
`LocalCluster` of `jobs` worker processes that ends with the build) or a scheduler address such as
`tcp://host:8786`. The default `local` is never redirected by the environment: a build leaves this
machine only when asked to. With `resident` (`--daemon`), a build with an edit or two sends it to a
resident local process that keeps the model loaded between builds (see `resident.py`).
"""

from __future__ import annotations

from collections.abc import Callable

from briefgen.errors import BuildError
from briefgen.executors.seam import ExtractorLike, Resident, check_executor
from briefgen.models import Article, Extraction, Problem

__all__ = ["ExtractorLike", "Resident", "check_executor", "make_extractor"]


def make_extractor(
    model: str,
    executor: str,
    jobs: int,
    on_done: Callable[[int], None] | None = None,
    expected: int = 0,
    keep_model: bool = False,
    *,
    on_result: Callable[[Article, Extraction], None] | None = None,
    note: Callable[[str], None] | None = None,
    resident: Resident | None = None,
) -> ExtractorLike:
    """An extractor running where `executor` says, with the same protocol whatever it is.

    `on_done(count)` counts extractions as they come back, `on_result(article, extraction)` receives each one
    then (so the caller can cache it at once), `note` receives details for `--verbose` (the dashboard address).
    Nothing connects or starts before `prestart` or the first `submit`.
    """
    from briefgen.nlp.pool import Extractor

    if executor == "local":
        if resident is None or not resident.minutes or keep_model:
            return Extractor(model, jobs, on_done, expected, keep_model, on_result)
        from briefgen.executors.resident import ResidentExtractor

        return ResidentExtractor(model, resident, jobs, on_done, expected, on_result)
    try:
        import dask.config
        import distributed  # noqa: F401  (what cluster.py needs)
    except ImportError as err:
        needs = 'the Dask extra: pip install "briefgen[dask]"'
        raise BuildError([Problem(executor, f"--executor {executor} needs {needs} ({err})")]) from err
    from briefgen.executors.cluster import DaskExtractor, connect_address, start_local

    if executor == "dask":
        address = dask.config.get("scheduler-address", None)
        if not address:
            if keep_model:  # `serve` keeps the model in its own process rather than start a cluster per rebuild
                return Extractor(model, jobs, on_done, expected, keep_model, on_result)
            return DaskExtractor(model, lambda: start_local(jobs), "a local Dask cluster", on_done, on_result, note)
        executor = str(address)
    return DaskExtractor(model, lambda: connect_address(executor), executor, on_done, on_result, note)
