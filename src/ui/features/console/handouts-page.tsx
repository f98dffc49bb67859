/**
 * #/drill/:id/handouts — what the facilitator prints before the drill: one briefing card per role
 * (Att.3 duties; in coaching mode the role's obligations and limits), paper inject cards for a drill
 * run without screens, and the P32 sign-off sheet. Each card is one A4 page.
 */
import { useTranslation } from 'react-i18next';
import { pick } from '@/ui/i18n';
import { routeHref } from '@/ui/lib/routes';
import { useDrill } from '@/ui/drill-runtime';
import { useDocumentTitle } from '@/ui/lib/document-title';
import { guidanceOf } from '@/ui/persistence/drill-header';
import { shortTaipei } from '@/ui/lib/time-format';
import { parseIsoMs } from '@/engine/time/taipei';
import { pointLabel } from '@/engine/rules/point-label';
import { injectCards, offsetWords, roleCards } from './handouts-model';
import './strings';
import './handouts.css';

export default function HandoutsPage({ drillId }: { drillId: string }) {
  const { t, i18n } = useTranslation(['console', 'glossary']);
  const tc = useTranslation(['common', 'glossary']).t;
  const drill = useDrill(drillId);
  const title = drill.stored?.title ?? '';
  // The tab's title is the PDF's title when printed: it names the drill.
  useDocumentTitle([t('handouts.title', { title })]);
  const lang = i18n.language;
  if (drill.state === 'loading') return <p aria-busy="true">{t('loading')}</p>;
  if (!drill.header || !drill.snapshot) return <p role="alert">{drill.error ? pick(drill.error, lang) : t('missing')}</p>;
  const { header, snapshot } = drill;
  const guidance = guidanceOf(header);
  const level = header.scenario.referenceLevel;
  const cards = roleCards(header.participants, guidance, level);
  const injects = injectCards(snapshot.injects.map((s) => s.inject));

  return (
    <section className="page handouts" aria-labelledby="handouts-title">
      <div className="handouts-screen">
        <h1 id="handouts-title">{t('handouts.title', { title })}</h1>
        <p>{t('handouts.intro')}</p>
        <p className="page-actions">
          <button type="button" className="primary" onClick={() => window.print()}>
            {t('handouts.print')}
          </button>
          <a href={routeHref({ name: 'console', drillId })}>{t('handouts.back')}</a>
        </p>
      </div>

      <h2 className="handouts-part">{t('handouts.roles')}</h2>
      {cards.map((card) => (
        <article key={card.role} className="handout-card" aria-labelledby={`card-${card.role}`}>
          <p className="handout-drill">
            {title} · {header.agency.name} · {tc(`guidance.${guidance}`)}
          </p>
          <h3 id={`card-${card.role}`}>{t('handouts.roleCard', { role: tc(`glossary:roles.${card.role}`) })}</h3>
          <p>{card.holders.length ? t('handouts.holders', { names: card.holders.join('、') }) : t('handouts.noHolder')}</p>
          <h4>{t('handouts.duties')}</h4>
          <ul>
            {card.duties.map((d) => (
              <li key={d.zh}>
                {pick(d, lang)} <span className="handout-source">（{d.source.startsWith('P') ? pointLabel(d.source, lang === 'en' ? 'en' : 'zh-TW') : d.source === 'Att.3' ? t('handouts.attachment3') : d.source}）</span>
              </li>
            ))}
          </ul>
          {guidance === 'coaching' ? (
            card.limits.length > 0 && (
              <>
                <h4>{t('handouts.limits', { level })}</h4>
                <ul>
                  {card.limits.map((l) => (
                    <li key={l.title.zh}>
                      {pick(l.title, lang)}：{l.limit ? pick(l.limit, lang) : t('handouts.noLimitWords')}{' '}
                      <span className="handout-source">（{l.points.map((p) => pointLabel(p, lang === 'en' ? 'en' : 'zh-TW')).join('、')}）</span>
                    </li>
                  ))}
                </ul>
              </>
            )
          ) : (
            <p className="handout-note">{t('handouts.assessmentNote')}</p>
          )}
        </article>
      ))}

      <h2 className="handouts-part">{t('handouts.injects')}</h2>
      {injects.map((inj) => (
        <article key={inj.id} className="handout-card inject-card" aria-labelledby={`inject-${inj.id}`}>
          <p className="handout-drill">
            {title} · <strong>{offsetWords(inj.offsetMs)}</strong> · {shortTaipei(snapshot.t0Ms + inj.offsetMs)}
          </p>
          <h3 id={`inject-${inj.id}`}>{pick(inj.title, lang)}</h3>
          <p>
            {t('handouts.injectTo', { role: tc(`glossary:roles.${inj.to}`) })} · {t('handouts.injectVia', { channel: tc(`glossary:channels.${inj.channel}`, { defaultValue: inj.channel }) })} ·{' '}
            {t('handouts.injectFrom', { sender: inj.senderName ? pick(inj.senderName, lang) : inj.sender })}
          </p>
          {inj.contingency && <p className="handout-note">{t('handouts.injectCondition')}</p>}
          <p className="inject-message">{pick(inj.message, lang)}</p>
        </article>
      ))}

      <h2 className="handouts-part">{t('handouts.signoff')}</h2>
      <article className="handout-card signoff" aria-labelledby="signoff-title">
        <h3 id="signoff-title">{t('handouts.signoff')}</h3>
        <p>{t('handouts.signoffIntro')}</p>
        <dl className="signoff-facts">
          <div>
            <dt>{t('handouts.signoffDrill')}</dt>
            <dd>{title}</dd>
          </div>
          <div>
            <dt>{t('handouts.signoffAgency')}</dt>
            <dd>{header.agency.name}</dd>
          </div>
          <div>
            <dt>{t('handouts.signoffScenario')}</dt>
            <dd>{pick(drill.stored?.scenarioTitle, lang)}</dd>
          </div>
          <div>
            <dt>{t('handouts.signoffT0')}</dt>
            <dd>{shortTaipei(parseIsoMs(header.t0))}</dd>
          </div>
        </dl>
        <table className="data-table signoff-table">
          <thead>
            <tr>
              <th scope="col">{t('handouts.signoffWho')}</th>
              <th scope="col">{t('handouts.signoffName')}</th>
              <th scope="col">{t('handouts.signoffSign')}</th>
              <th scope="col">{t('handouts.signoffDate')}</th>
            </tr>
          </thead>
          <tbody>
            {(['responsible', 'ciso'] as const).map((who) => (
              <tr key={who}>
                <th scope="row">{t(`glossary:signers.${who}`)}</th>
                <td>{who === 'ciso' ? header.participants.filter((p) => p.roles.includes('ciso')).map((p) => p.name).join('、') : ''}</td>
                <td className="sign-line" />
                <td className="sign-line" />
              </tr>
            ))}
          </tbody>
        </table>
      </article>
    </section>
  );
}
