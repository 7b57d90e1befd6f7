"""The version of the extraction rules, apart from the rules themselves, so that counting what
awaits extraction does not load them."""

# Raise when the rules change what they extract: `dipterm extract` re-runs older articles.
EXTRACTION_VERSION = 9  # 9: 2026-12-07, who is only named: likenesses, trust, possessives; 8: 2026-12-07, the world's cities, places in bodies' names and titles, "in charge of"; 7: 2026-12-07, offices of bodies in lists; 6: 2026-12-07, glued honorifics, what is said, he after he; 5: 2026-12-02, crowds visiting; 4: 2026-11-25, plenary meetings, ...
