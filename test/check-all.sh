#!/usr/bin/env bash
# Every check, in the order a failure is cheapest to find: the README's test command and CI's.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p test/artifacts

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "Browser for the end-to-end tests"
bash test/tools/ensure-chromium.sh

step "Typecheck"
npx tsc --noEmit -p .

step "Lint"
npx eslint .

step "Import cycles (type-only imports included)"
npm run -s check:cycles

step "Unused files, exports and dependencies (knip.json names the entry points)"
npm run -s check:unused

step "Scenario files"
npm run -s scenarios:check

step "Unit and component tests (the PostgreSQL store's on a throwaway cluster)"
# with-postgres.sh installs postgresql when missing (as root) or stops and says what to install, and
# exports DATABASE_URL; REQUIRE_POSTGRES makes pg-store.test.ts fail rather than skip without it.
REQUIRE_POSTGRES=1 bash test/tools/with-postgres.sh npx vitest run --project unit --reporter=default --reporter=json --outputFile.json=test/artifacts/unit-results.json

step "Production build"
npx vite build --logLevel warn

step "Bundle budget"
node test/tools/bundle-budget.mjs

step "End-to-end tests in Chromium"
npx vitest run --project e2e --reporter=default --reporter=json --outputFile.json=test/artifacts/e2e-results.json

step "Summary"
node test/tools/summary.mjs test/artifacts/unit-results.json test/artifacts/e2e-results.json
