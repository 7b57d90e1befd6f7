"""dipterm: a terminal research library for DPRK state media."""

__version__ = "0.1.0"
