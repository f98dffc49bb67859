/**
 * One-off conversion (issue 14 item 1): the TS string tables → src/locales/{zh-TW,en}/<ns>.json.
 * Kept for the lead's merge: run `npx tsx test/tools/strings-to-json.ts` on a branch whose strings
 * modules still hold TS tables to print their JSON (it never overwrites existing JSON files).
 */
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { i18n } from '@/ui/i18n';
import '@/ui/components/deadline-board/strings';
import '@/ui/features/city/strings';
import '@/ui/features/msel/strings';
import '@/ui/features/review/strings';
import '@/ui/features/desks/strings';
import '@/ui/features/setup/strings';
import '@/ui/features/console/strings';
import '@/ui/features/console/server-links-strings';

const out = process.argv[2] ?? 'src/locales';
for (const lng of ['zh-TW', 'en']) {
  const data = (i18n.store.data as Record<string, Record<string, unknown>>)[lng];
  for (const [ns, table] of Object.entries(data)) {
    const dir = `${out}/${lng}`;
    mkdirSync(dir, { recursive: true });
    const file = `${dir}/${ns}.json`;
    if (existsSync(file)) {
      console.log(`${file} exists: not overwritten`);
      continue;
    }
    writeFileSync(file, `${JSON.stringify(table, null, 2)}\n`);
    console.log(`wrote ${file}`);
  }
}
