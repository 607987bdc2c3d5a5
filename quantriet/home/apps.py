from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The logged-in home page: a top-layer app (it reads the capabilities; none reads it), so
    it can grow into each role's dashboard."""

    name = "quantriet.home"
    verbose_name = _("Trang chủ")
