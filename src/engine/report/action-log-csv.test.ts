import { describe, expect, it } from 'vitest';
import { recordBuilder } from '../record/record-builder';
import { actionLogCsv, csvField, CSV_BOM } from './action-log-csv';

/** A strict RFC 4180 reader (CRLF rows, quoted fields with doubled quotes), as Excel reads it. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else if (c === '\n' || c === '\r' || c === '"') {
      throw new Error(`bare ${JSON.stringify(c)} outside quotes at ${i}`);
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || row.length > 0) throw new Error('last row does not end with CRLF');
  return rows;
}

const tricky = '他說："先斷網, 再保存"\n第二行，含逗號';

const record = () =>
  recordBuilder({ level: 3, scenario: { affectedAgencies: ['臺北市政府警察局'] } })
    .on('10m', 'level.approved', { level: 3, by: 'ciso' }, 'ciso', { actor: { role: 'ciso', name: '王資安長' } })
    .on('40m', 'report.submitted', { level: 3 }, 'reporting-contact', { wall: '2026-05-20T14:03:07+08:00' })
    .on('45m', 'team.adjusted', { reason: tricky }, 'commander')
    .on('50m', 'agency.notified', { agency: '臺北市政府警察局', channel: 'taipeion' }, 'reporting-contact')
    .build();

describe('actionLogCsv', () => {
  it('starts with the UTF-8 BOM, ends rows with CRLF, and has the documented columns', () => {
    const csv = actionLogCsv(record(), 'zh-TW');
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect([...new TextEncoder().encode(csv).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = readCsv(csv.slice(1));
    expect(rows[0]).toEqual(['序號', '模擬時間（UTC+8）', '實際時間（UTC+8）', '角色', '人員', '事件', '說明', '資料（JSON）', '檢討註記']);
    expect(rows).toHaveLength(1 + 5);
    expect(readCsv(actionLogCsv(record(), 'en').slice(1))[0].slice(0, 3)).toEqual(['seq', 'simulated time (UTC+8)', 'real time (UTC+8)']);
  });

  it('round-trips quotes, commas, newlines and zh-TW text through RFC 4180 quoting', () => {
    const rows = readCsv(actionLogCsv(record(), 'zh-TW').slice(1));
    const adjusted = rows.find((r) => r[5] === 'team.adjusted')!;
    expect(adjusted[6]).toBe(`調整小組編組（第十九點）：${tricky}`);
    expect(JSON.parse(adjusted[7])).toEqual({ reason: tricky });
    const approved = rows[2];
    expect(approved.slice(0, 6)).toEqual(['2', '2026-03-02 09:10:00', '', '資通安全長', '王資安長', 'level.approved']);
    expect(approved[6]).toBe('資通安全長核可等級：第3級');
    const report = rows[3];
    expect(report[2]).toBe('2026-05-20 14:03:07');
    expect(rows[5][6]).toBe('通知相關機關：臺北市政府警察局，公務雲(TaipeiON)');
  });

  it('describes events in English for the English export', () => {
    const rows = readCsv(actionLogCsv(record(), 'en').slice(1));
    expect(rows[3].slice(3, 7)).toEqual(['Reporting Contact', '', 'report.submitted', 'Report filed on the national reporting website: level 3']);
  });

  it('puts hot-wash notes on their event', () => {
    const withNotes = {
      ...record(),
      reviewNotes: [
        { id: 'a', target: { kind: 'event', seq: 3 }, text: '40 分才通報, 應更早', author: '主持人', wall: '2026-03-10T10:00:00+08:00' },
        { id: 'b', target: { kind: 'obligation', id: 'report-1h' }, text: 'not on an event', wall: '2026-03-10T10:00:00+08:00' },
      ],
    };
    const rows = readCsv(actionLogCsv(withNotes, 'zh-TW').slice(1));
    expect(rows[3][8]).toBe('主持人: 40 分才通報, 應更早');
    expect(rows.filter((r) => r[8] !== '' && r[0] !== '序號')).toHaveLength(1);
  });

  it('keeps free text from running as an Excel formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+886-2-1234')).toBe("'+886-2-1234");
    expect(csvField('plain')).toBe('plain');
  });
});
