"""Extraction: fields, dates, entities, events and quotes from a cleaned article. No database here."""
