"""schema.org JSON-LD of the public pages: a model partnership's recognition page as a
`Project` whose members are the engaged organisations (people only where they consented), and
a listing as an `Offer` or a `Demand`."""

from __future__ import annotations

from django.conf import settings

from offers.jsonld import jsonld_script_content, plain_text


def _url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _organisation(organisation) -> dict:
    return {
        "@type": "Organization",
        "name": organisation.name,
        "url": _url(organisation.get_absolute_url()),
    }


def project_jsonld(item: dict):
    project = item["project"]
    members = []
    for row in item["engaged"]:
        organisation = _organisation(row["organisation"])
        if row["person_name"]:
            members.append(
                {"@type": "Person", "name": row["person_name"], "worksFor": organisation}
            )
        members.append(organisation)
    data = {
        "@context": "https://schema.org",
        "@type": "Project",
        "name": project.title,
        "url": _url(project.get_absolute_url()),
        "member": members,
    }
    description = plain_text(project.description, 500)
    if description:
        data["description"] = description
    if project.start:
        data["foundingDate"] = project.start.isoformat()
    return jsonld_script_content(data)


def listing_jsonld(listing):
    """An offer names its organisation (`offeredBy`); a need says where partners are sought
    (`areaServed`), schema.org having no property for who demands."""
    offer = listing.direction == "offer"
    data = {
        "@context": "https://schema.org",
        "@type": "Offer" if offer else "Demand",
        "name": listing.title,
        "url": _url(listing.get_absolute_url()),
        "category": str(listing.get_format_display()),
    }
    description = plain_text(listing.description, 500)
    if description:
        data["description"] = description
    if offer:
        data["offeredBy"] = _organisation(listing.organisation)
    cities = [{"@type": "City", "name": city.name} for city in listing.cities.all()]
    if cities:
        data["areaServed"] = cities
    if listing.valid_until:
        data["validThrough"] = listing.valid_until.isoformat()
    return jsonld_script_content(data)
