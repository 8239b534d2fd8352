"""catalog-sync: keep matter catalogues, lists, decisions and work orders in sync."""

__version__ = "0.1.0"
__all__ = ["__version__"]
