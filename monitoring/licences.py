"""The open-data licences statistics come under: name, deed URL and DCAT-AP.de licence IRI.

A dataset stores all three, so every page, export, API answer and catalogue distribution made
from it names the licence its own source gave (Berlin's planning-area data is CC BY 3.0 DE,
Vienna's CC BY 4.0, GENESIS tables dl-de/by-2-0). Pure: imports no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Licence:
    id: str  # the short identifier used in texts and exports, e.g. "dl-de/by-2-0"
    name: str  # the licence's own German name
    url: str  # the deed a person reads
    dcat: str  # the IRI of the DCAT-AP.de licence vocabulary (dcatde:licenses)
    # Lower-case fragments that identify the licence in free text (a file's footer, a form).
    patterns: tuple[str, ...] = ()


DL_DE_BY_2_0 = Licence(
    "dl-de/by-2-0",
    "Datenlizenz Deutschland – Namensnennung – Version 2.0",
    "https://www.govdata.de/dl-de/by-2-0",
    "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
    ("datenlizenz deutschland – namensnennung", "datenlizenz deutschland - namensnennung",
     "dl-de/by-2-0", "dl-de-by-2.0", "dl-by-de/2.0"),
)  # fmt: skip
DL_DE_ZERO_2_0 = Licence(
    "dl-de/zero-2-0",
    "Datenlizenz Deutschland – Zero – Version 2.0",
    "https://www.govdata.de/dl-de/zero-2-0",
    "http://dcat-ap.de/def/licenses/dl-zero-de/2.0",
    ("datenlizenz deutschland – zero", "datenlizenz deutschland - zero", "dl-de/zero-2-0",
     "dl-zero-de/2.0"),
)  # fmt: skip
CC_BY_4_0 = Licence(
    "CC BY 4.0",
    "Creative Commons Namensnennung 4.0 International (CC BY 4.0)",
    "https://creativecommons.org/licenses/by/4.0/",
    "http://dcat-ap.de/def/licenses/cc-by/4.0",
    ("cc by 4.0", "cc-by-4.0", "cc-by/4.0", "creativecommons.org/licenses/by/4.0",
     "namensnennung 4.0"),
)  # fmt: skip
CC_BY_3_0_DE = Licence(
    "CC BY 3.0 DE",
    "Creative Commons Namensnennung 3.0 Deutschland (CC BY 3.0 DE)",
    "https://creativecommons.org/licenses/by/3.0/de/",
    "http://dcat-ap.de/def/licenses/cc-by-de/3.0",
    ("cc by 3.0 de", "cc-by-3.0-de", "cc-by-de/3.0", "creativecommons.org/licenses/by/3.0/de",
     "namensnennung 3.0 de"),
)  # fmt: skip
CC0_1_0 = Licence(
    "CC0 1.0",
    "Creative Commons Zero 1.0 Universell (CC0 1.0)",
    "https://creativecommons.org/publicdomain/zero/1.0/",
    "http://dcat-ap.de/def/licenses/cc-zero",
    ("cc0", "cc-zero", "publicdomain/zero/1.0"),
)

KNOWN = (DL_DE_BY_2_0, DL_DE_ZERO_2_0, CC_BY_4_0, CC_BY_3_0_DE, CC0_1_0)
DEFAULT = DL_DE_BY_2_0

_SPACES = re.compile(r"\s+")


def licence_lookup(text: str) -> Licence | None:
    """The known licence a free text (name, id, deed URL or DCAT IRI) names, or None."""
    folded = _SPACES.sub(" ", (text or "").strip().lower())
    if not folded:
        return None
    for licence in KNOWN:
        exact = {licence.id.lower(), licence.name.lower(), licence.url.lower(), licence.dcat}
        if folded in exact or folded.rstrip("/") in {e.rstrip("/") for e in exact}:
            return licence
    for licence in KNOWN:
        if any(pattern in folded for pattern in licence.patterns):
            return licence
    return None
