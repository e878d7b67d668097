"""orgsocial: how far each business unit has come in adopting social media."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("orgsocial")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0+unknown"

__all__ = ["__version__"]
