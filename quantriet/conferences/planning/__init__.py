"""Planning a conference: the conference, its sites, agenda, materials, invitations and calendars."""
