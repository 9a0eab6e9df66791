"""Names of the files and folders a site keeps beside its config, importable without any dependency."""

CONFIG_NAME = "briefgen.yaml"
CACHE_DIR_NAME = ".briefgen-cache"
