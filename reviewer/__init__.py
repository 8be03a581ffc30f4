"""reviewer: offline pre-publication review for Chinese government documents."""

__version__ = "0.1.0"
