from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PresentersConfig(AppConfig):
    name = "quantriet.presenters"
    verbose_name = _("Đội ngũ báo cáo viên")
