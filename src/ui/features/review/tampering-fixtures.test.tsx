/**
 * The tampering corpus (test/fixtures/tampering, issue 10): each record attacked one way, with the
 * verdict and the badge the review must show. Regenerate: npx tsx test/fixtures/tampering/make-fixtures.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { parseDrillRecord } from '@/engine/record/parse';
import { parseKeyDocument, verifySeal } from '@/engine/integrity/seal-signature';
import { i18n } from '@/ui/i18n';
import { IntegrityBadge } from './review-view';

const dir = join(process.cwd(), 'test/fixtures/tampering');
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.expected.json'))
  .map((f) => f.replace(/\.expected\.json$/, ''));
const keys = (() => {
  const doc = parseKeyDocument(JSON.parse(readFileSync(join(dir, 'test-keys.json'), 'utf8')));
  if (!doc.ok) throw new Error(doc.message);
  return doc.keys;
})();

describe('tampering fixtures', () => {
  it('has the corpus', () => expect(names.length).toBeGreaterThanOrEqual(13));

  for (const name of names) {
    const spec = JSON.parse(readFileSync(join(dir, `${name}.expected.json`), 'utf8'));
    it(`${name}: ${spec.what} → ${spec.expected.status}, badge "${spec.badge['zh-TW']}"`, async () => {
      const parsed = parseDrillRecord(readFileSync(join(dir, `${name}.json`), 'utf8'), `${name}.json`);
      if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
      const result = await verifySeal(parsed.record, keys);
      expect(result).toMatchObject(spec.expected);
      // Without a trusted key nothing is ever "verified".
      expect((await verifySeal(parsed.record, [])).status).toBe(spec.untrusted);
      for (const lang of ['zh-TW', 'en'] as const) {
        await i18n.changeLanguage(lang);
        const { unmount } = render(<IntegrityBadge integrity={result} />);
        const label = lang === 'en' ? 'Record integrity' : '紀錄完整性';
        expect(screen.getByRole('status', { name: `${label}${lang === 'en' ? ': ' : '：'}${spec.badge[lang]}` })).toBeInTheDocument();
        unmount();
      }
      await i18n.changeLanguage('zh-TW');
    });
  }
});
