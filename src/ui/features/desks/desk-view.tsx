/**
 * One role's desk: who is acting, the simulated clock, the inbox of injects delivered to the role,
 * what the engine says the role can do now, the role's forms and simulated channels, and its own
 * recent actions. Everything shown comes from the log and the engine's snapshot; every action goes
 * through `dispatch`, and a refusal is shown with the engine's reason.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AvailableAction, InboxEntry } from '@/engine/drill/drill-session';
import type { IncidentSummary } from '@/engine/machine/incident-machine';
import type { Agency, DrillEvent, ScenarioFacts } from '@/engine/record/schema';
import { TEAM_ROLES, type ActorRole } from '@/engine/record/vocabulary';
import { describeEvent } from '@/engine/report/event-text';
import { i18n as appI18n, pick } from '@/ui/i18n';
import { pointLabel } from '@/engine/rules/point-label';
import { sinceAwareness } from '@/ui/lib/time-format';
import { DeskEnvContext, useDesk, type DeskEnv } from './desk-context';
import { ROLE_FORMS, formForAction, otherFormsFor, type FormId } from './desk-forms';
import {
  actionsBy,
  formatAt,
  formatClock,
  holdersOf,
  inboxItems,
  type DeskParticipant,
  type Dispatch,
  type DispatchResult,
} from './desk-model';
import { Contacts } from './channels/contacts';
import { MalwarePlatforms } from './channels/malware-platforms';
import { ReportingWebsite } from './channels/reporting-website';
import {
  AnnouncementForm,
  EffectivenessForm,
  ImprovementPlanForm,
  IntelForm,
  PdpaForm,
  PressForm,
  ProgressForm,
  RootCauseForm,
  RootCauseReportForm,
  SignOffForm,
} from './forms/after-action-forms';
import { ContainmentForm } from './forms/containment-form';
import { DoitReview } from './forms/doit-review';
import { ActionForm, SubmitButton, TextField } from './forms/form-parts';
import { CisoApprovalForm, LevelAssessmentForm } from './forms/level-forms';
import { MeetingForm } from './forms/meeting-form';
import { TeamForm } from './forms/team-form';
import type { Guidance } from '@/ui/persistence/drill-header';
import './strings';

const AGENCY_ROLES = new Set<ActorRole>([...TEAM_ROLES, 'ciso']);

/** Who is acting, remembered per desk in this window (survives a reload, not shared between windows). */
function readIdentity(key: string | undefined): string | null {
  if (!key) return null;
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}
function writeIdentity(key: string | undefined, name: string): void {
  if (!key) return;
  try {
    if (name) sessionStorage.setItem(key, name);
    else sessionStorage.removeItem(key);
  } catch {
    // Storage refused (private mode): the choice lasts until the reload.
  }
}

/** The part of the runtime's snapshot a desk reads (the runtime's DrillSnapshot fits it). */
export interface DeskSnapshot {
  machine: Pick<IncidentSummary, 'outage' | 'outages' | 'levelInForce'>;
  inbox: Partial<Record<ActorRole, InboxEntry[]>>;
  availableActions: Partial<Record<ActorRole, AvailableAction[]>>;
  t0Ms: number;
  started: boolean;
  ended: boolean;
}

export interface DeskViewProps {
  role: ActorRole;
  agency: Agency;
  scenario: ScenarioFacts;
  participants: readonly DeskParticipant[];
  /** Served by the drill server: the person this device's session is (the server names the actor). */
  actingAs?: string;
  events: readonly DrillEvent[];
  snapshot: DeskSnapshot | null;
  clock: { simNowMs: number; running: boolean };
  dispatch: Dispatch;
  /** Where "all role desks" goes. */
  directoryHref?: string;
  /** Assessment (no hints) or coaching; default coaching, as drills saved before the choice ran. */
  guidance?: Guidance;
  /** Where this window remembers who is acting at this desk (sessionStorage key); none: not remembered. */
  identityKey?: string;
}

type Feedback = { kind: 'ok'; event: DrillEvent } | { kind: 'rejected'; reason: { zh: string; en: string } } | null;

/** A note for the debrief (ui.note.added): the desk's own, not a procedure form. */
function NoteForm() {
  const { t } = useTranslation(['desks', 'glossary']);
  const env = useDesk();
  const [text, setText] = useState('');
  return (
    <ActionForm title={t('forms.note')} intro={t('desk.noteIntro')} onSubmit={() => void env.act('ui.note.added', { text })}>
      <TextField label={t('desk.noteText')} multiline value={text} onChange={setText} />
      <SubmitButton>{t('desk.noteSubmit')}</SubmitButton>
    </ActionForm>
  );
}

const FORM_VIEWS: Record<FormId, () => ReactNode> = {
  website: () => <ReportingWebsite />,
  contacts: () => <Contacts />,
  platforms: () => <MalwarePlatforms />,
  level: () => <LevelAssessmentForm />,
  approval: () => <CisoApprovalForm />,
  team: () => <TeamForm />,
  meeting: () => <MeetingForm />,
  containment: () => <ContainmentForm />,
  announcement: () => <AnnouncementForm />,
  press: () => <PressForm />,
  effectiveness: () => <EffectivenessForm />,
  pdpa: () => <PdpaForm />,
  rootcause: () => <RootCauseForm />,
  plan: () => <ImprovementPlanForm />,
  'rootcause-report': () => <RootCauseReportForm />,
  progress: () => <ProgressForm />,
  signoff: () => <SignOffForm />,
  intel: () => <IntelForm />,
  review: () => <DoitReview />,
  note: () => <NoteForm />,
};

/** Describes an event in the current language (the glossary titles every type, the desk's own UI-only ones too). */
function useDescribe() {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-TW';
  return (e: Pick<DrillEvent, 'type' | 'data'>) => describeEvent(e, lang);
}

export function DeskView(props: DeskViewProps) {
  const { role, agency, scenario, participants, events, snapshot, clock, dispatch, directoryHref, identityKey } = props;
  const guidance = props.guidance ?? 'coaching';
  const { t, i18n } = useTranslation(['desks', 'glossary']);
  const { t: tc } = useTranslation(['common', 'glossary']);
  const describe = useDescribe();
  const holders = useMemo(() => holdersOf(participants, role), [participants, role]);
  const [actorName, setActorNameState] = useState<string>(() => {
    // On the drill server the person comes from the session (the link that was opened).
    if (props.actingAs) return props.actingAs;
    const remembered = readIdentity(identityKey);
    if (remembered && holders.some((h) => h.name === remembered)) return remembered;
    return holders.length === 1 ? holders[0].name : '';
  });
  const setActorName = (name: string) => {
    setActorNameState(name);
    writeIdentity(identityKey, name);
  };
  const [lastSeen, setLastSeen] = useState(0);
  const [active, setActive] = useState<FormId | null>(ROLE_FORMS[role][0] ?? null);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [pending, setPending] = useState(false);
  const formRef = useRef<HTMLElement>(null);
  const [focusForm, setFocusForm] = useState(0);
  const pickerId = useId();

  useEffect(() => {
    if (focusForm > 0) formRef.current?.focus();
  }, [focusForm]);

  const act = useCallback(
    async (type: string, data: Record<string, unknown> = {}): Promise<DispatchResult> => {
      setPending(true);
      try {
        const result = await dispatch({ type, actor: { role, ...(actorName ? { name: actorName } : {}) }, data });
        setFeedback(result.ok ? { kind: 'ok', event: result.event } : { kind: 'rejected', reason: result.reason });
        return result;
      } catch (error) {
        const reason = { code: 'dispatch-failed', zh: String(error), en: String(error) };
        setFeedback({ kind: 'rejected', reason });
        return { ok: false, reason };
      } finally {
        setPending(false);
      }
    },
    [dispatch, role, actorName],
  );

  const openForm = useCallback((id: FormId) => {
    setActive(id);
    setFeedback(null);
    setFocusForm((n) => n + 1);
  }, []);

  const outage = snapshot && snapshot.machine.outage === 'in-progress' ? { what: snapshot.machine.outages.join('、') || 'network' } : null;
  const env: DeskEnv = {
    role,
    ...(actorName ? { actorName } : {}),
    events,
    agency,
    scenario,
    participants,
    nowMs: clock.simNowMs,
    outage,
    levelInForce: snapshot?.started ? snapshot.machine.levelInForce : null,
    act,
    pending,
    openForm,
    guidance,
  };

  const inbox = inboxItems(snapshot?.inbox[role] ?? [], lastSeen);
  const unread = inbox.filter((i) => i.unread).length;
  const available = snapshot?.availableActions[role] ?? [];
  const own = actionsBy(events, role);
  // P16: what DoIT asked the agency for reaches the reporting contact, who answers it.
  const dataRequests = role === 'reporting-contact' ? events.filter((e) => e.type === 'ui.data.requested') : [];
  const ownForms = ROLE_FORMS[role];
  const otherForms = otherFormsFor(role);
  const lang = i18n.language;
  const otherLang = lang === 'en' ? 'zh-TW' : 'en';
  const roleName = tc(`glossary:roles.${role}`);
  const roleOther = appI18n.getFixedT(otherLang, 'glossary')(`roles.${role}`);
  const t0Ms = snapshot?.t0Ms ?? null;
  const aware = events.some((e) => e.type === 'incident.aware');
  // Before T0 the agency's own people may declare awareness (a pre-awareness inject, e.g. a SOC e-mail).
  const canDeclare = !!snapshot?.started && !snapshot.ended && !aware && AGENCY_ROLES.has(role);

  const formButton = (id: FormId) => (
    <button key={id} type="button" aria-pressed={active === id} onClick={() => openForm(id)}>
      {t(`forms.${id}`)}
    </button>
  );

  return (
    <DeskEnvContext.Provider value={env}>
      <section className="page desk" aria-labelledby="desk-title">
        <header className="desk-head">
          <div>
            <h1 id="desk-title">{t('desk.title', { role: roleName })}</h1>
            <p className="desk-role-other" lang={otherLang === 'en' ? 'en' : 'zh-Hant-TW'}>
              {roleOther}
            </p>
            <p className={`badge desk-guidance desk-guidance-${guidance}`}>{t('common.colon', { a: tc('guidance.label'), b: tc(`guidance.${guidance}`) })}</p>
            {directoryHref && <a href={directoryHref}>{t('desk.backToList')}</a>}
          </div>
          <div className="desk-actor">
            {holders.length > 0 ? (
              <>
                <label htmlFor={pickerId}>{t('desk.actingAs')}</label>
                <select id={pickerId} value={actorName} disabled={props.actingAs !== undefined} onChange={(e) => setActorName(e.target.value)}>
                  <option value="">{t('desk.pickYourself')}</option>
                  {holders.map((p) => (
                    <option key={p.name} value={p.name}>
                      {t('common.paren', { a: p.name, b: tc(`glossary:positions.${p.position}`) })}
                    </option>
                  ))}
                </select>
              </>
            ) : (
              <p>
                {t('common.colon', { a: t('desk.actingAs'), b: t('desk.facilitatorPlays') })}
              </p>
            )}
          </div>
          <dl className="desk-clock" aria-label={t('desk.clock')}>
            <div>
              <dt>{t('desk.clock')}</dt>
              <dd>
                <time>{formatClock(clock.simNowMs)}</time>
                {!clock.running && <span className="badge status-not-reached">{t('desk.paused')}</span>}
              </dd>
            </div>
            <div>
              <dt>{t('desk.since')}</dt>
              <dd>{aware && t0Ms !== null ? sinceAwareness(clock.simNowMs, t0Ms, lang) : t('desk.beforeAwareness')}</dd>
            </div>
          </dl>
        </header>

        {outage && (
          <div className="desk-outage" role="status">
            {t('desk.outage', { what: t(`glossary:outageCauses.${outage.what}`, { defaultValue: outage.what }) })}
          </div>
        )}
        {snapshot && !snapshot.started && <p className="desk-notice">{t('desk.notStarted')}</p>}
        {snapshot?.ended && <p className="desk-notice">{t('desk.ended')}</p>}

        <div className="desk-columns">
          <div className="desk-side">
            <section className="card" aria-labelledby="desk-inbox">
              <div className="desk-section-head">
                <h2 id="desk-inbox">
                  {t('desk.inbox')}
                  {unread > 0 && <span className="badge desk-unread-count">{unread}</span>}
                </h2>
                {unread > 0 && (
                  <button type="button" className="link" onClick={() => setLastSeen(Math.max(...inbox.map((i) => i.seq)))}>
                    {t('desk.markRead')}
                  </button>
                )}
              </div>
              {inbox.length === 0 ? (
                <p className="empty">{t('desk.inboxEmpty')}</p>
              ) : (
                <ol className="desk-inbox" aria-label={t('desk.inbox')}>
                  {inbox.map((item) => {
                    const inj = item.inject;
                    const sender = inj.senderName ? pick(inj.senderName, lang) : t(`glossary:senders.${inj.sender}`, { defaultValue: inj.sender });
                    return (
                      <li key={item.seq} className={item.unread ? 'desk-msg unread' : 'desk-msg'}>
                        <article aria-label={pick(inj.title, lang)}>
                          <header>
                            {item.unread && <span className="badge desk-unread">{t('desk.unread')}</span>}
                            {item.reviewTask && <span className="badge desk-task">{t('review.task')}</span>}
                            <h3>{pick(inj.title, lang)}</h3>
                          </header>
                          <p className="desk-msg-meta">
                            <span>{t('common.colon', { a: t('desk.from'), b: sender })}</span>
                            <span>{t('common.colon', { a: t('desk.via'), b: t(`glossary:channels.${inj.channel}`, { defaultValue: inj.channel }) })}</span>
                            <time>{formatAt(item.at)}</time>
                          </p>
                          <p className="desk-msg-body">{pick(inj.message, lang)}</p>
                        </article>
                      </li>
                    );
                  })}
                </ol>
              )}
            </section>

            {canDeclare && (
              <section className="card desk-aware" aria-labelledby="desk-aware">
                <h2 id="desk-aware">{t('aware.heading')}</h2>
                <p>{t('aware.help')}</p>
                <button
                  type="button"
                  className="primary"
                  disabled={pending}
                  onClick={() => {
                    if (window.confirm(t('aware.confirm'))) void act('incident.aware');
                  }}
                >
                  {t('aware.declare')}
                </button>
              </section>
            )}

            {dataRequests.length > 0 && (
              <section className="card" aria-labelledby="desk-data-requests">
                <h2 id="desk-data-requests">{t('dataRequests.heading')}</h2>
                <ul>
                  {dataRequests.map((e) => (
                    <li key={e.seq}>{t('dataRequests.item', { at: formatAt(e.at), what: String(e.data?.what ?? '') })}</li>
                  ))}
                </ul>
              </section>
            )}

            <section className="card" aria-labelledby="desk-recent">
              <h2 id="desk-recent">{t('desk.recent')}</h2>
              {own.length === 0 ? (
                <p className="empty">{t('desk.recentEmpty')}</p>
              ) : (
                <ol className="desk-recent">
                  {own.map((e) => (
                    <li key={e.seq}>
                      <time>{formatAt(e.at)}</time> {e.actor.name ? t('common.paren', { a: describe(e), b: e.actor.name }) : describe(e)}
                    </li>
                  ))}
                </ol>
              )}
            </section>
          </div>

          <div className="desk-main">
            {/* Assessment: the participants find their own obligations (no list, no point numbers). */}
            {guidance === 'coaching' && (
            <section className="card" aria-labelledby="desk-now">
              <h2 id="desk-now">{t('desk.now')}</h2>
              {available.length === 0 ? (
                <p className="empty">{t('desk.nowEmpty')}</p>
              ) : (
                <ul className="desk-now">
                  {available.map((a) => {
                    const form = formForAction(role, a.type);
                    const label = pick(a.label, lang);
                    return (
                      <li key={a.type} className={a.enabled ? '' : 'blocked'}>
                        {form ? (
                          <button type="button" className="link" onClick={() => openForm(form)}>
                            {label}
                          </button>
                        ) : (
                          <span>{label}</span>
                        )}
                        {a.point && <span className="desk-point">{pointLabel(a.point, lang)}</span>}
                        {!a.enabled && a.reason && (
                          <span className="desk-blocked">
                            {t('common.colon', { a: t('desk.blocked'), b: pick(a.reason, lang) })}
                          </span>
                        )}
                      </li>
                    );
                  })}
                </ul>
              )}
            </section>
            )}

            <section className="card" aria-labelledby="desk-forms">
              <h2 id="desk-forms">{t('desk.yourTasks')}</h2>
              {ownForms.length === 0 && <p className="empty">{t('desk.noForms')}</p>}
              <div role="group" aria-labelledby="desk-forms" className="desk-tabs">
                {ownForms.map(formButton)}
              </div>
              {otherForms.length > 0 && (
                <details className="desk-other-forms" open={active !== null && otherForms.includes(active)}>
                  <summary>{t('desk.otherForms')}</summary>
                  <p className="desk-hint">{t('desk.otherFormsHint')}</p>
                  <div role="group" aria-label={t('desk.otherForms')} className="desk-tabs">
                    {otherForms.map(formButton)}
                  </div>
                </details>
              )}
              {active && (
                <section ref={formRef} tabIndex={-1} className="desk-active-form" aria-label={t(`forms.${active}`)} key={active}>
                  {FORM_VIEWS[active]()}
                </section>
              )}
              {/* The engine's answer sits right under the form (and its submit button) that asked. */}
              <div aria-live="polite" className="desk-feedback">
                {pending && <p aria-busy="true">{t('desk.sending')}</p>}
                {feedback?.kind === 'rejected' && (
                  <p role="alert" className="desk-rejected">
                    {t('desk.rejected', { reason: pick(feedback.reason, lang) })}
                  </p>
                )}
              </div>
              {feedback?.kind === 'ok' && (
                <p role="status" className="desk-recorded">
                  {t('desk.recorded', { what: describe(feedback.event), seq: feedback.event.seq, at: formatAt(feedback.event.at) })}
                </p>
              )}
            </section>
          </div>
        </div>
      </section>
    </DeskEnvContext.Provider>
  );
}
