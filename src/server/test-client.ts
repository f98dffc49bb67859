/**
 * A drill client for Node (tests, `npm run bench:server`, `npm run crash:server`): joins with a link
 * like a browser (keeps the session cookie), talks the WebSocket protocol, and remembers every
 * event it was told and every result it was given.
 *
 * A lean client (`{ lean: true }`, the benchmark's 1,000 devices in one process) keeps nothing and
 * does not parse the `events` frames: it hands them, undecoded, to `onEventsText` with the moment
 * they arrived. Real devices each read only their own socket; the benchmark's clients share its cores
 * with the server, so what they spend shows in every latency it measures.
 */
import WebSocket from 'ws';
import type { DrillEvent } from '@/engine/record/schema';
import type { ClockView, CommandResult, RuntimeCommand } from '@/runtime/protocol';
import { resultOf, type HeldResult, type Identity, type ServerMessage } from '@/runtime/server-protocol';

/** Opens a join link (or the facilitator's start link) and returns the session cookie it set. */
export async function join(origin: string, path: string): Promise<{ cookie: string; location: string }> {
  const res = await fetch(`${origin}${path}`, { redirect: 'manual' });
  const set = res.headers.getSetCookie();
  if (res.status !== 303 || set.length === 0) throw new Error(`join ${path}: HTTP ${res.status} ${await res.text()}`);
  return { cookie: set.map((c) => c.split(';')[0]).join('; '), location: res.headers.get('location') ?? '' };
}

/** How the server's `events` frames begin (JSON.stringify keeps the key order: kind first). */
const EVENTS_FRAME = '{"kind":"events"';

/** Where an `events` frame's answers begin (after its events: JSON.stringify keeps the key order). */
const ANSWERS = Buffer.from(',"answers":{', 'latin1');

/** An accepted command's result as the server writes it: `{"kind":"result","id":…,"result":{"ok":true`. */
const LEAN_RESULT = /^\{"kind":"result","id":"([^"\\]+)","result":\{"ok":true[,}]/;

let counter = 0;
export const commandId = (): string => `c-${process.pid}-${Date.now().toString(36)}-${(++counter).toString(36)}`;

export class DrillClient {
  ws: WebSocket | null = null;
  readonly events: DrillEvent[] = [];
  readonly messages: ServerMessage[] = [];
  me: Identity | null = null;
  clock: ClockView | null = null;
  private waiting = new Map<string, (r: CommandResult) => void>();
  private welcomed: (() => void) | null = null;
  /** Called on every event as it arrives. */
  onEvent: ((e: DrillEvent, at: number) => void) | null = null;
  /** A lean client's `events` frames, unparsed and undecoded, with the moment they arrived (the benchmark measures with it). */
  onEventsText: ((frame: Buffer, at: number) => void) | null = null;
  private readonly lean: boolean;

  constructor(
    readonly origin: string,
    readonly drillId: string,
    public cookie: string,
    options: { lean?: boolean } = {},
  ) {
    this.lean = options.lean === true;
  }

  lastSeq(): number {
    return this.events.at(-1)?.seq ?? 0;
  }

  /** Connects and says hello with the last seq held; resolves at the welcome. */
  connect(): Promise<void> {
    const url = `${this.origin.replace(/^http/, 'ws')}/api/drills/${encodeURIComponent(this.drillId)}/ws`;
    // A lean client trusts the server's UTF-8 (it decodes only what it reads), as a browser would not.
    const ws = new WebSocket(url, { headers: { cookie: this.cookie, origin: this.origin }, ...(this.lean ? { skipUTF8Validation: true, perMessageDeflate: false } : {}) });
    this.ws = ws;
    return new Promise((resolve, reject) => {
      this.welcomed = resolve;
      ws.on('open', () => ws.send(JSON.stringify({ kind: 'hello', lastSeq: this.lastSeq() })));
      ws.on('message', (data: Buffer) => {
        if (this.lean && this.leanReceive(data)) return;
        this.receive(JSON.parse(String(data)) as ServerMessage);
      });
      ws.on('error', reject);
      ws.on('close', (code, why) => {
        reject(new Error(`socket closed ${code} ${String(why)}`));
        for (const [id, resolveResult] of this.waiting) {
          this.waiting.delete(id);
          resolveResult({ ok: false, reason: { code: 'disconnected', zh: '連線中斷', en: `disconnected (${code})` } });
        }
      });
    });
  }

  /**
   * What a lean client reads without parsing (true when handled): an `events` frame is handed on
   * as it came, and an accepted command's `result` is told by its id alone. Anything else (a
   * refusal, the welcome, the clock) is parsed in full.
   */
  private leanReceive(data: Buffer): boolean {
    if (data.length > EVENTS_FRAME.length && data.toString('latin1', 0, EVENTS_FRAME.length) === EVENTS_FRAME) {
      this.onEventsText?.(data, performance.now());
      // This client's commands the frame answers (accepted: `"id":{"ok":true`).
      const answers = this.waiting.size > 0 ? data.lastIndexOf(ANSWERS) : -1;
      if (answers >= 0) {
        for (const [id, resolveResult] of this.waiting) {
          if (!data.includes(`${JSON.stringify(id)}:{"ok":true`, answers)) continue;
          this.waiting.delete(id);
          resolveResult({ ok: true, events: [] });
        }
      }
      return true;
    }
    const head = LEAN_RESULT.exec(data.toString('latin1', 0, Math.min(data.length, 200)));
    const resolveResult = head ? this.waiting.get(head[1]) : undefined;
    if (!head || !resolveResult) return false;
    this.waiting.delete(head[1]);
    resolveResult({ ok: true, events: [] });
    return true;
  }

  /** A waiting command's result, told by seq where this socket got the events just before (a lean client keeps none). */
  private settle(id: string, told: CommandResult | HeldResult): void {
    const w = this.waiting.get(id);
    if (!w) return;
    this.waiting.delete(id);
    const held = (seq: number) => this.events.find((e) => e.seq === seq);
    w(resultOf(told, held) ?? { ok: false, reason: { code: 'missing-events', zh: '結果所指的事件未收到', en: `the result names events this client did not get: ${JSON.stringify(told)}` } });
  }

  private receive(m: ServerMessage): void {
    if (!this.lean) this.messages.push(m);
    if (m.kind === 'welcome') {
      this.me = m.me;
      this.clock = m.clock;
      if (!this.lean) for (const e of m.events) if (e.seq > this.lastSeq()) this.events.push(e);
      this.welcomed?.();
    } else if (m.kind === 'events') {
      const at = performance.now();
      for (const e of m.events) {
        if (e.seq === this.lastSeq() + 1) this.events.push(e);
        this.onEvent?.(e, at);
      }
      for (const [id, told] of Object.entries(m.answers ?? {})) this.settle(id, told);
    } else if (m.kind === 'clock') {
      this.clock = m.clock;
    } else if (m.kind === 'result') {
      this.settle(m.id, m.result);
    } else if (m.kind === 'refused' && m.id) {
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      w?.({ ok: false, reason: m.reason });
    }
  }

  /** Sends a command (with an id: the same id again is a retry) and waits for its result. */
  send(command: RuntimeCommand, id: string = commandId()): Promise<CommandResult> {
    return new Promise((resolve) => {
      // A closed socket sends nothing and will answer nothing (ws drops it silently): say so now.
      if (this.ws?.readyState !== WebSocket.OPEN) {
        resolve({ ok: false, reason: { code: 'disconnected', zh: '連線中斷', en: 'disconnected (not connected)' } });
        return;
      }
      this.waiting.set(id, resolve);
      this.ws.send(JSON.stringify({ kind: 'command', id, command }));
    });
  }

  raw(text: string): void {
    this.ws!.send(text);
  }

  /** Waits until a message matching `test` has arrived (polls the received list). */
  async until(test: (m: ServerMessage) => boolean, what: string, ms = 20_000): Promise<ServerMessage> {
    const end = Date.now() + ms;
    for (;;) {
      const found = this.messages.find(test);
      if (found) return found;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  close(): void {
    this.ws?.removeAllListeners('close');
    this.ws?.close();
  }
}
