"""Former German keys: counties and regions dissolved by regional reforms.

GENESIS tables keep reporting former counties under their old keys (the day-care table 22541
of 1994–2002 has Chemnitz as Kreis 14161; today's Chemnitz is 14511), with "-" for the years
after the reform. The importer creates a territory for each key it meets, so the same name can
stand for two places in time. The keys stay (data is cited by them); this table says until
which year each one was valid, so labels can tell them apart and lists of current places can
leave them out. Source: Destatis, Gebietsänderungen / Kreisreformen.

Pure Python: no Django models.
"""

from __future__ import annotations

# Key (2-digit Land + region digit [+ 2-digit county]) → last year the key was valid.
_REFORMS: dict[int, str] = {
    # Sachsen-Anhalt, Kreisreform of 1 July 2007 (Regierungsbezirke dissolved end of 2003).
    2007: "15101 15151 15153 15154 15159 15171 15202 15256 15260 15261 15265 15266 15268 "
    "15303 15352 15355 15357 15358 15362 15363 15364 15367 15369 15370",
    2003: "151 152 153",
    # Sachsen, Kreisreform of 1 August 2008 (Regierungsbezirke 141-143 with it).
    2008: "14161 14166 14167 14171 14173 14177 14178 14181 14182 14188 14191 14193 14262 "
    "14263 14264 14272 14280 14284 14285 14286 14287 14290 14292 14365 14374 14375 14379 "
    "14383 14389 141 142 143 "
    # Städteregion Aachen (05334) replaced the city (05313) and the county (05354), Oct 2009.
    "05313 05354",
    # Mecklenburg-Vorpommern, Kreisgebietsreform of 4 September 2011.
    2011: "13001 13002 13005 13006 13051 13052 13053 13054 13055 13056 13057 13058 13059 "
    "13060 13061 13062",
    # Landkreis Göttingen (03159) from Göttingen (03152) and Osterode am Harz (03156), Nov 2016.
    2016: "03152 03156",
    # Eisenach joined the Wartburgkreis (16063) on 1 July 2021.
    2021: "16056",
}
# Sorted so the year ranges above read by reform; the tables below are what code uses.
FORMER_AGS: dict[str, int] = {
    key: year for year, keys in sorted(_REFORMS.items()) for key in keys.split()
}


def statistical_code(scheme: str, code: str, county_free: bool) -> str | None:
    """The key official statistics list a territory under (county-free city 14161000 → 14161)."""
    if scheme != "ags":
        return None
    if county_free and len(code) == 8 and code.endswith("000"):
        return code[:5]
    return code


def valid_until(scheme: str, code: str, county_free: bool = False) -> int | None:
    """The last year a German key was in use, or None for a current key."""
    key = statistical_code(scheme, code, county_free)
    return FORMER_AGS.get(key) if key else None


def former_codes() -> list[str]:
    """Every stored form of a former key: the key itself and, for 5-digit county keys, the
    8-digit AGS a county-free city is stored under (14161 → 14161000)."""
    codes = list(FORMER_AGS)
    codes += [key + "000" for key in FORMER_AGS if len(key) == 5]
    return codes
