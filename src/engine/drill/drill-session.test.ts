import { describe, expect, it } from 'vitest';
import { createDrillSession, type SessionHeader } from './drill-session';
import type { ScheduledInject } from './inject';
import { formatTaipei } from '../time/taipei';

const T0 = Date.UTC(2026, 2, 2, 1, 0, 0); // 2026-03-02T09:00:00+08:00
const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
const WALL = '2026-05-10T14:00:00+08:00';
const at = (ms: number) => formatTaipei(T0 + ms);

const header: SessionHeader = {
  agency: { name: '臺北市政府測試局', type: 'agency', hasItUnit: true, hasSecurityOfficer: true },
  scenario: { id: 'ransomware-core', referenceLevel: 3, malware: true, backup: 'none', affectedAgencies: ['臺北市政府警察局'] },
  participants: [
    { name: '主持人', roles: ['facilitator'] },
    { name: '王通報', roles: ['reporting-contact'], position: 'security-officer' },
    { name: '李資安', roles: ['ciso', 'commander'], position: 'ciso' },
    { name: '陳執行', roles: ['response-execution'], position: 'affected-unit-head' },
  ],
  mode: 'tabletop',
};

const inject = (id: string, offsetMs: number, extra: Partial<ScheduledInject> = {}): ScheduledInject => ({
  id,
  offsetMs,
  title: { zh: `指令 ${id}`, en: `Inject ${id}` },
  message: { zh: '內容', en: 'Message' },
  sender: 'soc',
  to: 'reporting-contact',
  channel: 'phone',
  expected: [],
  ...extra,
});

const RC = { role: 'reporting-contact' as const, name: '王通報' };
const CISO = { role: 'ciso' as const, name: '李資安' };

function started(injects: ScheduledInject[], speed = 1) {
  const s = createDrillSession({ header, injects, t0Ms: T0, speed });
  const r = s.start(WALL);
  expect(r.ok).toBe(true);
  return s;
}

const typesAt = (s: ReturnType<typeof started>) => s.events().map((e) => [e.type, e.at, e.data.injectId ?? null]);

describe('start', () => {
  it('logs drill.started, then T0 and the injects due at T0, and runs the clock', () => {
    const s = started([inject('first-call', 0), inject('later', H)]);
    expect(typesAt(s)).toEqual([
      ['drill.started', at(0), null],
      ['incident.aware', at(0), null],
      ['inject.delivered', at(0), 'first-call'],
    ]);
    expect(s.events()[0].data).toMatchObject({ t0: at(0), mode: 'tabletop' });
    expect(s.events()[0].wall).toBe(WALL);
    expect(s.clock.isRunning()).toBe(true);
    expect(s.start(WALL)).toMatchObject({ ok: false, reason: { code: 'already-started' } });
  });

  it('can start before T0: injects with negative offsets come first, then awareness', () => {
    const s = createDrillSession({ header, injects: [inject('vendor-call', -10 * MIN), inject('soc', 0)], t0Ms: T0, startMs: T0 - 15 * MIN });
    s.start(WALL);
    expect(s.dispatch({ type: 'level.assessed', actor: RC, data: { level: 3 } })).toMatchObject({ ok: false, reason: { code: 'before-awareness' } });
    s.resume();
    s.advance(20 * MIN, WALL);
    expect(typesAt(s).slice(1)).toEqual([
      ['inject.delivered', at(-10 * MIN), 'vendor-call'],
      ['incident.aware', at(0), null],
      ['inject.delivered', at(0), 'soc'],
    ]);
  });
});

describe('injects at their exact offsets', () => {
  it('delivers every inject a huge 3600× tick crosses at its own offset, in order, with world changes', () => {
    const s = started(
      [
        inject('c', 2 * H + 17 * S),
        inject('a', 30 * MIN),
        inject('outage', 45 * MIN, { world: [{ kind: 'outage.start', what: 'network' }] }),
        inject('b', H, { to: 'commander' }),
        inject('restored', 3 * H, { world: [{ kind: 'outage.end', what: 'network' }] }),
        inject('review', 4 * H, { to: 'reporting-contact', world: [{ kind: 'level.review', level: 4 }, { kind: 'incident.designate', by: 'doit' }] }),
        inject('tomorrow', 24 * H),
      ],
      3600,
    );
    // A tab asleep for 10 real seconds at 3600×: ten simulated hours in one tick.
    const r = s.advance(10 * S, WALL);
    expect(r.ok && r.problems).toEqual([]);
    expect(s.now()).toBe(T0 + 10 * H);
    expect(typesAt(s).slice(2)).toEqual([
      ['inject.delivered', at(30 * MIN), 'a'],
      ['inject.delivered', at(45 * MIN), 'outage'],
      ['outage.started', at(45 * MIN), 'outage'],
      ['inject.delivered', at(H), 'b'],
      ['inject.delivered', at(2 * H + 17 * S), 'c'],
      ['inject.delivered', at(3 * H), 'restored'],
      ['outage.ended', at(3 * H), 'restored'],
      ['inject.delivered', at(4 * H), 'review'],
      ['level.reviewed', at(4 * H), 'review'],
      ['incident.designated', at(4 * H), 'review'],
    ]);
    const review = s.events().find((e) => e.type === 'level.reviewed')!;
    expect(review.actor).toEqual({ role: 'doit-reviewer', name: '主持人' });
    expect(review.data.level).toBe(4);
    expect(s.summary().levelInForce).toBe(4);
    expect(s.injectStates().map((i) => [i.inject.id, i.status])).toEqual([
      ['a', 'delivered'],
      ['outage', 'delivered'],
      ['b', 'delivered'],
      ['c', 'delivered'],
      ['restored', 'delivered'],
      ['review', 'delivered'],
      ['tomorrow', 'upcoming'],
    ]);
    expect(s.events().find((e) => e.data.injectId === 'a')!.data).toMatchObject({ title: '指令 a', to: 'reporting-contact', channel: 'phone', sender: 'soc' });
  });

  it('delivers an inject at exactly its offset when speed changes right before it', () => {
    const s = started([inject('hour', H)]);
    s.advance(H - S, WALL); // 09:59:59 at 1×
    expect(s.injectStates()[0].status).toBe('upcoming');
    s.setSpeed(3600);
    s.advance(1, WALL); // 3.6 simulated seconds
    expect(s.now()).toBe(T0 + H + 2600);
    expect(s.events().at(-1)).toMatchObject({ type: 'inject.delivered', at: at(H) });
  });

  it('does not deliver at offset − 1 ms and does at the offset', () => {
    const s = started([inject('x', 10 * MIN)]);
    s.advance(10 * MIN - 1, WALL);
    expect(s.injectStates()[0].status).toBe('upcoming');
    s.advance(1, WALL);
    expect(s.injectStates()[0]).toMatchObject({ status: 'delivered', at: at(10 * MIN) });
  });

  it('does not move while paused', () => {
    const s = started([inject('x', MIN)]);
    s.pause();
    s.advance(10 * MIN, WALL);
    expect(s.now()).toBe(T0);
    expect(s.injectStates()[0].status).toBe('upcoming');
  });
});

describe('conditions are judged at the delivery moment', () => {
  const reminder = inject('reminder', 50 * MIN, { contingency: true, condition: { unlessHappened: ['report.submitted'] } });
  const followUp = inject('follow-up', 90 * MIN, { condition: { ifHappened: ['report.submitted'] } });

  it('skips the reminder once the report is in, and delivers the follow-up', () => {
    const s = started([reminder, followUp]);
    s.advance(40 * MIN, WALL);
    expect(s.dispatch({ type: 'level.approved', actor: CISO, data: { level: 3, by: 'ciso' }, wallIso: WALL }).ok).toBe(true);
    expect(s.dispatch({ type: 'report.submitted', actor: RC, data: { level: 3 }, wallIso: WALL }).ok).toBe(true);
    s.advance(H, WALL);
    expect(typesAt(s).slice(-2)).toEqual([
      ['inject.skipped', at(50 * MIN), 'reminder'],
      ['inject.delivered', at(90 * MIN), 'follow-up'],
    ]);
    expect(s.events().at(-2)!.data).toMatchObject({ reason: 'condition' });
  });

  it('delivers the reminder when no report has come, and skips the follow-up', () => {
    const s = started([reminder, followUp]);
    s.advance(2 * H, WALL);
    expect(typesAt(s).slice(-2)).toEqual([
      ['inject.delivered', at(50 * MIN), 'reminder'],
      ['inject.skipped', at(90 * MIN), 'follow-up'],
    ]);
  });

  it('judges each condition on the log at its own moment, even inside one big tick', () => {
    const s = started(
      [
        // At 20 min the outage (45 min) has not happened yet, although it has by the end of the tick.
        inject('if-outage', 20 * MIN, { condition: { ifHappened: ['outage.started'] } }),
        inject('outage', 45 * MIN, { world: [{ kind: 'outage.start', what: 'network' }] }),
        inject('unless-outage', 50 * MIN, { condition: { unlessHappened: ['outage.started'] } }),
        inject('if-outage-later', 55 * MIN, { condition: { ifHappened: ['outage.started'] } }),
      ],
      3600,
    );
    s.advance(2 * S, WALL); // two simulated hours in one tick
    expect(s.injectStates().map((i) => [i.inject.id, i.status, i.at])).toEqual([
      ['if-outage', 'skipped', at(20 * MIN)],
      ['outage', 'delivered', at(45 * MIN)],
      ['unless-outage', 'skipped', at(50 * MIN)],
      ['if-outage-later', 'delivered', at(55 * MIN)],
    ]);
  });
});

describe('a condition may look at an event\'s data', () => {
  const bureauCalls = inject('bureau-calls', 50 * MIN, {
    contingency: true,
    condition: { unlessHappened: [{ type: 'agency.notified', where: { channel: ['phone', 'taipeion'] } }] },
  });

  it.each([
    ['email', 'delivered'],
    ['phone', 'skipped'],
  ])('notified by %s at 30 min: the bureau-calls contingency is %s', (channel, status) => {
    const s = started([bureauCalls]);
    s.advance(30 * MIN, WALL);
    expect(s.dispatch({ type: 'agency.notified', actor: RC, data: { agency: '臺北市政府教育局', channel }, wallIso: WALL }).ok).toBe(true);
    s.advance(H, WALL);
    expect(s.injectStates().map((i) => [i.inject.id, i.status])).toEqual([['bureau-calls', status]]);
  });
});

describe('an outage blocks filing on the website (P11)', () => {
  it('refuses the website report, accepts the phone report, then the backfill after the outage', () => {
    const s = started([
      inject('power-cut', 20 * MIN, { world: [{ kind: 'outage.start', what: 'power' }] }),
      inject('power-back', 3 * H, { world: [{ kind: 'outage.end', what: 'power' }] }),
    ]);
    s.advance(30 * MIN, WALL);
    const refused = s.dispatch({ type: 'report.submitted', actor: RC, data: { level: 3 }, wallIso: WALL });
    expect(refused).toMatchObject({ ok: false, reason: { code: 'website-unreachable' } });
    const desk = s.availableActions('reporting-contact');
    expect(desk.find((a) => a.type === 'report.submitted')).toMatchObject({ enabled: false, reason: { code: 'website-unreachable' } });
    expect(desk.find((a) => a.type === 'report.phoned')).toMatchObject({ enabled: true });
    const phoned = s.dispatch({ type: 'report.phoned', actor: RC, data: { to: 'acs', reason: '停電', level: 3 }, wallIso: WALL });
    expect(phoned).toMatchObject({ ok: true, event: { type: 'report.phoned', at: at(30 * MIN), wall: WALL, actor: RC } });
    expect(s.summary().reporting).toBe('phoned');
    s.advance(3 * H, WALL);
    expect(s.summary().outage).toBe('none');
    expect(s.availableActions('reporting-contact').find((a) => a.type === 'report.phoned')).toBeUndefined();
    expect(s.dispatch({ type: 'report.submitted', actor: RC, data: { level: 3 } }).ok).toBe(true);
    expect(s.summary().reporting).toBe('reported');
  });
});

describe('dispatch', () => {
  it('records an accepted action at the clock\'s now with the wall time given', () => {
    const s = started([]);
    s.advance(40 * MIN, WALL);
    const r = s.dispatch({ type: 'report.submitted', actor: RC, data: { level: 2 }, wallIso: '2026-05-10T14:00:40+08:00' });
    expect(r).toMatchObject({ ok: true, event: { seq: 3, at: at(40 * MIN), wall: '2026-05-10T14:00:40+08:00', type: 'report.submitted', data: { level: 2 } } });
  });

  it.each([
    [{ type: 'report.submitted', actor: { role: 'reporting-contact' }, data: { level: 3 } }, 'actor-name-required'],
    [{ type: 'report.submitted', actor: { role: 'reporting-contact', name: '陳執行' }, data: { level: 3 } }, 'role-not-held'],
    [{ type: 'level.approved', actor: RC, data: { level: 3 } }, 'ciso-only'],
    [{ type: 'inject.delivered', actor: { role: 'facilitator', name: '主持人' }, data: { injectId: 'x' } }, 'scheduled-by-session'],
    [{ type: 'incident.aware', actor: { role: 'facilitator', name: '主持人' }, data: {} }, 'scheduled-by-session'],
    [{ type: 'report.submitted', actor: RC, data: { level: 9 } }, 'bad-data'],
  ] as const)('refuses %o with %s and writes nothing', (command, code) => {
    const s = started([]);
    const before = s.events().length;
    expect(s.dispatch(command as never)).toMatchObject({ ok: false, reason: { code } });
    expect(s.events().length).toBe(before);
  });

  it('accepts mistakes: a late, unapproved, under-levelled report', () => {
    const s = started([]);
    s.jumpBy(2 * H, WALL);
    expect(s.dispatch({ type: 'report.submitted', actor: RC, data: { level: 1 } }).ok).toBe(true);
  });

  it('refuses everything after the end', () => {
    const s = started([inject('x', H)]);
    expect(s.end(WALL).ok).toBe(true);
    expect(s.clock.isRunning()).toBe(false);
    expect(s.dispatch({ type: 'ui.note.added', actor: RC, data: {} })).toMatchObject({ ok: false, reason: { code: 'drill-ended' } });
    expect(s.jumpToNextInject(WALL)).toMatchObject({ ok: false, reason: { code: 'drill-ended' } });
    expect(s.availableActions('reporting-contact')).toEqual([]);
  });
});

describe('facilitator controls', () => {
  it('deliverNow delivers ahead of schedule (condition overridden), skip records the skip, and neither repeats', () => {
    const s = started([inject('early', 2 * H, { condition: { ifHappened: ['closure.submitted'] } }), inject('dropped', 3 * H)]);
    s.advance(10 * MIN, WALL);
    expect(s.deliverNow('early', WALL)).toMatchObject({ ok: true, event: { type: 'inject.delivered', at: at(10 * MIN) } });
    expect(s.skip('dropped', WALL)).toMatchObject({ ok: true, event: { type: 'inject.skipped', data: { injectId: 'dropped', reason: 'facilitator' } } });
    expect(s.deliverNow('early', WALL)).toMatchObject({ ok: false, reason: { code: 'inject-done' } });
    expect(s.skip('nope', WALL)).toMatchObject({ ok: false, reason: { code: 'unknown-inject' } });
    s.advance(5 * H, WALL);
    expect(s.events().filter((e) => e.type.startsWith('inject.')).length).toBe(2);
  });

  it('composeAdHoc delivers at once and the inbox shows it', () => {
    const s = started([inject('scheduled', H)]);
    s.advance(5 * MIN, WALL);
    const r = s.composeAdHoc({ to: 'commander', channel: 'news', sender: 'media', message: { zh: '記者來電詢問', en: 'A reporter calls' } }, WALL);
    expect(r.ok && r.events.map((e) => e.type)).toEqual(['inject.composed', 'inject.delivered']);
    expect(s.inbox('commander').map((i) => [i.inject.id, i.at])).toEqual([['adhoc-1', at(5 * MIN)]]);
    expect(s.inbox('reporting-contact')).toEqual([]);
    expect(s.events().at(-1)!.data).toMatchObject({ adHoc: true, message: { zh: '記者來電詢問' } });
  });

  it('jumpToNextInject lands on the inject\'s offset; jumpBy crosses injects', () => {
    const s = started([inject('a', 25 * MIN), inject('b', 80 * MIN)]);
    expect(s.jumpToNextInject(WALL)).toMatchObject({ ok: true, event: { data: { injectId: 'a' }, at: at(25 * MIN) } });
    expect(s.now()).toBe(T0 + 25 * MIN);
    s.jumpBy(2 * H, WALL);
    expect(s.injectStates()[1]).toMatchObject({ status: 'delivered', at: at(80 * MIN) });
    expect(s.jumpToNextInject(WALL)).toMatchObject({ ok: false, reason: { code: 'no-upcoming-inject' } });
    expect(s.jumpBy(-1, WALL)).toMatchObject({ ok: false, reason: { code: 'clock-backwards' } });
  });

  it('jumpToNextDeadline lands exactly on the next limit that scoring reports (report-1h, then team-formed at L1/2)', () => {
    const s = createDrillSession({ header: { ...header, scenario: { ...header.scenario, referenceLevel: 2, affectedAgencies: [] } }, injects: [inject('x', 2 * H)], t0Ms: T0 });
    s.start(WALL);
    s.dispatch({ type: 'level.approved', actor: CISO, data: { level: 2, by: 'ciso' } });
    s.dispatch({ type: 'report.submitted', actor: RC, data: { level: 2 } });
    // Reported at T0: the next limit not yet met is the L1/2 team (T0 + 3 h, P18); the review (P15) is DoIT's at report + 8 h.
    expect(s.jumpToNextDeadline(WALL)).toMatchObject({ ok: true });
    expect(s.now()).toBe(T0 + 3 * H); // exactly the limit: forming the team now is still on time
    expect(s.injectStates()[0]).toMatchObject({ status: 'delivered', at: at(2 * H) }); // crossed on the way
    expect(s.jumpToNextDeadline(WALL)).toMatchObject({ ok: true });
    expect(s.now()).toBe(T0 + 8 * H);
  });

  it('jumpToNextDeadline uses the scorer it is given, and refuses before T0', () => {
    const early = createDrillSession({ header, injects: [], t0Ms: T0, startMs: T0 - H });
    early.start(WALL);
    expect(early.jumpToNextDeadline(WALL)).toMatchObject({ ok: false, reason: { code: 'before-awareness' } });
    const none = createDrillSession({ header, injects: [], t0Ms: T0, scorer: () => ({ obligations: [], doit: [], score: 100, verdict: 'pass', passed: true }) });
    none.start(WALL);
    expect(none.jumpToNextDeadline(WALL)).toMatchObject({ ok: false, reason: { code: 'no-pending-deadline' } });
  });
});

describe('availableActions is data-driven by role and state', () => {
  it('offers the reporting contact the report before it is filed, and level change after', () => {
    const s = started([]);
    const before = s.availableActions('reporting-contact').map((a) => a.type);
    expect(before).toContain('report.submitted');
    expect(before).toContain('agency.notified'); // the scenario names an affected agency (P12)
    expect(before).not.toContain('level.change.requested');
    s.dispatch({ type: 'report.submitted', actor: RC, data: { level: 3 } });
    const after = s.availableActions('reporting-contact').map((a) => a.type);
    expect(after).not.toContain('report.submitted');
    expect(after).toContain('level.change.requested');
    expect(s.availableActions('ciso').map((a) => a.type)).toContain('level.approved');
    expect(s.availableActions('response-execution').map((a) => a.type)).toContain('action.isolated');
  });
});
