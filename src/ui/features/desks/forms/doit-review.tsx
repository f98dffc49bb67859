/**
 * DoIT's review desk (P15, P16): the reports received, from the log, each readable in full
 * (description, scope, C/I/A impact, measures); the level review with its basis; a request for data.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DrillEvent } from '@/engine/record/schema';
import type { Level } from '@/engine/record/vocabulary';
import type desksZh from '@/locales/zh-TW/desks.json';
import { useDesk } from '../desk-context';
import { formatAt, incomingReports } from '../desk-model';
import { ActionForm, LevelSelect, SubmitButton, TextField, Intro } from './form-parts';

export function DoitReview() {
  const { t } = useTranslation(['desks', 'glossary']);
  const { t: tc } = useTranslation(['common', 'glossary']);
  const { act, events, agency, pending, guidance } = useDesk();
  const reports = incomingReports(events);
  const firstLevel = (reports.find((e) => e.type === 'report.submitted')?.data as { level?: Level } | undefined)?.level;
  // Assessment: the reviewer states the level; nothing is filled in for them.
  const [level, setLevel] = useState<Level | ''>(guidance === 'coaching' ? (firstLevel ?? '') : '');
  const [basis, setBasis] = useState('');
  const [what, setWhat] = useState('');

  return (
    <div className="desk-stack">
      <section className="desk-form" aria-labelledby="desk-incoming">
        <h3 id="desk-incoming">{t('review.incoming')}</h3>
        {reports.length === 0 ? (
          <p className="empty">{t('review.incomingEmpty')}</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('review.when')}</th>
                <th scope="col">{t('review.type')}</th>
                <th scope="col">{t('review.level')}</th>
                <th scope="col">{t('review.by')}</th>
                <th scope="col">{t('review.read')}</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((e) => {
                const d = (e.data ?? {}) as Record<string, unknown>;
                const n = (d.level ?? d.to) as number | undefined;
                return (
                  <tr key={e.seq}>
                    <td>{formatAt(e.at)}</td>
                    <td>{t(`review.types.${e.type as keyof typeof desksZh.review.types}`)}</td>
                    <td>
                      {e.type === 'level.change.requested' && typeof d.from === 'number' ? `${t('common.levelN', { n: d.from })} → ` : ''}
                      {typeof n === 'number' ? t('common.levelN', { n }) : '—'}
                    </td>
                    <td>
                      {agency.name} · {e.actor.name ? t('common.paren', { a: tc(`glossary:roles.${e.actor.role}`), b: e.actor.name }) : tc(`glossary:roles.${e.actor.role}`)}
                    </td>
                    <td>
                      <details className="desk-report-full">
                        <summary aria-label={t('review.readLabel', { what: t(`review.types.${e.type as keyof typeof desksZh.review.types}`), when: formatAt(e.at) })}>{t('review.read')}</summary>
                        <ReportText event={e} />
                      </details>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      <ActionForm
        title={t('review.reviewTitle')}
        intro={t('review.reviewIntro')}
        onSubmit={() => {
          if (level !== '') void act('level.reviewed', { level, basis });
        }}
      >
        <LevelSelect label={t('review.reviewLevel')} value={level} onChange={setLevel} />
        <TextField label={t('review.basis')} multiline value={basis} onChange={setBasis} />
        <SubmitButton>{t('review.submitReview')}</SubmitButton>
      </ActionForm>
      <section className="desk-form" aria-labelledby="desk-designate">
        <h3 id="desk-designate">{t('review.designateTitle')}</h3>
        <Intro>{t('review.designateIntro')}</Intro>
        <button type="button" className="primary" disabled={pending} onClick={() => void act('incident.designated', { by: 'doit' })}>
          {t('review.designate')}
        </button>
      </section>
      <ActionForm title={t('review.requestTitle')} onSubmit={() => void act('ui.data.requested', { by: 'doit', what })}>
        <TextField label={t('review.requestWhat')} multiline value={what} onChange={setWhat} />
        <SubmitButton>{t('review.submitRequest')}</SubmitButton>
      </ActionForm>
    </div>
  );
}

/** Fields the reviewer reads, in the website's order; the first three are shown even when empty. */
const REPORT_FIELDS = ['description', 'scope', 'impact', 'awareAt', 'occurredAt', 'category', 'symptom', 'othersAffected', 'detectedBy', 'reason', 'summary', 'findings', 'steps', 'logsKept', 'recoveryStatus', 'support', 'rootCause', 'hardening'] as const;
const ALWAYS = new Set<string>(['description', 'scope', 'impact']);

/** A received report in full, as the agency filed it (the event's data). */
export function ReportText({ event }: { event: DrillEvent }) {
  const { t } = useTranslation(['desks', 'glossary']);
  const d = (event.data ?? {}) as Record<string, unknown>;
  const filed = event.type === 'report.submitted';
  const value = (key: (typeof REPORT_FIELDS)[number]): string | null => {
    const v = d[key];
    if (key === 'impact') {
      if (!v || typeof v !== 'object') return null;
      const imp = v as Record<string, { level?: number | null; affected?: boolean; basis?: string } | undefined>;
      return (['c', 'i', 'a'] as const)
        .map((k) => {
          const x = imp[k];
          const dim = t(`review.dims.${k}`);
          const head = x?.affected && typeof x.level === 'number' ? t('review.dimension', { dim, n: x.level }) : t('review.dimensionNone', { dim });
          return x?.basis ? `${head}${t('review.basisOf', { basis: x.basis })}` : head;
        })
        .join('；');
    }
    if (v === undefined || v === null || v === '') return null;
    if (Array.isArray(v)) return v.length ? v.map((x) => t(`website.logs.${String(x)}`, { defaultValue: String(x) })).join('、') : null;
    if (key === 'support' && typeof v === 'object') {
      const s = v as { needed?: boolean; what?: string };
      return s.needed ? s.what || t('common.yes') : t('common.no');
    }
    if (key === 'category') return t(`glossary:incidentCategories.${String(v)}`, { defaultValue: String(v) });
    if (key === 'symptom') return t(`symptoms.${String(v)}`, { defaultValue: String(v) });
    if (key === 'othersAffected') return t(`website.affected.${String(v)}`, { defaultValue: String(v) });
    if (key === 'recoveryStatus') return t(`website.status.${String(v)}`, { defaultValue: String(v) });
    if (key === 'rootCause') return t(`website.rootCauses.${String(v)}`, { defaultValue: String(v) });
    if (key === 'awareAt' || key === 'occurredAt') return typeof v === 'string' ? formatAt(v) : null;
    return String(v);
  };
  const rows = REPORT_FIELDS.map((key) => [key, value(key)] as const).filter(([key, v]) => v !== null || (filed && ALWAYS.has(key)));
  return (
    <dl className="desk-report-text">
      {rows.map(([key, v]) => (
        <div key={key}>
          <dt>{t(`review.fields.${key}`)}</dt>
          <dd>{v ?? t('review.empty')}</dd>
        </div>
      ))}
    </dl>
  );
}
