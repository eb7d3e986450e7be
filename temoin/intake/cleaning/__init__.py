"""Cleaning attachments of identifying metadata, in memory only.

The original is decrypted into an anonymous memory file (``memfd``), never a
file on disk; tools read it through ``/proc/self/fd``. See ``clean.py``.
"""
