from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from actors.forms import ImportForm
from actors.imports import ImportFileError
from bildungsnetz.concurrency import EditConflict, form_status
from bildungsnetz.exports import FORMATS, choice, column, export_table, many, yes_no
from bildungsnetz.listing import paginate, paginate_ranked
from bildungsnetz.ratelimits import mail_allowed
from search import engine

from . import selectors
from .forms import OfferForm, SavedSearchForm
from .imports import COLUMNS, import_offers
from .jsonld import jsonld_script_content, offer_jsonld
from .maps import offers_map
from .models import ACCESSIBILITY, Offer, SavedSearch
from .services import (
    offer_confirm,
    offer_create,
    offer_update,
    saved_query_string,
    saved_search_confirm,
    saved_search_create,
    saved_search_unsubscribe,
)

SORTS = {
    "title": ("title_de", "pk"),
    "start": ("start_date", "title_de", "pk"),
    "new": ("-created", "-pk"),
}
SORT_LINKS = [
    ("title", gettext_lazy("Title")),
    ("start", gettext_lazy("Start date")),
    ("new", gettext_lazy("Newest")),
]
# With search words, the best match comes first.
RELEVANCE_LINK = ("relevance", gettext_lazy("Best match"))
M2M = ("target_groups", "languages", "topics")
# A sorted list counts at most this many offers ("more than 10,000"), so browsing a million
# offers costs no more than browsing ten thousand.
LIST_LIMIT = 10_000


# The import's columns (imports.COLUMNS), in its order: choices, yes/no and vocabularies as
# labels in the active language with their codes beside (`kind_code`, …), which the import reads.
EXPORT_COLUMNS = [
    column("title", "title_de"), column("provider", "provider.slug"), choice("kind"),
    choice("format"), choice("stage"), column("description", "description_de"),
    many("target_groups"), many("languages", code="code"), many("topics"), column("age_min"),
    column("age_max"), yes_no("is_online"), column("street"), column("postcode"),
    column("locality"), column("district", "district.key"), column("latitude"),
    column("longitude"), column("start_date"), column("end_date"), column("schedule"),
    choice("cost"), column("price"), column("cost_note"),
    *[yes_no(name) for name, _label in ACCESSIBILITY], column("registration_url"),
    column("contact_email"), column("title_en"), column("description_en"),
]  # fmt: skip


def offer_list(request):
    search = selectors.offer_list(filters=request.GET)
    queryset = search.queryset.with_listing_relations()
    fmt = request.GET.get("format")
    if fmt in FORMATS:
        objects = queryset.prefetch_related("target_groups", "topics").order_by("title_de", "pk")
        return export_table(fmt, _("learning offers"), EXPORT_COLUMNS, objects)
    query = engine.parse(search.query)
    sort = request.GET.get("sort", "relevance" if query else "title")
    more_results = list_more = False
    if query and sort not in SORTS:
        results = search.ranked()
        more_results = results.more
        listing = paginate_ranked(request, results, per_page=20)
    else:
        listing = paginate(
            request, queryset, sorts=SORTS, default="title", per_page=20, count_limit=LIST_LIMIT
        )
        list_more = listing.page_obj.paginator.more
        for offer in listing.page_obj.object_list:
            offer.search_title = offer.title
    facets = search.facets()
    context = {
        "form": search.form,
        "facets": facets,
        "listing": listing,
        "sort_links": [RELEVANCE_LINK, *SORT_LINKS] if query else SORT_LINKS,
        "page_obj": listing.page_obj,
        "query_string_without_page": listing.query_string_without_page,
        "has_query": bool(query),
        "more_results": more_results,
        "list_more": list_more,
        "facets_capped": search.facets_capped,
        "facet_limit": selectors.FACET_LIMIT,
        "map": offers_map(search),
        "near_options": next((f.values for f in facets if f.name == "district"), []),
        "saved_form": SavedSearchForm(
            initial={
                "query": saved_query_string(request.GET),
                "email": request.user.email if request.user.is_authenticated else "",
            }
        ),
        "feed_query": saved_query_string(request.GET),
        "can_add": request.user.has_perm("offers.add_offer"),
    }
    template = "offers/_results.html" if request.htmx else "offers/offer_list.html"
    return render(request, template, context)


def offer_detail(request, slug: str):
    offer = get_object_or_404(Offer.objects.with_detail_relations(), slug=slug)
    # Not listed (hidden, stale or its provider hidden): only the provider's members see it.
    if not request.user.has_perm("offers.view_offer", offer):
        raise Http404
    can_edit = request.user.has_perm("offers.change_offer", offer)
    return render(
        request,
        "offers/offer_detail.html",
        {
            "offer": offer,
            "jsonld": jsonld_script_content(offer_jsonld(offer)),
            "can_edit": can_edit,
        },
    )


def _save(request, form, offer=None):
    m2m = {k: form.cleaned_data[k] for k in M2M}
    data = {k: v for k, v in form.cleaned_data.items() if k not in m2m}
    if not request.user.has_perm("offers.offer_for_organisation", data["provider"]):
        form.add_error("provider", _("You may not publish offers for this organisation."))
        return None
    try:
        if offer is None:
            return offer_create(data=data, m2m=m2m)
        return offer_update(offer=offer, data=data, m2m=m2m, expected=form.expected_version)
    except EditConflict as conflict:
        form.mark_conflict(conflict)
        return None
    except ValidationError as exc:
        form.add_error(None, exc)
        return None


@login_required
def offer_create_view(request):
    if not request.user.has_perm("offers.add_offer"):
        raise PermissionDenied
    form = OfferForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        offer = _save(request, form)
        if offer is not None:
            messages.success(request, _("The offer was published."))
            return redirect(offer)
    return render(request, "offers/offer_form.html", {"form": form})


@login_required
def offer_edit(request, slug: str):
    offer = get_object_or_404(Offer.objects.select_related("provider__seat"), slug=slug)
    if not request.user.has_perm("offers.change_offer", offer):
        raise PermissionDenied
    form = OfferForm(request.POST or None, instance=offer, user=request.user)
    if request.method == "POST" and form.is_valid() and _save(request, form, offer) is not None:
        messages.success(request, _("Your changes were saved."))
        return redirect(offer)
    return render(
        request, "offers/offer_form.html", {"form": form, "offer": offer}, status=form_status(form)
    )


@login_required
@require_POST
def offer_confirm_view(request, slug: str):
    offer = get_object_or_404(Offer.objects.select_related("provider__seat"), slug=slug)
    if not request.user.has_perm("offers.change_offer", offer):
        raise PermissionDenied
    offer_confirm(offer=offer)
    messages.success(request, _("Thank you: the offer is listed for another year."))
    return redirect(offer)


@login_required
def offer_import(request):
    if not request.user.has_perm("offers.import_offer"):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    form.fields["file"].label = _("CSV, XLSX or JSON file")
    form.fields["file"].help_text = _("Columns: %(cols)s") % {"cols": ", ".join(COLUMNS)}
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = import_offers(
                upload.name, upload.read(), dry_run=form.cleaned_data["dry_run"], user=request.user
            )
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            if result.ok and not result.dry_run:
                messages.success(request, _("%(n)d offers were imported.") % {"n": result.created})
                return redirect("offers:offer_list")
    return render(request, "offers/offer_import.html", {"form": form, "result": result})


@require_POST
def saved_search_create_view(request):
    form = SavedSearchForm(request.POST)
    if not form.is_valid():
        return render(request, "offers/saved_search.html", {"form": form}, status=400)
    user = request.user if request.user.is_authenticated else None
    own_address = user is not None and user.email.lower() == form.cleaned_data["email"].lower()
    if not own_address and not mail_allowed(request, address=form.cleaned_data["email"]):
        form.add_error(
            None,
            _(
                "Too many confirmation e-mails were requested for this address or from your "
                "connection. Please try again in an hour."
            ),
        )
        return render(request, "offers/saved_search.html", {"form": form}, status=429)
    saved = saved_search_create(
        email=form.cleaned_data["email"], query=form.cleaned_data["query"], user=user
    )
    return render(request, "offers/saved_search.html", {"saved": saved, "created": True})


def saved_search_confirm_view(request, token: str):
    saved = saved_search_confirm(token=token)
    if saved is None:
        raise Http404
    return render(request, "offers/saved_search.html", {"saved": saved, "confirmed": True})


def saved_search_unsubscribe_view(request, token: str):
    if request.method == "POST":
        saved = saved_search_unsubscribe(token=token)
        if saved is None:
            raise Http404
        return render(request, "offers/saved_search.html", {"saved": saved, "unsubscribed": True})
    saved = get_object_or_404(SavedSearch, token=token)
    return render(request, "offers/saved_search.html", {"saved": saved, "ask_unsubscribe": True})
