"""vigipub: find, prove and stop the online promotion of unauthorised medicines.

The package tree follows the data flow: ``capture`` → ``extract`` → ``detect`` →
``registers`` → ``qualify`` (with ``law``) → ``documents``; ``pipeline`` chains them and
``cli`` exposes them. ``evidence`` holds the value types every stage shares.
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
