"""temoin: collect, verify and publish the testimony of soldiers who leave an
army at war."""

__version__ = "0.1.0"
