#!/usr/bin/env bash
# Install-time and start-time work for the console: generate the Prisma client, apply migrations to
# the SQLite database (created empty on first start), build when the sources are newer than the
# build, and serve HTTPS on every address, port 777 (server/main.ts; PORT, LVS_CONSOLE_LISTEN and
# LVS_TLS* change that; below 1024 needs root or CAP_NET_BIND_SERVICE).
set -euo pipefail
cd "$(dirname "$0")/.."
export CHECKPOINT_DISABLE=1 NEXT_TELEMETRY_DISABLED=1
# The data dir holds the database (password hashes, sealed credentials) and the keys: owner only.
umask 077
mkdir -p "${LVS_CONSOLE_DATA_DIR:-data}"
chmod 700 "${LVS_CONSOLE_DATA_DIR:-data}"
npx prisma generate >/dev/null
npx prisma migrate deploy
if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib prisma -newer .next/BUILD_ID -type f -print -quit 2>/dev/null)" ]; then
  npx next build
fi
exec node --import tsx server/main.ts
