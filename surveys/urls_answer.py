"""URLs of the surveys app: the answer pages (included by `surveys.urls`)."""

urlpatterns: list = []
