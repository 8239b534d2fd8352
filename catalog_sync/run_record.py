"""run.json: what a run read and how long it took, so a result can be traced and repeated.

Kept apart from summary.json: tables and summary are identical for identical inputs, run.json
also holds the clock.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from . import __version__
from .mappings import standard_mapping_path

_CHUNK = 1 << 20


def file_facts(path: Path) -> dict[str, Any]:
    """Size and SHA-256 of a file, read in chunks (work-order files run to gigabytes)."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return {"size_bytes": path.stat().st_size, "sha256": digest.hexdigest()}


def run_record(
    config: Any, summary: dict[str, Any], stages: list[dict[str, Any]], started: datetime
) -> dict[str, Any]:
    from .pipeline import expand

    real = {}
    for kind, sources in (
        ("catalogue", [config.catalogue]),
        ("list", expand(config.lists, "implementation-list")),
        ("decisions", expand(config.decisions, "decision")),
        ("work_orders", expand(config.work_orders, "work-order")),
        ("materials", expand(config.materials, "materials")),
    ):
        for s in sources:
            real[(kind, s.display)] = s.path
    inputs = []
    for row in summary["inputs"]:
        path = real.get((row["kind"], row["file"]))
        inputs.append({**row, **(file_facts(path) if path else {})})
    mappings = [{"file": "standard.yaml (bundled)", **file_facts(standard_mapping_path())}]
    mappings += [{"file": str(p), **file_facts(Path(p))} for p in config.mappings]
    counts = {
        k: v
        for k, v in summary.items()
        if isinstance(v, (int, float)) and not isinstance(v, bool) or k.endswith("_rate")
    }
    finished = datetime.now(timezone.utc)
    return {
        "tool": "catalog-sync",
        "tool_version": __version__,
        "as_of": summary["as_of"],
        "started": started.isoformat(timespec="seconds"),
        "finished": finished.isoformat(timespec="seconds"),
        "seconds": round((finished - started).total_seconds(), 3),
        "baseline": str(config.baseline) if config.baseline else None,
        "inputs": inputs,
        "mappings": mappings,
        "stages": stages,
        "counts": counts,
    }
