"""Rebuild places/data/berlin_*.json from the published Berlin files in ../shared/data/berlin.

The repository ships the result so a fresh clone needs nothing outside it. Run:
    .venv/bin/python scripts/build_reference_data.py ../shared/data/berlin
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from places.geometry import simplify  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "places" / "data"


def main(source: Path) -> None:
    boroughs = json.loads((source / "bezirksgrenzen.geojson").read_text(encoding="utf-8"))
    forecast = json.loads((source / "lor_prognoseraeume_2021.geojson").read_text(encoding="utf-8"))
    with (source / "lor_2021.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    borough_names = sorted({r["Bezirk"] for r in rows})
    code_by_borough = {r["Bezirk"]: r["Planungsraum (Nummer)"][:2] for r in rows}
    assert len(borough_names) == 12, borough_names
    data = {
        "boroughs": [
            {
                "code": code_by_borough[f["properties"]["name"]],
                "name": f["properties"]["name"],
                "boundary": simplify(f["geometry"], tolerance=0.0003),
            }
            for f in boroughs["features"]
        ],
        "forecast_areas": [],
        "district_regions": [],
        "planning_areas": [],
    }
    forecast_geo = {f["properties"]["PGR_ID"]: f["geometry"] for f in forecast["features"]}
    seen_pgr: dict[str, str] = {}
    seen_bzr: dict[str, tuple[str, str]] = {}
    for r in rows:
        seen_pgr[r["Prognoseraum (Nummer)"]] = r["Prognoseraum (Name)"]
        seen_bzr[r["Bezirksregion (Nummer)"]] = (
            r["Bezirksregion (Name)"],
            r["Prognoseraum (Nummer)"],
        )
        data["planning_areas"].append(
            {
                "code": r["Planungsraum (Nummer)"],
                "name": r["Planungsraum (Name)"],
                "parent": r["Bezirksregion (Nummer)"],
                "area_m2": float(r["Fläche in qm"]),
            }
        )
    for code, name in sorted(seen_pgr.items()):
        geometry = forecast_geo.get(code)
        data["forecast_areas"].append(
            {
                "code": code,
                "name": name,
                "parent": code[:2],
                "boundary": simplify(geometry, tolerance=0.0002) if geometry else None,
            }
        )
    for code, (name, parent) in sorted(seen_bzr.items()):
        data["district_regions"].append({"code": code, "name": name, "parent": parent})
    out = OUT / "berlin_lor.json"
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/berlin"))
