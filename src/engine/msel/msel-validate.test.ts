import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario/parse';
import { draftIssues } from './msel-validate';

const files = import.meta.glob('/scenarios/defacement-noncore.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const base = () => structuredClone(loadScenario(Object.values(files)[0], 'defacement-noncore.yaml'));

describe('the editor’s validation', () => {
  it('a valid scenario has no issues', () => {
    expect(draftIssues(base()).issues).toEqual([]);
  });

  it.each([
    ['a time that does not parse', (s: ReturnType<typeof base>) => (s.injects[1].offset = '明天'), 'injects.1.offset', /時間「明天」無法解讀/, /offset "明天" does not parse/],
    ['an empty English title', (s: ReturnType<typeof base>) => (s.injects[0].title.en = ' '), 'injects.0.title.en', /英文空白/, /empty translation \(en\)/],
    ['an unknown recipient', (s: ReturnType<typeof base>) => ((s.injects[2] as { to: string }).to = '資訊室'), 'injects.2.to', /不認得的角色「資訊室」/, /unknown role "資訊室"/],
    ['a repeated id', (s: ReturnType<typeof base>) => (s.injects[1].id = s.injects[0].id), 'injects.1.id', /重複/, /duplicate inject id/],
    ['an inject after the end', (s: ReturnType<typeof base>) => (s.injects[0].offset = '+90d00:00'), 'injects.0.offset', /晚於演練結束/, /after the drill ends/],
  ])('%s is reported at its field in both languages', (_what, edit, path, zh, en) => {
    const s = base();
    edit(s);
    const issues = draftIssues(s).issues.filter((i) => i.path === path);
    expect(issues).toHaveLength(1);
    expect(issues[0].message.zh).toMatch(zh);
    expect(issues[0].message.en).toMatch(en);
  });
});
