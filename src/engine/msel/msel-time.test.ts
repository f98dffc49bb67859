import { describe, expect, it } from 'vitest';
import { parseMselTime, type MselCell } from './msel-time';

const T0 = Date.parse('2026-03-09T08:40:00+08:00');
const MIN = 60_000;
const H = 60 * MIN;

describe('parseMselTime', () => {
  it.each<[MselCell, string, number]>([
    ['+00:20', '+00:20', 20 * MIN],
    ['+1d02:00', '+1d02:00', 26 * H],
    ['+26:00', '+26:00', 26 * H], // kept as written
    ['-00:45', '-00:45', -45 * MIN],
    ['00:20', '+00:20', 20 * MIN],
    ['26:00', '+1d02:00', 26 * H],
    ['T+10', '+00:10', 10 * MIN], // a bare number after T+ is minutes
    ['T+10m', '+00:10', 10 * MIN],
    ['T+2h', '+02:00', 2 * H],
    ['T+1d', '+1d00:00', 24 * H],
    ['T+1:30', '+01:30', 90 * MIN],
    ['T-5', '-00:05', -5 * MIN],
    ['D+1 H+2', '+1d02:00', 26 * H],
    ['H+2 D+1', '+1d02:00', 26 * H],
    ['D+0 H+3 M+15', '+03:15', 3 * H + 15 * MIN],
    ['2026-03-09 09:40', '+01:00', H],
    ['2026/3/10 8:40', '+1d00:00', 24 * H],
    ['2026-03-09T09:40:01+08:00', '+01:00:01', H + 1000],
    ['2026-03-09 08:00', '-00:40', -40 * MIN],
    [new Date(Date.UTC(2026, 2, 9, 9, 40)), '+01:00', H], // an Excel date-time cell: wall time in UTC fields
    [new Date(Date.UTC(1899, 11, 30, 0, 20)), '+00:20', 20 * MIN], // an Excel time cell (h:mm)
    [46090 + (9 * 60 + 40) / 1440, '+01:00', H], // 2026-03-09 09:40 stored as a serial number
    [20 / 1440, '+00:20', 20 * MIN],
  ])('%s → %s', (cell, offset, ms) => {
    const r = parseMselTime(cell, T0);
    expect(r).toMatchObject({ ok: true, offset, ms });
  });

  it.each<[MselCell, RegExp]>([
    ['', /no time/],
    [null, /no time/],
    ['+00:61', /minutes must be 00–59/],
    ['soon', /cannot be read/],
    ['2026-02-30 09:00', /not a real date-time/],
    ['2026-03-09', /no time of day/],
    ['D+1 D+2', /twice/],
    [true, /true\/false/],
    [-3, /cannot be read/],
  ])('rejects %s', (cell, message) => {
    const r = parseMselTime(cell, T0);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message.en).toMatch(message);
      expect(r.message.zh.length).toBeGreaterThan(0);
    }
  });
});
