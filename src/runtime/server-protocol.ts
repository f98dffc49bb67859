/**
 * What a browser and the drill server say over the WebSocket `/api/drills/:id/ws`. It carries the
 * same commands, results, events and clock as the windows' BroadcastChannel (protocol.ts); what it
 * adds is what a network needs: a hello with the last seq held (the server sends the rest), an id
 * on every command (a retry after a lost acknowledgement is applied once), the identity the server
 * gives the socket, and refusals of malformed messages.
 *
 * WARNING: the order on the server is fixed: the engine accepts a command → the store makes its
 * events durable → every socket of the drill gets them (`events`, in seq order) → the asking socket
 * gets its `result`. A client therefore never sees an event that a restart could lose.
 */
import { runtimeWords } from '@/runtime/runtime-text';
import { z } from 'zod';
// zod's own zh-TW messages, given per parse (the server answers in both languages at once; a global
// z.config() would turn every other parse on the server into Chinese). Imported by path, not through
// z.locales, which the CLI bundles leave out (src/cli/run.mjs).
import zodZhTW from 'zod/v4/locales/zh-TW.js';
import type { DrillEvent } from '@/engine/record/schema';
import type { Reason } from '@/engine/base/reason';
import { INJECT_CHANNELS } from '@/engine/drill/inject';
import { ACTOR_ROLES, type ActorRole } from '@/engine/record/vocabulary';
import type { ClockView, CommandResult, RuntimeCommand } from './protocol';

/** The largest message the server reads; larger ones are refused (the socket stays open). */
export const MAX_MESSAGE_BYTES = 64 * 1024;

export type LinkKind = 'facilitator' | 'participant' | 'observer' | 'reviewer';

/** Who this socket is, as the server's session says (never as a message says). */
export interface Identity {
  kind: LinkKind;
  name?: string;
  roles: ActorRole[];
}

/** The bounds of a command's fields: the schema below and fastParse read them from here. */
const COMMAND_ID = { min: 8, max: 100 };
const ACTION_TYPE = { min: 1, max: 100 };
const ACTOR_NAME_MAX = 200;

const bilingual = z.object({ zh: z.string().max(4000), en: z.string().max(4000) });
const role = z.enum(ACTOR_ROLES);

const runtimeCommand = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('action'),
    action: z.object({
      type: z.string().min(ACTION_TYPE.min).max(ACTION_TYPE.max),
      // The role a person acts in (one they hold); any name here is ignored: the session names them.
      actor: z.object({ role, name: z.string().max(ACTOR_NAME_MAX).optional() }),
      data: z.record(z.string(), z.unknown()).optional(),
    }),
  }),
  z.object({ kind: z.literal('start') }),
  z.object({ kind: z.literal('play') }),
  z.object({ kind: z.literal('pause') }),
  z.object({ kind: z.literal('set-speed'), speed: z.number() }),
  z.object({ kind: z.literal('jump-by'), ms: z.number() }),
  z.object({ kind: z.literal('jump-next-inject') }),
  z.object({ kind: z.literal('jump-next-deadline') }),
  z.object({ kind: z.literal('deliver-now'), injectId: z.string().max(200) }),
  z.object({ kind: z.literal('skip'), injectId: z.string().max(200) }),
  z.object({
    kind: z.literal('compose'),
    inject: z.object({ to: role, channel: z.enum(INJECT_CHANNELS), title: bilingual.optional(), message: bilingual, sender: z.string().max(200) }),
  }),
  z.object({ kind: z.literal('end') }),
]);

const clientMessage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hello'), lastSeq: z.number().int().min(0) }),
  z.object({ kind: z.literal('command'), id: z.string().min(COMMAND_ID.min).max(COMMAND_ID.max), command: runtimeCommand }),
  z.object({ kind: z.literal('ping') }),
]);

/** `ping`: the client's heartbeat on a quiet socket; the server answers `pong` (ws-runtime.ts). */
export type ClientMessage = { kind: 'hello'; lastSeq: number } | { kind: 'command'; id: string; command: RuntimeCommand } | { kind: 'ping' };

export type ServerMessage =
  /** After hello: the drill (setup row + header), the events after the client's lastSeq, the clock. */
  | { kind: 'welcome'; drillId: string; me: Identity; stored: Record<string, unknown>; header: unknown; fromSeq: number; events: DrillEvent[]; clock: ClockView }
  /**
   * Events just stored, in seq order: one message per write (a group commit sends them together).
   * `answers`: the accepted commands these events answer, by command id, told by seq; the asking
   * socket gets no result message of its own for them (issue 9: in a burst, a second message to
   * every asker was half the messages each side framed and parsed).
   */
  | { kind: 'events'; events: DrillEvent[]; answers?: Record<string, HeldResult> }
  | { kind: 'clock'; clock: ClockView; lastSeq: number }
  | { kind: 'result'; id: string; result: CommandResult | HeldResult }
  | { kind: 'pong' }
  /** A message the server could not take (malformed, too large, unknown); the socket stays open. */
  | { kind: 'refused'; id?: string; reason: Reason }
  /** This socket's link was revoked: the server closes it. */
  | { kind: 'revoked'; reason: Reason };

/**
 * An accepted command's result told by the seqs of its events, where the socket already holds them:
 * the writer sends a command's events to every socket of the drill (the asker's included) before
 * its result, so the result need not carry them again (issue 9: the result was most of a burst's
 * bytes and JSON). A result whose events the socket may not hold yet (a retry answered from what
 * is stored, a command forwarded to another process's writer) carries them in full.
 */
export interface HeldResult {
  ok: true;
  /** The seqs of `events`, in order. */
  seqs: number[];
  /** The seq of `event`, where there is one. */
  eventSeq?: number;
  problems?: Reason[];
}

/**
 * The events message, written out from each event's JSON (as the store wrote it: one serialization
 * for both), exactly as `JSON.stringify` gives the message.
 */
export function eventsFrame(eventJson: readonly string[], answers?: Record<string, HeldResult>): string {
  return `{"kind":"events","events":[${eventJson.join(',')}]${answers ? `,"answers":${JSON.stringify(answers)}` : ''}}`;
}

/** The result as told by seqs (`HeldResult`). */
export function heldResult(result: Extract<CommandResult, { ok: true }>): HeldResult {
  return {
    ok: true,
    seqs: result.events.map((e) => e.seq),
    ...(result.event ? { eventSeq: result.event.seq } : {}),
    ...(result.problems ? { problems: result.problems } : {}),
  };
}

/**
 * A result as the client reads it: a `HeldResult`'s events from those the socket holds (`bySeq`).
 * Null when one is missing, which the writer's order rules out; the client then asks for the drill again.
 */
export function resultOf(result: CommandResult | HeldResult, bySeq: (seq: number) => DrillEvent | undefined): CommandResult | null {
  if (!('seqs' in result)) return result;
  const events: DrillEvent[] = [];
  for (const seq of result.seqs) {
    const e = bySeq(seq);
    if (!e) return null;
    events.push(e);
  }
  const event = result.eventSeq === undefined ? undefined : bySeq(result.eventSeq);
  if (result.eventSeq !== undefined && !event) return null;
  return { ok: true, ...(event ? { event } : {}), events, ...(result.problems ? { problems: result.problems } : {}) };
}

const zhTWErrors = zodZhTW().localeError;

/** The client's message as the schema reads it (also the slow path's, for tests that compare). */
export function schemaParse(value: unknown): ClientMessage | null {
  const parsed = clientMessage.safeParse(value);
  return parsed.success ? (parsed.data as ClientMessage) : null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const ROLES: ReadonlySet<unknown> = new Set(ACTOR_ROLES);
const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/**
 * The two messages a burst is made of (a desk's action, a heartbeat), read without zod (issue 9:
 * zod's parse was a tenth of the server's CPU per command). Exactly the schema above: the same
 * checks, and unknown keys left out as zod leaves them; null for anything else, which the schema
 * then reads (so every refusal, and every other message, is zod's as before).
 */
export function fastParse(value: unknown): ClientMessage | null {
  if (!isRecord(value)) return null;
  if (value.kind === 'ping') return { kind: 'ping' };
  if (value.kind !== 'command') return null;
  const { id, command } = value;
  if (typeof id !== 'string' || id.length < COMMAND_ID.min || id.length > COMMAND_ID.max || !isRecord(command) || command.kind !== 'action') return null;
  const action = command.action;
  if (!isRecord(action)) return null;
  const { type, actor, data } = action;
  if (typeof type !== 'string' || type.length < ACTION_TYPE.min || type.length > ACTION_TYPE.max || !isRecord(actor) || !ROLES.has(actor.role)) return null;
  const name = actor.name;
  if (name !== undefined && (typeof name !== 'string' || name.length > ACTOR_NAME_MAX)) return null;
  // A record's keys are copied by zod; `__proto__` (JSON.parse makes it an own key) is left to it.
  if (data !== undefined && (!isRecord(data) || hasOwn(data, '__proto__'))) return null;
  const role = actor.role as ActorRole;
  return {
    kind: 'command',
    id,
    command: {
      kind: 'action',
      action: {
        type,
        // A key given as undefined stays, as zod keeps it (JSON never gives one).
        actor: hasOwn(actor, 'name') ? { role, name: name as string } : { role },
        ...(hasOwn(action, 'data') ? { data: data === undefined ? undefined : { ...data } } : {}),
      },
    },
  };
}

/**
 * The refusal of a message above MAX_MESSAGE_BYTES, or null. The server gives it for a message it
 * reads; the browser gives it itself before sending (issue 9): the socket's own limit is 16 times
 * this (src/server/app.ts), and a message above that is not read at all: the socket is closed with
 * code 1009 and no words, and a client that sent it again on reconnecting would be closed again.
 */
export function tooLargeReason(raw: string | Buffer): Reason | null {
  if (raw.length * (typeof raw === 'string' ? 3 : 1) <= MAX_MESSAGE_BYTES) return null; // UTF-8: at most 3 bytes per UTF-16 unit
  const size = typeof raw === 'string' ? new TextEncoder().encode(raw).length : raw.length;
  return size > MAX_MESSAGE_BYTES ? { code: 'message-too-large', ...runtimeWords('tooLarge', { size, limit: MAX_MESSAGE_BYTES }) } : null;
}

/** Reads a client's message; a bilingual reason naming what is wrong when it is not one. */
export function parseClientMessage(raw: string | Buffer): { ok: true; message: ClientMessage } | { ok: false; id?: string; reason: Reason } {
  const tooLarge = tooLargeReason(raw);
  if (tooLarge) return { ok: false, reason: tooLarge };
  let value: unknown;
  try {
    value = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch (e) {
    return { ok: false, reason: { code: 'malformed-message', ...runtimeWords('notJson', { detail: (e as Error).message }) } };
  }
  const fast = fastParse(value);
  if (fast) return { ok: true, message: fast };
  const parsed = clientMessage.safeParse(value);
  if (parsed.success) return { ok: true, message: parsed.data as ClientMessage };
  const id = value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string' ? (value as { id: string }).id : undefined;
  const issue = parsed.error.issues[0];
  // The same first issue in zh-TW (a refusal is rare: parsing it again costs nothing that matters).
  const zhIssue = clientMessage.safeParse(value, { error: zhTWErrors }).error?.issues[0] ?? issue;
  const where = issue.path.length ? `$.${issue.path.join('.')}` : '$';
  const kind = value && typeof value === 'object' ? (value as { kind?: unknown }).kind : undefined;
  const unknownKind = issue.path.length === 1 && issue.path[0] === 'kind';
  return {
    ok: false,
    ...(id ? { id } : {}),
    reason: unknownKind
      ? { code: 'unknown-message', ...runtimeWords('unknownMessage', { kind: JSON.stringify(kind) }) }
      : { code: 'malformed-message', ...runtimeWords('malformed', (lang) => ({ where, detail: lang === 'en' ? issue.message : zhIssue.message })) },
  };
}

export const wsPath = (drillId: string): string => `/api/drills/${encodeURIComponent(drillId)}/ws`;
