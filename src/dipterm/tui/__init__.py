"""The research interface (Textual): list, search, facets, timeline, readers side by side."""
