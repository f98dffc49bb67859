/**
 * What DoIT's browser and the drill server say over `/api/city/exercises/:id/ws` (issue 11): the
 * welcome carries every agency drill of the exercise (its setup header, its events, its clock);
 * after it, each agency drill's own broadcast (server-protocol.ts `events` / `clock`) comes
 * wrapped with the drill's id, in the order the drill stored it. DoIT sends the shared clock's
 * commands (applied to every agency drill) and level reviews (into one agency's drill).
 */
import { z } from 'zod';
import type { Reason } from '@/engine/base/reason';
import type { DrillEvent } from '@/engine/record/schema';
import { LEVELS, type Level } from '@/engine/record/vocabulary';
import type { ClockView, CommandResult } from '@/runtime/protocol';
import { MAX_MESSAGE_BYTES, type ServerMessage } from '@/runtime/server-protocol';
import { resourceText } from '@/engine/text/glossary';
import zhCityLive from '@/locales/zh-TW/cityLive.json';
import enCityLive from '@/locales/en/cityLive.json';

// Shared with the server (Node): the engine's lookup over the city page's resources, no i18next.
const cityLiveText = resourceText({ 'zh-TW': zhCityLive, en: enCityLive });
const protocolWords = (key: Parameters<typeof cityLiveText>[1], params: Record<string, string | number>) => ({ zh: cityLiveText('zh-TW', key, params), en: cityLiveText('en', key, params) });

/** One drill of the exercise as DoIT sees it. */
export interface CityDrillView {
  drillId: string;
  title: string;
  /** The agency's place in DoIT's list. */
  index: number;
  contact: string;
  /** When the agency entered its roster; absent: not yet. */
  rosterAt?: string;
  /** A re-drill: the agency drill it re-drills. */
  redrillOf?: string;
  /** The drill's setup (DrillHeader): with the events it is the agency's record. */
  header: unknown;
  events: DrillEvent[];
  clock: ClockView;
}

export interface CityExerciseView {
  id: string;
  title: string;
  startAt: string;
  scenarios: unknown;
  reviewerName: string;
}

/** The shared clock's commands (the facilitator's, applied to every agency drill together). */
export type CityClockCommand = { kind: 'start' } | { kind: 'play' } | { kind: 'pause' } | { kind: 'set-speed'; speed: number } | { kind: 'jump-by'; ms: number } | { kind: 'end' };

export type CityClientMessage = { kind: 'clock'; id: string; command: CityClockCommand } | { kind: 'review'; id: string; drillId: string; level: Level };

export type CityServerMessage =
  | { kind: 'welcome'; exercise: CityExerciseView; drills: CityDrillView[] }
  /** A drill that is new or was rebuilt (a roster entered, a re-drill given): replaces what DoIT holds. */
  | { kind: 'drill'; drill: CityDrillView }
  /** One agency drill's broadcast, as the drill's own sockets get it. */
  | { kind: 'agency'; drillId: string; message: ServerMessage }
  | { kind: 'result'; id: string; results: { drillId: string; result: CommandResult }[] }
  | { kind: 'refused'; id?: string; reason: Reason };

const id = z.string().min(8).max(100);
const clientMessage = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('clock'),
    id,
    command: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('start') }),
      z.object({ kind: z.literal('play') }),
      z.object({ kind: z.literal('pause') }),
      z.object({ kind: z.literal('set-speed'), speed: z.number().positive().max(100_000) }),
      z.object({ kind: z.literal('jump-by'), ms: z.number().int().min(0).max(30 * 86_400_000) }),
      z.object({ kind: z.literal('end') }),
    ]),
  }),
  z.object({ kind: z.literal('review'), id, drillId: z.string().min(1).max(200), level: z.union(LEVELS.map((l) => z.literal(l)) as [z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<3>, z.ZodLiteral<4>]) }),
]);

export function parseCityClientMessage(raw: string): { ok: true; message: CityClientMessage } | { ok: false; id?: string; reason: Reason } {
  if (raw.length > MAX_MESSAGE_BYTES) return { ok: false, reason: { code: 'message-too-large', ...protocolWords('protocol.tooLarge', { limit: MAX_MESSAGE_BYTES }) } };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (e) {
    return { ok: false, reason: { code: 'malformed-message', ...protocolWords('protocol.notJson', { message: (e as Error).message }) } };
  }
  const parsed = clientMessage.safeParse(value);
  if (parsed.success) return { ok: true, message: parsed.data as CityClientMessage };
  const issue = parsed.error.issues[0];
  const where = issue.path.length ? `$.${issue.path.join('.')}` : '$';
  const mid = value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string' ? (value as { id: string }).id : undefined;
  return { ok: false, ...(mid ? { id: mid } : {}), reason: { code: 'malformed-message', ...protocolWords('protocol.malformed', { where, message: issue.message }) } };
}

export const cityWsPath = (exerciseId: string): string => `/api/city/exercises/${encodeURIComponent(exerciseId)}/ws`;
