import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DrillEvent, DrillRecord } from '@/engine/record/schema';
import { describeEvent, fieldValueText } from '@/engine/report/event-text';
import type { ReviewNote } from '@/engine/report/review-notes';
import { boardAtStep } from '@/engine/report/review-series';
import { parseIsoMs } from '@/engine/time/taipei';
import { DeadlineBoard } from '@/ui/components/deadline-board/deadline-board';
import { NotesFor } from './review-notes';
import { taipeiText } from './review-format';
import { reasonsIn } from '@/engine/scoring/types';
import { duration } from '@/ui/lib/time-format';
import type reviewZh from '@/locales/zh-TW/review.json';
import './strings';

/** The drill had ended by step k (0-based): the board stops counting down, as the console's did. */
const endedBy = (events: readonly DrillEvent[], k: number): boolean => events.slice(0, k + 1).some((e) => e.type === 'drill.ended');

/**
 * Step through the log; at each step the console's own deadline board shows the score replayed from
 * the log (boardAtStep) at that event's moment.
 */
export function Walkthrough({
  record,
  notes,
  onAddNote,
  onDeleteNote,
  step: shownStep,
  onStep,
}: {
  record: DrillRecord;
  notes: readonly ReviewNote[];
  onAddNote: (n: ReviewNote) => void;
  onDeleteNote: (id: string) => void;
  /** Controlled by the review when given, so its scored timeline marks the same step (issue 12 item 8). */
  step?: number;
  onStep?: (k: number) => void;
}) {
  const { t, i18n } = useTranslation(['review', 'common', 'glossary']);
  const lang = i18n.language === 'en' ? 'en' : 'zh-TW';
  const total = record.events.length;
  const [ownStep, setOwnStep] = useState(0);
  const step = shownStep ?? ownStep;
  const setStep = onStep ?? setOwnStep;
  const k = Math.min(step, total - 1);
  const board = useMemo(() => (total > 0 ? boardAtStep(record, k) : null), [record, k, total]);
  if (!board) return null;
  const e = board.event;
  // The verdicts this event decided (the judged event of an obligation), each with the engine's reason.
  const decided = board.score ? [...board.score.obligations, ...board.score.doit].filter((o) => o.doneSeq === e.seq) : [];
  const go = (n: number) => setStep(Math.max(0, Math.min(total - 1, n)));

  return (
    <div className="walkthrough">
      <div className="walk-controls" role="group" aria-label={t('sections.walkthrough')}>
        <button type="button" onClick={() => go(0)} disabled={k === 0}>
          {t('walk.first')}
        </button>
        <button type="button" onClick={() => go(k - 1)} disabled={k === 0}>
          {t('walk.prev')}
        </button>
        <button type="button" className="primary" onClick={() => go(k + 1)} disabled={k === total - 1}>
          {t('walk.next')}
        </button>
        <button type="button" onClick={() => go(total - 1)} disabled={k === total - 1}>
          {t('walk.last')}
        </button>
        <label className="walk-slider">
          <span className="visually-hidden">{t('walk.slider')}</span>
          <input type="range" min={1} max={total} value={k + 1} onChange={(ev) => go(Number(ev.target.value) - 1)} aria-label={t('walk.slider')} />
        </label>
        <span aria-live="polite">{t('walk.step', { step: k + 1, total })}</span>
      </div>
      <div className="walk-body">
        <article className="card walk-event" aria-label={`#${e.seq}`}>
          <p className="walk-time">
            #{e.seq} · {taipeiText(e.at, true)}
          </p>
          <p className="walk-who">
            {t(`glossary:roles.${e.actor.role}`)}
            {e.actor.name ? ` · ${e.actor.name}` : ''}
          </p>
          <p className="walk-what">{describeEvent(e, lang)}</p>
          <StepOnTimeline events={record.events} k={k} />
          <h3 className="walk-sub">{t('walk.content')}</h3>
          <EventContent type={e.type} data={(e.data ?? {}) as Record<string, unknown>} />
          <h3 className="walk-sub">{t('walk.verdicts')}</h3>
          {decided.length === 0 ? (
            <p className="muted">{t('walk.noVerdict')}</p>
          ) : (
            <ul className="walk-verdicts">
              {decided.map((o) => (
                <li key={o.id}>
                  <span className={`badge status-${o.status}`}>{t(`glossary:statuses.${o.status}`)}</span> {t(`glossary:obligations.${o.id}`)}
                  {reasonsIn(o, lang).length > 0 && <div className="walk-reason">{reasonsIn(o, lang).join(' ')}</div>}
                </li>
              ))}
            </ul>
          )}
          <NotesFor
            target={{ kind: 'event', seq: e.seq }}
            targetLabel={t('notes.targetEvent', { seq: e.seq })}
            notes={notes}
            onAdd={onAddNote}
            onDelete={onDeleteNote}
          />
        </article>
        <DeadlineBoard
          className="walk-board"
          heading={t('walk.board')}
          headingLevel={3}
          score={board.score}
          nowMs={parseIsoMs(e.at)}
          ended={endedBy(record.events, k)}
        />
      </div>
    </div>
  );
}

/** Text values first, as recorded; lists joined; nested objects one level deep. Ids and bookkeeping left out. */
const HIDDEN_KEYS = new Set(['injectId', 'inject', 'condition']);
type Words = { field: (key: string) => string; term: (key: string, v: string) => string; yes: string; no: string; lang: 'zh-TW' | 'en' };
function valueText(v: unknown, w: Words, key = ''): string {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'string') return w.term(key, v);
  if (typeof v === 'boolean') return v ? w.yes : w.no;
  if (Array.isArray(v)) return v.map((x) => valueText(x, w, key)).filter(Boolean).join(w.lang === 'en' ? ', ' : '、');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.zh === 'string' && typeof o.en === 'string') return w.lang === 'en' ? o.en : o.zh;
    return Object.entries(o)
      .map(([k, x]) => (valueText(x, w, k) ? `${w.field(k)}${w.lang === 'en' ? ': ' : '：'}${valueText(x, w, k)}` : ''))
      .filter(Boolean)
      .join(w.lang === 'en' ? '; ' : '；');
  }
  return String(v);
}

/**
 * The step's content: every field the event recorded (a report's description, a review's basis, …),
 * each named in words (walk.fields); a field the app does not know keeps its recorded key.
 */
function EventContent({ type, data }: { type: string; data: Record<string, unknown> }) {
  const { t, i18n } = useTranslation(['review', 'common', 'glossary']);
  const w: Words = {
    field: (key) => (i18n.exists(`review:walk.fields.${key}`) ? t(`walk.fields.${key as keyof typeof reviewZh.walk.fields}`) : key),
    // Every enumerated value in the glossary's words (roles, posts, topics, recipients, methods, …); free text as recorded.
    term: (key, v) => fieldValueText(type, key, v, i18n.language === 'en' ? 'en' : 'zh-TW'),
    yes: t('walk.yes'),
    no: t('walk.no'),
    lang: i18n.language === 'en' ? 'en' : 'zh-TW',
  };
  const rows = Object.entries(data)
    .filter(([k]) => !HIDDEN_KEYS.has(k))
    .map(([k, v]) => [k, w.field(k), valueText(v, w, k)] as const)
    .filter(([, , v]) => v !== '');
  if (rows.length === 0) return <p className="muted">{t('walk.noContent')}</p>;
  return (
    <dl className="walk-content">
      {rows.map(([k, label, v]) => (
        <div key={k}>
          <dt className={label === k ? 'raw-key' : undefined}>{label}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The step marked on the drill's timeline: every event a tick, this one the marker. */
function StepOnTimeline({ events, k }: { events: readonly DrillEvent[]; k: number }) {
  const { t, i18n } = useTranslation(['review', 'common', 'glossary']);
  const first = parseIsoMs(events[0].at);
  const last = parseIsoMs(events[events.length - 1].at);
  const span = Math.max(1, last - first);
  const at = parseIsoMs(events[k].at);
  const pct = (ms: number) => `${((ms - first) / span) * 100}%`;
  return (
    <figure className="walk-timeline" aria-label={t('walk.onTimeline')}>
      <div className="walk-track" aria-hidden="true">
        {events.map((ev) => (
          <span key={ev.seq} className="walk-tick" style={{ left: pct(parseIsoMs(ev.at)) }} />
        ))}
        <span className="walk-marker" style={{ left: pct(at) }} />
      </div>
      <figcaption>{t('walk.position', { since: duration(at - first, i18n.language), span: duration(span, i18n.language) })}</figcaption>
    </figure>
  );
}
