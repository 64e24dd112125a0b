#!/usr/bin/env bash
# The console for Playwright: the production server (HTTPS, as by default) against a throwaway data
# directory on a high loopback port (the real console listens on 777, which needs root). Builds
# first only if no build exists.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${E2E_PORT:-3777}"
export LVS_CONSOLE_DATA_DIR="${LVS_CONSOLE_DATA_DIR:-$(mktemp -d -t lvs-e2e-XXXXXX)}"
export DATABASE_URL="file:${LVS_CONSOLE_DATA_DIR}/console.db"
export CHECKPOINT_DISABLE=1
unset AUTH_SECRET LVS_CONSOLE_SECRET_KEY LVS_TLS LVS_TLS_CERT LVS_TLS_KEY
[ -f lib/generated/prisma/client.ts ] || npx prisma generate >/dev/null
[ -f .next/BUILD_ID ] || npx next build
npx prisma migrate deploy >/dev/null
echo "e2e console: data ${LVS_CONSOLE_DATA_DIR}, https://127.0.0.1:${PORT}"
# Not exec: the shell stays to remove the throwaway data directory when Playwright stops the server.
LVS_CONSOLE_LISTEN=127.0.0.1 PORT="$PORT" node --import tsx server/main.ts &
server=$!
trap 'rm -rf "$LVS_CONSOLE_DATA_DIR"; kill "$server" 2>/dev/null' EXIT
trap 'exit 0' TERM INT
wait "$server"
