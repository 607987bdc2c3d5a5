from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    name = "quantriet.dialogue"
    verbose_name = _("Đối thoại trực tiếp")
