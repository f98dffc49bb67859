/**
 * Signed seals (issue 10; docs/drill-record.md, "Signed seals"). The drill server signs a record's
 * head with the deployment's Ed25519 key (src/signing/deployment-key.ts, node:crypto); the review and
 * the CLIs verify it here with WebCrypto (browser, and Node 20's globalThis.crypto), so the engine
 * stays pure.
 *
 *   message = UTF-8( "taipei-drill-seal/1\n" + canonical({ algorithm, head, count, lastSeq, signer, signedAt, keyId }) )
 *   signature.value = base64( Ed25519-sign(deployment key, message) )
 *
 * The head binds every event, the envelope, the count and the last seq (hash-chain.ts), so the
 * signature covers the whole record but the hot-wash notes.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from './canonical-json';
import { verifyRecord, type IntegrityResult, type RecordIntegrity, type SealSignature } from './hash-chain';

export const SEAL_MESSAGE_PREFIX = 'taipei-drill-seal/1\n';
export const KEY_DOCUMENT_FORMAT = 'taipei-drill-keys/1';
/** Where a deployment publishes its public keys. */
export const WELL_KNOWN_KEYS_PATH = '/.well-known/taipei-drill-keys.json';

/** One published public key. */
export interface PublishedKey {
  keyId: string;
  algorithm: 'Ed25519';
  /** base64 of the raw 32-byte public key. */
  publicKey: string;
}

/** What a deployment publishes at WELL_KNOWN_KEYS_PATH. */
export interface KeyDocument {
  format: typeof KEY_DOCUMENT_FORMAT;
  /** The deployment's name, as written in its signatures. */
  signer: string;
  keys: PublishedKey[];
}

export interface TrustedKey {
  keyId: string;
  /** The deployment's name from its key document; '' for a bare key (the signature's own claim is shown). */
  signer: string;
  /** Raw 32-byte Ed25519 public key. */
  raw: Uint8Array;
}

/** The claims a signature covers; head, count and lastSeq come from the integrity block. */
export type SealClaims = Pick<RecordIntegrity, 'algorithm' | 'head' | 'count' | 'lastSeq'> & Pick<SealSignature, 'signer' | 'signedAt' | 'keyId'>;

export function sealMessage(c: SealClaims): Uint8Array {
  const claims = { algorithm: c.algorithm, head: c.head, count: c.count, lastSeq: c.lastSeq, signer: c.signer, signedAt: c.signedAt, keyId: c.keyId };
  return utf8ToBytes(SEAL_MESSAGE_PREFIX + canonicalJson(claims));
}

/** Key id: the first 16 hex digits of SHA-256 of the raw public key. */
export function keyIdOf(raw: Uint8Array): string {
  return bytesToHex(sha256(raw)).slice(0, 16);
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  try {
    const s = atob(text);
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

/** The trusted keys of a published key document, or a sentence saying what is wrong with it. */
export function parseKeyDocument(value: unknown): { ok: true; keys: TrustedKey[] } | { ok: false; message: string } {
  if (typeof value !== 'object' || value === null) return { ok: false, message: 'the key document is not a JSON object' };
  const doc = value as Partial<Record<keyof KeyDocument, unknown>>;
  if (doc.format !== KEY_DOCUMENT_FORMAT) return { ok: false, message: `$.format: expected "${KEY_DOCUMENT_FORMAT}"` };
  if (typeof doc.signer !== 'string' || doc.signer === '') return { ok: false, message: '$.signer: expected the deployment’s name' };
  if (!Array.isArray(doc.keys)) return { ok: false, message: '$.keys: expected a list of keys' };
  const keys: TrustedKey[] = [];
  for (const [i, k] of doc.keys.entries()) {
    const key = k as Partial<PublishedKey> | null;
    const raw = typeof key?.publicKey === 'string' ? fromBase64(key.publicKey) : null;
    if (key?.algorithm !== 'Ed25519' || raw === null || raw.length !== 32) return { ok: false, message: `$.keys[${i}]: expected an Ed25519 key with a base64 32-byte publicKey` };
    if (key.keyId !== keyIdOf(raw)) return { ok: false, message: `$.keys[${i}].keyId: does not match the key (expected ${keyIdOf(raw)})` };
    keys.push({ keyId: key.keyId, signer: doc.signer, raw });
  }
  return { ok: true, keys };
}

/** WebCrypto, wherever the engine runs (browser, Node 20). */
function subtle(): SubtleCrypto | null {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  return c?.subtle ?? null;
}

/** Checks an Ed25519 signature of `message` by the raw 32-byte public key `raw`: true, false, or an Error when it cannot tell. */
export type Ed25519Check = (raw: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean | Error;

type SealCheck =
  | { done: IntegrityResult }
  | { done?: undefined; chain: IntegrityResult; integrity: RecordIntegrity & { signature: SealSignature }; key: TrustedKey; value: Uint8Array | null; message: Uint8Array };

/** What is left to check once the chain is intact and signed: the key and the bytes; or the verdict already. */
function sealCheck(record: Parameters<typeof verifyRecord>[0], trusted: readonly TrustedKey[]): SealCheck {
  const chain = verifyRecord(record);
  if (chain.status !== 'signed') return { done: chain };
  const integrity = record.integrity as RecordIntegrity & { signature: SealSignature };
  const sig = integrity.signature;
  const key = trusted.find((k) => k.keyId === sig.keyId);
  if (key === undefined) {
    return { done: { ...chain, reason: trusted.length === 0 ? 'no trusted key is configured: cannot verify the signature' : `signed with key ${sig.keyId}, which is not a trusted key: cannot verify` } };
  }
  const value = fromBase64(sig.value);
  const message = sealMessage({ algorithm: integrity.algorithm, head: integrity.head, count: integrity.count, lastSeq: integrity.lastSeq, signer: sig.signer, signedAt: sig.signedAt, keyId: sig.keyId });
  return { chain, integrity, key, value: value !== null && value.length === 64 ? value : null, message };
}

/** The verdict once the signature's bytes were checked (`ok`), or why they could not be. */
function sealVerdict(c: Exclude<SealCheck, { done: IntegrityResult }>, ok: boolean | Error): IntegrityResult {
  const sig = c.integrity.signature;
  if (ok instanceof Error) return { ...c.chain, reason: `this browser cannot check Ed25519 signatures (${ok.message}): cannot verify` };
  if (!ok) return { status: 'broken', brokenKind: 'signature', signer: sig.signer, signedAt: sig.signedAt, keyId: sig.keyId, reason: 'the signature does not match the sealed head (the seal or its claims were changed)' };
  // A bare PEM key (verify --key PUBLIC.pem) names no signer: the signed claim stands.
  if (c.key.signer !== '' && sig.signer !== c.key.signer) return { status: 'broken', brokenKind: 'signature', signer: sig.signer, signedAt: sig.signedAt, keyId: sig.keyId, reason: `the signature names ${sig.signer} but the key belongs to ${c.key.signer}` };
  return { status: 'verified', head: c.integrity.head, signer: sig.signer, signedAt: sig.signedAt, keyId: sig.keyId };
}

/**
 * Checks the chain and, for a signed record, the signature against the trusted keys. Verified only
 * when the chain is intact and a trusted key of the signer it names made the signature.
 */
export async function verifySeal(record: Parameters<typeof verifyRecord>[0], trusted: readonly TrustedKey[]): Promise<IntegrityResult> {
  const c = sealCheck(record, trusted);
  if (c.done !== undefined) return c.done;
  const crypto = subtle();
  if (crypto === null) return { ...c.chain, reason: 'this browser has no WebCrypto: cannot verify the signature' };
  if (c.value === null) return sealVerdict(c, false);
  const value = c.value;
  let ok: boolean | Error;
  try {
    const publicKey = await crypto.importKey('raw', c.key.raw as BufferSource, { name: 'Ed25519' }, false, ['verify']);
    ok = await crypto.verify({ name: 'Ed25519' }, publicKey, value as BufferSource, c.message as BufferSource);
  } catch (err) {
    ok = err as Error;
  }
  return sealVerdict(c, ok);
}

/**
 * verifySeal with a synchronous Ed25519 check (the commands pass node:crypto's), for callers that
 * cannot wait, such as the report command. Same verdicts and reasons.
 */
export function verifySealWith(record: Parameters<typeof verifyRecord>[0], trusted: readonly TrustedKey[], check: Ed25519Check): IntegrityResult {
  const c = sealCheck(record, trusted);
  if (c.done !== undefined) return c.done;
  if (c.value === null) return sealVerdict(c, false);
  let ok: boolean | Error;
  try {
    ok = check(c.key.raw, c.message, c.value);
  } catch (err) {
    ok = err as Error;
  }
  return sealVerdict(c, ok);
}
