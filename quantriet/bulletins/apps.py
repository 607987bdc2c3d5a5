from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BulletinsConfig(AppConfig):
    name = "quantriet.bulletins"
    verbose_name = _("Thông tin định hướng, dư luận xã hội")
