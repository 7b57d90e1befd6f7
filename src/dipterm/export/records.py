"""JSON and CSV for other tools. JSON carries every field and imports back with `dipterm ingest`."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict

from dipterm.export.items import ExportSet
from dipterm.ingest.clean import strip_terminal_controls

CSV_COLUMNS = ["id", "title", "source", "published", "published_precision", "byline", "url",
               "lang", "people", "organizations", "places", "countries", "events", "body"]  # fmt: skip


# What a spreadsheet reads as the start of a formula (=HYPERLINK(...), +cmd|..., -2+3, @SUM),
# and the tab and carriage return that some read past to one: such a cell gets a ' in front.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """A CSV cell that a spreadsheet shows as text, never runs as a formula."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def to_records(export: ExportSet) -> list[dict]:
    records = []
    for item in export.items:
        record = asdict(item.article)
        record["origins"] = list(item.article.origins)
        record["urls"] = list(item.article.urls)
        record.update(item.extracted)
        records.append(record)
    return records


def to_json(export: ExportSet) -> str:
    return json.dumps(to_records(export), ensure_ascii=False, indent=2) + "\n"


def to_csv(export: ExportSet) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in to_records(export):
        row = {k: record.get(k) for k in CSV_COLUMNS}
        row["people"] = "; ".join(
            p["name"] + (f" ({', '.join(p['roles'])})" if p["roles"] else "")
            for p in record["people"]
        )
        for key in ("organizations", "places", "countries"):
            row[key] = "; ".join(x["name"] for x in record[key])
        row["events"] = "; ".join(
            f"{e.get('date') or ''} {e['type']} {e.get('place') or ''}".strip()
            for e in record["events"]
        )
        writer.writerow(
            {
                k: spreadsheet_safe(strip_terminal_controls(str(v))) if v is not None else ""
                for k, v in row.items()
            }
        )
    return out.getvalue()
