import csv
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from monitoring.selectors import EXPORT_HEADER
from monitoring.services import observations_import

from .factories import ffcsv

pytestmark = pytest.mark.django_db


def _export(*args) -> str:
    out = io.StringIO()
    call_command("export_data", "observations", *args, stdout=out)
    return out.getvalue()


def test_export_format_is_exactly_as_specified(reference_territories):
    data, name = ffcsv(
        [
            ("2024-12-31", "16051", "Erfurt, kreisfreie Stadt", "GESW", "111957"),
            ("2024-12-31", "16051", "Erfurt, kreisfreie Stadt", "", "218793"),
            ("2024-12-31", "16051", "Erfurt, kreisfreie Stadt", "GESM", "-"),
            ("2023-12-31", "16051", "Erfurt, kreisfreie Stadt", "", "."),
            ("2022-12-31", "16051", "Erfurt, kreisfreie Stadt", "", "12,5 p"),
        ]
    )
    observations_import(data=data, filename=name)
    text = _export("--dataset", "99999-01-01-4", "--format", "csv")
    lines = text.splitlines()
    assert lines[0] == (
        "dataset,measure,unit,territory_code,period,dimensions,value,symbol,quality,"
        "source,publisher,licence,licence_url,stand,retrieved"
    )
    day = "2026-03-10"  # downloaded then, says the file name
    where = (
        "Regionaldatenbank Deutschland,Statistische Ämter des Bundes und der Länder,"
        "Datenlizenz Deutschland – Namensnennung – Version 2.0,"
        f"https://www.govdata.de/dl-de/by-2-0,,{day}"
    )
    assert lines[1:] == [
        f"99999-01-01-4,BEVSTD,Anzahl,16051,2022-12-31,,12.5,,p,{where}",
        f"99999-01-01-4,BEVSTD,Anzahl,16051,2023-12-31,,,.,,{where}",
        f"99999-01-01-4,BEVSTD,Anzahl,16051,2024-12-31,,218793,,,{where}",
        f"99999-01-01-4,BEVSTD,Anzahl,16051,2024-12-31,GES=GESM,0,-,,{where}",
        f"99999-01-01-4,BEVSTD,Anzahl,16051,2024-12-31,GES=GESW,111957,,,{where}",
    ]


def test_export_as_json(reference_territories):
    data, name = ffcsv([("2024-12-31", "16051", "Erfurt, kreisfreie Stadt", "", "218793")])
    observations_import(data=data, filename=name)
    records = json.loads(_export("--dataset", "99999-01-01-4", "--format", "json"))
    assert records == [
        dict(
            zip(
                EXPORT_HEADER,
                ["99999-01-01-4", "BEVSTD", "Anzahl", "16051", "2024-12-31", "", 218793, "", "",
                 "Regionaldatenbank Deutschland", "Statistische Ämter des Bundes und der Länder",
                 "Datenlizenz Deutschland – Namensnennung – Version 2.0",
                 "https://www.govdata.de/dl-de/by-2-0", "", "2026-03-10"],
                strict=True,
            )
        )
    ]  # fmt: skip
    assert isinstance(records[0]["value"], int)


def test_erfurt_comes_back_through_export_api_and_page(genesis, client):
    rows = list(csv.reader(io.StringIO(_export("--dataset", "12411-01-01-4"))))
    assert ["12411-01-01-4", "BEVSTD", "Anzahl", "16051", "2024-12-31", "", "218793", "", ""] in [
        r[:9] for r in rows
    ]
    rows = list(csv.reader(io.StringIO(_export("--dataset", "21111-02-06-4"))))
    expected = ["21111-02-06-4", "ABSOLVENTEN_ABGAENGER", "Anzahl", "16051", "2015"]
    expected += ["SCHULABSCHLUSS=OHNE_HAUPTSCHULABSCHLUSS", "137", "", ""]
    assert expected in [r[:9] for r in rows]

    response = client.get(
        reverse("api-v1:observations"),
        {"dataset": "12411-01-01-4", "territory": "ags:16051000", "dimensions": ""},
    )
    assert [i["value"] for i in response.json()["items"]] == [218793]
    response = client.get(
        reverse("api-v1:indicator_values", kwargs={"code": "abgaenger-ohne-hauptschulabschluss"}),
        {"territory": "ags:16051000", "period": "2015"},
    )
    (item,) = response.json()["items"]
    assert (item["numerator"], item["denominator"], round(item["value"], 1)) == (137, 1501, 9.1)
    assert client.get(reverse("api-v1:list_datasets")).json()["count"] == 3
    assert client.get(reverse("api-v1:list_indicators")).json()["count"] >= 25

    page = client.get(
        reverse(
            "monitoring:indicator_detail", kwargs={"code": "abgaenger-ohne-hauptschulabschluss"}
        ),
        {"gebiet": "ags:16051000"},
    ).content.decode()
    assert "9,1" in page and "Datenlizenz Deutschland" in page and "21111-02-06-4" in page


def test_cli_import_dispatches_to_the_app(reference_territories, tmp_path):
    data, name = ffcsv([("2024-12-31", "16051", "Erfurt, kreisfreie Stadt", "", "218793")])
    path = tmp_path / name
    path.write_bytes(data)
    out = io.StringIO()
    call_command("import_data", "genesis", str(path), stdout=out)
    assert "created 1" in out.getvalue()
    out = io.StringIO()
    call_command("import_data", "genesis", str(path), stdout=out)
    assert "created 0" in out.getvalue() and "unchanged 1" in out.getvalue()
    out = io.StringIO()
    call_command("import_data", stdout=out)
    assert "genesis" in out.getvalue()
