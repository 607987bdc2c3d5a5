"""Writes for planning conferences: the conference, its sites, agenda, materials and invitations.

Views and the API both call these, so both validate the same way. Every service takes
keyword-only arguments, checks the caller may manage the conference and runs in a transaction.
"""

from quantriet.conferences.planning.conferences import (
    add_agenda_item,
    add_material,
    create_conference,
    remove_agenda_item,
    remove_material,
    update_conference,
)
from quantriet.conferences.planning.invitations import (
    Changes,
    add_manual_invitation,
    add_rule,
    move_invitations,
    place_invitations,
    recompute_invitations,
    remove_rule,
    update_rule,
)
from quantriet.conferences.planning.sites import (
    add_site,
    add_sites_for_orgs,
    operator_choices,
    remove_site,
    set_host,
    set_operators,
    site_name_for,
    update_site,
)

__all__ = [
    "Changes",
    "add_agenda_item",
    "add_manual_invitation",
    "add_material",
    "add_rule",
    "add_site",
    "add_sites_for_orgs",
    "create_conference",
    "move_invitations",
    "operator_choices",
    "place_invitations",
    "recompute_invitations",
    "remove_agenda_item",
    "remove_material",
    "remove_rule",
    "remove_site",
    "set_host",
    "set_operators",
    "site_name_for",
    "update_conference",
    "update_rule",
    "update_site",
]
