"""Allow `python -m dipterm`."""

from dipterm.cli import main

main()
