import { describe, expect, it } from 'vitest';
import { markdownText, stripBidi, stripBidiDeep } from './text-safety';

describe('user text on screens and in Markdown (issue 10)', () => {
  it('strips every bidi embedding, override and isolate control, and nothing else', () => {
    const controls = '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069';
    expect(stripBidi(`臺北${controls}市 abc\u200f`)).toBe('臺北市 abc\u200f');
    const rec = { agency: { name: '\u202e局試測' }, events: [{ data: { text: 'a\u2066b' } }] };
    expect(stripBidiDeep(rec)).toEqual({ agency: { name: '局試測' }, events: [{ data: { text: 'ab' } }] });
    const clean = { a: 'x' };
    expect(stripBidiDeep(clean)).toBe(clean);
  });

  it('escapes HTML, links, images, emphasis, headings and list marks so the text shows as written', () => {
    expect(markdownText('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(markdownText('[點我](javascript:alert(1))')).toBe('\\[點我\\](javascript&#58;alert(1))');
    expect(markdownText('![x](http://e/x.png)')).toBe('\\!\\[x\\](http://e/x.png)');
    expect(markdownText('**粗** _斜_ `碼` a|b ~刪~')).toBe('\\*\\*粗\\*\\* \\_斜\\_ \\`碼\\` a\\|b \\~刪\\~');
    expect(markdownText('# 標題')).toBe('\\# 標題');
    expect(markdownText('- 項目\n1. 第一')).toBe('\\- 項目\n1\\. 第一');
    expect(markdownText('\u202e反轉')).toBe('反轉');
    expect(markdownText('a & b')).toBe('a &amp; b');
  });
});
