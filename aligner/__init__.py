"""Arabic-English parallel-text aligner for checking news translations."""

__version__ = "0.1.0"
