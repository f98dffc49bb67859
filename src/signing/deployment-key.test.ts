import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordBuilder } from '../engine/record/record-builder';
import { parseDrillRecord } from '../engine/record/parse';
import { parseKeyDocument, verifySeal, WELL_KNOWN_KEYS_PATH } from '../engine/integrity/seal-signature';
import { sealRecord } from '../engine/integrity/hash-chain';
import { generateDeploymentKey, loadDeploymentKey, privateKeyPem, publicKeyDocument, signRecord, wellKnownResponse } from './deployment-key';

const drill = () =>
  recordBuilder({ level: 3 })
    .on('10m', 'level.approved', { level: 3, by: 'ciso' }, 'ciso')
    .on('40m', 'report.submitted', { level: 3 }, 'reporting-contact')
    .on('2h', 'drill.ended')
    .build();

/** As a reviewer gets it: a file, parsed. */
const reread = (value: unknown) => {
  const r = parseDrillRecord(JSON.stringify(value), 'x.json');
  if (!r.ok) throw new Error(r.errors[0].message);
  return r.record;
};

const trusted = (key: ReturnType<typeof generateDeploymentKey>) => {
  const doc = parseKeyDocument(JSON.parse(wellKnownResponse(key).body));
  if (!doc.ok) throw new Error(doc.message);
  return doc.keys;
};

describe('deployment sealing key', () => {
  it('signs a record head that WebCrypto verifies with the published key, naming who signed and when', async () => {
    const key = generateDeploymentKey('臺北市政府資訊局演練伺服器');
    const signed = reread(signRecord(drill(), key, '2026-03-02T12:00:00+08:00'));
    expect(await verifySeal(signed, trusted(key))).toMatchObject({
      status: 'verified',
      signer: '臺北市政府資訊局演練伺服器',
      signedAt: '2026-03-02T12:00:00+08:00',
      keyId: key.keyId,
    });
    // Another deployment's key does not verify it; no key: cannot verify, never "verified".
    expect((await verifySeal(signed, trusted(generateDeploymentKey('x')))).status).toBe('signed');
    expect((await verifySeal(signed, [])).status).toBe('signed');
  });

  it('a record edited and re-sealed keeps a signature that no longer matches', async () => {
    const key = generateDeploymentKey();
    const signed = signRecord(drill(), key, '2026-03-02T12:00:00+08:00');
    const { integrity, ...rest } = structuredClone(signed);
    rest.events[2].at = '2026-03-02T09:20:00+08:00';
    const resealed = sealRecord(rest);
    const forged = { ...resealed, integrity: { ...resealed.integrity, signature: integrity.signature } };
    expect(await verifySeal(reread(forged), trusted(key))).toMatchObject({ status: 'broken', brokenKind: 'signature' });
  });

  it('loads the key from TDRILL_SEAL_KEY_FILE, creating it (0600) when asked, and from TDRILL_SEAL_KEY', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seal-'));
    const file = join(dir, 'seal.pem');
    expect(() => loadDeploymentKey({ TDRILL_SEAL_KEY_FILE: file })).toThrow(/no such key file/);
    const made = loadDeploymentKey({ TDRILL_SEAL_KEY_FILE: file, TDRILL_SEAL_SIGNER: 'Test DoIT' }, { generate: true });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = loadDeploymentKey({ TDRILL_SEAL_KEY_FILE: file, TDRILL_SEAL_SIGNER: 'Test DoIT' });
    expect(again.keyId).toBe(made.keyId);
    expect(again.signer).toBe('Test DoIT');
    expect(loadDeploymentKey({ TDRILL_SEAL_KEY: readFileSync(file, 'utf8') }).keyId).toBe(made.keyId);
    expect(privateKeyPem(made)).toMatch(/BEGIN PRIVATE KEY/);
    expect(() => loadDeploymentKey({})).toThrow(/TDRILL_SEAL_KEY_FILE/);
    expect(() => loadDeploymentKey({ TDRILL_SEAL_KEY: 'nonsense' })).toThrow(/TDRILL_SEAL_KEY: not an Ed25519 private key/);
  });

  it('publishes a key document at the well-known path, with a key id that matches the key', () => {
    const key = generateDeploymentKey('DoIT');
    const res = wellKnownResponse(key);
    expect(WELL_KNOWN_KEYS_PATH).toBe('/.well-known/taipei-drill-keys.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(JSON.parse(res.body)).toEqual(publicKeyDocument(key));
    expect(trusted(key)[0].keyId).toBe(key.keyId);
    const bad = { ...publicKeyDocument(key), keys: [{ ...publicKeyDocument(key).keys[0], keyId: '0000000000000000' }] };
    expect(parseKeyDocument(bad)).toMatchObject({ ok: false, message: /keyId: does not match/ });
  });
});
