import { describe, expect, it } from 'vitest';
import { parseIsoMs } from '@/engine/time/taipei';
import { duration, sinceAwareness, taipeiClock, wallIso } from './time-format';

const at = (iso: string) => parseIsoMs(iso);

describe('time format', () => {
  it('formats the simulated clock in Taipei and the time since awareness, days included', () => {
    expect(taipeiClock(at('2026-03-09T08:40:05+08:00'), 'zh-TW')).toEqual({ date: '2026-03-09（一）', time: '08:40:05' });
    expect(taipeiClock(at('2026-03-09T00:00:00Z'), 'en')).toEqual({ date: 'Mon 2026-03-09', time: '08:00:00' });
    expect(sinceAwareness(at('2026-03-09T07:55:00+08:00'), at('2026-03-09T08:40:00+08:00'), 'zh-TW')).toBe('T−00:45:00');
    expect(sinceAwareness(at('2026-03-10T10:40:01+08:00'), at('2026-03-09T08:40:00+08:00'), 'zh-TW')).toBe('T+1天 02:00:01');
    expect(duration(-300_000, 'en')).toBe('00:05:00');
  });

  // The desks show the same T+ as the console (this table came from the desks' own copy).
  it.each([
    [0, 'T+00:00:00'],
    [59_999, 'T+00:00:59'],
    [3_600_000, 'T+01:00:00'],
    [86_400_000 + 7_200_000 + 61_000, 'T+1d 02:01:01'],
    [-300_000, 'T−00:05:00'],
  ])('T+ since awareness for %i ms is %s (English)', (diff, text) => {
    const t0 = at('2026-03-02T09:00:00+08:00');
    expect(sinceAwareness(t0 + diff, t0, 'en')).toBe(text);
  });

  it('gives real time as Taipei ISO to the second, whatever the fraction', () => {
    expect(wallIso(at('2026-03-09T00:40:05.999Z'))).toBe('2026-03-09T08:40:05+08:00');
  });
});
