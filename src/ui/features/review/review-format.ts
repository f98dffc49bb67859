/** Time and file helpers of the review (UI side; the wall clock is read here, never in the engine). */
import { formatTaipei, parseIsoMs, taipeiDate } from '@/engine/time/taipei';

/** 2026-03-02T09:40:00+08:00 → "2026-03-02 09:40" (Taipei). */
export function taipeiText(iso: string | null | undefined, seconds = false): string {
  if (!iso) return '—';
  const ms = parseIsoMs(iso);
  if (Number.isNaN(ms)) return iso;
  const s = formatTaipei(ms).replace('T', ' ');
  return seconds ? s.slice(0, 19) : s.slice(0, 16);
}

export const nowIso = (): string => formatTaipei(Date.now());
export const todayTaipei = (): string => taipeiDate(Date.now());

/** A file name from the agency and the drill date: 臺北市政府某局-2026-03-02. */
export function fileStem(agency: string, iso: string | undefined): string {
  const safe = agency.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60) || 'drill';
  return iso ? `${safe}-${iso.slice(0, 10)}` : safe;
}

export const newId = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `n-${Date.now()}-${Math.random().toString(36).slice(2)}`;
