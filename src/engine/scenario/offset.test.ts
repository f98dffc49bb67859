import { describe, expect, it } from 'vitest';
import { formatOffset, parseDuration, parseOffset, tryParseOffset } from './offset';

const M = 60_000;
const H = 60 * M;
const D = 24 * H;

describe('parseOffset', () => {
  it.each([
    ['+00:00', 0],
    ['+00:20', 20 * M],
    ['+01:00', H],
    ['+01:00:01', H + 1000], // one second after the hour: the boundary scenarios test
    ['+00:59:59', H - 1000],
    ['+36:00', 36 * H], // hours beyond a day without a day part are fine
    ['+1d02:00', D + 2 * H],
    ['+30d00:00', 30 * D],
    ['-00:10', -10 * M],
    ['-1d00:00', -D],
  ])('%s → %d ms', (text, ms) => {
    expect(parseOffset(text)).toBe(ms);
  });

  it.each([
    ['01:00', 'does not parse'], // no sign
    ['+1:00', 'does not parse'], // hours need two digits
    ['+00:60', 'minutes must be 00–59'],
    ['+00:10:60', 'seconds must be 00–59'],
    ['+1d24:00', 'hours must be 00–23'],
    ['+1h', 'does not parse'],
    ['', 'does not parse'],
  ])('%j is rejected: %s', (text, message) => {
    expect(() => parseOffset(text)).toThrow(message);
  });

  it('rejects non-text with a clear message', () => {
    const r = tryParseOffset(90);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/offset must be text/);
  });

  it.each([0, 20 * M, H + 1000, D + 2 * H, -10 * M, 35 * D])('formatOffset round-trips %d', (ms) => {
    expect(parseOffset(formatOffset(ms))).toBe(ms);
  });
});

describe('parseDuration', () => {
  it.each([
    ['8h', 8 * H],
    ['90m', 90 * M],
    ['1d12h', 36 * H],
    ['45s', 45_000],
    ['3d', 3 * D],
  ])('%s → %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '8', 'h8', '12h1d', '0h', '8 hours'])('%j is rejected', (text) => {
    expect(() => parseDuration(text)).toThrow(/duration/);
  });
});
