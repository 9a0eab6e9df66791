"""Names of files and folders briefgen agrees on across stages, importable without any dependency."""

CONFIG_NAME = "briefgen.yaml"
CACHE_DIR_NAME = ".briefgen-cache"
SEARCH_DOCS = ".search/"  # path prefix of the pages the search index is built from; never written to the site
