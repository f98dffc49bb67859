import { describe, expect, it } from 'vitest';
import { parseDrillRecord } from '../record/parse';
import { recordBuilder } from '../record/record-builder';
import { scoreRecord } from '../scoring/score';
import { resolveStandard } from '../scoring/standard';
import { notReachedCount } from '../scoring/types';
import { sealRecord, verifyRecord } from '../integrity/hash-chain';
import { blocksToMarkdown, buildAfterActionReport, reportMarkdown } from './after-action-report';
import { improvementPlan, strengths } from './improvement-plan';
import { redrillDue } from '../rules/redrill';
import { addMonths } from '../time/taipei';

/** A level-3 drill where the report is late and evidence goes to a forbidden platform. */
const failing = () =>
  recordBuilder({ level: 3, aware: false, agency: { name: '臺北市政府測試局' }, scenario: { title: '核心系統勒索軟體', malware: true } })
    .on('-5m', 'drill.started', {}, 'facilitator', { wall: '2026-05-20T09:55:00+08:00' })
    .on('0s', 'incident.aware', {}, 'facilitator')
    .on('10m', 'level.approved', { level: 3, by: 'ciso' }, 'ciso')
    .team('30m', [
      ['commander', 'ciso'],
      ['reporting-contact', 'security-officer'],
      ['intel-planning', 'it-unit-head'],
      ['response-execution', 'affected-unit-head'],
    ])
    .on('1h20m', 'report.submitted', { level: 3 }, 'reporting-contact')
    .on('2h', 'action.isolated', { method: 'disconnect' }, 'response-execution')
    .on('3h', 'evidence.submitted', { destination: 'virustotal' }, 'intel-planning')
    .on('4h', 'drill.ended', {}, 'facilitator', { wall: '2026-05-20T14:05:00+08:00' })
    .build();

describe('improvement plan and re-drill', () => {
  it('works on a valid record', () => {
    expect(parseDrillRecord(JSON.stringify(failing()), 'failing.json').ok).toBe(true);
  });

  it('adds calendar months clamped to the month end', () => {
    expect(addMonths('2026-05-20', 3)).toBe('2026-08-20');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2026-05-31', 1)).toBe('2026-06-30');
    expect(addMonths('2026-03-02', 24)).toBe('2028-03-02');
  });

  it('sets the re-drill three months after the real end date of a failing drill only (P39(3))', () => {
    const record = failing();
    expect(redrillDue(record.events, 'fail')).toBe('2026-08-20');
    expect(redrillDue(record.events, 'pass')).toBeNull();
    // incomplete: not yet judged against the standard, so not fallen short of it.
    expect(redrillDue(record.events, 'incomplete')).toBeNull();
    // Without wall times: the simulated end (2 March 13:00) counts.
    const sim = recordBuilder().on('4h', 'drill.ended').build();
    expect(redrillDue(sim.events, 'fail')).toBe('2026-06-02');
  });

  it('turns each late, missed or violated obligation into an item with owner, tier and due date', () => {
    const score = scoreRecord(failing());
    const plan = improvementPlan(score, '2026-05-27');
    const byId = Object.fromEntries(plan.map((p) => [p.obligation, p]));
    expect(score.obligations.find((o) => o.id === 'report-1h')?.status).toBe('late');
    expect(byId['report-1h']).toMatchObject({ status: 'late', owner: 'reporting-contact', tier: 'short', due: '2026-06-27', points: ['P10'] });
    expect(byId['report-1h'].action.zh).toContain('一小時內');
    expect(byId['evidence-submission']).toMatchObject({ status: 'violated', owner: 'intel-planning', tier: 'medium', due: '2026-11-27' });
    expect(byId['evidence-submission'].action.en).toMatch(/no other platform/);
    // Every item is one of the three statuses, and every such obligation has an item.
    const needing = score.obligations.filter((o) => ['late', 'missed', 'violated'].includes(o.status)).map((o) => o.id);
    expect(plan.map((p) => p.obligation).sort()).toEqual([...needing].sort());
    // Short before medium before long.
    const tiers = plan.map((p) => ['short', 'medium', 'long'].indexOf(p.tier));
    expect(tiers).toEqual([...tiers].sort((a, b) => a - b));
    // The agency's own duties (team-formed) are owned by its CISO.
    expect(plan.find((p) => p.obligation === 'team-formed')?.owner ?? 'ciso').toBe('ciso');
  });

  it('lists met obligations as strengths, the widest margin first', () => {
    const s = strengths(scoreRecord(failing()));
    expect(s.map((x) => x.obligation)).toContain('isolation-first');
    const margins = s.map((x) => x.marginMinutes ?? -1);
    expect(margins).toEqual([...margins].sort((a, b) => b - a));
  });
});

describe('after-action report', () => {
  const input = (lang: 'zh-TW' | 'en') => {
    // Participants are sealed with the record; notes are added at the debrief, after sealing.
    const record = {
      ...sealRecord({ ...failing(), participants: [{ name: '陳通報', position: 'security-officer', roles: ['reporting-contact'] }] }),
      reviewNotes: [{ id: 'n1', target: { kind: 'obligation', id: 'report-1h' }, text: '帳號密碼找不到 | 延誤', wall: '2026-05-27T10:00:00+08:00' }],
    };
    return { record, score: scoreRecord(record), standard: resolveStandard(record), reviewDate: '2026-05-27', integrity: verifyRecord(record), lang };
  };

  it('has the overview, the rated obligations, strengths, areas, the plan and the notes, in zh-TW', () => {
    const i = input('zh-TW');
    const md = reportMarkdown(i, 'zh-TW');
    for (const heading of ['# 資安事件通報應變演練 檢討報告及改善計畫', '## 一、演練概要', '## 二、評分結果', '## 三、應辦事項評定', '## 四、優點', '## 五、待改進事項', '## 六、改善計畫（第二十九點）', '## 七、檢討座談會紀錄']) {
      expect(md).toContain(heading);
    }
    expect(md).toContain('| 機關 | 臺北市政府測試局（一般機關） |');
    expect(md).toContain('核心系統勒索軟體 (test-scenario)');
    expect(md).toContain('2026-05-20 09:55 – 2026-05-20 14:05');
    expect(md).toContain('陳通報（資通安全專責人員）：通報窗口');
    expect(md).toContain('| 結果 | 未通過 |');
    expect(md).toContain('2026-08-20 前（演練後三個月內，第三十九點第三款）');
    expect(md).toMatch(/自行封存：雜湊鏈完整（head [0-9a-f]{64}），但未經演練伺服器簽章/);
    expect(md).toMatch(/\| 第十點 \| 一小時內完成通報 \| 2026-03-02 10:00 \| 2026-03-02 10:20 \| 20 分 \| 逾時完成 \|/);
    // Pipes in notes do not break the table.
    expect(md).toContain('註記：帳號密碼找不到 \\| 延誤');
    expect(md).toContain('資訊局等級審核（不計入機關分數）');
    expect(md).toMatch(/\| 1 \| 一小時內完成通報（第十點） \| 逾時完成 \| 通報窗口 \| 短期（立即改善） \| 2026-06-27 \|/);
    // Every table row has as many cells as its head.
    for (const table of md.split('\n\n').filter((b) => b.startsWith('|'))) {
      const counts = table.split('\n').map((line) => line.replace(/\\\|/g, '').split('|').length);
      expect(new Set(counts).size).toBe(1);
    }
  });

  it('gives the verdict: an incomplete drill says how many obligations were not yet due (issue 12 item 9)', () => {
    const record = recordBuilder({ level: 3 }).on('10m', 'level.approved', { level: 3, by: 'ciso' }, 'ciso').on('20m', 'report.submitted', { level: 3 }, 'reporting-contact').on('50m', 'drill.ended').build();
    const score = scoreRecord(record);
    expect(score.verdict).toBe('incomplete');
    const n = notReachedCount(score);
    const i = { record, score, standard: resolveStandard(record), reviewDate: '2026-03-03' };
    expect(reportMarkdown(i, 'zh-TW')).toContain(`| 結果 | 未完成（${n} 項未屆期限） |`);
    expect(reportMarkdown(i, 'en')).toContain(`| Result | Incomplete (${n} obligations not yet due) |`);
  });

  it('says a lateness under a minute to the second, with the done time to the second (time is exact)', () => {
    const record = recordBuilder({ level: 3 }).on('5m', 'level.approved', { level: 3, by: 'ciso' }, 'ciso').on('1h0m2s', 'report.submitted', { level: 3 }, 'reporting-contact').on('2h', 'drill.ended', {}, 'facilitator').build();
    const i = { record, score: scoreRecord(record), standard: resolveStandard(record), reviewDate: '2026-03-09', integrity: verifyRecord(record) };
    expect(reportMarkdown(i, 'zh-TW')).toMatch(/\| 第十點 \| 一小時內完成通報 \| 2026-03-02 10:00 \| 2026-03-02 10:00:02 \| 2 秒 \| 逾時完成 \|/);
    const en = reportMarkdown(i, 'en');
    expect(en).toMatch(/\| P10 \| Report within one hour \| 2026-03-02 10:00 \| 2026-03-02 10:00:02 \| 2 s \| Late \|/);
    expect(en).toContain('(late by 2 s)');
  });

  it('says the same in English', () => {
    const md = reportMarkdown(input('en'), 'en');
    expect(md).toContain('# Cyber incident response drill: after-action report and improvement plan');
    expect(md).toContain('| Result | Failed |');
    expect(md).toContain('by 2026-08-20 (within three months of the drill, P39(3))');
    expect(md).toContain('陳通報 (Dedicated security officer): Reporting Contact');
    expect(md).toMatch(/\| 1 \| Report within one hour \(P10\) \| Late \| Reporting Contact \| Short term \(immediate fix\) \| 2026-06-27 \|/);
  });

  it('has no re-drill line for a passing drill and reports a broken chain at its seq', () => {
    const i = input('zh-TW');
    const tampered = structuredClone(i.record);
    tampered.events[3].at = '2026-03-02T09:40:00+08:00';
    const report = buildAfterActionReport({ ...i, integrity: verifyRecord(tampered), score: { ...i.score, verdict: 'pass', passed: true } });
    expect(report.redrillDue).toBeNull();
    expect(blocksToMarkdown([{ kind: 'heading', level: 2, text: 'x' }, { kind: 'list', items: ['a\nb'] }])).toBe('## x\n\n- a b\n');
    expect(reportMarkdown({ ...i, integrity: verifyRecord(tampered) }, 'en')).toContain(`BROKEN at seq ${tampered.events[3].seq}`);
  });
});
