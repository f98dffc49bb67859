import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, formatAgencyCsvError, parseAgencyCsv } from './agency-csv';

/** Big5 bytes of a text, from the platform's own Big5 decoder run backwards (no Big5 encoder exists in JS). */
function big5(text: string): Uint8Array {
  const table = new Map<string, number[]>();
  const dec = new TextDecoder('big5');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (const trail of [...Array(0x7f - 0x40).keys()].map((k) => k + 0x40).concat([...Array(0xff - 0xa1).keys()].map((k) => k + 0xa1))) {
      const ch = dec.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`no Big5 for ${ch}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}

const GOOD = [
  '機關名稱,機關類型,上級或監督機關,是否向中央通報,聯絡人',
  '臺北市政府工務局,一般機關,上級機關,否,王小明 02-2720-8889',
  '臺北流行音樂中心,行政法人,,否,"李大華, 資訊組"',
  '臺北市立建國高級中學,學校,上級機關、監督機關,是,陳老師',
  '',
].join('\r\n');

describe('agency list CSV', () => {
  it('reads UTF-8 with a BOM: types and oversight in words, default oversight by type, quoted commas', () => {
    const bytes = new TextEncoder().encode('\uFEFF' + GOOD);
    const r = parseAgencyCsv(bytes, 'agencies.csv');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.encoding).toBe('utf-8');
    expect(r.agencies).toEqual([
      { name: '臺北市政府工務局', type: 'agency', oversight: ['superior'], reportsToCentral: false, contact: '王小明 02-2720-8889' },
      { name: '臺北流行音樂中心', type: 'administrative-corporation', oversight: ['supervisory'], reportsToCentral: false, contact: '李大華, 資訊組' },
      { name: '臺北市立建國高級中學', type: 'school', oversight: ['superior', 'supervisory'], reportsToCentral: true, contact: '陳老師' },
    ]);
  });

  it('reads Excel’s zh-TW Big5 export the same as UTF-8', () => {
    const bytes = big5(GOOD);
    expect(decodeCsvBytes(bytes).encoding).toBe('big5');
    const a = parseAgencyCsv(bytes, 'agencies-big5.csv');
    const b = parseAgencyCsv(GOOD, 'agencies.csv');
    expect(a.ok && b.ok && a.agencies).toEqual(b.ok && b.agencies);
    expect(a.encoding).toBe('big5');
  });

  it('accepts English headers and ids', () => {
    const r = parseAgencyCsv('name,type,oversight,reports-to-central,contact\nDept A,agency,superior,yes,x\nCorp B,administrative-corporation,superior;supervisory,no,', 'en.csv');
    expect(r.ok && r.agencies.map((a) => [a.type, a.oversight, a.reportsToCentral])).toEqual([
      ['agency', ['superior'], true],
      ['administrative-corporation', ['superior', 'supervisory'], false],
    ]);
  });

  it('refuses a file with bad rows whole, naming each row, column and what is wrong', () => {
    const text = ['機關名稱,機關類型,上級或監督機關,是否向中央通報', '臺北市政府工務局,一般機關,,否', ',學校,,否', '臺北市政府環保局,局處,上司,也許'].join('\n');
    const r = parseAgencyCsv(text, 'bad.csv');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => formatAgencyCsvError(e, 'zh-TW'))).toEqual([
      'bad.csv: 第 3 列，A（機關名稱） 欄: 機關名稱不得空白',
      'bad.csv: 第 4 列，B（機關類型） 欄: 無法辨識機關類型「局處」：須為一般機關、行政法人、資訊局或學校',
      'bad.csv: 第 4 列，C（上級或監督機關） 欄: 無法辨識「上司」：須為上級機關或監督機關',
      'bad.csv: 第 4 列，D（是否向中央通報） 欄: 「也許」不是是或否',
    ]);
    expect(formatAgencyCsvError(r.errors[1], 'en')).toBe('bad.csv: row 4, column B（機關類型）: unknown agency type "局處": one of agency, administrative-corporation, doit, school');
    expect('agencies' in r).toBe(false); // nothing half-created
  });

  it('refuses a duplicate agency name, in the file and against the exercise', () => {
    const text = '機關名稱,機關類型\n臺北市政府工務局,一般機關\n 臺北市政府工務局 ,一般機關\n臺北市政府消防局,一般機關';
    const r = parseAgencyCsv(text, 'dup.csv');
    expect(!r.ok && r.errors.map((e) => [e.row, e.message.en])).toEqual([[3, 'agency name "臺北市政府工務局" is a duplicate (already on row 2)']]);
    const again = parseAgencyCsv('機關名稱,機關類型\n臺北市政府消防局,一般機關', 'more.csv', ['臺北市政府消防局']);
    expect(!again.ok && again.errors[0].message.zh).toBe('機關「臺北市政府消防局」已在本次演練中');
  });

  it('names a missing required column and an empty file', () => {
    const r = parseAgencyCsv('機關名稱,聯絡人\n甲,乙', 'cols.csv');
    expect(!r.ok && r.errors.map((e) => [e.row, e.message.zh])).toEqual([[1, '缺少必要欄位「機關類型」（第 1 列須為欄位名稱）']]);
    const empty = parseAgencyCsv('機關名稱,機關類型\n', 'empty.csv');
    expect(!empty.ok && empty.errors[0].message.en).toBe('the file lists no agency');
  });
});
