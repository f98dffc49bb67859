import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Reason } from '@/engine/base/reason';
import { DESK_ROLES, FACILITATOR_PLAYED_ROLES, type ActorRole } from '@/engine/record/vocabulary';
import { pick } from '@/ui/i18n';
import { useDocumentTitle } from '@/ui/lib/document-title';
import { routeHref } from '@/ui/lib/routes';
import { useDrill, type CommandResult } from '@/ui/drill-runtime';
import { DeadlineBoard } from '@/ui/components/deadline-board/deadline-board';
import { Verdict } from '@/ui/components/verdict/verdict';
import { notReachedCount } from '@/engine/scoring/types';
import { deadlineBoard, nextOpenDeadline } from '@/ui/components/deadline-board/deadline-board-model';
import { ActionLog, ClockPanel, MselPanel, NotesPanel } from './console-panels';
import { ServerConsoleExtras } from './server-console-extras';
import './strings';
import './console.css';

/** The outside parties the facilitator plays when no participant holds them, in desk order. */
const NO_AUTO_PAUSE = { injects: false, limits: false };

const OUTSIDE: readonly ActorRole[] = DESK_ROLES.filter((r) => (FACILITATOR_PLAYED_ROLES as readonly ActorRole[]).includes(r));

export default function ConsolePage({ drillId }: { drillId: string }) {
  const { t, i18n } = useTranslation(['console', 'connection', 'glossary']);
  const tc = useTranslation(['common', 'glossary']).t;
  const drill = useDrill(drillId);
  useDocumentTitle([tc('nav.console'), drill.stored?.title, tc('app.short')]);
  const [refusal, setRefusal] = useState<Reason | null>(null);
  const [outageKind, setOutageKind] = useState<'network' | 'power'>('network');

  // Every control reports a refusal the same way: the engine's reason, in the current language.
  const report = useCallback((p: Promise<CommandResult>) => {
    void p.then((r) => setRefusal(r.ok ? null : r.reason));
    return p;
  }, []);

  const { snapshot, clock, score, header } = drill;
  const endedNow = snapshot?.ended ?? false;
  const nextDeadline = useMemo(() => nextOpenDeadline(deadlineBoard(score, clock.simNowMs, endedNow)), [score, clock.simNowMs, endedNow]);
  const nextInject = snapshot?.injects.find((i) => i.status === 'upcoming') ?? null;
  const injects = snapshot?.injects;
  // A key that changes only when the set does, so the MSEL is not redrawn at every tick.
  const undoableKey = (injects ?? [])
    .filter((i) => i.status === 'skipped' && i.skippedBy === 'facilitator' && i.dueMs > clock.simNowMs)
    .map((i) => i.inject.id)
    .join('\n');
  const undoable = useMemo(() => new Set(undoableKey ? undoableKey.split('\n') : []), [undoableKey]);
  const injectTitles = useMemo(() => new Map((injects ?? []).map((i) => [i.inject.id, i.inject.title])), [injects]);

  if (drill.state === 'loading') return <p aria-busy="true">{t('loading')}</p>;
  if (drill.state === 'missing') {
    return (
      <section className="page">
        <p role="alert">{t('missing')}</p>
        <a href={routeHref({ name: 'home' })}>{t('backHome')}</a>
      </section>
    );
  }
  if (drill.state === 'error' || !header || !snapshot) {
    return (
      <section className="page">
        <div role="alert" className="callout error">
          <p>{drill.error ? pick(drill.error, i18n.language) : t('loading')}</p>
        </div>
        <button type="button" onClick={drill.downloadRecord}>
          {t('storage.export')}
        </button>
      </section>
    );
  }

  const started = snapshot.started;
  const ended = snapshot.ended;
  // On the drill server only the facilitator's session controls the drill; the observer/projector
  // and participants who open the console see it read-only (the server would refuse them anyway).
  const canControl = !drill.me || drill.me.kind === 'facilitator';
  const live = started && !ended && canControl;
  const outages = snapshot.machine.outages;
  const holders = (role: ActorRole) => header.participants.filter((p) => p.roles.includes(role)).map((p) => p.name);

  return (
    <section className="page console" aria-labelledby="console-title">
      <div className="page-head">
        <div>
          <h1 id="console-title">{t('titleWith', { title: drill.stored?.title ?? '' })}</h1>
          <p className="muted">
            {header.agency.name} · {pick(drill.stored?.scenarioTitle, i18n.language)} · {t(`glossary:drillModes.${header.mode}`)} ·{' '}
            {drill.connection ? t('connection:followsServer') : drill.isAuthority ? t('authority') : t('replica')}
          </p>
        </div>
        <div className="page-actions">
          <a className="button" href={routeHref({ name: 'handouts', drillId })} target="_blank" rel="noopener">
            {t('handouts.link')}
          </a>
          {live && (
            <button
              type="button"
              className="danger"
              onClick={() => {
                if (window.confirm(t('end.confirm'))) void report(drill.endDrill());
              }}
            >
              {t('end.button')}
            </button>
          )}
        </div>
      </div>

      {drill.storageError && (
        <div role="alert" className="callout error storage-error">
          <p>{pick(drill.storageError, i18n.language)}</p>
          {drill.unsaved > 0 && <p>{t('storage.unsaved', { count: drill.unsaved })}</p>}
          <button type="button" className="primary" onClick={drill.downloadRecord}>
            {t('storage.export')}
          </button>
        </div>
      )}
      <ServerConsoleExtras drillId={drillId} {...(drill.stored?.title ? { drillTitle: drill.stored.title } : {})} connection={drill.connection} links={canControl} />
      {/* Sticky: the refused control may be far down the page (the notes, the MSEL). */}
      {refusal && (
        <p role="alert" className="callout error console-refusal">
          {t('refused', { reason: pick(refusal, i18n.language) })}
        </p>
      )}

      {!canControl && (
        <p className="callout read-only-callout" role="note">
          {t('readOnly')}
        </p>
      )}
      {!started && canControl && (
        <div className="callout start-callout">
          <h2>{t('start.heading')}</h2>
          <p>{t('start.help')}</p>
          <button type="button" className="primary big" onClick={() => void report(drill.start())}>
            {t('start.button')}
          </button>
        </div>
      )}
      {ended && (
        <div className={`callout ended-callout ${drill.score?.verdict ?? 'fail'}`} role="status">
          <h2>{t('end.ended')}</h2>
          {drill.score && (
            <p className="final-score">
              {t('end.score', { score: drill.score.score })} · <Verdict verdict={drill.score.verdict} notReached={notReachedCount(drill.score)} />
            </p>
          )}
          <a className="button primary big" href={routeHref({ name: 'review', drillId })}>
            {t('end.review')}
          </a>
        </div>
      )}

      <div className="console-grid">
        {/* The left column packs its panels; the board beside it is sticky and scrolls within the viewport, so no gap opens.
            Both sit in their own row, so the sticky board stops there and never covers the MSEL below it. */}
        <div className="console-top">
          <div className="console-left">
            <ClockPanel
              simNowMs={clock.simNowMs}
              running={clock.running}
              speed={clock.speed}
              t0Ms={snapshot.t0Ms}
              nextInjectMs={nextInject?.dueMs ?? null}
              nextDeadlineMs={nextDeadline?.dueMs ?? null}
              disabled={!live}
              onPlay={() => void report(drill.play())}
              onPause={() => void report(drill.pause())}
              onSpeed={(s) => void report(drill.setSpeed(s))}
              onJumpBy={(ms) => void report(drill.jumpBy(ms))}
              onNextInject={() => void report(drill.jumpToNextInject())}
              onNextDeadline={() => void report(drill.jumpToNextDeadline())}
              {...(header.planSpeed !== undefined ? { planSpeed: header.planSpeed } : {})}
              autoPause={clock.autoPause ?? NO_AUTO_PAUSE}
              onAutoPause={(o) => void report(drill.setAutoPause(o))}
            />
            <section className="panel world-panel" aria-labelledby="world-title">
              <h2 id="world-title">{t('world.heading')}</h2>
              <p>
                {t('world.outage')}
                <strong className={outages.length ? 'outage-on' : 'outage-off'}>
                  {outages.length ? t('world.outageNow', { what: outages.map((w) => t(`world.kinds.${w}`, { defaultValue: w })).join('、') }) : t('world.noOutage')}
                </strong>
              </p>
              <div className="field-row">
                <label>
                  <span>{t('world.kind')}</span>
                  <select value={outageKind} onChange={(e) => setOutageKind(e.target.value as 'network' | 'power')}>
                    <option value="network">{t('world.kinds.network')}</option>
                    <option value="power">{t('world.kinds.power')}</option>
                  </select>
                </label>
                <button type="button" disabled={!live} onClick={() => void report(drill.startOutage(outageKind))}>
                  {t('world.startOutage')}
                </button>
                <button type="button" disabled={!live || outages.length === 0} onClick={() => void report(drill.endOutage(outages.includes(outageKind) ? outageKind : outages[0]))}>
                  {t('world.endOutage')}
                </button>
              </div>
              <h3>{t('world.plays')}</h3>
              <ul className="plain">
                {OUTSIDE.map((role) => {
                  const names = holders(role);
                  return (
                    <li key={role}>
                      <a href={routeHref({ name: 'desk', drillId, role })} target="_blank" rel="noopener">
                        {tc(`glossary:roles.${role}`)}
                      </a>{' '}
                      <span className="muted">{names.length ? t('world.heldBy', { names: names.join('、') }) : t('world.playedByFacilitator')}</span>
                    </li>
                  );
                })}
              </ul>
            </section>
          </div>
          <DeadlineBoard className="panel board-panel" score={score} nowMs={clock.simNowMs} ended={endedNow} scrollable />
        </div>
        <MselPanel
          injects={snapshot.injects}
          t0Ms={snapshot.t0Ms}
          undoable={undoable}
          disabled={!live}
          onDeliver={(id) => void report(drill.deliverNow(id))}
          onSkip={(id) => void report(drill.skip(id))}
          onUnskip={(id) => void report(drill.unskip(id))}
          onCompose={(inject) => report(drill.composeAdHoc(inject))}
        />
        <section className="panel desks-panel" aria-labelledby="desks-title">
          <h2 id="desks-title">{t('desks.heading')}</h2>
          <p className="help">{t('desks.help')}</p>
          <ul className="desk-links">
            {DESK_ROLES.map((role) => (
              <li key={role}>
                <a
                  className="button"
                  href={routeHref({ name: 'desk', drillId, role })}
                  target="_blank"
                  rel="noopener"
                >
                  {tc(`glossary:roles.${role}`)}
                  {holders(role).length > 0 && <span className="muted"> · {holders(role).join('、')}</span>}
                  <span className="visually-hidden">{t('desks.newWindow')}</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
        <NotesPanel disabled={!started || ended || !canControl} onAdd={(text) => report(drill.addNote(text))} />
        <ActionLog events={drill.events} titles={injectTitles} />
      </div>
    </section>
  );
}
