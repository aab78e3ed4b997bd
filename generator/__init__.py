"""Static-site generator for HOD's budget proposition and allocation letters."""

__version__ = "0.1.0"
