import { describe, expect, it } from 'vitest';
import { isApproval, levelInForceOf, outageAfter } from './level-in-force';

describe('the level in force and its parts (drill-record.md, settled points 3 and 8)', () => {
  it('takes the last review, else the first report, else the first approval, else the reference level', () => {
    expect(levelInForceOf({ reviewed: 4, firstReport: 2, approved: 1, reference: 3 })).toBe(4);
    expect(levelInForceOf({ reviewed: null, firstReport: 2, approved: 1, reference: 3 })).toBe(2);
    expect(levelInForceOf({ reviewed: null, firstReport: null, approved: 1, reference: 3 })).toBe(1);
    expect(levelInForceOf({ reviewed: null, firstReport: null, approved: null, reference: 3 })).toBe(3);
  });

  it.each([
    [{ by: 'ciso' }, true],
    [{ by: 'authorized' }, true],
    [{ by: 'deputy' }, false],
    [{}, false],
  ])('point 8: level.approved with %o is an approval: %s', (data, yes) => {
    expect(isApproval({ type: 'level.approved', data })).toBe(yes);
  });

  it('point 3: one outage at a time; what only describes; an end while reachable or a start while down changes nothing', () => {
    const started = (what: string) => ({ type: 'outage.started', data: { what } });
    const ended = (what: string) => ({ type: 'outage.ended', data: { what } });
    expect(outageAfter(null, ended('power'))).toBeNull();
    expect(outageAfter(null, started('network'))).toBe('network');
    expect(outageAfter('network', started('power'))).toBe('network');
    expect(outageAfter('network', ended('power'))).toBeNull();
    expect(outageAfter('network', { type: 'report.submitted' })).toBe('network');
  });
});
