"""URLs of the surveys app: the exports pages (included by `surveys.urls`)."""

urlpatterns: list = []
