import { describe, expect, it } from 'vitest';
import { recordBuilder, type RecordBuilder, type RecordBuilderOptions } from '../record/record-builder';
import type { DrillRecord } from '../record/schema';
import type { ObligationId, ObligationStatus } from '../record/vocabulary';
import { parseIsoMs } from '../time/taipei';
import { computeScore, verdictOf, nextDeadline, scoreRecord, toContractJson, type ScoreOptions } from './score';
import { DEFAULT_STANDARD, resolveStandard } from './standard';
import type { ObligationResult } from './types';

const GOOD_TEAM: Parameters<RecordBuilder['team']>[1] = [
  ['commander', 'ciso'],
  ['executive-secretary', 'it-unit-head'],
  ['reporting-contact', 'security-officer'],
  ['intel-planning', 'it-unit-head'],
  ['response-execution', 'affected-unit-head'],
];

function get(record: DrillRecord, id: ObligationId, options?: ScoreOptions): ObligationResult {
  const r = scoreRecord(record, options);
  const o = [...r.obligations, ...r.doit].find((x) => x.id === id);
  if (o === undefined) throw new Error(`no ${id}`);
  return o;
}
const statusOf = (record: DrillRecord, id: ObligationId, options?: ScoreOptions): ObligationStatus => get(record, id, options).status;

/** Approved and reported at `level` 10 / 40 minutes after T0 by the right people. */
const reported = (o: RecordBuilderOptions = {}, level = o.level ?? 3) =>
  recordBuilder(o).on('10m', 'level.approved', { level, by: 'ciso' }, 'ciso').on('40m', 'report.submitted', { level }, 'reporting-contact');

describe('report-1h (P10): T0 + 1 h, exact', () => {
  it.each<[string, ObligationStatus, number]>([
    ['59m59s', 'met', 0],
    ['1h', 'met', 0],
    ['1h0m1s', 'late', 1],
    ['1h1m', 'late', 1],
    ['1h1m1s', 'late', 2],
    ['30h', 'late', 1740],
  ])('filed at T0 + %s → %s', (at, status, late) => {
    const rec = recordBuilder().on('5m', 'level.approved', { level: 3 }, 'ciso').on(at, 'report.submitted', { level: 3 }, 'reporting-contact').build();
    const o = get(rec, 'report-1h');
    expect([o.status, o.lateByMinutes, o.due]).toEqual([status, late, '2026-03-02T10:00:00+08:00']);
  });

  it.each<[string, ObligationStatus]>([
    ['1h', 'not-reached'],
    ['1h0m1s', 'missed'],
  ])('not filed, evaluated at T0 + %s → %s', (end, status) => {
    expect(statusOf(recordBuilder().on(end, 'drill.ended').build(), 'report-1h')).toBe(status);
  });

  it('is violated when filed by someone other than the reporting contact, even on time', () => {
    const rec = recordBuilder().on('5m', 'level.approved', { level: 3 }, 'ciso').on('20m', 'report.submitted', { level: 3 }, 'response-execution').build();
    const o = get(rec, 'report-1h');
    expect(o.status).toBe('violated');
    expect(o.reasons[0]).toBe('filed by response-execution, not the reporting contact (P6, P10)');
  });

  it('judges the first report only (a second report does not cure it)', () => {
    const rec = recordBuilder().on('20m', 'report.submitted', { level: 3 }, 'vendor').on('30m', 'report.submitted', { level: 3 }, 'reporting-contact').build();
    expect(statusOf(rec, 'report-1h')).toBe('violated');
  });

  it('counts a phone report to ACS only while an outage is in progress', () => {
    const noOutage = recordBuilder().on('20m', 'report.phoned', { to: 'acs', reason: 'x', level: 3 }, 'reporting-contact').on('2h', 'drill.ended').build();
    expect(statusOf(noOutage, 'report-1h')).toBe('missed');
    expect(get(noOutage, 'report-1h').reasons[0]).toMatch(/no outage in progress and does not count/);
    const outage = recordBuilder()
      .on('5m', 'outage.started', { what: 'network' })
      .on('20m', 'report.phoned', { to: 'acs', reason: 'network down', level: 3 }, 'reporting-contact')
      .on('2h', 'drill.ended')
      .build();
    expect(statusOf(outage, 'report-1h')).toBe('met');
  });
});

describe('report-fallback and report-backfill (P11)', () => {
  const withOutage = (startAt: string, endAt: string | null, phoneAt: string | null, backfillAt: string | null, ended = '3h') => {
    const b = recordBuilder().on('5m', 'level.approved', { level: 3 }, 'ciso').on(startAt, 'outage.started', { what: 'network' });
    const events: Array<[string, () => void]> = [];
    if (phoneAt) events.push([phoneAt, () => b.on(phoneAt, 'report.phoned', { to: 'acs', reason: 'network down', level: 3 }, 'reporting-contact')]);
    if (endAt) events.push([endAt, () => b.on(endAt, 'outage.ended', { what: 'network' })]);
    if (backfillAt) events.push([backfillAt, () => b.on(backfillAt, 'report.submitted', { level: 3 }, 'reporting-contact')]);
    events.sort((x, y) => parseIsoMs(b.time(x[0])) - parseIsoMs(b.time(y[0])));
    for (const [, add] of events) add();
    return b.on(ended, 'drill.ended').build();
  };

  it.each<[string, DrillRecord, ObligationStatus, ObligationStatus]>([
    ['phone within the hour, backfill after the outage', withOutage('10m', '2h', '30m', '2h10m'), 'met', 'met'],
    ['phone at exactly T0 + 1 h', withOutage('10m', '2h', '1h', '2h10m'), 'met', 'met'],
    ['phone one second late', withOutage('10m', '2h', '1h0m1s', '2h10m'), 'late', 'met'],
    ['no phone, hour passed', withOutage('10m', '2h', null, '2h10m'), 'missed', 'not-applicable'],
    ['phone, outage never ends', withOutage('10m', null, '30m', null), 'met', 'not-reached'],
    // Settled point 5: the outage has ended and no backfill exists at the evaluation time → missed (no limit, never late).
    ['phone, outage ended, no backfill by the end', withOutage('10m', '2h', '30m', null), 'met', 'missed'],
    ['phone, backfill long after the outage ended: met, never late', withOutage('10m', '2h', '30m', '70h'), 'met', 'met'],
    ['outage starting after the hour', withOutage('1h0m1s', '2h', null, '2h10m'), 'not-applicable', 'not-applicable'],
    ['outage starting exactly at the hour', withOutage('1h', '2h', null, '2h10m'), 'missed', 'not-applicable'],
  ])('%s', (_name, rec, fallback, backfill) => {
    expect([statusOf(rec, 'report-fallback'), statusOf(rec, 'report-backfill')]).toEqual([fallback, backfill]);
  });

  it('does not apply when the website report was filed before the outage began', () => {
    const rec = reported().on('45m', 'outage.started', { what: 'power' }).on('2h', 'drill.ended').build();
    expect(statusOf(rec, 'report-fallback')).toBe('not-applicable');
  });

  it('a backfill filed before the outage ended does not count', () => {
    const rec = recordBuilder()
      .on('10m', 'outage.started', { what: 'network' })
      .on('20m', 'report.phoned', { to: 'acs', reason: 'down', level: 3 }, 'reporting-contact')
      .on('30m', 'report.submitted', { level: 3 }, 'reporting-contact')
      .on('40m', 'outage.ended', { what: 'network' })
      .on('2h', 'drill.ended')
      .build();
    // Settled point 5: the outage has ended with no report.submitted after it → missed.
    expect(statusOf(rec, 'report-backfill')).toBe('missed');
  });

  it('settled point 4: a website report filed by T0 + 1 h (after the outage) means no phone report is owed', () => {
    const rec = recordBuilder().on('10m', 'outage.started', { what: 'network' }).on('30m', 'outage.ended', {}).on('1h', 'report.submitted', { level: 3 }, 'reporting-contact').on('2h', 'drill.ended').build();
    expect(statusOf(rec, 'report-fallback')).toBe('not-applicable');
    const after = recordBuilder().on('10m', 'outage.started', { what: 'network' }).on('30m', 'outage.ended', {}).on('1h0m1s', 'report.submitted', { level: 3 }, 'reporting-contact').on('2h', 'drill.ended').build();
    expect(statusOf(after, 'report-fallback')).toBe('missed');
  });

  it('settled point 3: an outage.ended of another kind still ends the outage; a second start while down changes nothing', () => {
    const rec = recordBuilder()
      .on('10m', 'outage.started', { what: 'network' })
      .on('15m', 'outage.started', { what: 'power' })
      .on('20m', 'outage.ended', { what: 'power' })
      .on('25m', 'report.phoned', { reason: 'down' }, 'reporting-contact')
      .on('2h', 'drill.ended')
      .build();
    // The phone call at 25m came after the only outage had ended: it does not count, and fallback is missed.
    expect([statusOf(rec, 'report-fallback'), statusOf(rec, 'report-1h'), statusOf(rec, 'report-backfill')]).toEqual(['missed', 'missed', 'not-applicable']);
  });

  it('a phone report without a reason is violated', () => {
    const rec = recordBuilder().on('10m', 'outage.started', {}).on('20m', 'report.phoned', { to: 'acs' }, 'reporting-contact').on('2h', 'drill.ended').build();
    expect(statusOf(rec, 'report-fallback')).toBe('violated');
  });
});

describe('report-approval and level-assessment (P10, P15)', () => {
  it.each<[string, RecordBuilder, ObligationStatus]>([
    ['approved before the report', reported(), 'met'],
    ['report before approval', recordBuilder().on('10m', 'report.submitted', { level: 3 }, 'reporting-contact').on('20m', 'level.approved', { level: 3 }, 'ciso'), 'violated'],
    ['phone report before approval', recordBuilder().on('5m', 'outage.started', {}).on('10m', 'report.phoned', { to: 'acs', reason: 'r' }, 'reporting-contact').on('20m', 'level.approved', { level: 3 }, 'ciso'), 'violated'],
    // Settled point 8: with no report, report-1h's limit even when an approval exists.
    ['approval, no report yet', recordBuilder().on('10m', 'level.approved', { level: 3, by: 'ciso' }, 'ciso').on('30m', 'drill.ended'), 'not-reached'],
    ['approval, no report, hour passed', recordBuilder().on('10m', 'level.approved', { level: 3, by: 'ciso' }, 'ciso').on('1h0m1s', 'drill.ended'), 'missed'],
    // Settled point 8: only by ciso or authorized is an approval.
    ['approved by authorized before the report', recordBuilder().on('10m', 'level.approved', { level: 3, by: 'authorized' }, 'ciso').on('20m', 'report.submitted', { level: 3 }, 'reporting-contact'), 'met'],
    ['approved by someone else before the report', recordBuilder().on('10m', 'level.approved', { level: 3, by: 'deputy' }, 'ciso').on('20m', 'report.submitted', { level: 3 }, 'reporting-contact'), 'violated'],
    ['nothing, hour not passed', recordBuilder().on('1h', 'drill.ended'), 'not-reached'],
    ['nothing, hour passed', recordBuilder().on('1h0m1s', 'drill.ended'), 'missed'],
  ])('report-approval: %s → %s', (_n, b, status) => expect(statusOf(b.build(), 'report-approval')).toBe(status));

  it.each<[number, ObligationStatus, number]>([
    [2, 'violated', 1],
    [3, 'met', 0],
    [4, 'met', 0],
  ])('reported level %i against reference 3 → %s', (level, status, reasons) => {
    const o = get(reported({ level: 3 }, level as 1).build(), 'level-assessment');
    expect([o.status, o.reasons.length]).toEqual([status, reasons]);
    if (level === 4) expect(o.notes?.[0]).toMatch(/over-report/);
  });

  it('uses a phone report with a level when it comes first', () => {
    const rec = recordBuilder().on('5m', 'outage.started', {}).on('10m', 'report.phoned', { to: 'acs', reason: 'r', level: 2 }, 'reporting-contact').on('20m', 'report.submitted', { level: 3 }, 'reporting-contact').build();
    expect(statusOf(rec, 'level-assessment')).toBe('violated');
  });

  it('no report: missed with report-1h limit', () => {
    expect(statusOf(recordBuilder().on('1h0m1s', 'drill.ended').build(), 'level-assessment')).toBe('missed');
    expect(statusOf(recordBuilder().on('59m', 'drill.ended').build(), 'level-assessment')).toBe('not-reached');
  });
});

describe('team-formed (P18) and the level in force', () => {
  it.each<[string, number, ObligationStatus]>([
    ['59m59s', 3, 'met'],
    ['1h', 3, 'met'],
    ['1h0m1s', 3, 'late'],
    ['1h0m1s', 2, 'met'],
    ['3h', 1, 'met'],
    ['3h0m1s', 2, 'late'],
  ])('formed at T0 + %s, reported level %i → %s', (at, level, status) => {
    const rec = reported({ level: level as 1 }).team(at, GOOD_TEAM).build();
    expect(statusOf(rec, 'team-formed')).toBe(status);
  });

  it('a team formed at L2 keeps the 3 h limit when the level is raised to 3 later', () => {
    const rec = reported({ level: 3 }, 2).team('2h', GOOD_TEAM).on('2h30m', 'level.reviewed', { level: 3 }, 'doit-reviewer').on('4h', 'drill.ended').build();
    const o = get(rec, 'team-formed');
    expect([o.status, o.due]).toEqual(['met', '2026-03-02T12:00:00+08:00']);
  });

  it('a team formed after the level was raised to 3 has the 1 h limit', () => {
    const rec = reported({ level: 3 }, 2).on('50m', 'level.reviewed', { level: 3 }, 'doit-reviewer').team('2h', GOOD_TEAM).build();
    const o = get(rec, 'team-formed');
    expect([o.status, o.due, o.lateByMinutes]).toEqual(['late', '2026-03-02T10:00:00+08:00', 60]);
  });

  it('settled point 1: a review at the same moment as the team but later in seq is not in force for it; one earlier in seq is', () => {
    const rec = reported({ level: 3 }, 2).team('2h', GOOD_TEAM).on('2h', 'level.reviewed', { level: 3 }, 'doit-reviewer').build();
    const o = get(rec, 'team-formed');
    expect([o.status, o.due]).toEqual(['met', '2026-03-02T12:00:00+08:00']);
    const before = reported({ level: 3 }, 2).on('2h', 'level.reviewed', { level: 3 }, 'doit-reviewer').team('2h', GOOD_TEAM).build();
    expect([get(before, 'team-formed').status, get(before, 'team-formed').due]).toEqual(['late', '2026-03-02T10:00:00+08:00']);
  });

  it('a level lowered by review before the team forms gives the 3 h limit', () => {
    const rec = reported({ level: 3 }).on('50m', 'level.reviewed', { level: 2 }, 'doit-reviewer').team('2h', GOOD_TEAM).build();
    expect(statusOf(rec, 'team-formed')).toBe('met');
  });

  it.each<[string, RecordBuilder, ObligationStatus]>([
    ['no team, the reference level 3 at the evaluation: 1 h', recordBuilder({ level: 3 }).on('2h', 'drill.ended'), 'missed'],
    ['no team, the reference level 1: 3 h', recordBuilder({ level: 1 }).on('2h', 'drill.ended'), 'not-reached'],
    ['no team, approved level 1 beats reference 3', recordBuilder({ level: 3 }).on('5m', 'level.approved', { level: 1, by: 'ciso' }, 'ciso').on('2h', 'drill.ended'), 'not-reached'],
    // Settled point 8: a level.approved with no approver named is not an approval, so the reference level 3 stands.
    ['no team, an approval with no by is ignored', recordBuilder({ level: 3 }).on('5m', 'level.approved', { level: 1 }, 'ciso').on('2h', 'drill.ended'), 'missed'],
    ['no team, first report level beats approval', recordBuilder({ level: 1 }).on('5m', 'level.approved', { level: 1 }, 'ciso').on('10m', 'report.submitted', { level: 3 }, 'reporting-contact').on('2h', 'drill.ended'), 'missed'],
    ['first report level applies even before the report was filed', recordBuilder({ level: 1 }).team('2h', GOOD_TEAM).on('2h10m', 'report.submitted', { level: 4 }, 'reporting-contact'), 'late'],
    ['review at the evaluation decides for a team not formed', reported({ level: 1 }, 1).on('1h', 'level.reviewed', { level: 3 }, 'doit-reviewer').on('2h', 'drill.ended'), 'missed'],
  ])('%s → %s', (_n, b, status) => expect(statusOf(b.build(), 'team-formed')).toBe(status));

  it('judges the first team.formed (a second does not cure a late first)', () => {
    const rec = reported().team('2h', GOOD_TEAM).team('2h10m', GOOD_TEAM).build();
    expect(get(rec, 'team-formed').doneAt).toBe('2026-03-02T11:00:00+08:00');
  });
});

describe('team-roles (P19, Att.3)', () => {
  it('is met for a team that fits and violated, one reason per broken rule, for one that does not', () => {
    expect(statusOf(reported().team('30m', GOOD_TEAM).build(), 'team-roles')).toBe('met');
    const bad = get(reported().team('30m', [['commander', 'it-unit-head'], ['reporting-contact', 'vendor'], ['intel-planning', 'it-staff'], ['response-execution', 'affected-subunit-head']]).build(), 'team-roles');
    expect(bad.status).toBe('violated');
    expect(bad.reasons).toHaveLength(2);
    expect(bad.reasons[0]).toMatch(/^reporting contact is held by vendor/);
  });

  it('uses the level in force when formed (IT head may command at L2, and the team stays fine after raising to 3)', () => {
    const team: Parameters<RecordBuilder['team']>[1] = [['commander', 'it-unit-head'], ['reporting-contact', 'security-officer'], ['intel-planning', 'it-staff'], ['response-execution', 'affected-subunit-head']];
    expect(statusOf(reported({ level: 2 }).team('30m', team).on('2h', 'level.reviewed', { level: 3 }, 'doit-reviewer').build(), 'team-roles')).toBe('met');
    expect(statusOf(reported({ level: 2 }).on('20m', 'level.reviewed', { level: 3 }, 'doit-reviewer').team('30m', team).build(), 'team-roles')).toBe('violated');
  });

  it('a team.adjusted (P19) accepts the team: met, broken rules kept as notes', () => {
    const o = get(reported().team('30m', [['commander', 'it-unit-head'], ['reporting-contact', 'security-officer'], ['intel-planning', 'it-unit-head'], ['response-execution', 'affected-unit-head']]).on('35m', 'team.adjusted', { reason: 'small office' }, 'commander').build(), 'team-roles');
    expect(o.status).toBe('met');
    expect(o.notes?.at(-1)).toBe('composition accepted as formed by team.adjusted (seq 5, P19): small office');
    expect(o.notes?.[0]).toMatch(/incident commander is held by it-unit-head/);
  });

  it('settled point 9: only the commander or the facilitator adjusts, whenever; never excusing the reporting-contact rule', () => {
    const odd: Parameters<RecordBuilder['team']>[1] = [['commander', 'it-unit-head'], ['reporting-contact', 'security-officer'], ['intel-planning', 'it-unit-head'], ['response-execution', 'affected-unit-head']];
    expect(statusOf(reported().team('30m', odd).on('35m', 'team.adjusted', { reason: 'x' }, 'executive-secretary').build(), 'team-roles')).toBe('violated');
    expect(statusOf(reported().on('20m', 'team.adjusted', { reason: 'x' }, 'facilitator').team('30m', odd).build(), 'team-roles')).toBe('met');
    const vendorContact: Parameters<RecordBuilder['team']>[1] = [['commander', 'it-unit-head'], ['reporting-contact', 'vendor'], ['intel-planning', 'it-unit-head'], ['response-execution', 'affected-unit-head']];
    const o = get(reported().team('30m', vendorContact).on('35m', 'team.adjusted', { reason: 'x' }, 'commander').build(), 'team-roles');
    expect([o.status, o.reasons.length]).toEqual(['violated', 1]);
    expect(o.reasons[0]).toMatch(/^reporting contact is held by vendor/);
  });

  it('no team: missed with team-formed’s limit', () => {
    expect(statusOf(reported().on('1h0m1s', 'drill.ended').build(), 'team-roles')).toBe('missed');
  });
});

describe('response-meeting (P20)', () => {
  const base = () => reported().team('30m', GOOD_TEAM);
  it.each<[string, RecordBuilder, ObligationStatus]>([
    ['after containment, chaired by the commander, overview and scope', base().on('2h', 'containment.initial').on('3h', 'meeting.held', { chair: 'commander', topics: ['overview', 'scope', 'other'] }, 'commander'), 'met'],
    ['a kick-off before containment is ignored', base().on('1h', 'meeting.held', { chair: 'ciso', topics: [] }, 'commander').on('2h', 'containment.initial').on('3h', 'meeting.held', { chair: 'commander', topics: ['overview', 'scope'] }, 'commander'), 'met'],
    ['only a meeting before containment', base().on('1h', 'meeting.held', { chair: 'commander', topics: ['overview', 'scope'] }, 'commander').on('2h', 'containment.initial').on('36h0m1s', 'drill.ended'), 'missed'],
    ['chaired by the ciso', base().on('2h', 'containment.initial').on('3h', 'meeting.held', { chair: 'executive-secretary', topics: ['overview', 'scope'] }, 'commander'), 'violated'],
    ['no scope', base().on('2h', 'containment.initial').on('3h', 'meeting.held', { chair: 'commander', topics: ['overview'] }, 'commander'), 'violated'],
    ['after the recovery limit (L3: 36 h)', base().on('2h', 'containment.initial').on('36h0m1s', 'meeting.held', { chair: 'commander', topics: ['overview', 'scope'] }, 'commander'), 'late'],
    ['exactly at the recovery limit', base().on('2h', 'containment.initial').on('36h', 'meeting.held', { chair: 'commander', topics: ['overview', 'scope'] }, 'commander'), 'met'],
  ])('%s → %s', (_n, b, status) => expect(statusOf(b.build(), 'response-meeting')).toBe(status));
});

describe('recovery (P21) and what shares its limit', () => {
  it.each<[number, string, ObligationStatus]>([
    [3, '36h', 'met'],
    [3, '36h0m1s', 'late'],
    [4, '35h59m59s', 'met'],
    [2, '72h', 'met'],
    [1, '72h0m1s', 'late'],
    [2, '36h0m1s', 'met'],
  ])('level %i, recovered at T0 + %s → %s', (level, at, status) => {
    expect(statusOf(reported({ level: level as 1 }).on(at, 'recovery.completed', { registeredOnWebsite: true }, 'response-execution').build(), 'recovery')).toBe(status);
  });

  it('is violated when not registered on the website', () => {
    expect(statusOf(reported().on('2h', 'recovery.completed', { registeredOnWebsite: false }).build(), 'recovery')).toBe('violated');
    expect(statusOf(reported().on('2h', 'recovery.completed', {}).build(), 'recovery')).toBe('violated');
  });

  it.each<[string, ObligationStatus]>([
    ['36h', 'not-reached'],
    ['36h0m1s', 'missed'],
  ])('not recovered, drill ended at T0 + %s → %s', (end, status) => {
    expect(statusOf(reported().on(end, 'drill.ended').build(), 'recovery')).toBe(status);
  });

  it.each<[string, Record<string, unknown>, ObligationStatus]>([
    ['public true', { public: true }, 'met'],
    ['public false', { public: false }, 'met'],
    // Settled point 12: a missing `public` is a decision not to announce.
    ['no decision content', {}, 'met'],
  ])('announcement-decision: %s → %s', (_n, data, status) => {
    expect(statusOf(reported().on('3h', 'announcement.decided', data, 'commander').build(), 'announcement-decision')).toBe(status);
  });

  it('settled point 13: the announcement decision by anyone but the commander is violated (the first one is judged)', () => {
    expect(statusOf(reported().on('3h', 'announcement.decided', { public: true }, 'press-contact').on('4h', 'announcement.decided', { public: true }, 'commander').build(), 'announcement-decision')).toBe('violated');
  });
});

describe('effectiveness-report (P23(1)) and recipients', () => {
  const rec = (to: string[], opts: RecordBuilderOptions = {}, recoverFirst = true) => {
    const b = reported(opts);
    if (recoverFirst) b.on('5h', 'recovery.completed', { registeredOnWebsite: true });
    return b.on('6h', 'effectiveness.reported', { to }, 'response-execution').build();
  };
  it.each<[string, DrillRecord, ObligationStatus]>([
    ['all recipients', rec(['commander', 'team', 'superior', 'doit']), 'met'],
    ['extra recipients are fine', rec(['commander', 'team', 'superior', 'doit', 'ethics']), 'met'],
    ['no doit', rec(['commander', 'team', 'superior']), 'violated'],
    ['DoIT itself need not copy doit', rec(['commander', 'team', 'superior'], { agency: { type: 'doit' } }), 'met'],
    ['administrative corporation defaults to supervisory', rec(['commander', 'team', 'supervisory', 'doit'], { agency: { type: 'administrative-corporation' } }), 'met'],
    ['administrative corporation: superior is not its default', rec(['commander', 'team', 'superior', 'doit'], { agency: { type: 'administrative-corporation' } }), 'violated'],
    ['explicit oversight: both', rec(['commander', 'team', 'superior', 'doit'], { agency: { oversight: ['superior', 'supervisory'] } }), 'violated'],
    ['before recovery', rec(['commander', 'team', 'superior', 'doit'], {}, false), 'violated'],
    ['level 2: not applicable', rec(['commander'], { level: 2 }), 'not-applicable'],
  ])('%s → %s', (_n, r, status) => expect(statusOf(r, 'effectiveness-report')).toBe(status));

  it('shares recovery’s limit, even when the level changed between the two', () => {
    // level 2 when the meeting was held (72 h), raised to 3 before recovery: recovery's limit is 36 h
    const r = reported({ level: 2 })
      .on('2h', 'containment.initial')
      .on('40h', 'meeting.held', { chair: 'commander', topics: ['overview', 'scope'] }, 'commander')
      .on('41h', 'level.reviewed', { level: 3 }, 'doit-reviewer')
      .on('50h', 'recovery.completed', { registeredOnWebsite: true })
      .build();
    expect(get(r, 'recovery').due).toBe('2026-03-03T21:00:00+08:00');
    expect(get(r, 'response-meeting').due).toBe('2026-03-03T21:00:00+08:00');
    expect(statusOf(r, 'response-meeting')).toBe('late');
  });

  it('applicability follows the level in force at the evaluation time', () => {
    const r = reported({ level: 2 }).on('5h', 'level.reviewed', { level: 3 }, 'doit-reviewer').on('40h', 'drill.ended').build();
    expect(statusOf(r, 'effectiveness-report')).toBe('missed');
  });
});

describe('pdpa-assessment (P23(2))', () => {
  it.each<[string, RecordBuilderOptions, Record<string, unknown> | null, ObligationStatus]>([
    ['notify', { scenario: { personalData: true } }, { notifySubjects: true }, 'met'],
    ['not notify with a reason', { scenario: { personalData: true } }, { notifySubjects: false, reason: 'encrypted' }, 'met'],
    ['not notify without a reason', { scenario: { personalData: true } }, { notifySubjects: false, reason: ' ' }, 'violated'],
    ['no personal data', {}, null, 'not-applicable'],
    ['level 2', { level: 2, scenario: { personalData: true } }, null, 'not-applicable'],
    ['school at L3 is scored', { agency: { type: 'school' }, scenario: { personalData: true } }, { notifySubjects: true }, 'met'],
  ])('%s → %s', (_n, opts, data, status) => {
    const b = reported(opts);
    if (data) b.on('3h', 'pdpa.assessed', data, 'commander');
    expect(statusOf(b.build(), 'pdpa-assessment')).toBe(status);
  });
});

describe('isolation-first (P25(1)) and evidence-preserved (P25(2)–(4))', () => {
  it.each<[string, RecordBuilder, ObligationStatus]>([
    ['isolated first', reported().on('2h', 'action.isolated', { method: 'disconnect' }).on('3h', 'media.imaged', { what: 'disk' }), 'met'],
    ['imaged first', reported().on('2h', 'media.imaged', { what: 'disk' }).on('3h', 'action.isolated', { method: 'disconnect' }), 'violated'],
    ['recovered first', reported().on('2h', 'recovery.completed', { registeredOnWebsite: true }), 'violated'],
    ['equipment failure', reported({ scenario: { category: 'equipment-failure' } }).on('2h', 'media.imaged', {}), 'not-applicable'],
    ['nothing by 36 h', reported().on('36h0m1s', 'drill.ended'), 'missed'],
  ])('isolation-first: %s → %s', (_n, b, status) => expect(statusOf(b.build(), 'isolation-first')).toBe(status));

  const none = (o: RecordBuilderOptions = {}) => reported({ ...o, scenario: { backup: 'none', ...o.scenario } }).on('1h', 'action.isolated', { method: 'disconnect' });
  const avail = () => reported({ scenario: { backup: 'available' } }).on('1h', 'action.isolated', { method: 'disconnect' });
  const comp = () => reported({ scenario: { backup: 'compromised' } }).on('1h', 'action.isolated', { method: 'disconnect' });
  it.each<[string, RecordBuilder, ObligationStatus]>([
    ['none: image, rebuild clean, test, recover', none().on('2h', 'media.imaged', { what: 'disk' }).on('3h', 'system.rebuilt', { cleanMedia: true }).on('4h', 'system.tested').on('5h', 'recovery.completed', { registeredOnWebsite: true }), 'met'],
    ['none (absent backup): image only', reported().on('2h', 'media.imaged', { what: 'vm-image' }), 'met'],
    ['none: rebuild before imaging', none().on('2h', 'system.rebuilt', { cleanMedia: true }).on('3h', 'media.imaged', {}), 'violated'],
    ['none: rebuild not on clean media', none().on('2h', 'media.imaged', {}).on('3h', 'system.rebuilt', { cleanMedia: false }), 'violated'],
    ['none: no test before recovery', none().on('2h', 'media.imaged', {}).on('3h', 'system.rebuilt', { cleanMedia: true }).on('5h', 'recovery.completed', { registeredOnWebsite: true }).on('6h', 'system.tested'), 'violated'],
    ['none: imaged after the recovery limit', none().on('36h0m1s', 'media.imaged', {}), 'late'],
    ['available: switch, root cause, rebuild, test, switch back', avail().on('2h', 'service.switched', { to: 'backup' }).on('3h', 'rootcause.completed', { by: 'vendor' }).on('4h', 'system.rebuilt', { cleanMedia: true }).on('5h', 'system.tested').on('6h', 'service.switched', { to: 'primary' }), 'met'],
    ['available: rebuild before root cause or image', avail().on('2h', 'service.switched', { to: 'backup' }).on('3h', 'system.rebuilt', { cleanMedia: true }), 'violated'],
    ['available: switch back before testing the rebuild', avail().on('2h', 'service.switched', { to: 'backup' }).on('3h', 'media.imaged', {}).on('4h', 'system.tested').on('5h', 'system.rebuilt', { cleanMedia: true }).on('6h', 'service.switched', { to: 'primary' }), 'violated'],
    ['available: never switched to backup', avail().on('36h0m1s', 'drill.ended'), 'missed'],
    ['compromised: minimal service and image', comp().on('2h', 'service.minimal').on('3h', 'media.imaged', {}), 'met'],
    ['compromised: only minimal service, limit passed', comp().on('2h', 'service.minimal').on('36h0m1s', 'drill.ended'), 'missed'],
    ['compromised: rebuilt before image', comp().on('2h', 'service.minimal').on('3h', 'system.rebuilt', { cleanMedia: true }).on('4h', 'media.imaged', {}), 'violated'],
  ])('evidence-preserved: %s → %s', (_n, b, status) => expect(statusOf(b.build(), 'evidence-preserved')).toBe(status));

  it('compromised: done when the later of both is done', () => {
    const o = get(comp().on('2h', 'service.minimal').on('3h', 'media.imaged', {}).build(), 'evidence-preserved');
    expect(o.doneAt).toBe('2026-03-02T12:00:00+08:00');
  });
});

describe('closure-limit obligations', () => {
  const T0 = '2026-01-31T09:00:00+08:00';
  it.each<[string, string, ObligationStatus]>([
    ['2026-01-31T09:00:00+08:00', '2026-02-28T23:59:59.999+08:00', 'met'],
    ['2026-01-31T09:00:00+08:00', '2026-03-01T00:00:00.999+08:00', 'late'],
    ['2028-01-31T09:00:00+08:00', '2028-02-29T23:59:59.999+08:00', 'met'],
    ['2026-03-02T09:00:00+08:00', '2026-04-02T23:59:59+08:00', 'met'],
    ['2026-03-02T09:00:00+08:00', '2026-04-03T00:00:00+08:00', 'late'],
    ['2026-03-01T16:30:00Z', '2026-04-02T23:59:59+08:00', 'met'], // T0 is 2 March in Taipei
  ])('closure-1m: T0 %s, closed at %s → %s', (t0, at, status) => {
    expect(statusOf(reported({ t0 }).on(at, 'closure.submitted', {}, 'reporting-contact').build(), 'closure-1m')).toBe(status);
  });

  it('closure-1m due is the clamped month end, missed one ms after it', () => {
    expect(get(reported({ t0: T0 }).build(), 'closure-1m').due).toBe('2026-02-28T23:59:59.999+08:00');
    expect(statusOf(reported({ t0: T0 }).on('2026-02-28T23:59:59.999+08:00', 'drill.ended').build(), 'closure-1m')).toBe('not-reached');
    expect(statusOf(reported({ t0: T0 }).on('2026-03-01T00:00:00+08:00', 'drill.ended').build(), 'closure-1m')).toBe('missed');
  });

  it.each<[string, RecordBuilderOptions, string[], ObligationStatus]>([
    ['forensic exchange, no malware', {}, ['forensic-exchange'], 'met'],
    ['malware needs viruscheck too', { scenario: { malware: true } }, ['forensic-exchange'], 'missed'],
    ['malware, both', { scenario: { malware: true } }, ['viruscheck', 'forensic-exchange'], 'met'],
    ['another platform', {}, ['forensic-exchange', 'virustotal'], 'violated'],
    ['equipment failure', { scenario: { category: 'equipment-failure' } }, [], 'not-applicable'],
  ])('evidence-submission: %s → %s', (_n, opts, dests, status) => {
    const b = reported(opts);
    dests.forEach((d, i) => b.on(`${2 + i}h`, 'evidence.submitted', { destination: d }, 'intel-planning'));
    expect(statusOf(b.on('2026-04-03T00:00:00+08:00', 'drill.ended').build(), 'evidence-submission')).toBe(status);
  });

  it.each<[string, RecordBuilderOptions, Record<string, unknown>, ObligationStatus]>([
    ['by a vendor', {}, { by: 'vendor', malwareAnalysis: false }, 'met'],
    ['by the agency itself', {}, { by: 'agency' }, 'violated'],
    ['malware without analysis', { scenario: { malware: true } }, { by: 'external-expert', malwareAnalysis: false }, 'violated'],
    ['malware with analysis by DoIT', { scenario: { malware: true } }, { by: 'doit', malwareAnalysis: true }, 'met'],
  ])('root-cause: %s → %s', (_n, opts, data, status) => {
    expect(statusOf(reported(opts).on('10h', 'rootcause.completed', data, 'intel-planning').build(), 'root-cause')).toBe(status);
  });

  it.each<[string, Record<string, unknown>, ObligationStatus]>([
    ['short and medium, long empty', { short: [{ item: 'a', dueMonths: 0 }], medium: [{ item: 'b', dueMonths: 6 }], long: [] }, 'met'],
    ['medium at 7 months', { short: [{ item: 'a' }], medium: [{ item: 'b', dueMonths: 7 }], long: [] }, 'violated'],
    ['long at 24 months', { short: [{ item: 'a' }], medium: [{ item: 'b', dueMonths: 3 }], long: [{ item: 'c', dueMonths: 24 }] }, 'met'],
    ['long at 25 months', { short: [{ item: 'a' }], medium: [{ item: 'b', dueMonths: 3 }], long: [{ item: 'c', dueMonths: 25 }] }, 'violated'],
    ['no short item', { short: [], medium: [{ item: 'b', dueMonths: 3 }] }, 'violated'],
    ['no medium item', { short: [{ item: 'a' }] }, 'violated'],
  ])('improvement-plan: %s → %s', (_n, data, status) => {
    expect(statusOf(reported().on('10h', 'improvement.planned', data, 'intel-planning').build(), 'improvement-plan')).toBe(status);
  });

  it.each<[string, RecordBuilderOptions, string[], ObligationStatus]>([
    ['all', {}, ['commander', 'superior', 'doit'], 'met'],
    ['no doit', {}, ['commander', 'superior'], 'violated'],
    ['DoIT itself', { agency: { type: 'doit' } }, ['commander', 'superior'], 'met'],
  ])('root-cause-report: %s → %s', (_n, opts, to, status) => {
    expect(statusOf(reported(opts).on('10h', 'rootcause.submitted', { to }, 'commander').build(), 'root-cause-report')).toBe(status);
  });

  it.each<[string, RecordBuilder, ObligationStatus]>([
    ['L3: after the plan', reported().on('10h', 'improvement.planned', {}).on('11h', 'progress.reported', { to: ['commander', 'superior', 'doit'] }), 'met'],
    ['L3: an earlier report is ignored', reported().on('9h', 'progress.reported', { to: [] }).on('10h', 'improvement.planned', {}).on('11h', 'progress.reported', { to: ['commander', 'superior', 'doit'] }), 'met'],
    ['L3: only before the plan, after the closure limit', reported().on('9h', 'progress.reported', { to: ['commander', 'superior', 'doit'] }).on('10h', 'improvement.planned', {}).on('2026-04-03T00:00:00+08:00', 'drill.ended'), 'missed'],
    ['L3: lacks the oversight body', reported().on('10h', 'improvement.planned', {}).on('11h', 'progress.reported', { to: ['commander', 'doit'] }), 'violated'],
    ['L2: not applicable', reported({ level: 2 }).on('10h', 'improvement.planned', {}), 'not-applicable'],
    ['L2 designated: applies', reported({ level: 2 }).on('5h', 'incident.designated', { by: 'doit' }).on('10h', 'improvement.planned', {}).on('11h', 'progress.reported', { to: ['commander', 'superior', 'doit'] }), 'met'],
  ])('progress-reports: %s → %s', (_n, b, status) => expect(statusOf(b.build(), 'progress-reports')).toBe(status));

  it.each<[string[], ObligationStatus]>([
    [['responsible', 'ciso'], 'met'],
    [['ciso'], 'violated'],
    [['responsible'], 'violated'],
  ])('records-signed by %j → %s', (by, status) => {
    expect(statusOf(reported().on('10h', 'records.signed', { by }, 'ciso').build(), 'records-signed')).toBe(status);
  });

  it('intel-shared: not applicable to equipment failure', () => {
    expect(statusOf(reported({ scenario: { category: 'equipment-failure' } }).build(), 'intel-shared')).toBe('not-applicable');
    expect(statusOf(reported().on('10h', 'intel.shared').build(), 'intel-shared')).toBe('met');
  });
});

describe('notify-agencies-1h (P12)', () => {
  const two = { scenario: { affectedAgencies: ['警察局', '衛生局'] } };
  it.each<[string, Array<[string, string, string]>, string, ObligationStatus]>([
    ['both by the hour', [['20m', '警察局', 'phone'], ['1h', '衛生局', 'taipeion']], '2h', 'met'],
    ['one after the hour', [['20m', '警察局', 'phone'], ['1h0m1s', '衛生局', 'phone']], '2h', 'late'],
    ['one by email only', [['20m', '警察局', 'phone'], ['30m', '衛生局', 'email']], '2h', 'missed'],
    ['one missing, hour not passed', [['20m', '警察局', 'phone']], '1h', 'not-reached'],
    ['email then phone in time', [['20m', '警察局', 'phone'], ['25m', '衛生局', 'email'], ['50m', '衛生局', 'phone']], '2h', 'met'],
  ])('%s → %s', (_n, notices, end, status) => {
    const b = reported(two);
    for (const [at, agency, channel] of notices) b.on(at, 'agency.notified', { agency, channel }, 'reporting-contact');
    const o = get(b.on(end, 'drill.ended').build(), 'notify-agencies-1h');
    expect(o.status).toBe(status);
    if (status === 'late') expect(o.lateByMinutes).toBe(1);
  });

  it('no affected agencies: not applicable', () => expect(statusOf(reported().build(), 'notify-agencies-1h')).toBe('not-applicable'));
});

describe('copy-doit-3d (P14): the report’s Taipei date is day 1', () => {
  it.each<[string, string | null, string, ObligationStatus]>([
    ['2026-03-02T09:40:00+08:00', '2026-03-04T23:59:59.999+08:00', '2026-03-04T23:59:59.999+08:00', 'met'],
    ['2026-03-02T09:40:00+08:00', '2026-03-05T00:00:00+08:00', '2026-03-04T23:59:59.999+08:00', 'late'],
    ['2026-03-01T23:30:00Z', '2026-03-04T23:00:00+08:00', '2026-03-04T23:59:59.999+08:00', 'met'], // 07:30 on 2 March in Taipei
    ['2026-03-01T15:30:00Z', '2026-03-03T23:59:59+08:00', '2026-03-03T23:59:59.999+08:00', 'met'], // 23:30 on 1 March in Taipei
  ])('report at %s, copy at %s → due %s, %s', (reportAt, copyAt, due, status) => {
    const b = recordBuilder({ t0: '2026-03-01T15:00:00Z', agency: { reportsToCentral: true } })
      .on('1m', 'level.approved', { level: 3 }, 'ciso')
      .on(reportAt, 'report.submitted', { level: 3 }, 'reporting-contact');
    if (copyAt) b.on(copyAt, 'doit.copied', {}, 'reporting-contact');
    const o = get(b.build(), 'copy-doit-3d');
    expect([o.due, o.status]).toEqual([due, status]);
  });

  it('without a report, day 1 is T0’s date; not applicable without reportsToCentral', () => {
    expect(get(recordBuilder({ agency: { reportsToCentral: true } }).build(), 'copy-doit-3d').due).toBe('2026-03-04T23:59:59.999+08:00');
    expect(statusOf(reported().build(), 'copy-doit-3d')).toBe('not-applicable');
  });
});

describe('review-level (P15): DoIT, scored apart', () => {
  it.each<[number, string, ObligationStatus]>([
    [2, '8h40m', 'met'],
    [2, '8h40m1s', 'late'],
    [3, '2h40m', 'met'],
    [4, '2h40m1s', 'late'],
  ])('reported level %i, reviewed at T0 + %s → %s', (level, at, status) => {
    const r = scoreRecord(reported({ level: level as 1 }).on(at, 'level.reviewed', { level }, 'doit-reviewer').build());
    expect(r.doit.map((o) => [o.id, o.status])).toEqual([['review-level', status]]);
    expect(r.obligations.some((o) => o.id === 'review-level')).toBe(false);
  });

  it('uses the level as first reported, not as reviewed', () => {
    const o = get(reported({ level: 3 }, 2).on('3h', 'level.reviewed', { level: 3 }, 'doit-reviewer').build(), 'review-level');
    expect([o.status, o.due]).toEqual(['met', '2026-03-02T17:40:00+08:00']);
  });

  it('is not applicable until a website report exists', () => {
    expect(statusOf(recordBuilder().on('10h', 'drill.ended').build(), 'review-level')).toBe('not-applicable');
  });
});

describe('schools (P41)', () => {
  it('scores only notify-agencies-1h, copy-doit-3d, pdpa-assessment, isolation-first, evidence-preserved and team-roles', () => {
    const r = scoreRecord(reported({ agency: { type: 'school' }, scenario: { affectedAgencies: ['教育局'], personalData: true } }).on('40h', 'drill.ended').build());
    const applicable = [...r.obligations, ...r.doit].filter((o) => o.status !== 'not-applicable').map((o) => o.id);
    // Settled point 10: with no team.formed, a school's team-roles is not applicable.
    expect(applicable).toEqual(['notify-agencies-1h', 'pdpa-assessment', 'isolation-first', 'evidence-preserved']);
  });

  it('judges only the reporting-contact rule of the team', () => {
    const rec = reported({ agency: { type: 'school' } }).team('30m', [['commander', 'staff'], ['reporting-contact', 'security-officer']]).build();
    expect(statusOf(rec, 'team-roles')).toBe('met');
    const vendor = reported({ agency: { type: 'school' } }).team('30m', [['reporting-contact', 'vendor']]).build();
    expect(statusOf(vendor, 'team-roles')).toBe('violated');
  });
});

describe('evaluation time', () => {
  it('ignores events after drill.ended', () => {
    const rec = recordBuilder().on('30m', 'drill.ended').on('40m', 'report.submitted', { level: 3 }, 'reporting-contact').build();
    expect(statusOf(rec, 'report-1h')).toBe('not-reached');
  });

  it('is the last event’s at without drill.ended', () => {
    expect(statusOf(recordBuilder().on('1h0m1s', 'inject.delivered', { injectId: 'x' }).build(), 'report-1h')).toBe('missed');
    expect(statusOf(recordBuilder().on('1h', 'inject.delivered', { injectId: 'x' }).build(), 'report-1h')).toBe('not-reached');
  });

  it('evaluateAt scores at that moment and ignores later events', () => {
    const rec = reported().team('2h', GOOD_TEAM).build();
    expect(statusOf(rec, 'team-formed', { evaluateAt: '2026-03-02T10:00:00+08:00' })).toBe('not-reached');
    expect(statusOf(rec, 'team-formed', { evaluateAt: parseIsoMs('2026-03-02T10:00:01+08:00') })).toBe('missed');
    expect(statusOf(rec, 'team-formed', { evaluateAt: '2026-03-02T11:00:00+08:00' })).toBe('late');
    expect(statusOf(rec, 'report-1h', { evaluateAt: '2026-03-02T09:39:59+08:00' })).toBe('not-reached');
  });
});

describe('score and standard', () => {
  const res = (id: ObligationId, status: ObligationStatus): ObligationResult => ({ id, status, due: null, doneAt: null, lateByMinutes: 0, reasons: [] });

  it('is the weighted share: met full, late half, violated and missed nothing, the rest left out', () => {
    const s = resolveStandard({});
    expect(computeScore([], s)).toBe(100);
    expect(computeScore([res('report-1h', 'not-reached'), res('recovery', 'not-applicable')], s)).toBe(100);
    expect(computeScore([res('report-1h', 'met'), res('team-formed', 'late')], s)).toBe(75);
    // 15 + 0 of 15 + 5 → 75; rounding to one decimal: 15 / (15 + 5 + 2) = 68.18… → 68.2
    expect(computeScore([res('report-1h', 'met'), res('team-roles', 'missed'), res('records-signed', 'violated')], s)).toBe(68.2);
  });

  it('verdict: fail on a violation, a critical obligation late or missed, or a score below 80; incomplete when a core obligation in scope is not reached; else pass', () => {
    const s = resolveStandard({});
    expect(verdictOf([res('report-1h', 'met'), res('team-formed', 'not-reached')], 100, s)).toBe('incomplete');
    expect(verdictOf([res('report-1h', 'met'), res('team-formed', 'not-reached')], 100, s, ['report-1h'])).toBe('pass');
    // response-meeting is core (P39(2)) but not critical: not reached → incomplete, late → still no fail by itself.
    expect(verdictOf([res('report-1h', 'met'), res('response-meeting', 'not-reached')], 100, s)).toBe('incomplete');
    expect(verdictOf([res('report-1h', 'met'), res('response-meeting', 'late')], 90, s)).toBe('pass');
    expect(verdictOf([res('report-1h', 'late')], 95, s)).toBe('fail');
    expect(verdictOf([res('recovery', 'missed')], 95, s)).toBe('fail');
    // fail beats incomplete
    expect(verdictOf([res('report-1h', 'late'), res('recovery', 'not-reached')], 95, s)).toBe('fail');
    expect(verdictOf([res('intel-shared', 'violated')], 95, s)).toBe('fail');
    expect(verdictOf([res('report-1h', 'met')], 79.9, s)).toBe('fail');
    expect(verdictOf([res('report-1h', 'met')], 80, s)).toBe('pass');
    expect(verdictOf([res('intel-shared', 'violated')], 95, { ...s, noViolations: false })).toBe('pass');
    expect(verdictOf([], 100, s)).toBe('pass');
  });

  it('uses a standard given as an option, else the record’s own, else the default', () => {
    // team-formed late; a scope of the first hours keeps the recovery and meeting not reached from making it incomplete
    const rec = reported({ scenario: { scope: ['report-1h', 'team-formed'] } }).team('2h', GOOD_TEAM).build();
    expect(scoreRecord(rec).passed).toBe(false);
    expect(scoreRecord(rec, { standard: { critical: ['report-1h'], minScore: 0 } }).passed).toBe(true);
    const withOwn = { ...rec, standard: { critical: ['report-1h'], minScore: 0 } } as DrillRecord;
    expect(scoreRecord(withOwn).passed).toBe(true);
    expect(scoreRecord(withOwn, { standard: { ...DEFAULT_STANDARD } }).passed).toBe(false);
  });

  it('a good drill ended before its recovery limit is incomplete, not "100 · passed"; with a scope of the first hours it passes', () => {
    const r = scoreRecord(reported().team('30m', GOOD_TEAM).on('2h', 'drill.ended').build());
    expect([r.score, r.verdict, r.passed]).toEqual([100, 'incomplete', false]);
    const scoped = reported({ scenario: { scope: ['report-1h', 'team-formed', 'team-roles'] } }).team('30m', GOOD_TEAM).on('2h', 'drill.ended').build();
    expect([scoreRecord(scoped).verdict, scoreRecord(scoped).passed]).toEqual(['pass', true]);
  });

  it('contract JSON has only the contract keys', () => {
    const json = toContractJson(scoreRecord(reported().build()));
    expect(Object.keys(json)).toEqual(['obligations', 'doit', 'score', 'verdict', 'passed']);
    expect(Object.keys(json.obligations[0])).toEqual(['id', 'status', 'due', 'doneAt', 'lateByMinutes', 'reasons']);
    expect(json.obligations.map((o) => o.id)).not.toContain('vendor-report');
  });

  it('nextDeadline gives the earliest limit after now among what is not done', () => {
    const rec = reported().build();
    const now = parseIsoMs('2026-03-02T09:45:00+08:00');
    const next = nextDeadline(scoreRecord(rec, { evaluateAt: now }), now);
    expect(next).toEqual({ id: 'team-formed', due: '2026-03-02T10:00:00+08:00', dueMs: parseIsoMs('2026-03-02T10:00:00+08:00') });
  });
});
