"""Where the tests find Berlin's population by planning area (LOR) of June 2022."""

import os
from pathlib import Path

BERLIN_FILE = Path("berlin") / "einwohnerbestand_06-2022_plr.csv"
HERE = Path(__file__).resolve()
# The copy the monitoring app ships, else the shared data folder next to the checkout.
BERLIN_PLR = next(
    (
        folder / BERLIN_FILE
        for folder in (
            HERE.parents[1] / "data",
            Path(os.environ.get("BILDUNGSNETZ_SHARED_DATA", HERE.parents[3] / "shared" / "data")),
        )
        if (folder / BERLIN_FILE).exists()
    ),
    HERE.parents[1] / "data" / BERLIN_FILE,
)
