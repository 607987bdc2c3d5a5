from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PresentersConfig(AppConfig):
    name = "quantriet.presenters"
    verbose_name = _("Đội ngũ báo cáo viên")

    def ready(self) -> None:
        """The presenter link on a person's page (`core.registry`)."""
        from quantriet.core import registry
        from quantriet.presenters.panels import person_presenter_link

        registry.add_panel(
            "orgs.person_detail",
            template="presenters/_person_link.html",
            context=person_presenter_link,
        )
