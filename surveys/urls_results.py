"""URLs of the surveys app: the results pages (included by `surveys.urls`)."""

urlpatterns: list = []
