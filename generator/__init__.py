"""A static multilingual news-archive site generator."""

__version__ = "0.1.0"
