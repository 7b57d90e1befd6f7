"""The library: the only place that speaks SQL."""
