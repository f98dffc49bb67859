import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DrillEvent, DrillRecord } from '@/engine/record/schema';
import { describeEvent } from '@/engine/report/event-text';
import type { ReviewNote } from '@/engine/report/review-notes';
import { boardAtStep } from '@/engine/report/review-series';
import { parseIsoMs } from '@/engine/time/taipei';
import { DeadlineBoard } from '@/ui/components/deadline-board/deadline-board';
import { NotesFor } from './review-notes';
import { taipeiText } from './review-format';
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
}: {
  record: DrillRecord;
  notes: readonly ReviewNote[];
  onAddNote: (n: ReviewNote) => void;
  onDeleteNote: (id: string) => void;
}) {
  const { t, i18n } = useTranslation(['review', 'common']);
  const lang = i18n.language === 'en' ? 'en' : 'zh-TW';
  const total = record.events.length;
  const [step, setStep] = useState(0);
  const k = Math.min(step, total - 1);
  const board = useMemo(() => (total > 0 ? boardAtStep(record, k) : null), [record, k, total]);
  if (!board) return null;
  const e = board.event;
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
            {t(`common:roles.${e.actor.role}`)}
            {e.actor.name ? ` · ${e.actor.name}` : ''}
          </p>
          <p className="walk-what">{describeEvent(e, lang)}</p>
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
