"""Katalog Inovasi Daerah: YAML content → validation → Markdown pages → MkDocs site."""

__version__ = "0.1.0"
