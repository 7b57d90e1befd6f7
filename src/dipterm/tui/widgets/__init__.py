"""Widgets of the interface; each owns its bindings and speaks to the screen through Messages."""
