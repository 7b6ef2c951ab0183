"""Errors the library raises; the CLI turns each into a one-line message and an exit code."""


class AlignerError(Exception):
    """Base class: a problem with the user's input or environment, not a bug."""

    exit_code = 1


class InputError(AlignerError):
    """An input file cannot be read or is not what was asked for."""

    exit_code = 2


class ManifestError(AlignerError):
    """A corpus manifest is missing, malformed, or names files that do not exist."""

    exit_code = 3


class OutputError(AlignerError):
    """A report cannot be written where the user asked."""

    exit_code = 4
