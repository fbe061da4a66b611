"""URLs of the surveys app: the authoring pages (included by `surveys.urls`)."""

urlpatterns: list = []
