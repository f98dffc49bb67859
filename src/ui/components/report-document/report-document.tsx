/**
 * The after-action report's blocks (engine `reportBlocks`, `cityReportBlocks`) as an article, for
 * the screen and the printed A4 page. The review and the city results both show one; the Markdown
 * export is written from the same blocks by the engine.
 */
import type { Block } from '@/engine/report/after-action-report';

export interface ReportDocumentProps {
  blocks: readonly Block[];
  lang: 'zh-TW' | 'en';
  /**
   * The HTML heading the report's own title (a level-1 block) becomes: the report sits under its
   * page's section heading, so its levels shift down by one (h2 in the review) or two (h3 in the
   * city results, where it sits under a sub-section).
   */
  titleLevel: 2 | 3;
  /** Extra class on the article (beside `report-document`). */
  className?: string;
  /** Class on the report's title heading. */
  titleClassName?: string;
}

export function ReportDocument({ blocks, lang, titleLevel, className, titleClassName }: ReportDocumentProps) {
  return (
    <article className={className ? `report-document ${className}` : 'report-document'} lang={lang === 'en' ? 'en' : 'zh-Hant-TW'}>
      {blocks.map((b, i) => {
        switch (b.kind) {
          case 'heading': {
            const Tag = (['h2', 'h3', 'h4', 'h5'] as const)[b.level - 1 + titleLevel - 2];
            return (
              <Tag key={i} className={b.level === 1 ? titleClassName : undefined}>
                {b.text}
              </Tag>
            );
          }
          case 'paragraph':
            return <p key={i}>{b.text}</p>;
          case 'list':
            return (
              <ul key={i}>
                {b.items.map((item, j) => (
                  <li key={j}>{item}</li>
                ))}
              </ul>
            );
          case 'table':
            return (
              <table key={i} className="report-table">
                <thead>
                  <tr>
                    {b.head.map((h, j) => (
                      <th key={j} scope="col">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {b.rows.map((r, j) => (
                    <tr key={j}>
                      {r.map((c, k) => (
                        <td key={k} className={b.nowrap?.includes(k) ? 'nowrap' : undefined}>
                          {c}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            );
        }
      })}
    </article>
  );
}
