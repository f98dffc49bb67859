import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewNote, ReviewNoteTarget } from '@/engine/report/review-notes';
import { newId, nowIso } from './review-format';
import './strings';

/** The notes on one target, with a small form to add one. */
export function NotesFor({
  target,
  targetLabel,
  notes,
  onAdd,
  onDelete,
}: {
  target: ReviewNoteTarget;
  targetLabel: string;
  notes: readonly ReviewNote[];
  onAdd: (note: ReviewNote) => void;
  onDelete: (id: string) => void;
}) {
  const { t } = useTranslation(['review', 'common']);
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [author, setAuthor] = useState('');
  // Closing the form (saved, cancelled, Escape) gives focus back to the button that opened it.
  const refocus = useRef(false);
  const close = () => {
    refocus.current = true;
    setOpen(false);
  };
  const textId = useId();
  const authorId = useId();
  const mine = notes.filter((n) =>
    n.target.kind === 'obligation' ? target.kind === 'obligation' && target.id === n.target.id : target.kind === 'event' && target.seq === n.target.seq,
  );
  return (
    <div className="notes-for">
      {mine.length > 0 && (
        <ul className="note-list">
          {mine.map((n) => (
            <li key={n.id}>
              <span className="note-text">{n.text}</span>
              {n.author && <span className="note-author"> — {n.author}</span>}{' '}
              <button type="button" className="link" aria-label={t('notes.deleteThis', { text: n.text.slice(0, 30) })} onClick={() => onDelete(n.id)}>
                {t('notes.delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {!open ? (
        <button
          ref={(el) => {
            if (el && refocus.current) {
              refocus.current = false;
              el.focus();
            }
          }}
          type="button"
          className="link"
          aria-label={t('notes.addFor', { target: targetLabel })}
          onClick={() => setOpen(true)}
        >
          {t('notes.add')}
        </button>
      ) : (
        <form
          className="note-form"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              close();
            }
          }}
          onSubmit={(e) => {
            e.preventDefault();
            if (!text.trim()) return;
            onAdd({ id: newId(), target, text: text.trim(), wall: nowIso(), ...(author.trim() ? { author: author.trim() } : {}) });
            setText('');
            close();
          }}
        >
          <label htmlFor={textId}>{t('notes.text')}</label>
          <textarea id={textId} rows={2} value={text} onChange={(e) => setText(e.target.value)} autoFocus />
          <label htmlFor={authorId}>{t('notes.author')}</label>
          <input id={authorId} type="text" value={author} onChange={(e) => setAuthor(e.target.value)} />
          <div className="row-actions">
            <button type="submit" className="primary" disabled={!text.trim()}>
              {t('notes.save')}
            </button>
            <button type="button" onClick={close}>
              {t('common:actions.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
