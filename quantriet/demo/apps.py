from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The Uông Bí demo (`manage.py load_demo`): the top layer, which no capability imports."""

    name = "quantriet.demo"
    verbose_name = _("Dữ liệu mẫu")
