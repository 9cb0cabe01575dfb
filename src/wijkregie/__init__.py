"""Wijkregie: steering information for municipalities that commission social neighbourhood teams."""

__version__ = "0.1.0"
