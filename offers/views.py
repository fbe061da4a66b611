from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from bildungsnetz.access import object_for, require
from bildungsnetz.concurrency import form_status, save_or_conflict
from bildungsnetz.exports import choice, column, many, yes_no
from bildungsnetz.imports import ImportFileError, ImportForm
from bildungsnetz.listing import (
    ListPage,
    export_format,
    filter_data,
    paginate_ranked,
    query_with,
)
from bildungsnetz.pagecache import public_page
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

M2M = ("target_groups", "languages", "topics")


# The import's columns (imports.COLUMNS), in its order: choices, yes/no and vocabularies as
# labels in the active language with their codes beside (`kind_code`, …), which the import reads.
OFFERS = ListPage(
    sorting=selectors.SORTING,
    template="offers/offer_list.html",
    partial="offers/_results.html",
    export_name=gettext_lazy("learning offers"),
    export_columns=[
        column("title", "title_de"),
        column("provider", "provider.slug"),
        choice("kind"),
        choice("format"),
        choice("stage"),
        column("description", "description_de"),
        many("target_groups"),
        many("languages", code="code"),
        many("topics"),
        column("age_min"),
        column("age_max"),
        yes_no("is_online"),
        column("street"),
        column("postcode"),
        column("locality"),
        column("district", "district.key"),
        column("latitude"),
        column("longitude"),
        column("start_date"),
        column("end_date"),
        column("schedule"),
        choice("cost"),
        column("price"),
        column("cost_note"),
        *[yes_no(name) for name, _label in ACCESSIBILITY],
        column("registration_url"),
        column("contact_email"),
        column("source"),
        column("licence"),
        column("title_en"),
        column("description_en"),
    ],  # fmt: skip
    per_page=20,
    count_limit=selectors.LIST_LIMIT,
)


def _suggestion(request, search, results) -> dict:
    """ "Did you mean …" when the words find no listed offer at all (not when filters do)."""
    if results.count() or engine.has_matches(search.query, kinds=["offer"]):
        return {}
    suggestion = engine.suggest(engine.parse(search.query), kinds=["offer"])
    return {"suggestion": suggestion, "suggestion_query": query_with(request.GET, "q", suggestion)}


@public_page
def offer_list(request):
    search = selectors.offer_list(filters=filter_data(request))
    query = engine.parse(search.query)

    def context():
        facets = search.facets()
        return {
            "facets": facets,
            "has_query": bool(query),
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

    sort_links = [selectors.RELEVANCE, *OFFERS.sorting.labels] if query else None
    sort = request.GET.get("sort", selectors.RELEVANCE[0] if query else None)
    if search.valid and query and sort not in OFFERS.sorting.orders and not export_format(request):
        # Search words without another order: the best match first, from the index.
        results = search.ranked()
        listing = paginate_ranked(request, results, per_page=OFFERS.per_page)
        return OFFERS.render(
            request,
            form=search.form,
            listing=listing,
            sort_links=sort_links,
            context=lambda: {
                "more_results": results.more,
                "corrected": results.corrected,
                **_suggestion(request, search, results),
                **context(),
            },
        )
    return OFFERS.response(
        request,
        form=search.form,
        select=lambda _filters: search.queryset.with_listing_relations(),
        sort_links=sort_links,
        context=context,
    )


@public_page
def offer_detail(request, slug: str):
    # Not listed (hidden, stale or its provider hidden): only the provider's members see it.
    offer = object_for(request.user, Offer.objects.with_detail_relations(), slug=slug)
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
    if offer is None:
        return save_or_conflict(form, lambda: offer_create(data=data, m2m=m2m))
    return save_or_conflict(
        form,
        lambda: offer_update(offer=offer, data=data, m2m=m2m, expected=form.expected_version),
    )


@login_required
def offer_create_view(request):
    require(request.user, "offers.add_offer")
    form = OfferForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        offer = _save(request, form)
        if offer is not None:
            messages.success(request, _("The offer was published."))
            return redirect(offer)
    return render(request, "offers/offer_form.html", {"form": form})


@login_required
def offer_edit(request, slug: str):
    offer = object_for(
        request.user,
        Offer.objects.select_related("provider__seat"),
        "offers.change_offer",
        slug=slug,
    )
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
    offer = object_for(
        request.user,
        Offer.objects.select_related("provider__seat"),
        "offers.change_offer",
        slug=slug,
    )
    offer_confirm(offer=offer)
    messages.success(request, _("Thank you: the offer is listed for another year."))
    return redirect(offer)


@login_required
def offer_import(request):
    require(request.user, "offers.import_offer")
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        label=_("CSV, XLSX or JSON file"),
        help_text=_("Columns: %(cols)s") % {"cols": ", ".join(COLUMNS)},
    )
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


def _saved_search_form_page(request, form, status=200):
    words = QueryDict(form["query"].value() or "").get("q", "")
    return render(
        request, "offers/saved_search.html", {"form": form, "search_words": words}, status=status
    )


@require_http_methods(["GET", "POST"])
def saved_search_create_view(request):
    """GET: the form for a search (?query=…, as the offers page links it); POST: subscribe."""
    if request.method == "GET":
        email = request.user.email if request.user.is_authenticated else ""
        query = saved_query_string(QueryDict(request.GET.get("query", "")))
        return _saved_search_form_page(
            request, SavedSearchForm(initial={"query": query, "email": email})
        )
    form = SavedSearchForm(request.POST)
    if not form.is_valid():
        return _saved_search_form_page(request, form, status=400)
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
        return _saved_search_form_page(request, form, status=429)
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
