"""GET /api/v1/search/?q=…: the global search as JSON."""

from ninja import Field, Query, Router, Schema

from places.keys import split_key
from places.models import Territory

from . import engine
from .registry import sources

router = Router(tags=["search"])


class SearchParams(Schema):
    q: str = Field(..., description="words; German normalisation and stemming apply")
    kind: list[str] = Field(default_factory=list, description="restrict to kinds")
    city: str | None = Field(None, description="official key of a territory, e.g. ags:16051000")
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=10_000)


class HitOut(Schema):
    kind: str
    id: int
    title: str
    url: str
    score: float = Field(
        description="the match's tier under the ranking rule (docs/search.md): 0 is the best; "
        "equal tiers are ordered by title length and freshness"
    )
    snippet: str = Field(description="HTML: the text escaped, matched words in <mark>")


class SearchOut(Schema):
    query: list[str]
    total: int
    counts: dict[str, int] = Field(
        description="Matches per kind, counted exactly up to 10,000 (see `more`)"
    )
    more: list[str] = Field(description="Kinds with more matches than counted")
    kinds: dict[str, str]
    results: list[HitOut]
    suggestion: str | None = Field(
        None, description="when nothing matches: other words from the index that do"
    )


@router.get("/", response=SearchOut)
def search(request, params: Query[SearchParams]):
    territory = None
    if params.city:
        scheme, code = split_key(params.city)
        territory = Territory.objects.filter(scheme=scheme, code=code).first()
    result = engine.search(
        params.q,
        kinds=params.kind,
        territory=territory,
        limit=params.limit,
        offset=params.offset,
    )
    return {
        "query": list(result.query.terms),
        "total": result.total,
        "counts": result.counts,
        "more": sorted(result.more),
        "suggestion": result.suggestion,
        "kinds": {k: str(s.label) for k, s in sources().items()},
        "results": [
            {
                "kind": h.kind,
                "id": h.object_id,
                "title": h.title,
                "url": request.build_absolute_uri(h.url),
                "score": h.score,
                "snippet": str(h.snippet),
            }
            for h in result.hits
        ],
    }
