import { useEffect, useMemo, useState } from 'react';
import type { DrillRecord } from '@/engine/record/schema';
import { verifyRecord, type IntegrityResult } from '@/engine/integrity/hash-chain';
import { parseKeyDocument, verifySeal, WELL_KNOWN_KEYS_PATH, type TrustedKey } from '@/engine/integrity/seal-signature';

let trustedKeys: Promise<TrustedKey[]> | null = null;

/**
 * The deployment's published public keys (issue 10): fetched once from /.well-known/ on the origin
 * that served the app. A browser-only deployment has none, so a signed record stays "cannot verify"
 * and a self-sealed one "self-sealed", never "verified by DoIT".
 */
export function loadTrustedKeys(fetchImpl: typeof fetch = fetch): Promise<TrustedKey[]> {
  trustedKeys ??= fetchImpl(WELL_KNOWN_KEYS_PATH, { headers: { accept: 'application/json' } })
    .then(async (res) => {
      if (!res.ok || !/json/.test(res.headers.get('content-type') ?? '')) return [];
      const doc = parseKeyDocument(await res.json());
      return doc.ok ? doc.keys : [];
    })
    .catch(() => []);
  return trustedKeys;
}

/**
 * The integrity of a record opened from a file: the chain at once (synchronous), then the signature
 * against the published keys. `null` for a drill of this computer (its own log: "local record").
 */
export function useRecordIntegrity(record: DrillRecord, fromFile: boolean): IntegrityResult | null {
  const chain = useMemo(() => (fromFile ? verifyRecord(record) : null), [record, fromFile]);
  const [checked, setChecked] = useState<{ record: DrillRecord; result: IntegrityResult } | null>(null);
  useEffect(() => {
    if (chain?.status !== 'signed') return;
    let live = true;
    void loadTrustedKeys()
      .then((keys) => verifySeal(record, keys))
      .then((result) => {
        if (live) setChecked({ record, result });
      });
    return () => {
      live = false;
    };
  }, [chain, record]);
  return checked !== null && checked.record === record ? checked.result : chain;
}
