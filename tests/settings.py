"""Settings for the test suite: the real settings, on a throwaway data
directory, with cheap key derivation (a test pins the production costs)."""

import os
import tempfile

os.environ.setdefault("TEMOIN_DATA_DIR", tempfile.mkdtemp(prefix="temoin-test-data-"))
os.environ.setdefault("TEMOIN_SECRET_KEY", "test-" + "x" * 60)
if os.environ.get("TEMOIN_TEST_DATABASE_URL"):
    os.environ["TEMOIN_DATABASE_URL"] = os.environ["TEMOIN_TEST_DATABASE_URL"]

from temoin.settings import *  # noqa: E402, F403

STAFF_KEY_KDF = "test"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
INTAKE_CODENAME_KDF = "test"
