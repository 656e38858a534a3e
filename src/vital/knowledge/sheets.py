"""Excel (.xlsx) and CSV: each sheet a table, its first non-empty row the header.

Each sheet opens a section named after it; each row becomes one block with the
sheet and its row number (vital.knowledge.tables), so a chunk's location is the
sheet and the range of rows it holds, and every chunk carries the column names.
openpyxl reads in read-only mode (rows streamed, not the whole workbook in
memory); formulas are read as their last computed values. Rows and cells count
against the file's budget (sheet_rows, table_cells).
"""

from __future__ import annotations

import csv
import io

from vital.knowledge import tables
from vital.knowledge.office import check_package
from vital.knowledge.parsed import Block, Clock, ParseError, Parsed

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv"


def _counted(rows, clock: Clock):
    """Rows without trailing empty cells, empty rows left out (as (row number, cells)), counted and timed."""
    for number, row in enumerate(rows, start=1):
        cells = list(row)
        while cells and tables.cell(cells[-1]) == "":
            cells.pop()
        if not cells:
            continue
        clock.count("sheet_rows")
        if number % 500 == 0:
            clock.check()
        yield number, cells


def _sheet_blocks(name: str | None, rows, clock: Clock) -> list[Block]:
    counted = _counted(rows, clock)
    first = next(counted, None)
    if first is None:
        return []
    header_number, header = first
    numbers = {}

    def body():
        for number, cells in counted:
            numbers[len(numbers) + header_number + 1] = number  # table rows are counted densely; keep the sheet's
            yield cells

    where = {"sheet": name} if name else {}
    blocks = tables.table_blocks(body(), clock, header=header, first_row=header_number,
                                 location=lambda r: {**where, "row": numbers.get(r, r)})
    heading = [Block(name, heading=1, location=where)] if name and blocks else []
    return heading + blocks


def parse_xlsx(data: bytes, fallback_title: str, clock: Clock) -> Parsed:
    import openpyxl

    check_package(data, clock, "Excel (.xlsx)")
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged package
        raise ParseError("unreadable", f"Not a readable Excel (.xlsx) file ({type(exc).__name__}).") from exc
    try:
        blocks: list[Block] = []
        names = []
        for sheet in book.worksheets:
            names.append(sheet.title)
            blocks += _sheet_blocks(sheet.title, sheet.iter_rows(values_only=True), clock)
        title = (book.properties.title or "").strip() or fallback_title
    finally:
        book.close()
    return Parsed(title, XLSX, blocks, {"sheets": names})


def parse_csv(text: str, fallback_title: str, clock: Clock) -> Parsed:
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    try:
        blocks = _sheet_blocks(None, csv.reader(io.StringIO(text), dialect), clock)
    except csv.Error as exc:
        raise ParseError("unreadable", f"Not a readable CSV file ({exc}).") from exc
    return Parsed(fallback_title, CSV, blocks)
