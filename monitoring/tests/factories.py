"""Test data for monitoring: tiny GENESIS flat files and users with roles."""

from __future__ import annotations

from accounts.models import Membership, RoleLevel
from accounts.tests.factories import UserFactory, with_mfa

FF_HEADER = (
    "statistics_code;statistics_label;time_code;time_label;time;"
    "1_variable_code;1_variable_label;1_variable_attribute_code;1_variable_attribute_label;"
    "2_variable_code;2_variable_label;2_variable_attribute_code;2_variable_attribute_label;"
    "value;value_unit;value_variable_code;value_variable_label"
)


def ffcsv(
    rows: list[tuple[str, str, str, str, str]], *, code: str = "99999-01-01-4"
) -> tuple[bytes, str]:
    """rows: (time, Kreis key, Kreis label, sex attribute code or "", value text)."""
    lines = [FF_HEADER]
    for time, key, label, sex, value in rows:
        sex_label = {"": "Insgesamt", "GESM": "männlich", "GESW": "weiblich"}[sex]
        lines.append(
            f"99999;Teststatistik;STAG;Stichtag;{time};KREISE;Kreise und kreisfreie Städte;"
            f"{key};{label};GES;Geschlecht;{sex};{sex_label};{value};Anzahl;BEVSTD;Bevölkerungsstand"
        )
    return ("\n".join(lines) + "\n").encode("utf-8"), f"{code}_1773175772751_de_flat.csv"


def member(territory, role=RoleLevel.COORDINATOR, **kwargs):
    """A user with a role in a territory (coordinators with the TOTP they must have)."""
    user = UserFactory(**kwargs)
    Membership.objects.create(user=user, territory=territory, role=role)
    return with_mfa(user) if role >= RoleLevel.COORDINATOR else user


def admin():
    return with_mfa(UserFactory(is_superuser=True, is_staff=True))
