"""Allow `python -m dipterm`."""

from dipterm.launch import main

main()
