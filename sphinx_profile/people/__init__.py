"""People of a lab site: each person's page (``profile_people_pages``)."""
