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

  it('gives real time as Taipei ISO to the second, whatever the fraction', () => {
    expect(wallIso(at('2026-03-09T00:40:05.999Z'))).toBe('2026-03-09T08:40:05+08:00');
  });
});
