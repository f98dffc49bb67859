/**
 * The bottom of the engine (base/ imports nothing of it). Why the engine refused something, in both languages (zh-TW first), with a stable code the UI
 * and tests can match on.
 */
export interface Reason {
  code: string;
  zh: string;
  en: string;
}

/** The answer of an operation that may be refused. */
export type Refusable = { ok: true } | { ok: false; reason: Reason };

export const reason = (code: string, zh: string, en: string): Reason => ({ code, zh, en });
