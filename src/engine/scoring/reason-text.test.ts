/**
 * Reasons are data rendered from src/locales/{zh-TW,en}/reasons.json: both languages have every
 * key, every sentence is used by a judge, and rendering fills each placeholder per language.
 */
import { describe, expect, it } from 'vitest';
import { say } from '../base/reason-ref';
import en from '../../locales/en/reasons.json';
import zhTW from '../../locales/zh-TW/reasons.json';
import { renderReason, VALUE_GROUP } from './reason-text';
import { glossaryFor, term } from '../text/glossary';

type Tree = { [key: string]: string | Tree };
const leaves = (t: Tree, prefix = ''): string[] =>
  Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : leaves(v, `${prefix}${k}.`)));

/** Where sentences are used: the obligation modules and the shared judge (Vite's import.meta.glob, as the scenario tests load files). */
const source = Object.values(
  import.meta.glob(['../rules/obligations/*.ts', './judges.ts', '!**/*.test.ts'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>,
).join('\n');

describe('reasons.json', () => {
  it('has the same keys in zh-TW and English', () => {
    expect(leaves(zhTW).sort()).toEqual(leaves(en).sort());
  });

  it('has no sentence that no judge uses', () => {
    const unused = leaves(en).filter((k) => !k.startsWith('value.') && !k.startsWith('format.') && !source.includes(`'${k}'`));
    expect(unused).toEqual([]);
  });

  it('names every enumerated value in zh-TW from the glossary, never the raw id', () => {
    for (const [kind, group] of Object.entries(VALUE_GROUP)) {
      const ids = Object.keys(glossaryFor('zh-TW')[group]);
      expect(ids.length, kind).toBeGreaterThan(0);
      for (const id of ids) expect(term(group, id, 'zh-TW'), `${kind}.${id}`).not.toBe(id);
    }
  });
});

describe('renderReason', () => {
  const report = { type: 'report.submitted', seq: 5, at: '2026-03-02T09:40:00+08:00' };

  it('shows an event by type and ISO time in English, by its zh-TW title and Taipei minute in zh-TW', () => {
    const ref = say('isolation-first.not-isolation', { event: { event: report } });
    expect(renderReason(ref, 'en')).toBe('the first containment step was report.submitted (seq 5, 2026-03-02T09:40:00+08:00), not action.isolated');
    expect(renderReason(ref, 'zh-TW')).toMatch(/^第一個處置步驟為「.+」（序號 5，2026-03-02 09:40），而非隔離$/);
  });

  it('lists enumerated values as ids in English and as names in zh-TW', () => {
    const ref = say('records-signed.unsigned', { signers: { values: ['responsible', 'ciso'], of: 'signer' } });
    expect(renderReason(ref, 'en')).toBe('the records were not signed by: responsible, ciso');
    expect(renderReason(ref, 'zh-TW')).toBe('紀錄未經簽核：承辦之權責人員、資通安全長');
  });

  it('renders a nested reason in the same language', () => {
    const ref = say('improvement-plan.item-too-far', {
      tier: { value: 'long', of: 'tier' },
      n: 1,
      name: say('improvement-plan.item-name', { item: 'EDR' }),
      months: say('improvement-plan.no-months'),
      max: 24,
    });
    expect(renderReason(ref, 'en')).toBe('long-term item 1 (EDR) is due in no stated months, not within 24 months');
    expect(renderReason(ref, 'zh-TW')).toBe('長期第1項（EDR）預定未載明期程，超過24個月');
  });

  it('names the sentence when a value is missing', () => {
    expect(() => renderReason(say('report-approval.approved-no-report'), 'en')).toThrow(/report-approval\.approved-no-report: no value for \{\{seq\}\}/);
  });
});
