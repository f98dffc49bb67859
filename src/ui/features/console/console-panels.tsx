/**
 * The console's panels. Each is memoised on what it shows, so the clock ticking (4×/s) redraws
 * the clock and the board but not the 2,000-row log or the MSEL.
 */
import { memo, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InjectState } from '@/engine/drill/drill-session';
import { INJECT_CHANNELS, type ExpectedAction, type InjectChannel } from '@/engine/drill/inject';
import { DESK_ACTIONS } from '@/engine/drill/desk-actions';
import type { DrillEvent } from '@/engine/record/schema';
import { DESK_ROLES, type ActorRole } from '@/engine/record/vocabulary';
import { describeEvent, eventTitle } from '@/engine/report/event-text';
import { parseIsoMs } from '@/engine/time/taipei';
import { pick } from '@/ui/i18n';
import type { AdHocInject, CommandResult } from '@/ui/drill-runtime';
import { shortTaipei, sinceAwareness, taipeiClock } from '@/ui/lib/time-format';

const SPEEDS = [1, 10, 60, 600, 3600] as const;

/** The console's speeds and the scenario's planned one (plan.speed), in order. */
export function speedsWith(planSpeed: number | undefined): number[] {
  const all = new Set<number>(SPEEDS);
  if (planSpeed !== undefined && planSpeed >= 1 && planSpeed <= 3600) all.add(planSpeed);
  return [...all].sort((a, b) => a - b);
}
const lng = (language: string) => (language === 'en' ? 'en' : 'zh-TW');

export interface ClockPanelProps {
  simNowMs: number;
  running: boolean;
  speed: number;
  t0Ms: number;
  nextInjectMs: number | null;
  nextDeadlineMs: number | null;
  disabled: boolean;
  onPlay(): void;
  onPause(): void;
  onSpeed(speed: number): void;
  onJumpBy(ms: number): void;
  onNextInject(): void;
  onNextDeadline(): void;
  /** The scenario's planned speed (plan.speed), offered beside the console's own. */
  planSpeed?: number;
  autoPause: { injects: boolean; limits: boolean };
  onAutoPause(options: { injects: boolean; limits: boolean }): void;
}

export const ClockPanel = memo(function ClockPanel(p: ClockPanelProps) {
  const { t, i18n } = useTranslation(['console', 'glossary']);
  const { date, time } = taipeiClock(p.simNowMs, i18n.language);
  return (
    <section className="panel clock-panel" aria-labelledby="clock-title">
      <h2 id="clock-title">{t('clock.heading')}</h2>
      <div className="clock-face" role="timer" aria-live="off" aria-label={t('clock.sim')}>
        <div className="clock-date">{date}</div>
        <div className="clock-time">{time}</div>
      </div>
      <div className="clock-since">
        <span className="label">{t('clock.since')}</span> <strong data-testid="since">{sinceAwareness(p.simNowMs, p.t0Ms, i18n.language)}</strong>
        <span className={`run-state ${p.running ? 'running' : 'paused'}`}>{p.running ? t('clock.running') : t('clock.paused')}</span>
      </div>
      <div className="clock-controls">
        {p.running ? (
          <button type="button" className="primary big" onClick={p.onPause} disabled={p.disabled}>
            {t('clock.pause')}
          </button>
        ) : (
          <button type="button" className="primary big" onClick={p.onPlay} disabled={p.disabled}>
            {t('clock.play')}
          </button>
        )}
        <div role="radiogroup" aria-label={t('clock.speed')} className="speeds">
          {speedsWith(p.planSpeed).map((s) => (
            <label key={s} className={`speed ${p.speed === s ? 'on' : ''} ${s === p.planSpeed ? 'planned' : ''}`} title={s === p.planSpeed ? t('clock.planned', { n: s }) : undefined}>
              <input type="radio" name="speed" checked={p.speed === s} disabled={p.disabled} onChange={() => p.onSpeed(s)} />
              {/* The planned speed is marked on screen and named in full for assistive technology. */}
              {t('clock.speedN', { n: s })}
              {s === p.planSpeed && <span className="visually-hidden">{t('clock.plannedSuffix')}</span>}
            </label>
          ))}
        </div>
      </div>
      <fieldset className="auto-pause">
        <legend>{t('clock.autoPause')}</legend>
        <label>
          <input
            type="checkbox"
            checked={p.autoPause.injects}
            disabled={p.disabled}
            onChange={(e) => p.onAutoPause({ ...p.autoPause, injects: e.target.checked })}
          />
          {t('clock.autoPauseInjects')}
        </label>
        <label>
          <input
            type="checkbox"
            checked={p.autoPause.limits}
            disabled={p.disabled}
            onChange={(e) => p.onAutoPause({ ...p.autoPause, limits: e.target.checked })}
          />
          {t('clock.autoPauseLimits')}
        </label>
      </fieldset>
      <div className="jumps" role="group" aria-label={t('clock.jumps')}>
        <button type="button" onClick={() => p.onJumpBy(15 * 60_000)} disabled={p.disabled}>
          {t('clock.plus15')}
        </button>
        <button type="button" onClick={() => p.onJumpBy(3600_000)} disabled={p.disabled}>
          {t('clock.plus1h')}
        </button>
        <button type="button" onClick={p.onNextInject} disabled={p.disabled || p.nextInjectMs === null}>
          {t('clock.nextInject')}
        </button>
        <button type="button" onClick={p.onNextDeadline} disabled={p.disabled || p.nextDeadlineMs === null}>
          {t('clock.nextDeadline')}
        </button>
      </div>
      <dl className="next-times">
        <div>
          <dt>{t('clock.nextInjectAt')}</dt>
          <dd>{p.nextInjectMs === null ? t('clock.none') : t('clock.at', { time: shortTaipei(p.nextInjectMs), since: sinceAwareness(p.nextInjectMs, p.t0Ms, i18n.language) })}</dd>
        </div>
        <div>
          <dt>{t('clock.nextDeadlineAt')}</dt>
          <dd>{p.nextDeadlineMs === null ? t('clock.none') : t('clock.at', { time: shortTaipei(p.nextDeadlineMs), since: sinceAwareness(p.nextDeadlineMs, p.t0Ms, i18n.language) })}</dd>
        </div>
      </dl>
    </section>
  );
});

export interface MselPanelProps {
  injects: InjectState[];
  t0Ms: number;
  /** Ids of injects the facilitator skipped whose moment is still ahead (a skip can be undone until then). */
  undoable: ReadonlySet<string>;
  disabled: boolean;
  onDeliver(id: string): void;
  onSkip(id: string): void;
  onUnskip(id: string): void;
  onCompose(inject: AdHocInject): Promise<CommandResult>;
}

export const MselPanel = memo(function MselPanel({ injects, t0Ms, undoable, disabled, onDeliver, onSkip, onUnskip, onCompose }: MselPanelProps) {
  const { t, i18n } = useTranslation(['console', 'glossary']);
  const tc = useTranslation(['common', 'glossary']).t;
  const [composing, setComposing] = useState(false);
  const composeButton = useRef<HTMLButtonElement>(null);
  // The composer is inline: closing it (cancel, Escape, sent) gives focus back to its button.
  const close = () => {
    setComposing(false);
    composeButton.current?.focus();
  };
  return (
    <section className="panel msel-panel" aria-labelledby="msel-title">
      <div className="panel-head">
        <h2 id="msel-title">{t('msel.heading')}</h2>
        <button
          ref={composeButton}
          type="button"
          aria-expanded={composing}
          aria-controls={composing ? 'compose-form' : undefined}
          onClick={() => setComposing((c) => !c)}
          disabled={disabled}
        >
          {t('msel.compose')}
        </button>
      </div>
      {composing && <ComposeForm t0Ms={t0Ms} onCancel={close} onSend={onCompose} onSent={close} />}
      <table className="data-table msel">
        <thead>
          <tr>
            <th scope="col">{t('msel.time')}</th>
            <th scope="col">{t('msel.inject')}</th>
            <th scope="col">{t('msel.to')}</th>
            <th scope="col">{t('msel.status')}</th>
            <th scope="col">{t('msel.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {injects.map((s) => {
            const title = pick(s.inject.title, i18n.language);
            return (
              <tr key={s.inject.id} className={`inject-${s.status}`}>
                <td className="num">
                  <div>{sinceAwareness(s.dueMs, t0Ms, i18n.language)}</div>
                  <div className="muted">{shortTaipei(s.dueMs)}</div>
                </td>
                <th scope="row">
                  {title}
                  {s.inject.adHoc && <span className="tag">{t('msel.adHoc')}</span>}
                  {s.inject.contingency && <span className="tag">{t('msel.contingency')}</span>}
                </th>
                <td>{tc(`glossary:roles.${s.inject.to}`)}</td>
                <td>
                  <span className={`badge inject-status-${s.status}`}>{t(`msel.statuses.${s.status}`)}</span>
                  {s.at && <div className="muted">{shortTaipei(parseIsoMs(s.at))}</div>}
                </td>
                <td>
                  {s.status === 'upcoming' && (
                    <div className="row-actions">
                      <button type="button" aria-label={t('msel.deliverLabel', { title })} onClick={() => onDeliver(s.inject.id)} disabled={disabled}>
                        {t('msel.deliver')}
                      </button>
                      <button
                        type="button"
                        aria-label={t('msel.skipLabel', { title })}
                        onClick={() => {
                          if (window.confirm(t('msel.skipConfirm', { title }))) onSkip(s.inject.id);
                        }}
                        disabled={disabled}
                      >
                        {t('msel.skip')}
                      </button>
                    </div>
                  )}
                  {/* A facilitator's skip (not a condition's) can be undone until the inject's moment. */}
                  {s.status === 'skipped' && undoable.has(s.inject.id) && (
                    <div className="row-actions">
                      <button type="button" aria-label={t('msel.unskipLabel', { title })} onClick={() => onUnskip(s.inject.id)} disabled={disabled}>
                        {t('msel.unskip')}
                      </button>
                      <span className="muted">{t('msel.unskipUntil', { time: shortTaipei(s.dueMs) })}</span>
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
});


/** Event types an ad-hoc inject may expect (the desks' own actions), in the engine's words. */
const EXPECTABLE = DESK_ACTIONS.map((a) => a.type).filter((v, i, all) => all.indexOf(v) === i);

function ComposeForm({
  t0Ms,
  onCancel,
  onSend,
  onSent,
}: {
  t0Ms: number;
  onCancel(): void;
  onSend(i: AdHocInject): Promise<CommandResult>;
  onSent(): void;
}) {
  const { t, i18n } = useTranslation(['console', 'glossary']);
  const tc = useTranslation(['common', 'glossary']).t;
  const [to, setTo] = useState<ActorRole>('reporting-contact');
  const [channel, setChannel] = useState<InjectChannel>('phone');
  const [sender, setSender] = useState(t('compose.defaultSender'));
  const [titleZh, setTitleZh] = useState('');
  const [titleEn, setTitleEn] = useState('');
  const [messageZh, setMessageZh] = useState('');
  const [messageEn, setMessageEn] = useState('');
  const [when, setWhen] = useState('');
  const [expected, setExpected] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const firstField = useRef<HTMLSelectElement>(null);
  useEffect(() => firstField.current?.focus(), []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (messageZh.trim() === '' && messageEn.trim() === '') {
      setProblem(t('compose.needMessage'));
      return;
    }
    const zh = messageZh.trim() || messageEn.trim();
    const en = messageEn.trim() || zh;
    // A later moment (Taipei wall time of the simulated clock); blank: now.
    const atMs = when ? parseIsoMs(`${when.length === 16 ? `${when}:00` : when}+08:00`) : null;
    // A moment already past is the engine's to refuse (with its reason); only a non-moment is caught here.
    if (atMs !== null && Number.isNaN(atMs)) {
      setProblem(t('compose.whenInvalid'));
      return;
    }
    const result = await onSend({
      to,
      channel,
      sender: sender.trim() || 'facilitator',
      message: { zh, en },
      // Each title as typed: a blank English title stays blank (not the Chinese one).
      ...(titleZh.trim() || titleEn.trim() ? { title: { zh: titleZh.trim(), en: titleEn.trim() } } : {}),
      ...(atMs !== null ? { offsetMs: atMs - t0Ms } : {}),
      ...(expected ? { expected: [{ type: expected as ExpectedAction['type'], role: to }] } : {}),
    });
    if (result.ok) onSent();
    else setProblem(pick(result.reason, i18n.language));
  };
  return (
    <form
      id="compose-form"
      className="compose"
      aria-labelledby="compose-title"
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <h3 id="compose-title">{t('compose.heading')}</h3>
      <div className="field-row">
        <label>
          <span>{t('compose.to')}</span>
          <select ref={firstField} value={to} onChange={(e) => setTo(e.target.value as ActorRole)}>
            {DESK_ROLES.map((r) => (
              <option key={r} value={r}>
                {tc(`glossary:roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('compose.channel')}</span>
          <select value={channel} onChange={(e) => setChannel(e.target.value as InjectChannel)}>
            {INJECT_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`glossary:channels.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('compose.sender')}</span>
          <input type="text" value={sender} onChange={(e) => setSender(e.target.value)} />
        </label>
      </div>
      <div className="field-row">
        <label>
          <span>{t('compose.titleZh')}</span>
          <input type="text" value={titleZh} onChange={(e) => setTitleZh(e.target.value)} />
        </label>
        <label>
          <span>{t('compose.titleEn')}</span>
          <input type="text" value={titleEn} onChange={(e) => setTitleEn(e.target.value)} />
        </label>
      </div>
      <div className="field-row">
        <label>
          <span>{t('compose.when')}</span>
          <input type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} />
        </label>
        <label>
          <span>{t('compose.expected')}</span>
          <select value={expected} onChange={(e) => setExpected(e.target.value)}>
            <option value="">{t('compose.expectedNone')}</option>
            {EXPECTABLE.map((type) => (
              <option key={type} value={type}>
                {eventTitle(type, lng(i18n.language))}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label>
        <span>{t('compose.messageZh')}</span>
        <textarea rows={3} value={messageZh} onChange={(e) => setMessageZh(e.target.value)} />
      </label>
      <label>
        <span>{t('compose.messageEn')}</span>
        <textarea rows={2} value={messageEn} onChange={(e) => setMessageEn(e.target.value)} />
      </label>
      {problem && <p role="alert" className="callout error">{problem}</p>}
      <div className="page-actions">
        <button type="submit" className="primary">
          {t('compose.send')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('compose.cancel')}
        </button>
      </div>
    </form>
  );
}

const PAGE = 50;

/** One line per event; inject titles in the current language (the log stores the zh title). */
function eventWords(e: DrillEvent, lang: 'zh-TW' | 'en', titles: ReadonlyMap<string, { zh: string; en: string }>): string {
  if (e.type === 'ui.note.added') return `📝 ${String(e.data?.text ?? '')}`;
  const injectId = typeof e.data?.injectId === 'string' ? e.data.injectId : undefined;
  const title = injectId ? titles.get(injectId) : undefined;
  if (title && (e.type === 'inject.delivered' || e.type === 'inject.skipped' || e.type === 'inject.composed')) {
    return `${eventTitle(e.type, lang)}${lang === 'en' ? ': ' : '：'}${lang === 'en' ? title.en : title.zh}`;
  }
  return describeEvent(e, lang);
}

export const ActionLog = memo(function ActionLog({
  events,
  titles,
}: {
  events: readonly DrillEvent[];
  titles: ReadonlyMap<string, { zh: string; en: string }>;
}) {
  const { t, i18n } = useTranslation(['console', 'glossary']);
  const tc = useTranslation(['common', 'glossary']).t;
  const [shown, setShown] = useState(PAGE);
  const lang = lng(i18n.language);
  // Newest first; only the newest `shown` rows are drawn, so 2,000 events cost nothing per tick.
  const rows: DrillEvent[] = [];
  for (let i = events.length - 1; i >= 0 && rows.length < shown; i -= 1) rows.push(events[i]);
  return (
    <section className="panel log-panel" aria-labelledby="log-title">
      <div className="panel-head">
        <h2 id="log-title">{t('log.heading')}</h2>
        <span className="muted">{t('log.count', { count: events.length })}</span>
      </div>
      {events.length === 0 ? (
        <p className="empty">{t('log.empty')}</p>
      ) : (
        <table className="data-table log">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('log.sim')}</th>
              <th scope="col">{t('log.wall')}</th>
              <th scope="col">{t('log.who')}</th>
              <th scope="col">{t('log.what')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={e.seq} className={e.type === 'ui.note.added' ? 'note' : undefined}>
                <td className="num muted">{e.seq}</td>
                <td className="num">{shortTaipei(parseIsoMs(e.at))}</td>
                <td className="num muted">{e.wall ? shortTaipei(parseIsoMs(e.wall)) : '—'}</td>
                <td>
                  {tc(`glossary:roles.${e.actor.role}`)}
                  {e.actor.name && e.actor.name !== tc(`glossary:roles.${e.actor.role}`, { lng: 'zh-TW' }) && <div className="muted">{e.actor.name}</div>}
                </td>
                <td>{eventWords(e, lang, titles)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {events.length > shown && (
        <button type="button" onClick={() => setShown((n) => n + PAGE * 4)}>
          {t('log.more', { count: events.length - shown })}
        </button>
      )}
    </section>
  );
});

export function NotesPanel({ disabled, onAdd }: { disabled: boolean; onAdd(text: string): Promise<CommandResult> }) {
  const { t } = useTranslation(['console', 'glossary']);
  const [text, setText] = useState('');
  return (
    <section className="panel notes-panel" aria-labelledby="notes-title">
      <h2 id="notes-title">{t('notes.heading')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim() === '') return;
          void onAdd(text.trim()).then((r) => {
            if (r.ok) setText('');
          });
        }}
      >
        <label className="field">
          <span>{t('notes.label')}</span>
          <textarea rows={3} value={text} onChange={(e) => setText(e.target.value)} disabled={disabled} />
        </label>
        <button type="submit" disabled={disabled || text.trim() === ''}>
          {t('notes.add')}
        </button>
      </form>
    </section>
  );
}

