"""The review workbook: the matches to look at, a 判定 drop-down and a 备注 column to fill in."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import xlsxwriter
from xlsxwriter.exceptions import FileCreateError

from ..model import Table
from ..vocab import localized
from .xlsx import MAX_ROWS, _write_table

VERDICT_CHOICES = ["确认", "否认", "不适用"]

_HELP = [
    "判定：确认 = 同一事项（以后按“reviewed”层级匹配）；否认 = 不是同一事项（以后不再匹配）；"
    "不适用 = 不作判断，不再提示。",
    "备注：说明理由。审核人：可留空，导入时用 --reviewer 指定。",
    "导入：catalog-sync review import 本文件 项目目录（写入 judgements.csv）。",
    "任一方的名称、事项类型、主项或设定依据实质变化后，判定失效，该对会重新出现并标注“已变更”。",
]


def write_review_xlsx(table: Table, path: Path, lang: str, title: str) -> None:
    """Written to a temporary name, then renamed: a half-written workbook never appears. Tiers
    and evidence in `lang` (vocab); what `review import` reads back is not rendered."""
    table = localized(table, lang)
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    path.parent.mkdir(parents=True, exist_ok=True)  # as diff makes its --out
    try:
        with _os_errors(), xlsxwriter.Workbook(str(tmp), options) as wb:
            bold = wb.add_format({"bold": True})
            ws = wb.add_worksheet(title[:31])
            _write_table(ws, table, lang, bold, MAX_ROWS)
            keys = [c.key for c in table.columns]
            col = keys.index("verdict")
            last = max(len(table.rows), 1)
            ws.data_validation(1, col, last, col, {"validate": "list", "source": VERDICT_CHOICES})
            fill = wb.add_format({"bg_color": "#FFF2CC"})
            for key in ("verdict", "note", "reviewer"):
                ws.set_column(keys.index(key), keys.index(key), 16, fill)
            first_tech = keys.index("left_key")
            ws.set_column(first_tech, len(keys) - 1, 18, None, {"hidden": False, "level": 1})
            guide = wb.add_worksheet("说明" if lang == "zh" else "How to")
            guide.set_column(0, 0, 110)
            for r, line in enumerate(_HELP):
                guide.write_string(r, 0, line)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


@contextmanager
def _os_errors() -> Iterator[None]:
    """XlsxWriter's FileCreateError as the OSError it wraps (a read-only or full disk): the
    command names the path and the reason, not an internal error."""
    try:
        yield
    except FileCreateError as e:
        cause = e.args[0] if e.args else None
        raise cause if isinstance(cause, OSError) else OSError(str(e)) from None
