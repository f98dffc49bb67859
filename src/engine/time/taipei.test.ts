import { describe, expect, it } from 'vitest';
import { ISO_WITH_OFFSET } from '../record/schema';
import { endOfDayOneMonthAfter, endOfTaipeiDay, formatTaipei, parseIsoMs, taipeiDate, toMs } from './taipei';

describe('parseIsoMs', () => {
  it.each([
    ['2026-03-02T09:00:00+08:00', Date.UTC(2026, 2, 2, 1)],
    ['2026-03-02T01:00:00Z', Date.UTC(2026, 2, 2, 1)],
    ['2026-03-01T20:00:00-05:00', Date.UTC(2026, 2, 2, 1)],
    ['2026-03-02T09:00+08:00', Date.UTC(2026, 2, 2, 1)],
    ['2026-03-02T09:00:00.5+08:00', Date.UTC(2026, 2, 2, 1, 0, 0, 500)],
    ['2026-03-02T09:00:00.123999+08:00', Date.UTC(2026, 2, 2, 1, 0, 0, 123)],
    ['2028-02-29T00:00:00+08:00', Date.UTC(2028, 1, 28, 16)],
    ['2000-02-29T00:00:00Z', Date.UTC(2000, 1, 29)],
    ['0050-01-01T00:00:00Z', new Date(Date.UTC(2000, 0, 1)).setUTCFullYear(50)],
    ['2026-03-02T09:00:00.123456789-00:30', Date.UTC(2026, 2, 2, 9, 30, 0, 123)],
  ])('%s', (text, ms) => expect(parseIsoMs(text)).toBe(ms));

  it.each([
    '2026-02-29T00:00:00+08:00', // not a leap year
    '2026-04-31T00:00:00+08:00',
    '2026-13-01T00:00:00+08:00',
    '2026-03-02T24:00:00+08:00',
    '2026-03-02T09:60:00+08:00',
    '2026-03-02T09:00:60+08:00',
    '2026-03-02T09:00:00+24:00',
    '2026-03-02T09:00:00',
    '2026-03-02 09:00:00+08:00',
    '2026-03-02',
    '',
    '1900-02-29T00:00:00Z', // not a leap year (century)
    '2026-03-02T09:00:00.Z',
    '2026-03-02T09:00:00.1234567890Z',
    '2026-03-02T09:00:00Z ',
    '2026-03-02T09:00:00+0800',
    '2026-03-02T09:00:00+08',
    '2026-03-02T09:0:00Z',
    '2026-03-02T9:00:00Z',
    '２０２６-03-02T09:00:00Z',
    '2026-03-02t09:00:00Z',
    '2026-03-02T09:00:00z',
  ])('rejects %s', (text) => expect(parseIsoMs(text)).toBeNaN());

  it('agrees with the ISO_WITH_OFFSET pattern and Date.parse on generated texts', () => {
    const parts = {
      date: ['2026-03-02', '2024-02-29', '2026-12-31', '1999-01-01'],
      time: ['09:00', '23:59:59', '00:00:00.5', '12:34:56.789', '12:34:56.123456789'],
      zone: ['Z', '+08:00', '-05:30', '+00:00', '+14:00'],
    };
    for (const d of parts.date) for (const t of parts.time) for (const z of parts.zone) {
      const text = `${d}T${t}${z}`;
      expect(ISO_WITH_OFFSET.test(text)).toBe(true);
      const viaDate = Date.parse(text.replace(/(\.\d{3})\d+/, '$1'));
      expect(parseIsoMs(text)).toBe(viaDate);
    }
  });

  it('toMs takes ms or ISO and throws on bad text', () => {
    expect(toMs(5)).toBe(5);
    expect(toMs('1970-01-01T08:00:00+08:00')).toBe(0);
    expect(() => toMs('soon')).toThrow(/not an ISO 8601/);
  });
});

describe('formatTaipei', () => {
  it.each([
    [Date.UTC(2026, 2, 2, 2), '2026-03-02T10:00:00+08:00'],
    [Date.UTC(2026, 2, 1, 23, 30), '2026-03-02T07:30:00+08:00'],
    [Date.UTC(2026, 2, 2, 15, 59, 59, 999), '2026-03-02T23:59:59.999+08:00'],
    [Date.UTC(2026, 2, 2, 2, 0, 0, 50), '2026-03-02T10:00:00.050+08:00'],
  ])('%i → %s', (ms, text) => {
    expect(formatTaipei(ms)).toBe(text);
    expect(parseIsoMs(text)).toBe(ms);
  });
});

describe('Taipei dates and day ends', () => {
  it.each([
    ['2026-03-01T23:30:00Z', '2026-03-02'], // after UTC 16:00 it is already tomorrow in Taipei
    ['2026-03-01T15:59:59.999Z', '2026-03-01'],
    ['2026-03-01T16:00:00Z', '2026-03-02'],
    ['2026-03-02T00:00:00+08:00', '2026-03-02'],
    ['2026-12-31T16:00:00Z', '2027-01-01'],
  ])('taipeiDate(%s) = %s', (iso, date) => expect(taipeiDate(parseIsoMs(iso))).toBe(date));

  it.each([
    ['2026-03-02T09:00:00+08:00', 0, '2026-03-02T23:59:59.999+08:00'],
    ['2026-03-02T09:00:00+08:00', 2, '2026-03-04T23:59:59.999+08:00'],
    ['2026-03-01T23:30:00Z', 2, '2026-03-04T23:59:59.999+08:00'],
    ['2026-02-27T10:00:00+08:00', 2, '2026-03-01T23:59:59.999+08:00'],
    ['2028-02-28T10:00:00+08:00', 2, '2028-03-01T23:59:59.999+08:00'],
    ['2026-12-30T10:00:00+08:00', 2, '2027-01-01T23:59:59.999+08:00'],
  ])('endOfTaipeiDay(%s, %i) = %s', (iso, plus, end) => expect(formatTaipei(endOfTaipeiDay(parseIsoMs(iso), plus))).toBe(end));

  it.each([
    ['2026-03-02T09:00:00+08:00', '2026-04-02T23:59:59.999+08:00'],
    ['2026-01-31T09:00:00+08:00', '2026-02-28T23:59:59.999+08:00'],
    ['2028-01-31T09:00:00+08:00', '2028-02-29T23:59:59.999+08:00'], // leap year
    ['2028-01-29T09:00:00+08:00', '2028-02-29T23:59:59.999+08:00'],
    ['2026-01-28T09:00:00+08:00', '2026-02-28T23:59:59.999+08:00'],
    ['2026-03-31T09:00:00+08:00', '2026-04-30T23:59:59.999+08:00'],
    ['2026-12-31T09:00:00+08:00', '2027-01-31T23:59:59.999+08:00'],
    ['2026-01-30T17:00:00Z', '2026-02-28T23:59:59.999+08:00'], // 31 Jan in Taipei
  ])('endOfDayOneMonthAfter(%s) = %s', (iso, end) => expect(formatTaipei(endOfDayOneMonthAfter(parseIsoMs(iso)))).toBe(end));
});
