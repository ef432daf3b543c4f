"""genomap: genograms and eco-maps for systemic practice."""

__version__ = "0.1.0"
