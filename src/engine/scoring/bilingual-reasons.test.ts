/**
 * Every reason and note scoring gives has a zh-TW twin, one for one, so the zh-TW review and report
 * never fall back to English. Exercised over every scenario's golden run and every declared mistake,
 * which between them reach every status of every obligation the library covers.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse';
import { goldenRecord, mistakesRecord } from '../scenario/play';
import { scoreRecord } from './score';

const files = import.meta.glob('/scenarios/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const CJK = /[\u4e00-\u9fff]/;

const runs = Object.entries(files).flatMap(([path, text]) => {
  const parsed = parseScenario(text, path);
  if (!parsed.ok) throw new Error(`${path} does not load`);
  const s = parsed.scenario;
  return [
    [`${s.meta.id} golden`, goldenRecord(s)] as const,
    ...s.mistakes.map((m) => [`${s.meta.id} ${m.name}`, mistakesRecord(s, m.name)] as const),
  ];
});

describe('zh-TW reasons', () => {
  it.each(runs)('%s: every reason and note has a zh-TW twin', (_name, record) => {
    const result = scoreRecord(record);
    for (const o of [...result.obligations, ...result.doit]) {
      expect(o.reasonsZh, o.id).toHaveLength(o.reasons.length);
      expect(o.notesZh ?? [], o.id).toHaveLength((o.notes ?? []).length);
      for (const zh of [...(o.reasonsZh ?? []), ...(o.notesZh ?? [])]) expect(zh, `${o.id}: ${zh}`).toMatch(CJK);
    }
  });
});
