import { describe, expect, it } from 'vitest';
import { conditionHolds, eventMatches, type ConditionItem, type HappenedEvent } from './inject';

const byEmail: HappenedEvent = { type: 'agency.notified', data: { agency: '臺北市政府教育局', channel: 'email' } };
const byPhone: HappenedEvent = { type: 'agency.notified', data: { agency: '臺北市政府教育局', channel: 'Phone' } };
const spoken: ConditionItem = { type: 'agency.notified', where: { channel: ['phone', 'taipeion'] } };

describe('a condition item', () => {
  it.each([
    ['a bare type matches any event of it', 'agency.notified' as ConditionItem, byEmail, true],
    ['a bare type ignores other types', 'report.submitted' as ConditionItem, byEmail, false],
    ['where: one of the listed values (text without case)', spoken, byPhone, true],
    ['where: a value not listed', spoken, byEmail, false],
    ['where: a field the event lacks', spoken, { type: 'agency.notified', data: {} }, false],
    ['where: a field with no data at all', spoken, { type: 'agency.notified' }, false],
    ['where: a single value', { type: 'agency.notified', where: { channel: 'email' } } as ConditionItem, byEmail, true],
    ['where: numbers compare exactly', { type: 'report.submitted', where: { level: 3 } } as ConditionItem, { type: 'report.submitted', data: { level: 2 } }, false],
    ['where: every field must hold', { type: 'agency.notified', where: { channel: 'email', agency: '消防局' } } as ConditionItem, byEmail, false],
  ])('%s', (_what, item, event, expected) => {
    expect(eventMatches(item, event)).toBe(expected);
  });
});

describe('conditionHolds', () => {
  it('unlessHappened with data: an e-mail-only notice leaves the condition holding; a call ends it', () => {
    const c = { unlessHappened: [spoken] };
    expect(conditionHolds(c, [])).toBe(true);
    expect(conditionHolds(c, [byEmail])).toBe(true);
    expect(conditionHolds(c, [byEmail, byPhone])).toBe(false);
  });

  it('ifHappened needs every item matched by some event', () => {
    const c = { ifHappened: [{ type: 'agency.notified', where: { channel: 'email' } }, 'report.submitted'] as ConditionItem[] };
    expect(conditionHolds(c, [byEmail])).toBe(false);
    expect(conditionHolds(c, [byEmail, { type: 'report.submitted', data: { level: 3 } }])).toBe(true);
  });

  it('no condition always holds', () => {
    expect(conditionHolds(undefined, [])).toBe(true);
  });
});
