/**
 * The deployment's public keys for the commands that check signed seals (`verify`, `report`; issue
 * 10 "Signed seals"): from --key (a published key document or a PEM public key) or the file named
 * by TDRILL_SEAL_PUBLIC_KEYS; and node:crypto's Ed25519 check for verifySealWith.
 */
import { createPublicKey, verify as cryptoVerify } from 'node:crypto';
import { keyIdOf, parseKeyDocument, type Ed25519Check, type TrustedKey } from '../engine/integrity/seal-signature';
import { readInputFile } from './safe-read';

/** Trusted keys from a key document (JSON) or a PEM public key (signer: from TDRILL_SEAL_SIGNER or "PEM key"). */
export function readTrustedKeys(path: string, env: NodeJS.ProcessEnv = process.env): { ok: true; keys: TrustedKey[] } | { ok: false; message: string } {
  const read = readInputFile(path, 1024 * 1024);
  if (!read.ok) return read;
  const text = read.text.trim();
  if (text.startsWith('-----BEGIN')) {
    try {
      const jwk = createPublicKey(text).export({ format: 'jwk' });
      if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') return { ok: false, message: `${path}: not an Ed25519 public key` };
      const raw = new Uint8Array(Buffer.from(jwk.x, 'base64url'));
      return { ok: true, keys: [{ keyId: keyIdOf(raw), signer: env.TDRILL_SEAL_SIGNER ?? '', raw }] };
    } catch (err) {
      return { ok: false, message: `${path}: not a PEM public key: ${(err as Error).message}` };
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `${path}: $: not valid JSON: ${(err as Error).message}` };
  }
  const doc = parseKeyDocument(value);
  return doc.ok ? doc : { ok: false, message: `${path}: ${doc.message}` };
}

/** The key file to use: --key when given, else TDRILL_SEAL_PUBLIC_KEYS, else none. */
export function keyFileOf(given: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  return given ?? (env.TDRILL_SEAL_PUBLIC_KEYS || undefined);
}

/** Ed25519 by node:crypto (synchronous). */
export const nodeEd25519: Ed25519Check = (raw, message, signature) => {
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });
  return cryptoVerify(null, message, key, signature);
};
