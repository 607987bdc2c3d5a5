from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConferencesConfig(AppConfig):
    name = "quantriet.conferences"
    verbose_name = _("Hội nghị học tập, quán triệt")
