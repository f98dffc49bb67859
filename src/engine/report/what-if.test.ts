import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/parse';
import { mistakesRecord } from '../scenario/play';
import { scoreRecord } from '../scoring/score';
import { resolveStandard } from '../scoring/standard';
import { whatIf, whatIfBlocks } from './what-if';

const text = Object.values(import.meta.glob('/scenarios/ransomware-core.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>)[0];

function underReported() {
  const scenario = structuredClone(loadScenario(text, 'ransomware-core.yaml'));
  scenario.mistakes.push({
    name: 'under',
    description: { zh: '以第二級通報', en: 'Reported as level 2' },
    changes: [
      { replace: 'level.approved', with: { data: { level: 2 } } },
      { replace: 'report.submitted', with: { data: { level: 2 } } },
      { move: 'team.formed', to: '+01:30' },
    ],
    expectFailing: {},
  });
  return mistakesRecord(scenario, 'under');
}

describe('what-if re-scoring', () => {
  const record = underReported();
  const scored = scoreRecord(record);
  const inForce = resolveStandard(record);

  it('at the reference level: the team formed at +01:30 is late (P18, level 3 within the hour); scored it was met', () => {
    const r = whatIf(record, scored, { atReferenceLevel: true }, inForce);
    expect(scored.obligations.find((o) => o.id === 'team-formed')?.status).toBe('met');
    expect(r.hypothetical.obligations.find((o) => o.id === 'team-formed')?.status).toBe('late');
    expect(r.changed).toContain('team-formed');
    expect(r.hypothetical.passed).toBe(false); // team-formed is critical by default
  });

  it('another standard: a higher pass mark and no key obligations', () => {
    const r = whatIf(record, scored, { standard: { minScore: 100, critical: [] } }, inForce);
    expect(r.hypothetical.score).toBe(scored.score);
    expect(r.hypothetical.passed).toBe(scored.score >= 100);
  });

  it('the report appendix says hypothetical in its heading, in both languages', () => {
    const r = whatIf(record, scored, { atReferenceLevel: true, standard: { minScore: 85 } }, inForce);
    const zh = whatIfBlocks(r, inForce, 'zh-TW');
    const en = whatIfBlocks(r, inForce, 'en');
    expect(zh[0]).toMatchObject({ kind: 'heading', text: expect.stringContaining('假設情境重新評分（非正式評分結果）') });
    expect(en[0]).toMatchObject({ kind: 'heading', text: expect.stringContaining('hypothetical re-scoring (NOT the scored result)') });
    expect(JSON.stringify(en)).toContain('pass mark 85');
    expect(JSON.stringify(zh)).toContain('組成通報應變小組');
  });
});
