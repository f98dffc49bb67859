/** DoIT's review desk (P15, P16): the reports received, from the log; the level review with its basis; a request for data. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Level } from '@/engine/record/vocabulary';
import { useDesk } from '../desk-context';
import { formatAt, incomingReports } from '../desk-model';
import { ActionForm, LevelSelect, SubmitButton, TextField } from './form-parts';

export function DoitReview() {
  const { t } = useTranslation('desks');
  const { t: tc } = useTranslation();
  const { act, events, agency, pending } = useDesk();
  const reports = incomingReports(events);
  const firstLevel = (reports.find((e) => e.type === 'report.submitted')?.data as { level?: Level } | undefined)?.level;
  const [level, setLevel] = useState<Level | ''>(firstLevel ?? '');
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
              </tr>
            </thead>
            <tbody>
              {reports.map((e) => {
                const d = (e.data ?? {}) as Record<string, unknown>;
                const n = (d.level ?? d.to) as number | undefined;
                return (
                  <tr key={e.seq}>
                    <td>{formatAt(e.at)}</td>
                    <td>{t(`review.types.${e.type}`)}</td>
                    <td>
                      {e.type === 'level.change.requested' && typeof d.from === 'number' ? `${t('common.levelN', { n: d.from })} → ` : ''}
                      {typeof n === 'number' ? t('common.levelN', { n }) : '—'}
                    </td>
                    <td>
                      {agency.name} · {e.actor.name ? t('common.paren', { a: tc(`roles.${e.actor.role}`), b: e.actor.name }) : tc(`roles.${e.actor.role}`)}
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
        <p className="desk-intro">{t('review.designateIntro')}</p>
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
