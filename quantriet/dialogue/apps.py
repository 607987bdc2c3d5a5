from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    name = "quantriet.dialogue"
    verbose_name = _("Đối thoại trực tiếp")

    def ready(self) -> None:
        """Published Q&A on a document's page and in the search box (`core.registry`)."""
        from quantriet.core import registry
        from quantriet.dialogue.panels import published_qa_panel
        from quantriet.dialogue.published import search_items

        registry.add_search_provider("question", search_items, order=20)
        registry.add_panel(
            "documents.detail",
            template="dialogue/_qa_for_document.html",
            context=published_qa_panel,
        )
