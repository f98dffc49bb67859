/**
 * The review (檢討座談會, P37(3)): a saved drill (`drillId`, re-read every 5 s while it runs) or a
 * drill record file. Everything shown is derived from the record's event log through the engine.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DrillRecord } from '@/engine/record/schema';
import { readReviewNotes, type ReviewNote } from '@/engine/report/review-notes';
import { loadSavedDrill } from '@/ui/drill-runtime/server-mode';
import { routeHref } from '@/ui/lib/routes';
import { RecordOpener } from './record-opener';
import { loadNotes, putNote, removeNote } from './review-db';
import { ReviewView, type RecordOrigin } from './review-view';
import './strings';
import './review.css';

const POLL_MS = 5000;

type State =
  | { kind: 'empty' }
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; record: DrillRecord; origin: RecordOrigin; running: boolean; title?: string };

function SavedDrillReview({ drillId }: { drillId: string }) {
  const { t } = useTranslation('review');
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [notes, setNotes] = useState<ReviewNote[]>([]);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastCount = -1;
    const read = async () => {
      try {
        const [record, drill] = await loadSavedDrill(drillId);
        if (stopped) return;
        if (!record) {
          setState({ kind: 'missing' });
          return;
        }
        const running = drill?.status === 'running';
        // Only a new event changes what is shown: keep the same record object otherwise (memoised scoring).
        if (record.events.length !== lastCount || !running) {
          lastCount = record.events.length;
          if (record.events.some((e) => e.type === 'incident.aware')) setState({ kind: 'ready', record, origin: { kind: 'drill', drillId }, running, ...(drill?.title ? { title: drill.title } : {}) });
          else setState({ kind: 'error', message: t('walk.beforeT0') });
        }
        if (running) timer = setTimeout(() => void read(), POLL_MS);
      } catch (err) {
        if (!stopped) setState({ kind: 'error', message: String(err) });
      }
    };
    void read();
    void loadNotes(drillId).then((n) => !stopped && setNotes(n));
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [drillId, t]);

  // Every write is awaited and a failure is shown with the note's text, never dropped silently (issue 10).
  const [noteError, setNoteError] = useState<string | null>(null);
  const add = useCallback(
    (note: ReviewNote) => {
      setNotes((n) => [...n, note]);
      putNote(drillId, note).then(
        () => setNoteError(null),
        (err: unknown) => {
          setNotes((n) => n.filter((x) => x.id !== note.id));
          setNoteError(t('notes.saveFailed', { text: note.text, error: String(err) }));
        },
      );
    },
    [drillId, t],
  );
  const del = useCallback(
    (id: string) => {
      const gone = notes.find((x) => x.id === id);
      setNotes((n) => n.filter((x) => x.id !== id));
      removeNote(id).then(
        () => setNoteError(null),
        (err: unknown) => {
          if (gone) setNotes((n) => [...n, gone]);
          setNoteError(t('notes.deleteFailed', { error: String(err) }));
        },
      );
    },
    [notes, t],
  );

  if (state.kind === 'loading') return <p aria-busy="true">{t('loading')}</p>;
  if (state.kind === 'missing') return <p role="alert">{t('notFound')}</p>;
  if (state.kind === 'error') return <p role="alert">{state.message}</p>;
  if (state.kind !== 'ready') return null;
  return (
    <>
      {noteError && (
        <p role="alert" className="review-errors">
          {noteError}
        </p>
      )}
      <ReviewView
        record={state.record}
        origin={state.origin}
        notes={notes}
        onAddNote={add}
        onDeleteNote={del}
        live={state.running}
        {...(state.title ? { drillTitle: state.title } : {})}
      />
    </>
  );
}

function FileReview() {
  const { t } = useTranslation('review');
  const [opened, setOpened] = useState<{ record: DrillRecord; fileName: string } | null>(null);
  const [notes, setNotes] = useState<ReviewNote[]>([]);

  return (
    <>
      {opened === null ? (
        <section className="card" aria-labelledby="open-title">
          <h1 id="open-title">{t('openTitle')}</h1>
          <p className="lead">{t('openLead')}</p>
          <RecordOpener
            label={t('chooseFile')}
            onOpened={([first]) => {
              setOpened(first);
              setNotes(readReviewNotes(first.record));
            }}
          />
          <p>
            <a href={routeHref({ name: 'compare' })}>{t('compareLink')}</a>
          </p>
        </section>
      ) : (
        <>
          <div className="review-screen row-actions review-reopen">
            <button type="button" onClick={() => setOpened(null)}>
              {t('openAnother')}
            </button>
            <span>{opened.fileName}</span>
          </div>
          <ReviewView
            record={opened.record}
            origin={{ kind: 'file', fileName: opened.fileName }}
            drillTitle={opened.fileName}
            notes={notes}
            onAddNote={(n) => setNotes((all) => [...all, n])}
            onDeleteNote={(id) => setNotes((all) => all.filter((x) => x.id !== id))}
          />
        </>
      )}
    </>
  );
}

export default function ReviewPage({ drillId }: { drillId?: string }) {
  return <section className="page review-page">{drillId ? <SavedDrillReview drillId={drillId} /> : <FileReview />}</section>;
}
