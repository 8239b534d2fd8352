"""The bounds that keep every parse finite in time and memory, whatever a file holds.

Each is far above what a real catalogue, implementation list, decision annex or work-order
export needs and far below what would exhaust an office computer. README.md ("Hostile input")
says what happens at each one: a row over a cell limit is rejected with its reason, a file over a
file limit stops the run with one line naming it.
"""

from __future__ import annotations

MiB = 1024 * 1024

# Text tables read whole into memory: every CSV, TSV or JSON source except work-order CSVs,
# which DuckDB streams (their lines are bounded by MAX_LINE_BYTES instead).
MAX_TEXT_BYTES = 256 * MiB
# One cell: Excel's own limit, so no cell a spreadsheet could hold is ever refused.
MAX_CELL_CHARS = 32_767
# Columns of a row and of a header: Excel's (A..XFD).
MAX_COLUMNS = 16_384
# Cells one table may hold in memory (rows x columns, as a sheet's rectangle or a CSV's fields).
MAX_CELLS = 10_000_000
# The header is looked for in the first rows only (title rows and merged titles sit above it).
HEADER_SEARCH_ROWS = 30
# JSON nesting: records sit at depth 2 or 3; anything near Python's recursion limit is hostile.
MAX_JSON_DEPTH = 64
# A work-order CSV line DuckDB will read; a longer one rejects its row.
MAX_LINE_BYTES = 10 * MiB

# XLSX is a ZIP archive: refused before any XML is parsed when its directory says it is a bomb.
XLSX_MAX_BYTES = 256 * MiB  # the .xlsx file itself
XLSX_MAX_MEMBERS = 10_000
XLSX_MAX_UNCOMPRESSED = 512 * MiB  # all members together, as declared and as really inflated
XLSX_MAX_RATIO = 100  # uncompressed / compressed per member (Apache POI's bound)
XLSX_RATIO_FLOOR = 1 * MiB  # members smaller than this are not held to the ratio
