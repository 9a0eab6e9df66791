"""briefgen: a static site generator for event briefings."""

__version__ = "0.1.0"
