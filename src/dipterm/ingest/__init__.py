"""Import: read files and records, clean them, and turn them into article drafts."""
