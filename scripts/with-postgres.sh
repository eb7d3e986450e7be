#!/usr/bin/env bash
# Run a command against PostgreSQL when one answers; in CI, a missing
# PostgreSQL is a failure, not a skip.
set -euo pipefail
url="$1"; shift
if .venv/bin/python - "$url" <<'PY'
import sys
import psycopg
try:
    psycopg.connect(sys.argv[1], connect_timeout=3).close()
except Exception as exc:  # noqa: BLE001
    print(f"PostgreSQL not reachable: {exc}".splitlines()[0], file=sys.stderr)
    sys.exit(1)
PY
then
  echo "== the suite again on PostgreSQL ($url)"
  TEMOIN_TEST_DATABASE_URL="$url" "$@"
elif [ "${CI:-}" = "true" ]; then
  echo "CI requires PostgreSQL at $url" >&2
  exit 1
else
  echo "PostgreSQL is not running at $url: skipped the PostgreSQL run (not in CI)."
fi
