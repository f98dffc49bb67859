/**
 * City exercise results from records (issue 11, P39): DoIT opens a folder or many agency drill
 * records (and, if it has one, its agency list CSV and earlier exercise summaries) and sees the city
 * board at any simulated moment of the exercise, the level-review queue, and the results. Everything
 * is derived from the records by src/engine/city; nothing leaves the browser.
 */
import { memo, useCallback, useEffect, useId, useMemo, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatAgencyCsvError, parseAgencyCsv, type AgencyCsvError } from '@/engine/city/agency-csv';
import { createBoardScorer } from '@/engine/city/board';
import { cityReportBlocks, type CityReportInput } from '@/engine/city/city-report';
import { cityEntries, type OpenedRecord } from '@/engine/city/entries';
import type { CityAgency } from '@/engine/city/exercise';
import { agencyKey } from '@/engine/city/exercise';
import { compareRedrill, orderComparisons, readRedrillLink, type RedrillComparison } from '@/engine/city/redrill';
import { folderExercise, type FolderProblem } from '@/engine/city/exercise-tag';
import { queueRow, sortQueue, type QueueRow } from '@/engine/city/review-queue';
import type { ScoreResult } from '@/engine/scoring/types';
import { cityResults, citySummary, exerciseHistory, parseCitySummary, type CitySummary } from '@/engine/city/results';
import { parseDrillRecord, type RecordError } from '@/engine/record/parse';
import type { DrillRecord } from '@/engine/record/schema';
import { formatTaipei, parseIsoMs, taipeiDate } from '@/engine/time/taipei';
import { CityBoard } from './city-board';
import { createFrameBudget } from './frame-budget';
import { CityResultsView } from './city-results';
import { ReviewQueue } from './review-queue';
import './strings';
import './city.css';

interface Problem {
  source: string;
  where: string;
  message: string;
}

function evaluationMs(record: DrillRecord): number {
  const ended = record.events.find((e) => e.type === 'drill.ended');
  const last = ended ?? record.events[record.events.length - 1];
  return parseIsoMs(last.at);
}
const awareMs = (record: DrillRecord): number => parseIsoMs(record.events.find((e) => e.type === 'incident.aware')?.at ?? record.events[0].at);

/** What a queue row shows is the same (the record is the same, so the report's content is too). */
const sameQueueRow = (a: QueueRow, b: QueueRow): boolean =>
  a.name === b.name &&
  a.type === b.type &&
  a.status === b.status &&
  a.dueMs === b.dueMs &&
  a.doneAt === b.doneAt &&
  a.reportedAt === b.reportedAt &&
  a.reportedLevel === b.reportedLevel &&
  a.reviewedLevel === b.reviewedLevel &&
  a.wizardLevel === b.wizardLevel &&
  a.comparison === b.comparison &&
  a.content.description === b.content.description;

/** Records of two city exercises (or one's records that disagree on it): which files, and what differs. */
function FolderProblemNote({ problem }: { problem: FolderProblem }) {
  const { t } = useTranslation('city');
  const files = (sources: string[]) => sources.join(t('open.fileSep'));
  return (
    <div role="alert" className="review-errors city-errors">
      <p>{problem.kind === 'mixed' ? t('open.mixed') : t('open.differs', { id: problem.id, what: t(`open.field.${problem.field}`) })}</p>
      <ul>
        {problem.groups.map((g, i) => (
          <li key={i}>
            {problem.kind === 'mixed'
              ? g.value === null
                ? t('open.noExercise', { files: files(g.sources) })
                : t('open.exerciseFiles', { id: g.value, title: (g as { title: string | null }).title ?? '', files: files(g.sources) })
              : t('open.valueFiles', { value: g.value ?? '', files: files(g.sources) })}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Where DoIT opens the files: rendered again only when its own state changes, not on each tick of
 * the board's clock (React writes every input's attributes again when it renders them).
 */
const OpenZone = memo(function OpenZone({ ids, title, placeholder, onTitle, take }: { ids: Record<'records' | 'folder' | 'agencies' | 'earlier' | 'title', string>; title: string; placeholder: string; onTitle: (title: string) => void; take: (list: FileList | File[] | null) => Promise<void> }) {
  const { t } = useTranslation(['city', 'common']);
  const [over, setOver] = useState(false);
  /** A labelled file input whose files go to `take` (cleared after, so the same file can be chosen again). */
  const fileField = (id: string, label: string, props: { accept?: string; multiple?: boolean; webkitdirectory?: string }) => (
    <div className="city-open-field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="file" {...props} onChange={(e) => void take(e.target.files).then(() => (e.target.value = ''))} />
    </div>
  );
  return (
    <div
      className={`drop-zone city-open${over ? ' over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e: DragEvent<HTMLDivElement>) => {
        e.preventDefault();
        setOver(false);
        void take(e.dataTransfer.files);
      }}
    >
      {fileField(ids.records, t('open.records'), { accept: '.json,application/json', multiple: true })}
      {fileField(ids.folder, t('open.folder'), { multiple: true, webkitdirectory: '' })}
      {fileField(ids.agencies, t('open.agencies'), { accept: '.csv,text/csv' })}
      {fileField(ids.earlier, t('open.earlier'), { accept: '.json,application/json', multiple: true })}
      <div className="city-open-field">
        <label htmlFor={ids.title}>{t('exercise.title')}</label>
        <input id={ids.title} type="text" value={title} placeholder={placeholder} onChange={(e) => onTitle(e.target.value)} />
      </div>
      <span className="city-hint">{t('open.dropHere')}</span>
    </div>
  );
});

export default function CityPage() {
  const { t, i18n } = useTranslation(['city', 'common']);
  const lang = i18n.language === 'en' ? 'en' : 'zh-TW';
  const idRecords = useId();
  const idFolder = useId();
  const idAgencies = useId();
  const idEarlier = useId();
  const idTitle = useId();
  const ids = useMemo(() => ({ records: idRecords, folder: idFolder, agencies: idAgencies, earlier: idEarlier, title: idTitle }), [idRecords, idFolder, idAgencies, idEarlier, idTitle]);
  const [records, setRecords] = useState<OpenedRecord[]>([]);
  const [agencies, setAgencies] = useState<CityAgency[] | null>(null);
  const [earlier, setEarlier] = useState<CitySummary[]>([]);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [listErrors, setListErrors] = useState<AgencyCsvError[]>([]);
  const [title, setTitle] = useState('');
  const [nowMs, setNowMs] = useState<number | null>(null);

  /** Sorts files by what they are: .csv an agency list, a city summary, or a drill record. */
  const take = useCallback(async (list: FileList | File[] | null) => {
    if (!list) return;
    const found: OpenedRecord[] = [];
    const summaries: CitySummary[] = [];
    const errs: Problem[] = [];
    for (const file of [...list]) {
      const name = file.webkitRelativePath || file.name;
      if (/\.csv$/i.test(file.name)) {
        const parsed = parseAgencyCsv(new Uint8Array(await file.arrayBuffer()), name, []);
        if (parsed.ok) {
          setAgencies(parsed.agencies);
          setListErrors([]);
        } else setListErrors(parsed.errors);
        continue;
      }
      if (!/\.json$/i.test(file.name)) continue;
      const text = await file.text();
      if (text.includes('"taipei-city-summary/1"')) {
        try {
          const s = parseCitySummary(JSON.parse(text), name);
          if (s.ok) summaries.push(s.summary);
          else errs.push({ source: name, where: '$', message: s.message.replace(`${name}: `, '') });
        } catch (err) {
          errs.push({ source: name, where: '$', message: String((err as Error).message) });
        }
        continue;
      }
      const parsed = parseDrillRecord(text, name);
      if (parsed.ok) found.push({ source: name, record: parsed.record });
      else errs.push(...parsed.errors.map((e: RecordError) => ({ source: e.source, where: e.path, message: e.message })));
    }
    setProblems(errs);
    if (summaries.length > 0) setEarlier((all) => [...all, ...summaries]);
    if (found.length > 0) {
      setRecords((all) => [...all.filter((r) => !found.some((f) => f.source === r.source)), ...found]);
      setNowMs(null);
    }
  }, []);


  // The exercise the records carry (exercise-tag.ts): its id, title and start, its agencies in DoIT's
  // order; records of two exercises are refused, naming the files, as on the command line.
  const folder = useMemo(() => folderExercise(records), [records]);
  const found = useMemo(() => cityEntries(folder.ok ? folder.records : [], agencies), [folder, agencies]);
  const carried = folder.ok ? folder.exercise : null;
  const span = useMemo(() => {
    if (found.entries.length === 0) return null;
    const starts = found.entries.map((e) => awareMs(e.record));
    return { startMs: Math.min(...starts), endMs: Math.max(...found.entries.map((e) => evaluationMs(e.record))) };
  }, [found]);
  const now = span === null ? 0 : Math.min(Math.max(nowMs ?? span.endMs, span.startMs), span.endMs);
  // The live scorer re-scores an agency only when now crosses one of its events or limits, and
  // within a frame's budget: what is left is scored in the next frames (`pending`).
  const scorer = useRef(createBoardScorer()).current;
  const [catchUp, setCatchUp] = useState(0);
  // One budget per frame (frame-budget.ts), however many times the frame renders the board.
  const spend = useRef(createFrameBudget()).current;
  const live = useMemo(() => {
    void catchUp;
    if (span === null) return { rows: [], pending: 0 };
    return spend((over) => scorer(found.entries, now, over));
  }, [found, now, span, scorer, spend, catchUp]);
  useEffect(() => {
    if (live.pending === 0) return;
    const id = requestAnimationFrame(() => setCatchUp((n) => n + 1));
    return () => cancelAnimationFrame(id);
  }, [live]);
  const board = live.rows;
  // A queue row changes only with its agency's score (the report and the review are events), and
  // is kept as the same object while what it shows holds: an agency re-scored for another
  // obligation does not re-render the queue (bench:city: the queue was a fifth of a busy frame).
  const queueCache = useRef(new WeakMap<ScoreResult, QueueRow | null>()).current;
  const queueShown = useRef(new Map<string, QueueRow>()).current;
  const queueRows = useMemo(
    () =>
      found.entries.map((e, i) => {
        const result = board[i].result;
        if (!queueCache.has(result)) {
          const next = queueRow(e, result, now);
          const prev = queueShown.get(e.key);
          const kept = next !== null && prev !== undefined && sameQueueRow(prev, next) ? prev : next;
          if (kept === null) queueShown.delete(e.key);
          else queueShown.set(e.key, kept);
          queueCache.set(result, kept);
        }
        return queueCache.get(result) ?? null;
      }),
    [found, board, now, queueCache, queueShown],
  );
  const lastQueue = useRef<QueueRow[]>([]);
  const lastQueueRows = useRef<Array<QueueRow | null>>([]);
  const queue = useMemo(() => {
    // The same rows as at the last tick (most ticks): the same queue, not sorted again.
    const held = queueRows.length === lastQueueRows.current.length && queueRows.every((r, i) => r === lastQueueRows.current[i]);
    lastQueueRows.current = queueRows;
    if (held) return lastQueue.current;
    const next = sortQueue(queueRows.filter((r): r is QueueRow => r !== null));
    // The same rows in the same order: keep the previous array, so the queue does not re-render as the clock moves.
    const same = next.length === lastQueue.current.length && next.every((r, i) => r === lastQueue.current[i]);
    if (!same) lastQueue.current = next;
    return lastQueue.current;
  }, [queueRows]);

  const exerciseTitle = title.trim() || carried?.title || t('exercise.defaultTitle');
  const report = useMemo((): { input: CityReportInput; stem: string } | null => {
    if (span === null) return null;
    const date = taipeiDate(span.startMs);
    const exercise = { id: carried?.id ?? `city-${date}`, title: exerciseTitle, startAt: carried?.startAt ?? formatTaipei(span.startMs) };
    const results = cityResults(exercise, found.entries);
    const byName = new Map(results.agencies.map((a) => [agencyKey(a.name), a]));
    const redrills: RedrillComparison[] = [];
    for (const r of found.redrills) {
      const link = readRedrillLink(r.record);
      const original = link ? byName.get(agencyKey(link.agency)) : undefined;
      if (original) redrills.push(compareRedrill(original, r.record));
    }
    return {
      input: { results, history: exerciseHistory(citySummary(results), earlier), redrills: orderComparisons(results, redrills), withoutRecord: found.withoutRecord, offList: found.offList.map((r) => r.record.agency.name) },
      stem: `city-report-${date}`,
    };
  }, [span, found, exerciseTitle, earlier, carried]);
  const blocks = useMemo(() => (report ? cityReportBlocks(report.input, lang) : []), [report, lang]);

  return (
    <section className="page city-page" aria-labelledby="city-title">
      <div className="page-head">
        <h1 id="city-title">{t('title')}</h1>
        {records.length > 0 && (
          <button
            type="button"
            onClick={() => {
              setRecords([]);
              setAgencies(null);
              setEarlier([]);
              setProblems([]);
              setListErrors([]);
            }}
          >
            {t('open.clear')}
          </button>
        )}
      </div>
      <p className="lead">{t('lead')}</p>

      <OpenZone ids={ids} title={title} placeholder={carried?.title || t('exercise.defaultTitle')} onTitle={setTitle} take={take} />

      {listErrors.length > 0 && (
        <div role="alert" className="review-errors city-errors">
          <p>{t('open.listInvalid')}</p>
          <ul>
            {listErrors.map((e, i) => (
              <li key={i}>{formatAgencyCsvError(e, lang)}</li>
            ))}
          </ul>
        </div>
      )}
      {problems.length > 0 && (
        <div role="alert" className="review-errors city-errors">
          <p>{t('open.invalid')}</p>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('open.columns.file')}</th>
                <th scope="col">{t('open.columns.where')}</th>
                <th scope="col">{t('open.columns.message')}</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p, i) => (
                <tr key={i}>
                  <td>{p.source}</td>
                  <td>
                    <code>{p.where}</code>
                  </td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {!folder.ok && <FolderProblemNote problem={folder.problem} />}
      {span === null || report === null ? (
        folder.ok && <p className="empty">{t('none')}</p>
      ) : (
        <>
          <p role="status" className="city-loaded">
            {t('open.loaded', { records: records.length, agencies: found.entries.length })}
          </p>
          {(found.withoutRecord.length > 0 || found.offList.length > 0 || found.duplicates.length > 0) && (
            <section className="city-check card" aria-labelledby="city-check-title">
              <h2 id="city-check-title">{t('sections.check')}</h2>
              {found.withoutRecord.length > 0 && <p>{t('check.withoutRecord', { names: found.withoutRecord.map((a) => a.name).join(lang === 'en' ? ', ' : '、') })}</p>}
              {found.offList.length > 0 && <p>{t('check.offList', { names: found.offList.map((r) => r.record.agency.name).join(lang === 'en' ? ', ' : '、') })}</p>}
              {found.duplicates.length > 0 && <p>{t('check.duplicates', { names: found.duplicates.map((r) => r.source).join(lang === 'en' ? ', ' : '、') })}</p>}
            </section>
          )}
          <CityBoard rows={board} pending={live.pending} nowMs={now} startMs={span.startMs} endMs={span.endMs} onNow={setNowMs} />
          <ReviewQueue rows={queue} />
          <CityResultsView input={report.input} blocks={blocks} fileStem={report.stem} />
        </>
      )}
    </section>
  );
}
