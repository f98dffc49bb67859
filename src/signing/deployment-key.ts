/**
 * The deployment's Ed25519 sealing key, on the server side (issue 10, "Signed seals"; node:crypto,
 * no extra dependency). The drill server loads it once at start, signs each record's head when it
 * exports a record (signRecord), and publishes publicKeyDocument() at WELL_KNOWN_KEYS_PATH.
 *
 * Configuration (docs/drill-record.md, "Signed seals"):
 *   TDRILL_SEAL_KEY_FILE   path of the PKCS#8 PEM private key; created (mode 0600) when missing and
 *                          `generate` is set. The key never leaves the server.
 *   TDRILL_SEAL_KEY        the PEM text itself (instead of a file; e.g. from a secret store)
 *   TDRILL_SEAL_SIGNER     the deployment's name in signatures and the key document
 *                          (default 臺北市政府資訊局演練伺服器 / Taipei DoIT drill server)
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { sealRecord, type RecordIntegrity, type SealSignature } from '../engine/integrity/hash-chain';
import { KEY_DOCUMENT_FORMAT, keyIdOf, sealMessage, toBase64, WELL_KNOWN_KEYS_PATH, type KeyDocument } from '../engine/integrity/seal-signature';
import { serverText } from '../server/server-text';

export { WELL_KNOWN_KEYS_PATH };

export const DEFAULT_SIGNER = `${serverText('zh-TW', 'signing.defaultSigner')} (${serverText('en', 'signing.defaultSigner')})`;

export interface DeploymentKey {
  privateKey: KeyObject;
  /** Raw 32-byte public key. */
  publicRaw: Uint8Array;
  keyId: string;
  signer: string;
}

function fromPrivate(privateKey: KeyObject, signer: string): DeploymentKey {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`the sealing key must be Ed25519, not ${String(privateKey.asymmetricKeyType)}`);
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  const publicRaw = new Uint8Array(Buffer.from(String(jwk.x), 'base64url'));
  return { privateKey, publicRaw, keyId: keyIdOf(publicRaw), signer };
}

/** A fresh key (tests, or the first start of a deployment). */
export function generateDeploymentKey(signer = DEFAULT_SIGNER): DeploymentKey {
  return fromPrivate(generateKeyPairSync('ed25519').privateKey, signer);
}

/** The key as PKCS#8 PEM, to store in TDRILL_SEAL_KEY_FILE. */
export function privateKeyPem(key: DeploymentKey): string {
  return key.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

/**
 * Loads the deployment key from the environment (see the header). With `generate`, a missing key
 * file is created. Throws with a sentence naming the variable or file when it cannot.
 */
export function loadDeploymentKey(env: NodeJS.ProcessEnv = process.env, options: { generate?: boolean } = {}): DeploymentKey {
  const signer = env.TDRILL_SEAL_SIGNER?.trim() || DEFAULT_SIGNER;
  const parse = (pem: string, where: string): DeploymentKey => {
    try {
      return fromPrivate(createPrivateKey(pem), signer);
    } catch (err) {
      throw new Error(`${where}: not an Ed25519 private key in PEM: ${(err as Error).message}`);
    }
  };
  if (env.TDRILL_SEAL_KEY) return parse(env.TDRILL_SEAL_KEY, 'TDRILL_SEAL_KEY');
  const file = env.TDRILL_SEAL_KEY_FILE;
  if (!file) throw new Error('no sealing key: set TDRILL_SEAL_KEY_FILE (a PEM file path) or TDRILL_SEAL_KEY');
  if (!existsSync(file)) {
    if (!options.generate) throw new Error(`${file}: no such key file (TDRILL_SEAL_KEY_FILE)`);
    const key = generateDeploymentKey(signer);
    writeFileSync(file, privateKeyPem(key), { mode: 0o600, flag: 'wx' });
    return key;
  }
  return parse(readFileSync(file, 'utf8'), file);
}

/** What to publish at WELL_KNOWN_KEYS_PATH (JSON, Content-Type application/json). */
export function publicKeyDocument(key: DeploymentKey): KeyDocument {
  return { format: KEY_DOCUMENT_FORMAT, signer: key.signer, keys: [{ keyId: key.keyId, algorithm: 'Ed25519', publicKey: toBase64(key.publicRaw) }] };
}

/**
 * A framework-agnostic handler for the well-known path: returns status, headers and body text.
 * (fastify: `app.get(WELL_KNOWN_KEYS_PATH, (_, reply) => { const r = wellKnownResponse(key); reply.code(r.status).headers(r.headers).send(r.body) })`)
 */
export function wellKnownResponse(key: DeploymentKey): { status: 200; headers: Record<string, string>; body: string } {
  return {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' },
    body: JSON.stringify(publicKeyDocument(key), null, 2),
  };
}

/** The signature over an integrity block's head. `signedAt` is the server's wall time (ISO with offset). */
export function signIntegrity(integrity: RecordIntegrity, key: DeploymentKey, signedAt: string): SealSignature {
  const claims = { ...integrity, signer: key.signer, signedAt, keyId: key.keyId };
  const value = sign(null, sealMessage(claims), key.privateKey);
  return { algorithm: 'Ed25519', keyId: key.keyId, signer: key.signer, signedAt, value: value.toString('base64') };
}

/**
 * Seals and signs a record the server holds (its own log: the server is the authority, so sealing
 * here launders nothing). Any integrity block the record carried is replaced.
 */
export function signRecord<R extends { events: ReadonlyArray<{ seq: number } & Record<string, unknown>>; [k: string]: unknown }>(
  record: R,
  key: DeploymentKey,
  signedAt: string,
): R & { integrity: RecordIntegrity } {
  const sealed = sealRecord(record, signedAt);
  return { ...sealed, integrity: { ...sealed.integrity, signature: signIntegrity(sealed.integrity, key, signedAt) } };
}
