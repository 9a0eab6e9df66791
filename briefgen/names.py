"""Names of files and folders briefgen agrees on across stages, importable without any dependency."""

CONFIG_NAME = "briefgen.yaml"
CACHE_DIR_NAME = ".briefgen-cache"
