/**
 * A procedure citation for people. The rules cite points as "P22(2)" and attachments as "Att.3"
 * (procedure.md's shorthand); the zh-TW screens say them the way the procedure itself does:
 * 第二十二點第二款, 附件三. English keeps the shorthand. The words are report.json's `points`.
 */
import { reportText } from '../report/report-text';

const DIGITS = reportText('zh-TW', 'points.digits').split(',');
const TEN = reportText('zh-TW', 'points.ten');

/** 1–99 in Chinese numerals: 3 → 三, 10 → 十, 14 → 十四, 22 → 二十二, 40 → 四十. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 0 ? '' : tens === 1 ? TEN : `${DIGITS[tens]}${TEN}`}${ones === 0 ? '' : DIGITS[ones]}`;
}

/** One citation, or several separated by commas ("P10, P11"). Anything unrecognised is shown as is. */
export function pointLabel(citation: string, language: string): string {
  const parts = citation.split(/\s*[,、]\s*/).filter(Boolean);
  if (language === 'en') return parts.join(', ');
  return parts
    .map((part) => {
      const point = /^P(\d+)(?:\((\d+)\))?$/.exec(part);
      if (point) {
        const item = point[2] ? reportText('zh-TW', 'points.item', { n: chineseNumber(Number(point[2])) }) : '';
        return reportText('zh-TW', 'points.point', { n: chineseNumber(Number(point[1])) }) + item;
      }
      const attachment = /^Att\.\s?(\d+)$/.exec(part);
      if (attachment) return reportText('zh-TW', 'points.attachment', { n: chineseNumber(Number(attachment[1])) });
      return part;
    })
    .join(reportText('zh-TW', 'listSep'));
}
