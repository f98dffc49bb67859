import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifySeal, verifySealWith } from '../engine/integrity/seal-signature';
import { integrityText } from '../engine/report/after-action-report';
import { readRecordFile } from './cli-io';
import { runReport } from './report';
import { nodeEd25519, readTrustedKeys } from './seal-keys';

const T = 'test/fixtures/tampering/';
const KEYS = T + 'test-keys.json';
const fixtures = readdirSync(T).filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json') && f !== 'test-keys.json');

function report(args: string[], env: NodeJS.ProcessEnv = {}) {
  let out = '';
  let err = '';
  const code = runReport(args, { stdout: (s) => ((out += s), true), stderr: (s) => ((err += s), true) }, env);
  return { code, out, err };
}

const keys = (() => {
  const k = readTrustedKeys(KEYS, {});
  if (!k.ok) throw new Error(k.message);
  return k.keys;
})();

// issue 10: the report shows the seal's verdict exactly as `verify` and the review page reach it.
describe('the report command checks signatures as verify does', () => {
  it('covers the tampering fixtures', () => expect(fixtures.length).toBeGreaterThan(10));

  it.each(fixtures)('%s: node:crypto gives the WebCrypto verdict, with and without the key, and the report prints it', async (file) => {
    const read = readRecordFile(T + file);
    if (!read.ok) throw new Error(read.message);
    for (const trusted of [keys, []]) {
      const expected = await verifySeal(read.record, trusted);
      expect(verifySealWith(read.record, trusted, nodeEd25519)).toEqual(expected);
      const r = report([T + file, '--lang', 'en', '--date', '2026-05-01', ...(trusted.length > 0 ? ['--key', KEYS] : [])]);
      expect(r.code).toBe(0);
      expect(r.out).toContain(integrityText(expected, 'en'));
    }
  });

  it('a signed, intact record: verified with the deployment key (who signed and when), not checked without it', () => {
    const withKey = report([T + 'signed-intact.json', '--date', '2026-05-01', '--key', KEYS]);
    expect(withKey.out).toMatch(/已驗證：由 臺北市政府資訊局演練伺服器（測試金鑰） 於 2026-03-02T14:00:00\+08:00 簽章/);
    const fromEnv = report([T + 'signed-intact.json', '--date', '2026-05-01'], { TDRILL_SEAL_PUBLIC_KEYS: KEYS });
    expect(fromEnv.out).toMatch(/已驗證：由 臺北市政府資訊局演練伺服器（測試金鑰）/);
    const without = report([T + 'signed-intact.json', '--date', '2026-05-01']);
    expect(without.out).toMatch(/未以受信任金鑰核對：無法驗證/);
    expect(without.out).not.toMatch(/已驗證/);
  });

  it('a re-chained record whose signature no longer matches is shown as broken', () => {
    const r = report([T + 'tail-cut-rechained.json', '--lang', 'en', '--date', '2026-05-01', '--key', KEYS]);
    expect(r.out).toMatch(/\| Record integrity \| BROKEN: the signature does not match/);
    expect(r.out).not.toMatch(/verified: signed by/);
    expect(r.code).toBe(0);
  });

  it('an unreadable key file exits 2 naming it', () => {
    const r = report([T + 'signed-intact.json', '--date', '2026-05-01', '--key', T + 'no-such-keys.json']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no-such-keys\.json: cannot read the file/);
    expect(r.out).toBe('');
  });
});
