/**
 * What-if re-scoring beside the scored result: another pass mark and key obligations (DoIT's
 * standard), and/or every limit at the scenario's reference level instead of the level in force.
 * Hypothetical throughout: the panel and the report's appendix say so.
 */
import { useTranslation } from 'react-i18next';
import type { WhatIfAssumptions, WhatIfResult } from '@/engine/report/what-if';
import { AGENCY_SCORED } from '@/engine/rules/obligations';
import type { Standard } from '@/engine/scoring/standard';
import type { ObligationId } from '@/engine/record/vocabulary';
import { formatScore } from '@/engine/report/after-action-report';
import { notReachedCount } from '@/engine/scoring/types';
import { Verdict } from '@/ui/components/verdict/verdict';

export function WhatIfPanel({
  inForce,
  assumptions,
  onChange,
  result,
  referenceLevel,
}: {
  inForce: Standard;
  assumptions: WhatIfAssumptions | null;
  onChange: (a: WhatIfAssumptions | null) => void;
  result: WhatIfResult | null;
  referenceLevel: number;
}) {
  const { t } = useTranslation(['review', 'common', 'glossary']);
  const a = assumptions ?? {};
  const std = { ...inForce, ...a.standard };
  const set = (next: WhatIfAssumptions) => onChange(next);
  const status = (s: string) => t(`glossary:statuses.${s}`, { defaultValue: s });
  return (
    <section id="review-whatif" className="card review-screen what-if" aria-labelledby="review-whatif-title">
      <h2 id="review-whatif-title">{t('whatIf.title')}</h2>
      <p className="lead">{t('whatIf.lead')}</p>
      <label className="inline">
        <input type="checkbox" checked={assumptions !== null} onChange={(e) => onChange(e.target.checked ? {} : null)} />
        {t('whatIf.enable')}
      </label>
      {assumptions !== null && (
        <>
          <div className="what-if-controls">
            <label className="field">
              <span>{t('whatIf.minScore')}</span>
              <input
                type="number"
                min={0}
                max={100}
                value={std.minScore}
                onChange={(e) => set({ ...a, standard: { ...a.standard, minScore: Number(e.target.value) } })}
              />
            </label>
            <fieldset>
              <legend>{t('whatIf.critical')}</legend>
              {AGENCY_SCORED.map((o) => (
                <label key={o.id} className="inline">
                  <input
                    type="checkbox"
                    checked={std.critical.includes(o.id)}
                    onChange={(e) => {
                      const critical: ObligationId[] = e.target.checked ? [...std.critical, o.id] : std.critical.filter((x) => x !== o.id);
                      set({ ...a, standard: { ...a.standard, critical } });
                    }}
                  />
                  {t(`glossary:obligations.${o.id}`)}
                </label>
              ))}
            </fieldset>
            <label className="inline">
              <input type="checkbox" checked={a.atReferenceLevel === true} onChange={(e) => set({ ...a, atReferenceLevel: e.target.checked })} />
              {t('whatIf.atReference', { level: referenceLevel })}
            </label>
          </div>
          {result && (
            <table className="data-table what-if-table">
              <caption>{t('whatIf.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('whatIf.item')}</th>
                  <th scope="col">{t('whatIf.scored')}</th>
                  <th scope="col">{t('whatIf.hypothetical')}</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">{t('summary.score')}</th>
                  <td>{formatScore(result.scored.score)}</td>
                  <td>{formatScore(result.hypothetical.score)}</td>
                </tr>
                <tr>
                  <th scope="row">{t('summary.result')}</th>
                  <td>
                    <Verdict verdict={result.scored.verdict} notReached={notReachedCount(result.scored)} />
                  </td>
                  <td>
                    <Verdict verdict={result.hypothetical.verdict} notReached={notReachedCount(result.hypothetical)} />
                  </td>
                </tr>
                {result.hypothetical.obligations.map((o) => {
                  const before = result.scored.obligations.find((x) => x.id === o.id)?.status ?? '';
                  return (
                    <tr key={o.id} className={before !== o.status ? 'changed' : undefined}>
                      <th scope="row">{t(`glossary:obligations.${o.id}`)}</th>
                      <td>{status(before)}</td>
                      <td>
                        {status(o.status)}
                        {before !== o.status && <span className="visually-hidden"> {t('whatIf.changed')}</span>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
