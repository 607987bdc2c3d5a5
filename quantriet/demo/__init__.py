"""Demo data for the Uông Bí area as organised since 1/7/2025: `manage.py load_demo`."""
