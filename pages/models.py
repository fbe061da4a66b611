from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Page(models.Model):
    """An editable content page: imprint, privacy, accessibility statement, Leichte Sprache."""

    slug = models.SlugField(_("web address"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), help_text=_("Basic HTML; it is sanitised when saved."))
    in_footer = models.BooleanField(_("link in footer"), default=False)
    footer_order = models.PositiveSmallIntegerField(_("order in footer"), default=0)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["footer_order", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("pages:detail", kwargs={"slug": self.slug})
