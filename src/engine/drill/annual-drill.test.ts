/**
 * The annual drill in the engine (issue 12): auto-pause, undoing a skip, scripted reviews, awareness declared in play.
 * Auto-pause: at 3600× a reporting hour goes by in one real second, so the live clock
 * can stop by itself at an inject's moment or at a limit. The moments come from the clock's agenda
 * and the score, never from the wall clock: ticks are handed in as real elapsed milliseconds.
 */
import { describe, expect, it } from 'vitest';
import { createDrillSession, type SessionHeader } from './drill-session';
import type { ScheduledInject } from './inject';
import { formatTaipei } from '../time/taipei';

const T0 = Date.UTC(2026, 2, 2, 1, 0, 0); // 2026-03-02T09:00:00+08:00
const MIN = 60_000;
const H = 60 * MIN;

const header: SessionHeader = {
  agency: { name: '臺北市政府測試局', type: 'agency', hasItUnit: true, hasSecurityOfficer: true },
  scenario: { id: 'auto-pause', referenceLevel: 3, malware: true, backup: 'none' },
  participants: [
    { name: '主持人', roles: ['facilitator'] },
    { name: '王通報', roles: ['reporting-contact'], position: 'security-officer' },
  ],
  mode: 'tabletop',
};

const inject = (id: string, offsetMs: number): ScheduledInject => ({
  id,
  offsetMs,
  title: { zh: id, en: id },
  message: { zh: '內容', en: 'Message' },
  sender: 'soc',
  to: 'reporting-contact',
  channel: 'phone',
  expected: [],
});

function running(injects: ScheduledInject[], speed = 3600) {
  const s = createDrillSession({ header, injects, t0Ms: T0, speed });
  expect(s.start().ok).toBe(true);
  return s;
}

describe('auto-pause', () => {
  it('off: one real second at 3600× runs a whole hour through injects and limits', () => {
    const s = running([inject('a', 20 * MIN)]);
    s.advance(1000);
    expect(s.now()).toBe(T0 + H);
    expect(s.clock.isRunning()).toBe(true);
  });

  it('stops exactly at an inject’s moment, after delivering it, and the rest of the tick is not run', () => {
    const s = running([inject('a', 20 * MIN), inject('b', 40 * MIN)]);
    s.setAutoPause({ injects: true, limits: false });
    s.advance(1000);
    expect(s.now()).toBe(T0 + 20 * MIN);
    expect(s.clock.isRunning()).toBe(false);
    expect(s.events().at(-1)).toMatchObject({ type: 'inject.delivered', at: formatTaipei(T0 + 20 * MIN), data: { injectId: 'a' } });
    // Paused, ticks do nothing; resumed, it runs to the next inject.
    s.advance(1000);
    expect(s.now()).toBe(T0 + 20 * MIN);
    s.resume();
    s.advance(1000);
    expect(s.now()).toBe(T0 + 40 * MIN);
    expect(s.events().at(-1)?.data.injectId).toBe('b');
  });

  it('a tick that does not reach the next moment runs as usual', () => {
    const s = running([inject('a', 20 * MIN)]);
    s.setAutoPause({ injects: true, limits: true });
    s.advance(100); // 6 simulated minutes
    expect(s.now()).toBe(T0 + 6 * MIN);
    expect(s.clock.isRunning()).toBe(true);
  });

  it('stops at the next open limit: the report hour ends at T0 + 1 h exactly (still met there), then the next limit', () => {
    const s = running([]);
    s.setAutoPause({ injects: false, limits: true });
    s.advance(2000);
    expect(s.clock.isRunning()).toBe(false);
    expect(s.now()).toBe(T0 + H);
    s.resume();
    s.advance(100_000);
    // The next open limit of this level-3 drill with nothing done (36 h: the recovery limit).
    expect(s.now()).toBe(T0 + 36 * H);
    expect(s.autoPause()).toEqual({ injects: false, limits: true });
  });

  it('jumps are the facilitator’s choice and do not stop', () => {
    const s = running([inject('a', 20 * MIN)]);
    s.setAutoPause({ injects: true, limits: true });
    s.jumpBy(2 * H);
    expect(s.now()).toBe(T0 + 2 * H);
  });
});

describe('undoing a skip', () => {
  it('works while the inject’s moment is ahead, and is refused once it has passed or for a condition’s skip', () => {
    const s = running([inject('a', 20 * MIN), inject('b', 40 * MIN)], 1);
    s.pause();
    expect(s.skip('a').ok).toBe(true);
    expect(s.injectStates().find((i) => i.inject.id === 'a')).toMatchObject({ status: 'skipped', skippedBy: 'facilitator' });
    expect(s.unskip('a').ok).toBe(true);
    expect(s.injectStates().find((i) => i.inject.id === 'a')?.status).toBe('upcoming');
    // Upcoming again: delivered at its moment.
    s.jumpBy(20 * MIN);
    expect(s.events().at(-1)).toMatchObject({ type: 'inject.delivered', data: { injectId: 'a' } });

    expect(s.skip('b').ok).toBe(true);
    s.jumpBy(20 * MIN); // exactly at b's moment: passed
    const late = s.unskip('b');
    expect(late.ok).toBe(false);
    if (!late.ok) expect(late.reason.code).toBe('inject-time-passed');
    expect(s.unskip('a').ok).toBe(false);
  });
});

describe('a scripted review (P15)', () => {
  const review: ScheduledInject = {
    ...inject('doit-review', 110 * MIN),
    message: { zh: '資訊局完成審核，{{reviewOutcome}}。', en: 'DoIT has reviewed the report and {{reviewOutcome}}.' },
    world: [{ kind: 'level.review', level: 3 }],
  };
  const RC = { role: 'reporting-contact' as const, name: '王通報' };

  it('played by the facilitator: recorded in the facilitator’s name, its text from the log (a level-2 report is raised, not "kept")', () => {
    const s = running([review], 1);
    s.pause();
    expect(s.dispatch({ type: 'report.submitted', actor: RC, data: { level: 2 } }).ok).toBe(true);
    s.jumpBy(2 * H);
    const reviewed = s.events().find((e) => e.type === 'level.reviewed');
    expect(reviewed).toMatchObject({ actor: { role: 'doit-reviewer', name: '主持人' }, data: { level: 3 } });
    const [msg] = s.inbox('reporting-contact');
    expect(msg.inject.message).toEqual({ zh: '資訊局完成審核，將等級由第二級調升為第三級。', en: 'DoIT has reviewed the report and raises the level from 2 to 3.' });
  });

  it('the same inject after a level-3 report keeps level 3', () => {
    const s = running([review], 1);
    s.pause();
    s.dispatch({ type: 'report.submitted', actor: RC, data: { level: 3 } });
    s.jumpBy(2 * H);
    expect(s.inbox('reporting-contact')[0].inject.message.zh).toBe('資訊局完成審核，維持第三級。');
  });

  it('with a held reviewer seat: a task on the reviewer’s desk, nothing recorded until the reviewer acts, then in their name', () => {
    const withReviewer: SessionHeader = { ...header, participants: [...header.participants, { name: '資訊局審核員', roles: ['doit-reviewer'] }] };
    const s = createDrillSession({ header: withReviewer, injects: [review], t0Ms: T0 });
    s.start();
    s.pause();
    s.dispatch({ type: 'report.submitted', actor: RC, data: { level: 2 } });
    s.jumpBy(2 * H);
    expect(s.events().some((e) => e.type === 'level.reviewed')).toBe(false);
    expect(s.inbox('reporting-contact')).toEqual([]);
    const [task] = s.inbox('doit-reviewer');
    expect(task.reviewTask).toBe(true);
    expect(task.inject.message.zh).toContain('審核事件等級並說明依據');
    expect(task.inject.message.zh).toContain('第三級');
    const res = s.dispatch({ type: 'level.reviewed', actor: { role: 'doit-reviewer', name: '資訊局審核員' }, data: { level: 3, basis: '境外連線' } });
    expect(res.ok).toBe(true);
    expect(s.events().at(-1)).toMatchObject({ type: 'level.reviewed', actor: { role: 'doit-reviewer', name: '資訊局審核員' } });
  });
});

describe('awareness declared in play (before T0)', () => {
  const soc: ScheduledInject = { ...inject('soc-mail', -45 * MIN), title: { zh: 'SOC 告警郵件', en: 'SOC e-mail' } };
  const later = inject('ransom-note', 10 * MIN);
  const RC = { role: 'reporting-contact' as const, name: '王通報' };

  it('sets T0 at the declared moment, records who declared it and the scripted T0, and moves what counts from T0', () => {
    const s = createDrillSession({ header, injects: [soc, later], t0Ms: T0, startMs: T0 - 45 * MIN });
    s.start();
    s.pause();
    expect(s.inbox('reporting-contact').map((i) => i.inject.id)).toEqual(['soc-mail']);
    s.jumpBy(15 * MIN); // 08:30 simulated; scripted T0 is 09:00
    const res = s.dispatch({ type: 'incident.aware', actor: RC });
    expect(res.ok).toBe(true);
    expect(s.t0Ms).toBe(T0 - 30 * MIN);
    expect(s.snapshot().t0Ms).toBe(T0 - 30 * MIN);
    const aware = s.events().filter((e) => e.type === 'incident.aware');
    expect(aware).toHaveLength(1);
    expect(aware[0]).toMatchObject({ at: formatTaipei(T0 - 30 * MIN), actor: RC, data: { declared: true, scriptedT0: formatTaipei(T0) } });
    // The scripted awareness does not fire again at 09:00; the next inject counts from the declared T0.
    s.jumpBy(60 * MIN);
    expect(s.events().filter((e) => e.type === 'incident.aware')).toHaveLength(1);
    expect(s.events().find((e) => e.data.injectId === 'ransom-note')?.at).toBe(formatTaipei(T0 - 20 * MIN));
    // A second declaration is refused (awareness happens once).
    expect(s.dispatch({ type: 'incident.aware', actor: RC }).ok).toBe(false);
  });

  it('restores from the record with the declared T0', () => {
    const s = createDrillSession({ header, injects: [soc, later], t0Ms: T0, startMs: T0 - 45 * MIN });
    s.start();
    s.pause();
    s.jumpBy(15 * MIN);
    s.dispatch({ type: 'incident.aware', actor: RC });
    // A session rebuilt from the log with the scripted T0 (as a replica window or a reload does) takes the log's.
    const replica = createDrillSession({ header, injects: [soc, later], t0Ms: T0, events: s.record().events });
    expect(replica.t0Ms).toBe(T0 - 30 * MIN);
    expect(replica.events()).toHaveLength(s.events().length);
  });
});
