import { describe, expect, it } from 'vitest';
import { chineseNumber, pointLabel } from './point-label';

describe('procedure citations for people', () => {
  it.each([
    [1, '一'],
    [10, '十'],
    [11, '十一'],
    [20, '二十'],
    [22, '二十二'],
    [39, '三十九'],
    [99, '九十九'],
  ])('%i in Chinese numerals is %s', (n, zh) => expect(chineseNumber(n)).toBe(zh));

  it.each([
    ['P10', '第十點'],
    ['P22(2)', '第二十二點第二款'],
    ['P31(5)', '第三十一點第五款'],
    ['Att.1', '附件一'],
    ['P10, P11', '第十點、第十一點'],
    ['P19、Att.3', '第十九點、附件三'],
    ['§7', '§7'],
  ])('%s reads %s in zh-TW', (citation, zh) => expect(pointLabel(citation, 'zh-TW')).toBe(zh));

  it('English keeps the shorthand', () => {
    expect(pointLabel('P10, P11', 'en')).toBe('P10, P11');
    expect(pointLabel('Att.3', 'en')).toBe('Att.3');
  });
});
