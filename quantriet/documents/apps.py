from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "quantriet.documents"
    verbose_name = _("Văn bản")

    def ready(self) -> None:
        from quantriet.core import registry
        from quantriet.documents.selectors import search_items

        registry.add_search_provider("document", search_items, order=10)
