"""Write places/data/wien_bezirke.json: Vienna's 23 district boundaries, simplified like
Berlin's, from the city's WFS layer BEZIRKSGRENZEOGD (Stadt Wien – data.wien.gv.at, CC BY 4.0).

    .venv/bin/python scripts/wien_boundaries.py ../shared/data/wien/BEZIRKSGRENZEOGD.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from places.geometry import simplify  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "places" / "data" / "wien_bezirke.json"


def main(source: str) -> None:
    data = json.loads(Path(source).read_text(encoding="utf-8"))
    districts = []
    for feature in sorted(data["features"], key=lambda f: f["properties"]["BEZNR"]):
        props = feature["properties"]
        districts.append(
            {
                "code": str(props["STATAUSTRIA_GEM_CODE"]),
                "name": props["NAMEK"],
                "area_m2": round(float(props["FLAECHE"]), 1),
                "boundary": simplify(feature["geometry"]),
            }
        )
    out = {
        "_source": "Stadt Wien – data.wien.gv.at, Bezirksgrenzen Wien (WFS layer "
        "BEZIRKSGRENZEOGD, boundary state 2020-02-12), simplified (Ramer–Douglas–Peucker, "
        "tolerance 0.0002°, 5 decimals); area from its FLAECHE (m²)",
        "_licence": "Creative Commons Namensnennung 4.0 International (CC BY 4.0)",
        "districts": districts,
    }
    OUT.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    print(f"{OUT}: {len(districts)} districts, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
