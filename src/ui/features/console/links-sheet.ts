/**
 * The printed sheet of join links (issue 9): cards two to a row, each with a QR code of 32 mm (a phone
 * reads it from paper at arm's length), so a normal drill, the facilitator's people plus the observer
 * and the reviewer, fits one A4 page. The facilitator's own link is left off: the sheet is cut up and
 * handed out, and that link opens the controls of the drill; the facilitator already has it.
 */
import type { ServerLink } from '@/ui/drill-runtime/server-mode';

/** The links that go on the sheet: live ones this browser knows the token of, the facilitator's excepted. */
export function sheetLinks(links: readonly ServerLink[], tokens: Readonly<Record<string, string>>): ServerLink[] {
  return links.filter((l) => !l.revokedWall && tokens[l.id] && l.kind !== 'facilitator');
}

export interface SheetCard {
  who: string;
  url: string;
  /** The QR code as a data: URL. */
  qr: string;
}

const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

const STYLE =
  '@page{size:A4;margin:12mm}' +
  'body{font-family:system-ui,"Noto Sans CJK TC",sans-serif;margin:0}' +
  '@media screen{body{margin:12mm;max-width:186mm}}' +
  'h1{font-size:15pt;margin:0 0 2mm}p{font-size:9.5pt;margin:0 0 4mm}' +
  '.cards{display:grid;grid-template-columns:1fr 1fr;gap:3mm}' +
  '.card{display:flex;gap:3mm;align-items:center;border:1px dashed #777;padding:2.5mm;break-inside:avoid;min-width:0}' +
  'img{width:32mm;height:32mm;flex:none}' +
  '.card div{min-width:0}strong{display:block;font-size:10.5pt;margin-bottom:1.5mm}' +
  'code{word-break:break-all;font-size:7.5pt;line-height:1.3}';

/** The sheet as a document of its own (opened in a new window and printed). */
export function linksSheetHtml(o: { lang: string; title: string; help: string; cards: readonly SheetCard[] }): string {
  return (
    `<!doctype html><html lang="${esc(o.lang)}"><meta charset="utf-8"><title>${esc(o.title)}</title><style>${STYLE}</style>` +
    `<h1>${esc(o.title)}</h1><p>${esc(o.help)}</p><div class="cards">` +
    o.cards.map((c) => `<div class="card"><img src="${esc(c.qr)}" alt=""><div><strong>${esc(c.who)}</strong><code>${esc(c.url)}</code></div></div>`).join('') +
    `</div>`
  );
}
