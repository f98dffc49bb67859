import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { incidentMachine, movesMachine, refusalNow, summarizeIncident, whyNot } from './incident-machine';
import { EVENT_TYPES } from '../record/vocabulary';
import { GUARD_ORDER, GUARDS } from './drill-rules';
import type { Participant } from './drill-rules';
import type { ActorRole } from '../record/vocabulary';
import type { Reason } from '../base/reason';

const T0 = Date.UTC(2026, 2, 2, 1, 0, 0);
const MIN = 60_000;
const H = 60 * MIN;

const participants: Participant[] = [
  { name: '主持人', roles: ['facilitator'] },
  { name: '王通報', roles: ['reporting-contact'] },
  { name: '李資安', roles: ['ciso', 'commander'] },
  { name: '陳執行', roles: ['response-execution'] },
  { name: '林情資', roles: ['intel-planning'] },
];
const WHO: Record<string, string> = {
  facilitator: '主持人',
  'reporting-contact': '王通報',
  ciso: '李資安',
  commander: '李資安',
  'response-execution': '陳執行',
  'intel-planning': '林情資',
  acs: '主持人',
  'doit-reviewer': '主持人',
  vendor: '主持人',
};

function start(options: { aware?: boolean } = {}) {
  const clock = new SimulatedClock();
  const actor = createActor(incidentMachine, { input: { referenceLevel: 3, participants }, clock });
  const rejected: Reason[] = [];
  const levels: number[] = [];
  actor.on('level.changed', (e) => levels.push(e.level));
  actor.start();
  let at = T0 - 10 * MIN;
  const send = (type: string, role: ActorRole, data: Record<string, unknown> = {}, name: string | undefined = WHO[role], dt = MIN) => {
    at += dt;
    const event = { type, actor: { role, ...(name !== undefined ? { name } : {}) }, data, at };
    // The machine says whether it is possible (snapshot.can) and why not (its first failing guard).
    const why = whyNot(actor.getSnapshot(), event);
    if (why) rejected.push(why);
    actor.send(event);
    return why;
  };
  send('drill.started', 'facilitator');
  if (options.aware !== false) {
    at = T0 - MIN;
    send('incident.aware', 'facilitator');
  }
  const summary = () => summarizeIncident(actor.getSnapshot());
  return { actor, clock, send, summary, rejected, levels };
}

describe('a drill run through the machine', () => {
  it('moves each region as the agency acts', () => {
    const d = start();
    expect(d.summary()).toMatchObject({ drill: 'running', reporting: 'not-reported', team: 'none', t0Ms: T0 });
    expect(d.send('level.approved', 'ciso', { level: 3, by: 'ciso' })).toBeNull();
    expect(d.send('report.submitted', 'reporting-contact', { level: 3 })).toBeNull();
    expect(d.send('team.formed', 'commander', { members: [{ role: 'commander', name: '李資安', position: 'ciso' }] })).toBeNull();
    expect(d.send('level.reviewed', 'doit-reviewer', { level: 3 })).toBeNull();
    expect(d.send('containment.initial', 'response-execution')).toBeNull();
    expect(d.send('recovery.completed', 'response-execution', { registeredOnWebsite: true })).toBeNull();
    expect(d.send('rootcause.completed', 'intel-planning', { by: 'vendor', malwareAnalysis: true })).toBeNull();
    expect(d.send('improvement.planned', 'intel-planning', { short: [], medium: [] })).toBeNull();
    expect(d.send('rootcause.submitted', 'commander', { to: ['commander'] })).toBeNull();
    expect(d.send('closure.submitted', 'reporting-contact')).toBeNull();
    expect(d.summary()).toMatchObject({
      reporting: 'reviewed',
      team: 'formed',
      recovery: 'recovered',
      investigation: { rootCause: 'done', plan: 'done', submitted: 'done' },
      closure: 'closed',
    });
    expect(d.send('drill.ended', 'facilitator')).toBeNull();
    expect(d.summary().drill).toBe('ended');
    expect(d.rejected).toEqual([]);
  });

  it('does not depend on the actor clock (no delayed transitions read real time)', () => {
    const d = start();
    d.clock.increment(30 * 24 * H);
    expect(d.summary()).toMatchObject({ drill: 'running', reporting: 'not-reported' });
  });
});

describe('(a) the reporting website is unreachable during an outage (P11)', () => {
  it.each([
    ['report.submitted', 'reporting-contact', { level: 3 }],
    ['level.change.requested', 'reporting-contact', { from: 3, to: 4 }],
    ['recovery.completed', 'response-execution', { registeredOnWebsite: true }],
    ['closure.submitted', 'reporting-contact', {}],
  ] as const)('%s is refused while a power outage is in progress', (type, role, data) => {
    const d = start();
    d.send('outage.started', 'facilitator', { what: 'power' });
    const r = d.send(type, role, data);
    expect(r?.code).toBe('website-unreachable');
    expect(r?.zh).toContain('電話');
    d.send('outage.ended', 'facilitator', { what: 'power' });
    expect(d.send(type, role, data)).toBeNull();
  });

  it('accepts work that does not file on the website, and the phone report', () => {
    const d = start();
    d.send('outage.started', 'facilitator', { what: 'network' });
    expect(d.send('recovery.completed', 'response-execution', { registeredOnWebsite: false })).toBeNull();
    expect(d.send('report.phoned', 'reporting-contact', { to: 'acs', reason: '網路中斷', level: 3 })).toBeNull();
    expect(d.summary()).toMatchObject({ reporting: 'phoned', outage: 'in-progress', outages: ['network'] });
    d.send('outage.ended', 'facilitator', { what: 'network' });
    expect(d.summary().outage).toBe('none');
    expect(d.send('report.submitted', 'reporting-contact', { level: 3 })).toBeNull(); // P11 backfill
    expect(d.summary().reporting).toBe('reported');
  });

  it('settled point 3: one outage at a time; the next outage.ended makes the website reachable, whatever its what', () => {
    const d = start();
    d.send('outage.started', 'facilitator', { what: 'network' });
    d.send('outage.started', 'facilitator', { what: 'power' });
    expect(d.send('report.submitted', 'reporting-contact', { level: 3 })?.code).toBe('website-unreachable');
    d.send('outage.ended', 'facilitator', { what: 'power' });
    expect(d.send('report.submitted', 'reporting-contact', { level: 3 })).toBeNull();
  });
});

describe('(b) an actor acts only in a role their name holds', () => {
  it.each([
    // type, role, name, data, refusal code (null: accepted)
    ['report.submitted', 'reporting-contact', '陳執行', { level: 3 }, 'role-not-held'],
    ['report.submitted', 'reporting-contact', '路人甲', { level: 3 }, 'unknown-person'],
    ['report.submitted', 'reporting-contact', '主持人', { level: 3 }, 'role-not-held'],
    ['ui.phone.called', 'acs', '主持人', {}, null],
    ['ui.phone.called', 'vendor', '主持人', {}, null],
    ['level.reviewed', 'doit-reviewer', '主持人', { level: 3 }, null],
    ['level.reviewed', 'facilitator', '主持人', { level: 3 }, null],
    ['level.reviewed', 'commander', '李資安', { level: 3 }, 'doit-only'],
    ['level.approved', 'ciso', '李資安', { level: 3, by: 'ciso' }, null],
    ['level.approved', 'reporting-contact', '王通報', { level: 3, by: 'ciso' }, 'ciso-only'],
    ['level.approved', 'ciso', '王通報', { level: 3, by: 'ciso' }, 'role-not-held'],
    ['outage.started', 'commander', '李資安', { what: 'power' }, 'facilitator-only'],
    ['inject.delivered', 'reporting-contact', '王通報', { injectId: 'x' }, 'facilitator-only'],
    ['incident.designated', 'commander', '李資安', { by: 'doit' }, 'designation-outside'],
    ['report.submitted', 'ceo', '李資安', { level: 3 }, 'unknown-role'],
  ] as const)('%s as %s by %s → %s', (type, role, name, data, code) => {
    const d = start();
    const r = d.send(type, role as ActorRole, data, name);
    expect(r?.code ?? null).toBe(code);
  });

  it('gives roles to the people team.formed names', () => {
    const d = start();
    expect(d.send('media.imaged', 'response-execution', { what: 'disk' }, '新成員')?.code).toBe('unknown-person');
    d.send('team.formed', 'commander', {
      members: [
        { role: 'commander', name: '李資安', position: 'ciso' },
        { role: 'response-execution', name: '新成員', position: 'affected-unit-head' },
      ],
    });
    expect(d.send('media.imaged', 'response-execution', { what: 'disk' }, '新成員')).toBeNull();
    expect(d.summary().roster['新成員']).toEqual(['response-execution']);
  });

  it('takes setup assignments from drill.started data as well', () => {
    const actor = createActor(incidentMachine, { input: { referenceLevel: 2 } }).start();
    actor.send({ type: 'drill.started', actor: { role: 'facilitator' }, data: { participants: [{ name: '甲', roles: ['reporting-contact'] }] }, at: T0 });
    expect(actor.getSnapshot().context.roster).toEqual({ 甲: ['reporting-contact'] });
  });
});

describe('(c) nothing after the end, and only the world before T0', () => {
  it.each([
    ['drill.started', 'already-started'],
    ['inject.delivered', null],
    ['outage.started', null],
    ['drill.ended', null],
    ['report.submitted', 'before-awareness'],
    ['ui.note.added', 'before-awareness'],
    ['team.formed', 'before-awareness'],
  ] as const)('before T0: %s → %s', (type, code) => {
    const d = start({ aware: false });
    const data: Record<string, Record<string, unknown>> = { 'report.submitted': { level: 3 }, 'team.formed': { members: [] }, 'outage.started': { what: 'power' } };
    const role: ActorRole = code === 'before-awareness' && type !== 'ui.note.added' ? (type === 'team.formed' ? 'commander' : 'reporting-contact') : 'facilitator';
    expect(d.send(type, role, data[type] ?? {})?.code ?? null).toBe(code);
  });

  it('refuses a second awareness', () => {
    const d = start();
    expect(d.send('incident.aware', 'facilitator')?.code).toBe('already-aware');
    expect(d.summary().t0Ms).toBe(T0);
  });

  it.each(['report.submitted', 'ui.note.added', 'outage.started', 'drill.ended', 'inject.delivered'])('after drill.ended: %s is refused', (type) => {
    const d = start();
    d.send('drill.ended', 'facilitator');
    const role: ActorRole = type === 'report.submitted' ? 'reporting-contact' : 'facilitator';
    expect(d.send(type, role, type === 'report.submitted' ? { level: 3 } : {})?.code).toBe('drill-ended');
  });
});

describe('procedural mistakes are accepted and recorded (scoring judges them)', () => {
  it.each([
    ['a report before any approval', [['report.submitted', 'reporting-contact', { level: 3 }]]],
    ['a report two hours late', [['report.submitted', 'reporting-contact', { level: 3 }, 2 * H]]],
    ['an under-reported level', [['report.submitted', 'reporting-contact', { level: 1 }]]],
    ['the commander filing the report (wrong person, but a name that holds commander)', [['report.submitted', 'commander', { level: 3 }]]],
    ['a phone report with no outage', [['report.phoned', 'reporting-contact', { to: 'acs', reason: '想打電話' }]]],
    ['evidence on a forbidden platform', [['evidence.submitted', 'intel-planning', { destination: 'virustotal' }]]],
    ['rebuilding before imaging', [['system.rebuilt', 'response-execution', { cleanMedia: false }]]],
    ['a meeting chaired by the wrong role, missing topics', [['meeting.held', 'response-execution', { chair: 'response-execution', topics: [] }]]],
    ['recovery not registered on the website', [['recovery.completed', 'response-execution', { registeredOnWebsite: false }]]],
    ['a second team.formed', [['team.formed', 'commander', { members: [] }], ['team.formed', 'commander', { members: [] }]]],
    ['closure before recovery', [['closure.submitted', 'reporting-contact', {}]]],
  ] as const)('%s', (_what, steps) => {
    const d = start();
    for (const [type, role, data, dt] of steps as readonly (readonly [string, ActorRole, Record<string, unknown>, number?])[]) {
      expect(d.send(type, role, data, undefined, dt)).toBeNull();
    }
    expect(d.rejected).toEqual([]);
  });

  it('keeps reporting at not-reported after a phone report with no outage (it does not count, P11)', () => {
    const d = start();
    d.send('report.phoned', 'reporting-contact', { to: 'acs', reason: 'x', level: 2 });
    expect(d.summary().reporting).toBe('not-reported');
    expect(d.summary().levelInForce).toBe(2); // but its level is the first report's level
  });
});

describe('bad data is refused, so the record can always be read back', () => {
  it.each([
    ['report.submitted', { level: 7 }],
    ['report.submitted', {}],
    ['team.formed', { members: [{ role: 'commander', position: 'boss' }] }],
  ])('%s %o', (type, data) => {
    const d = start();
    const r = d.send(type, type === 'team.formed' ? 'commander' : 'reporting-contact', data);
    expect(r?.code).toBe('bad-data');
    expect(r?.en).toMatch(/data\./);
  });
});

describe('the level in force (drill-record.md)', () => {
  it('is the reference level, then the approval, then the first report, then the last review', () => {
    const d = start();
    expect(d.summary().levelInForce).toBe(3);
    d.send('level.approved', 'ciso', { level: 2, by: 'ciso' });
    expect(d.summary().levelInForce).toBe(2);
    d.send('report.submitted', 'reporting-contact', { level: 1 });
    expect(d.summary().levelInForce).toBe(1);
    d.send('report.submitted', 'reporting-contact', { level: 2 }); // a follow-up does not change the first report
    expect(d.summary().levelInForce).toBe(1);
    d.send('level.reviewed', 'doit-reviewer', { level: 4 });
    d.send('level.reviewed', 'doit-reviewer', { level: 3 });
    expect(d.summary().levelInForce).toBe(3);
    expect(d.levels).toEqual([2, 1, 4, 3]);
  });

  it('settled point 8: a level.approved by anyone but ciso or authorized sets no level (the same rule scoring uses)', () => {
    const d = start();
    d.send('level.approved', 'ciso', { level: 1, by: 'deputy' });
    expect(d.summary().levelInForce).toBe(3);
    d.send('level.approved', 'ciso', { level: 2, by: 'authorized' });
    expect(d.summary().levelInForce).toBe(2);
  });
});

describe('the machine is the source of what is possible (issue 14 item 3)', () => {
  const ROLES: ActorRole[] = ['facilitator', 'reporting-contact', 'ciso', 'commander', 'response-execution', 'doit-reviewer'];
  const TYPES = ['report.submitted', 'report.phoned', 'level.approved', 'level.reviewed', 'closure.submitted', 'meeting.held', 'incident.aware', 'outage.started', 'drill.started'];

  /** Every probe: the machine's snapshot.can agrees with its named guards, and whyNot names the first that fails. */
  const agree = (d: ReturnType<typeof start>) => {
    const snapshot = d.actor.getSnapshot();
    for (const type of TYPES) {
      for (const role of ROLES) {
        const event = { type, actor: { role, name: WHO[role] }, data: {}, at: T0 + H, probe: true as const };
        const failing = GUARD_ORDER.find((name) => GUARDS[name](snapshot.context, event) !== null);
        expect(snapshot.can(event), `${type} as ${role}`).toBe(failing === undefined);
        expect(whyNot(snapshot, event)).toEqual(failing === undefined ? null : GUARDS[failing](snapshot.context, event));
        // The session's one-pass answer is whyNot's, with data too (a probe skips the data's check).
        expect(refusalNow(snapshot, event)).toEqual(whyNot(snapshot, event));
        for (const data of [{}, { level: 3 }, { level: 'x' }, { what: 'network' }]) {
          const withData = { type, actor: { role, name: WHO[role] }, data, at: T0 + H };
          expect(refusalNow(snapshot, withData), `${type} as ${role} ${JSON.stringify(data)}`).toEqual(whyNot(snapshot, withData));
        }
      }
    }
  };

  it('has the shape that makes one pass of the guards its answer (refusalNow)', () => {
    // Every transition is guarded by `possible` or `possibleDuringOutage` (which requires it) and is
    // not forbidden (it has a target or actions); the root takes any possible event (its wildcard).
    type Node = { transitions: Map<string, { guard?: unknown; target?: unknown; actions: unknown[] }[]>; states: Record<string, Node>; always?: unknown[]; after?: unknown[] };
    const root = incidentMachine.root as unknown as Node;
    const wildcard = root.transitions.get('*') ?? [];
    expect(wildcard.map((t) => [t.guard, t.actions.length > 0])).toEqual([['possible', true]]);
    const walk = (node: Node, path: string): number => {
      let seen = 0;
      expect(node.always ?? [], `${path}: eventless`).toEqual([]);
      expect(node.after ?? [], `${path}: delayed`).toEqual([]);
      for (const [type, list] of node.transitions) {
        for (const t of list) {
          seen += 1;
          expect(['possible', 'possibleDuringOutage'], `${path} on ${type}`).toContain(t.guard);
          expect(t.target !== undefined || t.actions.length > 0, `${path} on ${type}: forbidden`).toBe(true);
        }
      }
      for (const [key, child] of Object.entries(node.states ?? {})) seen += walk(child, `${path}.${key}`);
      return seen;
    };
    expect(walk(root, 'incident')).toBeGreaterThan(20);
  });

  it('an accepted event no state names leaves the snapshot as it was (movesMachine: it need not be sent)', () => {
    const types = [...EVENT_TYPES, 'ui.note.added', 'meeting.held', 'xstate.stop'];
    const named = types.filter((t) => movesMachine(t));
    // The machine's own events, and those its states name, are always sent.
    expect(named).toEqual(expect.arrayContaining(['xstate.stop', 'report.submitted', 'outage.started', 'drill.ended', 'incident.aware']));
    const quiet = types.filter((t) => !movesMachine(t));
    expect(quiet).toContain('ui.note.added');
    let checked = 0;
    for (const state of ['before', 'running', 'outage'] as const) {
      for (const type of quiet) {
        const d = start({ aware: state !== 'before' });
        if (state === 'outage') d.send('outage.started', 'facilitator', { what: 'network' });
        for (const role of ['facilitator', 'commander', 'reporting-contact'] as ActorRole[]) {
          const event = { type, actor: { role, name: WHO[role] }, data: {}, at: T0 + H };
          const before = d.actor.getSnapshot();
          if (whyNot(before, event) !== null) continue;
          d.actor.send(event);
          expect(d.actor.getSnapshot(), `${type} as ${role} (${state})`).toBe(before);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(quiet.length);
  });

  it('before awareness, while running, during an outage and after the end', () => {
    const before = start({ aware: false });
    agree(before);
    expect(whyNot(before.actor.getSnapshot(), { type: 'report.submitted', actor: { role: 'reporting-contact', name: WHO['reporting-contact'] }, data: {}, at: T0, probe: true })?.code).toBe('before-awareness');
    const d = start();
    agree(d);
    d.send('outage.started', 'facilitator', { what: 'network' });
    agree(d);
    expect(whyNot(d.actor.getSnapshot(), { type: 'report.submitted', actor: { role: 'reporting-contact', name: WHO['reporting-contact'] }, data: {}, at: T0 + H, probe: true })?.code).toBe('website-unreachable');
    // Settled point 3: a second outage.started during an outage is accepted (recorded), and changes nothing.
    expect(d.send('outage.started', 'facilitator', { what: 'power' })).toBeNull();
    expect(d.summary().outages).toEqual(['network']);
    d.send('drill.ended', 'facilitator');
    agree(d);
    expect(d.actor.getSnapshot().context.endedAtMs).not.toBeNull();
  });
});
