/**
 * DoIT's city board (issue 11): agencies × obligations at the simulated now, each cell coloured by
 * its status AND named in words, its reason on hover and on keyboard focus (one shared tooltip; the
 * focused cell is described by it), arrow keys move between cells (one tab stop for the grid).
 * Sorting, filtering by agency type and by the nearest deadline, and a big-screen mode.
 */
import { memo, useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { arrangeBoard, BOARD_COLUMNS, cellReason, type BoardRow, type BoardSort } from '@/engine/city/board';
import { agencyTypeName } from '@/engine/city/city-report';
import { OBLIGATION_BY_ID } from '@/engine/rules/obligations';
import { pointLabel } from '@/engine/rules/point-label';
import { AGENCY_TYPES, STATUSES, type AgencyType, type ObligationStatus } from '@/engine/record/vocabulary';
import { shortTaipei, sinceAwareness, taipeiClock } from '@/ui/lib/time-format';
import { ENTERING_PER_FRAME, inDomOrder, placeRowsTowards, rowBeside, rowDomId } from './row-order';
import './strings';

export interface CityBoardProps {
  rows: readonly BoardRow[];
  /** Agencies not yet re-scored as at now (they catch up within a few frames). */
  pending: number;
  nowMs: number;
  startMs: number;
  endMs: number;
  onNow: (ms: number) => void;
}

const WITHIN_HOURS = [1, 3, 8, 24] as const;
const SORTS: readonly BoardSort[] = ['overdue', 'deadline', 'type', 'name'];

/** A row's words, looked up once per language (i18next per row and tick was a visible part of a frame). */
interface RowWords {
  labels: Record<ObligationStatus, string>;
  overdue: (n: number) => string;
  nearest: (time: string) => string;
  noneDue: string;
}

/**
 * One agency's row; memoised on the row object, which the live scorer keeps while its statuses hold.
 * Its place (CSS order, aria-rowindex) is not rendered here but set by placeRows (see BoardTable).
 */
const BoardRowView = memo(function BoardRowView({ row, lang, words, idPrefix }: { row: BoardRow; lang: 'zh-TW' | 'en'; words: RowWords; idPrefix: string }) {
  return (
    <div role="row" id={rowDomId(idPrefix, row.key)} className="city-row" data-agency={row.key}>
      <div role="rowheader" className="city-agency-col">
        <span className="city-agency-name">{row.name}</span>
        <span className="city-agency-meta">
          {agencyTypeName(row.type, lang)}
          {row.overdue > 0 && <span className="badge status-missed">{words.overdue(row.overdue)}</span>}
        </span>
        <span className="city-agency-meta">{row.nearestDueMs === null ? words.noneDue : words.nearest(shortTaipei(row.nearestDueMs))}</span>
      </div>
      {row.cells.map((cell, c) => (
        <div key={c} role="gridcell" data-c={c} tabIndex={-1} className={`city-cell status-${cell.status}${cell.reviewer ? ' city-reviewer-col' : ''}`}>
          {words.labels[cell.status]}
        </div>
      ))}
    </div>
  );
});

/** The column heads: the same for every tick, so rendered once per language. */
const BoardHead = memo(function BoardHead({ lang }: { lang: 'zh-TW' | 'en' }) {
  const { t } = useTranslation(['city', 'common', 'glossary']);
  return (
    <div role="row" aria-rowindex={1} className="city-row city-head-row">
      <div role="columnheader" className="city-agency-col">
        {t('board.agency')}
      </div>
      {BOARD_COLUMNS.map((id) => (
        <div key={id} role="columnheader" className={id === 'review-level' ? 'city-reviewer-col' : undefined}>
          <span className="city-col-point">{id === 'review-level' ? t('board.reviewer') : pointLabel(OBLIGATION_BY_ID[id].points[0], lang)}</span>
          <span className="city-col-title">{t(`glossary:obligations.${id}`)}</span>
        </div>
      ))}
    </div>
  );
});

/** The cell the tooltip describes: its agency (the row moves as the board re-sorts), its column, where it was. */
interface ActiveCell {
  key: string;
  c: number;
  rect: DOMRect;
}

interface TableProps {
  rows: readonly BoardRow[];
  lang: 'zh-TW' | 'en';
  captionText: string;
  tipId: string;
  onActive: (cell: ActiveCell | null) => void;
}

/** The grid itself, memoised: moving the pointer or focus re-renders only the tooltip, not 2,400 cells. */
const BoardTable = memo(function BoardTable({ rows, lang, captionText, tipId, onActive }: TableProps) {
  const { t } = useTranslation(['city', 'common', 'glossary']);
  const tableRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const described = useRef<HTMLElement | null>(null);
  // The rows in a fixed order for React (by key), whatever the board's order.
  // (the same agencies as last time: their last order, not sorted again on each tick)
  const lastByKey = useRef<readonly BoardRow[]>([]);
  const byKey = useMemo(() => {
    const last = lastByKey.current;
    if (last.length === rows.length) {
      const now = new Map(rows.map((r) => [r.key, r]));
      const kept = last.map((r) => now.get(r.key));
      if (kept.every((r) => r !== undefined)) return (lastByKey.current = kept as BoardRow[]);
    }
    return (lastByKey.current = inDomOrder(rows));
  }, [rows]);
  // The rows' words, looked up once per language rather than thousands of times a render: a template
  // with a placeholder, split once, filled per row.
  const words = useMemo((): RowWords => {
    const HOLE = '\u0001';
    const fill = (template: string) => {
      const [before, after = ''] = template.split(HOLE);
      return (value: string | number) => `${before}${value}${after}`;
    };
    return {
      labels: Object.fromEntries(STATUSES.map((st) => [st, t(`board.cell.${st}`, { defaultValue: t(`glossary:statuses.${st}`) })])) as Record<ObligationStatus, string>,
      overdue: fill(t('board.overdue', { n: HOLE })),
      nearest: fill(t('board.nearest', { time: HOLE })),
      noneDue: t('board.noneDue'),
    };
  }, [t]);

  const activate = (el: HTMLElement | null, keyboard: boolean) => {
    const td = el?.closest<HTMLElement>('[role="gridcell"]');
    if (!td) return;
    if (described.current && described.current !== td) described.current.removeAttribute('aria-describedby');
    td.setAttribute('aria-describedby', tipId);
    described.current = td;
    if (keyboard) {
      // Roving tab stop: the grid is one Tab stop; the last focused cell keeps it.
      tableRef.current?.querySelectorAll('[role="gridcell"][tabindex="0"]').forEach((x) => x !== td && x.setAttribute('tabindex', '-1'));
      td.setAttribute('tabindex', '0');
    }
    onActive({ key: td.parentElement?.dataset.agency ?? '', c: Number(td.dataset.c), rect: td.getBoundingClientRect() });
  };
  const onFocus = (e: FocusEvent<HTMLTableElement>) => activate(e.target as HTMLElement, true);
  const onOver = (e: MouseEvent<HTMLTableElement>) => activate(e.target as HTMLElement, false);
  const onKey = (e: KeyboardEvent<HTMLTableElement>) => {
    const td = (e.target as HTMLElement).closest<HTMLElement>('[role="gridcell"]');
    if (!td) return;
    // Up and down go by the board's order (aria-rowindex), not the DOM's (see placeRows).
    let row: HTMLElement | null = td.parentElement;
    let c = Number(td.dataset.c);
    if (e.key === 'ArrowRight') c++;
    else if (e.key === 'ArrowLeft') c--;
    else if (e.key === 'ArrowDown') row = row && rowBeside(row, 1);
    else if (e.key === 'ArrowUp') row = row && rowBeside(row, -1);
    else if (e.key === 'Home') c = 0;
    else if (e.key === 'End') c = BOARD_COLUMNS.length - 1;
    else if (e.key === 'Escape') return onActive(null);
    else return;
    e.preventDefault();
    row?.querySelector<HTMLElement>(`[data-c="${c}"]`)?.focus();
  };

  // The rows the browser renders (the others are skipped off screen: content-visibility), as it
  // reports them; null until it does (then every re-sort is shown at once).
  const rendered = useRef<Set<string> | null>(null);
  useEffect(() => {
    const body = bodyRef.current;
    if (!body) return;
    const onState = (e: Event) => {
      const key = (e.target as HTMLElement).dataset.agency;
      if (key === undefined) return;
      rendered.current ??= new Set();
      if ((e as Event & { skipped: boolean }).skipped) rendered.current.delete(key);
      else rendered.current.add(key);
    };
    // The event does not bubble: heard on its way down.
    body.addEventListener('contentvisibilityautostatechange', onState, true);
    return () => body.removeEventListener('contentvisibilityautostatechange', onState, true);
  }, []);

  // WARNING: React renders the rows in a fixed order (by agency key) and never moves them; the
  // board's order (on screen and for assistive technology) is set here, after React's commit and
  // before the frame is painted (placeRows). The head row is row 1. A re-sort that would bring many
  // rows into view at once is shown over a few frames, ENTERING_PER_FRAME rows at most a frame
  // (placeRowsTowards), from the top.
  const order = rows.map((r) => r.key).join('\n');
  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (!body) return;
    const keys = order.split('\n');
    let frame = 0;
    const step = () => {
      if (!placeRowsTowards(body, keys, 2, rendered.current, ENTERING_PER_FRAME)) frame = requestAnimationFrame(step);
    };
    step();
    return () => cancelAnimationFrame(frame);
  }, [order]);

  // One Tab stop for the grid: the first row's first cell until another is focused (rows are
  // memoised apart and move as the board re-sorts, so the stop is kept here, not in each row's render).
  useEffect(() => {
    const body = bodyRef.current;
    if (body && !body.querySelector('[tabindex="0"]')) (body.querySelector('[aria-rowindex="2"] [role="gridcell"]') ?? body.querySelector('[role="gridcell"]'))?.setAttribute('tabindex', '0');
  });

  return (
    <div
      ref={tableRef}
      role="grid"
      aria-label={captionText}
      aria-rowcount={rows.length + 1}
      aria-colcount={BOARD_COLUMNS.length + 1}
      className="city-grid"
      aria-describedby={`${tipId}-hint`}
      onFocus={onFocus}
      onMouseOver={onOver}
      onMouseLeave={() => onActive(null)}
      onBlur={() => onActive(null)}
      onKeyDown={onKey}
    >
      <p className="city-grid-caption" aria-hidden="true">
        {captionText}
      </p>
      <div role="rowgroup" className="city-grid-head">
        <BoardHead lang={lang} />
      </div>
      <div role="rowgroup" ref={bodyRef} className="city-grid-body">
        {/* WARNING: rows are keyed by agency and rendered in a fixed order (see placeRows): a
            re-sort re-renders no row and moves no DOM node. Keyed by place (as before), each agency
            moving up rewrote the words of every place it passed (bench:city: 30-80 rows and 100-500
            cells a frame under "overdue first"); kept in sorted order by React, it would move every
            row it passed, and each moved row is rebuilt by the browser. */}
        {byKey.map((row) => (
          <BoardRowView key={row.key} row={row} lang={lang} words={words} idPrefix={tipId} />
        ))}
      </div>
    </div>
  );
});

interface FilterProps {
  sort: BoardSort;
  onSort: (s: BoardSort) => void;
  withinH: number | null;
  onWithin: (h: number | null) => void;
  types: AgencyType[];
  onTypes: (change: (all: AgencyType[]) => AgencyType[]) => void;
  presentTypes: readonly AgencyType[];
  lang: 'zh-TW' | 'en';
}

/** Sorting and filtering: the same for every tick of the clock, so not rendered again by one. */
const BoardFilters = memo(function BoardFilters({ sort, onSort, withinH, onWithin, types, onTypes, presentTypes, lang }: FilterProps) {
  const { t } = useTranslation(['city', 'common', 'glossary']);
  return (
    <>
      <label>
        <span>{t('board.sort')}</span>
        <select value={sort} onChange={(e) => onSort(e.target.value as BoardSort)}>
          {SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`board.sorts.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('board.within')}</span>
        <select value={withinH ?? ''} onChange={(e) => onWithin(e.target.value === '' ? null : Number(e.target.value))}>
          <option value="">{t('board.withinAll')}</option>
          {WITHIN_HOURS.map((n) => (
            <option key={n} value={n}>
              {t('board.withinHours', { n })}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="city-types">
        <legend>{t('board.types')}</legend>
        {presentTypes.map((ty) => (
          <label key={ty}>
            <input type="checkbox" checked={types.includes(ty)} onChange={(e) => onTypes((all) => (e.target.checked ? [...all, ty] : all.filter((x) => x !== ty)))} />
            {agencyTypeName(ty, lang)}
          </label>
        ))}
      </fieldset>
    </>
  );
});

export function CityBoard({ rows, pending, nowMs, startMs, endMs, onNow }: CityBoardProps) {
  const { t, i18n } = useTranslation(['city', 'common', 'glossary']);
  const lang = i18n.language === 'en' ? 'en' : 'zh-TW';
  const [sort, setSort] = useState<BoardSort>('overdue');
  const [types, setTypes] = useState<AgencyType[]>([]);
  const [withinH, setWithinH] = useState<number | null>(null);
  const [big, setBig] = useState(false);
  const [active, setActive] = useState<ActiveCell | null>(null);
  const tipId = useId();
  const sectionRef = useRef<HTMLElement>(null);
  // The same array while the same types are present (rows change every tick; the filters need not).
  const presentKey = AGENCY_TYPES.filter((ty) => rows.some((r) => r.type === ty)).join(' ');
  const presentTypes = useMemo(() => (presentKey === '' ? [] : (presentKey.split(' ') as AgencyType[])), [presentKey]);
  // Now matters to the arrangement only through the nearest-deadline filter: without it, a tick that
  // changed no row (the same rows array) re-renders nothing below the controls.
  const arrangeAt = withinH === null ? null : nowMs;
  // While the board catches up (`pending`), rows keep the order they were last arranged in and only
  // their contents change; the order is settled once, when the board is exact (rows do not jump
  // while half the board is as at an earlier now; bench:city measured no gain from re-sorting on
  // each catch-up frame either).
  const arranged = useRef<{ view: unknown[]; total: number; order: BoardRow[] } | null>(null);
  const shown = useMemo(() => {
    const view = [sort, types, withinH];
    const last = arranged.current;
    if (pending > 0 && last !== null && last.total === rows.length && last.view.every((v, i) => v === view[i])) {
      const byKey = new Map(rows.map((r) => [r.key, r]));
      const kept = last.order.map((r) => byKey.get(r.key));
      if (kept.every((r) => r !== undefined)) return kept as BoardRow[];
    }
    const order = arrangeBoard(rows, { sort, types, dueWithinMs: withinH === null ? null : withinH * 3_600_000 }, arrangeAt ?? 0);
    arranged.current = { view, total: rows.length, order };
    return order;
  }, [rows, pending, sort, types, withinH, arrangeAt]);
  const onActive = useCallback((a: ActiveCell | null) => setActive(a), []);

  useEffect(() => {
    if (!big) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'Escape') setBig(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [big]);

  const activeRow = active ? shown.find((r) => r.key === active.key) : undefined;
  const activeCell = active ? activeRow?.cells[active.c] : undefined;
  const clock = taipeiClock(nowMs, lang);
  const caption = t('board.caption', { shown: shown.length, total: rows.length, obligations: BOARD_COLUMNS.length });

  return (
    <section ref={sectionRef} className={`city-board${big ? ' city-bigscreen' : ''}`} aria-labelledby="city-board-title" role={big ? 'dialog' : undefined} aria-modal={big ? true : undefined}>
      <div className="city-board-head">
        <h2 id="city-board-title">{t('sections.board')}</h2>
        <button type="button" aria-pressed={big} onClick={() => setBig((b) => !b)}>
          {big ? t('board.exitBigScreen') : t('board.bigScreen')}
        </button>
      </div>
      <div className="city-controls">
        <label className="city-now">
          <span>{t('board.now')}</span>
          <input
            type="range"
            min={startMs}
            max={endMs}
            step={60_000}
            value={nowMs}
            aria-valuetext={`${clock.date} ${clock.time}`}
            onChange={(e) => onNow(Number(e.target.value))}
          />
        </label>
        <output className="city-now-value" aria-live="off">
          {t('board.nowValue', { time: `${clock.date} ${clock.time}`, since: sinceAwareness(nowMs, startMs, lang).slice(2) })}
        </output>
        <button type="button" onClick={() => onNow(endMs)}>
          {t('board.toEnd')}
        </button>
        <BoardFilters sort={sort} onSort={setSort} withinH={withinH} onWithin={setWithinH} types={types} onTypes={setTypes} presentTypes={presentTypes} lang={lang} />
      </div>
      <p id={`${tipId}-hint`} className="city-hint">
        {t('board.hint')}
        <span className="city-pending" data-pending={pending}>
          {pending > 0 ? ` ${t('board.pending', { n: pending })}` : ''}
        </span>
      </p>
      <div className="city-grid-wrap">
        {shown.length === 0 ? <p className="empty">{t('board.empty')}</p> : <BoardTable rows={shown} lang={lang} captionText={caption} tipId={tipId} onActive={onActive} />}
      </div>
      <div
        id={tipId}
        role="tooltip"
        className="city-tip"
        hidden={!activeCell}
        style={active ? { left: Math.min(active.rect.left, window.innerWidth - 380), top: active.rect.bottom + 4 } : undefined}
      >
        {activeCell && activeRow && (
          <>
            <strong>
              {activeRow.name} · {t(`glossary:obligations.${activeCell.id}`)}
            </strong>
            <span>{cellReason(activeCell, nowMs, lang)}</span>
          </>
        )}
      </div>
    </section>
  );
}
