import { describe, expect, it } from 'vitest';
import { assessLevel, type AvailabilityAnswer, type LeakAnswer, type LevelAnswers } from './levels';

const NONE_INFO: LeakAnswer = { affected: false, asset: 'non-core', severity: 'minor' };
const NONE_AVAIL: AvailabilityAnswer = { affected: false, system: 'non-core', restoredWithinTolerable: true };
const answers = (p: Partial<LevelAnswers>): LevelAnswers => ({ c: NONE_INFO, i: NONE_INFO, a: NONE_AVAIL, ...p });

// Every cell of procedure.md's level table, written out from the table's words (not from levels.ts).
describe('leak (洩漏), art. 2', () => {
  it.each([
    ['non-core', 'minor', 1, '第1級：非核心業務資訊遭輕微洩漏'],
    ['non-core', 'serious', 2, '第2級：非核心業務資訊遭嚴重洩漏'],
    ['core', 'minor', 2, '第2級：核心業務資訊(非關鍵基礎設施)遭輕微洩漏'],
    ['core', 'serious', 3, '第3級：核心業務資訊(非關鍵基礎設施)遭嚴重洩漏'],
    ['official-secret', 'minor', 3, '第3級：一般公務機密遭輕微洩漏'],
    ['core-ci', 'minor', 3, '第3級：涉及關鍵基礎設施維運之核心業務資訊遭輕微洩漏'],
    ['official-secret', 'serious', 4, '第4級：一般公務機密遭嚴重洩漏'],
    ['core-ci', 'serious', 4, '第4級：涉及關鍵基礎設施維運之核心業務資訊遭嚴重洩漏'],
    ['national-secret', 'minor', 4, '第4級：國家機密遭洩漏'],
    ['national-secret', 'serious', 4, '第4級：國家機密遭洩漏'],
  ] as const)('%s %s → level %i', (asset, severity, level, zh) => {
    const r = assessLevel(answers({ c: { affected: true, asset, severity } }));
    expect(r).toMatchObject({ level, c: level, i: null, a: null });
    expect(r.reasons).toHaveLength(1);
    expect(r.reasons[0].zh).toBe(zh);
    expect(r.reasons[0].en).toMatch(new RegExp(`^Level ${level}: .*leaked$`));
  });

  it('says the brief\'s example sentence in both languages', () => {
    const r = assessLevel(answers({ c: { affected: true, asset: 'core', severity: 'serious' } }));
    expect(r.reasons[0]).toEqual({
      zh: '第3級：核心業務資訊(非關鍵基礎設施)遭嚴重洩漏',
      en: 'Level 3: core (non-CI) information seriously leaked',
    });
  });
});

describe('tampering (竄改) of information or system, art. 2', () => {
  it.each([
    ['non-core', 'minor', 1],
    ['non-core', 'serious', 2],
    ['core', 'minor', 2],
    ['core', 'serious', 3],
    ['official-secret', 'minor', 3],
    ['core-ci', 'minor', 3],
    ['official-secret', 'serious', 4],
    ['core-ci', 'serious', 4],
    ['national-secret', 'minor', 4],
    ['national-secret', 'serious', 4],
  ] as const)('%s %s → level %i', (asset, severity, level) => {
    const r = assessLevel(answers({ i: { affected: true, asset, severity } }));
    expect(r).toMatchObject({ level, c: null, i: level, a: null });
    expect(r.reasons[0].zh).toMatch(new RegExp(`^第${level}級：.*竄改$`));
    expect(r.reasons[0].en).toMatch(/tampered with$/);
  });

  it('names "information or system" for non-core and core', () => {
    const r = assessLevel(answers({ i: { affected: true, asset: 'core', severity: 'minor' } }));
    expect(r.reasons[0].zh).toBe('第2級：核心業務資訊或核心資通系統(非關鍵基礎設施)遭輕微竄改');
  });
});

describe('operation affected or stopped (可用性), art. 2', () => {
  it.each([
    ['non-core', true, 1],
    ['non-core', false, 2],
    ['core', true, 2],
    ['core', false, 3],
    ['core-ci', true, 3],
    ['core-ci', false, 4],
  ] as const)('%s restoredWithinTolerable=%s → level %i', (system, restoredWithinTolerable, level) => {
    const r = assessLevel(answers({ a: { affected: true, system, restoredWithinTolerable } }));
    expect(r).toMatchObject({ level, c: null, i: null, a: level });
    expect(r.reasons[0].zh).toContain(restoredWithinTolerable ? '於可容忍中斷時間內恢復' : '無法於可容忍中斷時間內恢復');
  });
});

describe('the incident level is the highest reached', () => {
  it.each([
    // c, i, a → level
    [{ asset: 'non-core', severity: 'minor' }, { asset: 'core', severity: 'serious' }, { system: 'non-core', r: true }, 3],
    [{ asset: 'core', severity: 'minor' }, { asset: 'non-core', severity: 'minor' }, { system: 'core-ci', r: false }, 4],
    [{ asset: 'core-ci', severity: 'minor' }, { asset: 'non-core', severity: 'serious' }, { system: 'non-core', r: false }, 3],
  ] as const)('c=%o i=%o a=%o → %i', (c, i, a, level) => {
    const r = assessLevel({
      c: { affected: true, ...c },
      i: { affected: true, ...i },
      a: { affected: true, system: a.system, restoredWithinTolerable: a.r },
    });
    expect(r.level).toBe(level);
    expect(r.reasons).toHaveLength(3);
    expect(Math.max(r.c!, r.i!, r.a!)).toBe(level);
  });

  it('is null with no reasons when nothing is affected', () => {
    expect(assessLevel(answers({}))).toEqual({ level: null, c: null, i: null, a: null, reasons: [] });
  });

  it('ignores the details of a dimension that is not affected', () => {
    const r = assessLevel(answers({ c: { affected: false, asset: 'national-secret', severity: 'serious' } }));
    expect(r.level).toBeNull();
  });
});

describe('bad answers', () => {
  it.each([
    [{ c: { affected: true, asset: 'secret', severity: 'minor' } }, /answers\.c\.asset: unknown asset "secret"/],
    [{ i: { affected: true, asset: 'core', severity: 'big' } }, /answers\.i\.severity: unknown severity "big"/],
    [{ a: { affected: true, system: 'core', restoredWithinTolerable: 'yes' } }, /answers\.a\.restoredWithinTolerable/],
    [{ a: { affected: 'yes' } }, /answers\.a\.affected: must be true or false/],
  ])('%o is refused with the answer path', (p, message) => {
    expect(() => assessLevel(answers(p as Partial<LevelAnswers>))).toThrow(message);
  });
});
