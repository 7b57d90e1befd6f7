"""Export: what a report can cite, as markdown, JSON or CSV. Used by the CLI and the TUI alike."""
