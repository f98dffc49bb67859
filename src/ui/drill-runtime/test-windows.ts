/**
 * Test support: several "windows" in one process. They share fake-indexeddb (the test setup
 * loads it), a BroadcastChannel-like hub that delivers asynchronously with structured clones, and
 * a Web Locks-like queue; each window has its own hand-driven real-time clock.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario } from '@/engine/scenario/parse';
import { defaultAgency, scenarioFacts } from '@/engine/scenario/normalize';
import type { Scenario } from '@/engine/scenario/schema';
import { putDrill, type StoredDrill } from '@/ui/persistence/drill-db';
import type { DrillHeader } from '@/ui/persistence/drill-header';
import { parseIsoMs } from '@/engine/time/taipei';
import type { CommandScope, RuntimeMessage } from '@/runtime/protocol';
import type { ChannelLike, LockOptions, RuntimeEnvironment } from './transport';

export class ChannelHub {
  private channels = new Map<string, Set<ChannelLike>>();
  /** Every message posted, for assertions. */
  readonly log: RuntimeMessage[] = [];
  /** Return true to lose a message on its way (a window that was busy or asleep). */
  lose: (message: RuntimeMessage) => boolean = () => false;

  open(name: string): ChannelLike {
    const set = this.channels.get(name) ?? new Set<ChannelLike>();
    this.channels.set(name, set);
    const channel: ChannelLike = {
      onmessage: null,
      postMessage: (message) => {
        this.log.push(message);
        if (this.lose(message)) return;
        const copy = structuredClone(message);
        for (const other of set) {
          if (other === channel) continue;
          // Like BroadcastChannel: never to the sender, delivered later, as a copy.
          setTimeout(() => other.onmessage?.({ data: structuredClone(copy) }), 0);
        }
      },
      close: () => set.delete(channel),
    };
    set.add(channel);
    return channel;
  }
}

export class LockQueue {
  private held = new Map<string, { onLost?: () => void; done: () => void } | null>();
  private waiting = new Map<string, Array<{ holder: () => Promise<void>; options?: LockOptions }>>();

  request = (name: string, holder: () => Promise<void>, options?: LockOptions): void => {
    const queue = this.waiting.get(name) ?? [];
    this.waiting.set(name, queue);
    if (options?.steal) {
      // Like Web Locks' steal: the holder loses the lock at once (its request rejects), we get it next.
      const current = this.held.get(name);
      queue.unshift({ holder, options });
      if (current) {
        this.held.set(name, null);
        current.done();
      }
      this.pump(name);
      current?.onLost?.();
      return;
    }
    queue.push({ holder, options });
    this.pump(name);
  };

  private pump(name: string): void {
    if (this.held.get(name)) return;
    const next = this.waiting.get(name)?.shift();
    if (!next) return;
    let finished = false;
    const grant = {
      onLost: next.options?.onLost,
      done: () => {
        finished = true;
      },
    };
    this.held.set(name, grant);
    void Promise.resolve()
      .then(next.holder)
      .finally(() => {
        if (finished) return; // stolen: the lock already moved on
        if (this.held.get(name) === grant) this.held.set(name, null);
        this.pump(name);
      });
  }
}

export interface TestWindow {
  env: RuntimeEnvironment;
  /** Moves this window's real time on by ms. */
  advanceReal(ms: number): void;
}

export function testWindow(hub: ChannelHub, locks: LockQueue | null, scope?: CommandScope): TestWindow {
  let now = 0;
  let wall = Date.parse('2026-03-09T09:00:00+08:00');
  const env: RuntimeEnvironment = {
    openChannel: (name) => hub.open(name),
    requestLock: locks ? locks.request : null,
    now: () => now,
    wallIso: () => new Date(wall + 8 * 3600_000).toISOString().slice(0, 19) + '+08:00',
    onFrame: () => () => {},
    every: () => () => {},
    ...(scope ? { scope: () => scope } : {}),
  };
  return {
    env,
    advanceReal(ms) {
      now += ms;
      wall += ms;
    },
  };
}

export const scenarioText = (): string => readFileSync(join(process.cwd(), 'scenarios', 'ransomware-core.yaml'), 'utf8');

/**
 * The ransomware scenario, read and parsed once per test file: parsing YAML in every test made the
 * component tests slow on a busy machine (issue 14). Each header below is still built afresh.
 */
let parsedScenario: { text: string; scenario: Scenario } | undefined;
function ransomwareScenario(): { text: string; scenario: Scenario } {
  if (parsedScenario) return parsedScenario;
  const text = scenarioText();
  const parsed = parseScenario(text, 'ransomware-core.yaml');
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  parsedScenario = { text, scenario: parsed.scenario };
  return parsedScenario;
}

/** A drill as the setup page stores it: ransomware scenario, its people, a facilitator, no events yet. */
export function testHeader(): DrillHeader {
  const { text, scenario: s } = ransomwareScenario();
  return {
    version: 1,
    agency: defaultAgency(s),
    scenario: scenarioFacts(s),
    scenarioSource: { id: s.meta.id, text },
    participants: [
      { name: '演練主持人', position: 'staff', roles: ['facilitator'] },
      ...s.meta.people.map((p) => ({ name: p.name, position: p.position, roles: [...(p.roles ?? [])], ...(p.vendor ? { vendor: true } : {}) })),
    ],
    mode: 'tabletop',
    t0: s.facts.awareness,
  };
}

export async function storeTestDrill(id: string, header: DrillHeader = testHeader()): Promise<StoredDrill> {
  const drill: StoredDrill = {
    id,
    title: `測試演練 ${id}`,
    scenarioId: header.scenario.id,
    scenarioTitle: { zh: '勒索軟體', en: 'Ransomware' },
    agencyName: header.agency.name,
    status: 'setup',
    createdWall: '2026-03-09T08:00:00+08:00',
    updatedWall: '2026-03-09T08:00:00+08:00',
    eventCount: 0,
    header,
    clock: { simNowMs: parseIsoMs(header.t0), running: false, speed: 1 },
  };
  await putDrill(drill);
  return drill;
}

/** Lets timers and IndexedDB callbacks run until `done()` holds (or fails after ~2 s). */
export async function until(done: () => boolean, what = 'condition'): Promise<void> {
  for (let i = 0; i < 400; i += 1) {
    if (done()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}
