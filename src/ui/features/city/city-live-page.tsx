/**
 * DoIT's city exercise on the drill server (issue 11, P39): create it from the agency list, give
 * each agency its facilitator link, drive the shared clock, watch the live board, review levels from
 * the queue into each agency's drill, read the results and give failing agencies their re-drills.
 * The board, the queue and the results are the record screen's components (city-page.tsx), fed
 * from the server's socket (city-live.ts) instead of files.
 */
import { LinkQr } from '@/ui/components/link-qr/link-qr';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import SCENARIO_INDEX from 'virtual:scenario-index';
import { formatAgencyCsvError, type AgencyCsvError } from '@/engine/city/agency-csv';
import { createBoardScorer } from '@/engine/city/board';
import { agencyTypeName, cityReportBlocks, type CityReportInput } from '@/engine/city/city-report';
import { compareRedrill, orderComparisons, type RedrillComparison, type RedrillLink } from '@/engine/city/redrill';
import { reportNeedsNoFlags } from '@/engine/city/exercise-tag';
import { cityResults, citySummary, exerciseHistory, parseCitySummary, type CitySummary } from '@/engine/city/results';
import { queueRow, sortQueue, type QueueRow } from '@/engine/city/review-queue';
import { AGENCY_TYPES, LEVELS, type AgencyType, type Level } from '@/engine/record/vocabulary';
import type { ScoreResult } from '@/engine/scoring/types';
import { formatTaipei, parseIsoMs } from '@/engine/time/taipei';
import { term } from '@/engine/text/glossary';
import { isServerMode, keepTokens, type ServerLink } from '@/ui/drill-runtime/server-mode';
import { navigate, routeHref } from '@/ui/lib/routes';
import { CityBoard } from './city-board';
import { CityResultsView } from './city-results';
import { AgencyFacilitatorLink, facilitatorKey } from './facilitator-link';
import { ReviewQueue } from './review-queue';
import { liveEntries, simNowAt, useLiveCity } from './city-live';
import { createFrameBudget } from './frame-budget';
import './strings';
import './city-live-strings';
import './city.css';
import './city-live.css';

const SPEEDS = [1, 10, 60, 600, 3600] as const;


function readFacilitators(exerciseId: string): Record<string, string> {
  try {
    return JSON.parse(localStorage.getItem(facilitatorKey(exerciseId)) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

export default function CityLivePage({ exerciseId }: { exerciseId?: string }) {
  const { t } = useTranslation('cityLive');
  if (!isServerMode()) {
    return (
      <section className="page city-page" aria-labelledby="city-live-title">
        <h1 id="city-live-title">{t('title')}</h1>
        <p role="alert">{t('serverOnly')}</p>
      </section>
    );
  }
  return exerciseId ? <LiveExercise exerciseId={exerciseId} /> : <CreateExercise />;
}

// ── creating ───────────────────────────────────────────────────────────────────────────────────

function CreateExercise() {
  const { t, i18n } = useTranslation('cityLive');
  const lang = i18n.language === 'en' ? 'en' : 'zh-TW';
  const ids = { title: useId(), start: useId(), scenario: useId(), csv: useId(), reviewer: useId() };
  // The exercise's default title and DoIT's reviewer are stored names: zh-TW in either language, as the server's default.
  const [title, setTitle] = useState(() => i18n.getFixedT('zh-TW', 'city')('exercise.defaultTitle'));
  const [start, setStart] = useState('2026-03-09T08:40');
  const [scenario, setScenario] = useState(SCENARIO_INDEX.find((s) => s.id === 'ransomware-core')?.id ?? SCENARIO_INDEX[0]?.id ?? '');
  const [byType, setByType] = useState(false);
  const [typeScenarios, setTypeScenarios] = useState<Partial<Record<AgencyType, string>>>({});
  const [reviewer, setReviewer] = useState(() => term('roles', 'doit-reviewer', 'zh-TW'));
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<{ message: string; errors: AgencyCsvError[] } | null>(null);
  const [list, setList] = useState<{ id: string; title: string; startAt: string; agencies: number }[] | null>(null);
  useEffect(() => {
    fetch('/api/city/exercises', { credentials: 'same-origin' })
      .then((r) => (r.ok ? r.json() : []))
      .then((l: { id: string; title: string; startAt: string; agencies: number }[]) => setList(l))
      .catch(() => setList([]));
  }, []);

  const submit = async () => {
    if (!file) return;
    setBusy(true);
    setRefused(null);
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    const scenarios = byType ? { kind: 'by-type', byType: Object.fromEntries(Object.entries(typeScenarios).filter(([, v]) => v)) } : { kind: 'one', scenarioId: scenario };
    const res = await fetch('/api/city/exercises', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title, startAt: `${start}:00+08:00`, scenarios, reviewerName: reviewer, csv: { name: file.name, base64: btoa(binary) } }),
    });
    const body = (await res.json()) as {
      ok: boolean;
      exerciseId?: string;
      agencies?: { drillId: string; links: { link: ServerLink; token: string; path: string }[] }[];
      reason?: { zh: string; en: string };
      errors?: AgencyCsvError[];
    };
    setBusy(false);
    if (!res.ok || !body.exerciseId) {
      setRefused({ message: (lang === 'en' ? body.reason?.en : body.reason?.zh) ?? `HTTP ${res.status}`, errors: body.errors ?? [] });
      return;
    }
    // The tokens are shown once: this browser keeps them (the server keeps their hashes).
    const facilitators: Record<string, string> = {};
    for (const a of body.agencies ?? []) {
      keepTokens(a.drillId, a.links);
      const f = a.links.find((l) => l.link.kind === 'facilitator');
      if (f) facilitators[a.drillId] = f.path;
    }
    try {
      localStorage.setItem(facilitatorKey(body.exerciseId), JSON.stringify(facilitators));
    } catch {
      // Private mode: the agencies' links can be reissued from their consoles.
    }
    navigate({ name: 'city-live', exerciseId: body.exerciseId });
  };

  const scenarioOptions = SCENARIO_INDEX.map((s) => (
    <option key={s.id} value={s.id}>
      {lang === 'en' ? s.title.en : s.title.zh}
    </option>
  ));

  return (
    <section className="page city-page city-live" aria-labelledby="city-live-title">
      <h1 id="city-live-title">{t('title')}</h1>
      <p className="lead">{t('lead')}</p>
      <section className="card" aria-labelledby="city-list-title">
        <h2 id="city-list-title">{t('list.heading')}</h2>
        {list === null ? (
          <p aria-busy="true">…</p>
        ) : list.length === 0 ? (
          <p className="empty">{t('list.none')}</p>
        ) : (
          <ul>
            {list.map((x) => (
              <li key={x.id}>
                <a href={routeHref({ name: 'city-live', exerciseId: x.id })}>{x.title}</a> · {formatTaipei(parseIsoMs(x.startAt)).slice(0, 16)} · {t('list.agencies', { n: x.agencies })}
              </li>
            ))}
          </ul>
        )}
      </section>
      <form
        className="card city-create"
        aria-labelledby="city-create-title"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id="city-create-title">{t('create.heading')}</h2>
        <div className="field-grid">
          <label className="field" htmlFor={ids.title}>
            <span>{t('create.title')}</span>
            <input id={ids.title} type="text" required value={title} onChange={(e) => setTitle(e.target.value)} />
          </label>
          <label className="field" htmlFor={ids.start}>
            <span>{t('create.start')}</span>
            <input id={ids.start} type="datetime-local" required value={start} onChange={(e) => setStart(e.target.value)} />
          </label>
          <label className="field" htmlFor={ids.reviewer}>
            <span>{t('create.reviewer')}</span>
            <input id={ids.reviewer} type="text" required value={reviewer} onChange={(e) => setReviewer(e.target.value)} />
          </label>
          {!byType && (
            <label className="field" htmlFor={ids.scenario}>
              <span>{t('create.scenario')}</span>
              <select id={ids.scenario} value={scenario} onChange={(e) => setScenario(e.target.value)}>
                {scenarioOptions}
              </select>
            </label>
          )}
          <label className="inline">
            <input type="checkbox" checked={byType} onChange={(e) => setByType(e.target.checked)} />
            {t('create.byType')}
          </label>
          {byType &&
            AGENCY_TYPES.map((type) => (
              <label key={type} className="field">
                <span>{t('create.typeScenario', { type: agencyTypeName(type, lang) })}</span>
                <select value={typeScenarios[type] ?? ''} onChange={(e) => setTypeScenarios((m) => ({ ...m, [type]: e.target.value }))}>
                  <option value="">{t('create.noScenario')}</option>
                  {scenarioOptions}
                </select>
              </label>
            ))}
          <label className="field" htmlFor={ids.csv}>
            <span>{t('create.csv')}</span>
            <input id={ids.csv} type="file" accept=".csv,text/csv" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </label>
        </div>
        {refused && (
          <div role="alert" className="review-errors city-errors">
            <p>{refused.message}</p>
            {refused.errors.length > 0 && (
              <ul>
                {refused.errors.map((e, i) => (
                  <li key={i}>{formatAgencyCsvError(e, lang)}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        <div className="page-actions">
          <button type="submit" className="primary" disabled={busy || !file}>
            {busy ? t('create.creating') : t('create.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

// ── the live exercise ──────────────────────────────────────────────────────────────────────────

function LiveExercise({ exerciseId }: { exerciseId: string }) {
  const { t, i18n } = useTranslation('cityLive');
  const lang = i18n.language === 'en' ? 'en' : 'zh-TW';
  const live = useLiveCity(exerciseId);
  const [clockNote, setClockNote] = useState<string | null>(null);
  const facilitators = useMemo(() => readFacilitators(exerciseId), [exerciseId]);

  // The shared now: the agencies' clocks move together; the first agency's is the board's, interpolated.
  const [tick, setTick] = useState(0);
  const lead = live.drills.find((d) => d.view.redrillOf === undefined);
  const running = lead?.view.clock.running ?? false;
  useEffect(() => {
    if (!running) return;
    const id = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(id);
  }, [running]);
  const liveNowMs = useMemo(() => {
    void tick;
    return lead ? Math.floor(simNowAt(lead.view.clock, lead.clockAt, performance.now())) : 0;
  }, [lead, tick]);
  // DoIT may look back along the slider; at its end (or "to the end") the board follows the clock again.
  const [lookBack, setLookBack] = useState<number | null>(null);
  const nowMs = lookBack !== null && lookBack < liveNowMs ? lookBack : liveNowMs;
  const onNow = (ms: number) => setLookBack(ms >= liveNowMs - 1000 ? null : ms);

  const entries = useMemo(() => liveEntries(live.drills), [live.drills]);
  const startMs = live.exercise ? parseIsoMs(live.exercise.startAt) : 0;
  const scorer = useRef(createBoardScorer()).current;
  const [catchUp, setCatchUp] = useState(0);
  // The same budget per frame as the record screen (frame-budget.ts).
  const spend = useRef(createFrameBudget()).current;
  const board = useMemo(() => {
    void catchUp;
    if (entries.length === 0) return { rows: [], pending: 0 };
    return spend((over) => scorer(entries, nowMs, over));
  }, [entries, nowMs, scorer, spend, catchUp]);
  useEffect(() => {
    if (board.pending === 0) return;
    const id = requestAnimationFrame(() => setCatchUp((n) => n + 1));
    return () => cancelAnimationFrame(id);
  }, [board]);

  const queueCache = useRef(new WeakMap<ScoreResult, QueueRow | null>()).current;
  const queue = useMemo(
    () =>
      sortQueue(
        entries
          .map((e, i) => {
            const result = board.rows[i]?.result;
            if (!result) return null;
            if (!queueCache.has(result)) queueCache.set(result, queueRow(e, result, nowMs));
            return queueCache.get(result) ?? null;
          })
          .filter((r): r is QueueRow => r !== null),
      ),
    [entries, board, nowMs, queueCache],
  );

  // Earlier city exercises: those this server held before this one (as the server's report), and
  // summaries DoIT opens from elsewhere (those only in this page's report).
  const [serverEarlier, setServerEarlier] = useState<CitySummary[]>([]);
  const [openedEarlier, setOpenedEarlier] = useState<CitySummary[]>([]);
  const [earlierErrors, setEarlierErrors] = useState<string[]>([]);
  const exerciseStart = live.exercise?.startAt;
  useEffect(() => {
    if (!exerciseStart) return;
    let alive = true;
    void (async () => {
      const list = await fetch('/api/city/exercises', { credentials: 'same-origin' }).then((r) => (r.ok ? (r.json() as Promise<{ id: string; startAt: string }[]>) : []));
      const before = list.filter((x) => x.id !== exerciseId && parseIsoMs(x.startAt) < parseIsoMs(exerciseStart));
      const found: CitySummary[] = [];
      for (const x of before) {
        const r = await fetch(`/api/city/exercises/${encodeURIComponent(x.id)}/report?format=summary`, { credentials: 'same-origin' });
        const parsed = r.ok ? parseCitySummary(await r.json(), x.id) : null;
        if (parsed?.ok) found.push(parsed.summary);
      }
      if (alive) setServerEarlier(found);
    })().catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [exerciseId, exerciseStart]);
  const openEarlier = async (files: FileList) => {
    const found: CitySummary[] = [];
    const errors: string[] = [];
    for (const file of [...files]) {
      try {
        const parsed = parseCitySummary(JSON.parse(await file.text()), file.name);
        if (parsed.ok) found.push(parsed.summary);
        else errors.push(parsed.message);
      } catch (err) {
        errors.push(`${file.name}: ${(err as Error).message}`);
      }
    }
    setEarlierErrors(errors);
    if (found.length > 0) setOpenedEarlier((all) => [...all, ...found]);
  };

  const report = useMemo((): CityReportInput | null => {
    if (!live.exercise || entries.length === 0) return null;
    const results = cityResults({ id: live.exercise.id, title: live.exercise.title, startAt: live.exercise.startAt }, entries, board.pending === 0 ? board.rows.map((r) => r.result) : undefined);
    const byDrill = new Map(entries.map((e, i) => [e.key, results.agencies[i]]));
    const redrills: RedrillComparison[] = [];
    for (const d of live.drills) {
      const original = d.view.redrillOf ? byDrill.get(d.view.redrillOf) : undefined;
      if (original && d.record.events.length > 0) redrills.push(compareRedrill(original, d.record));
    }
    return { results, history: exerciseHistory(citySummary(results), [...serverEarlier, ...openedEarlier]), redrills: orderComparisons(results, redrills), withoutRecord: [], offList: [] };
  }, [live.exercise, live.drills, entries, board, serverEarlier, openedEarlier]);
  const blocks = useMemo(() => (report ? cityReportBlocks(report, lang) : []), [report, lang]);

  // DoIT's review of an open report's level (P15), from the queue's row into the agency's drill;
  // not once that agency's drill has ended (the engine would refuse it).
  const [reviewLevels, setReviewLevels] = useState<Record<string, Level>>({});
  const [reviewNote, setReviewNote] = useState<{ ok: boolean; text: string } | null>(null);
  const ended = useMemo(() => new Set(live.drills.filter((d) => d.record.events.some((e) => e.type === 'drill.ended')).map((d) => d.view.drillId)), [live.drills]);
  const reviewControl = (r: QueueRow) => {
    if (!r.open || r.reviewedLevel !== null || ended.has(r.key)) return null;
    const level = reviewLevels[r.key] ?? r.wizardLevel ?? r.reportedLevel;
    return (
      <span className="city-review-control">
        <select aria-label={t('review.level', { name: r.name })} value={level} onChange={(e) => setReviewLevels((m) => ({ ...m, [r.key]: Number(e.target.value) as Level }))}>
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {t('review.levelN', { level: l })}
            </option>
          ))}
        </select>
        <button
          type="button"
          aria-label={t('review.submit', { name: r.name })}
          onClick={() =>
            void live.review(r.key, level).then((res) => {
              const result = res[0]?.result;
              if (result?.ok) setReviewNote({ ok: true, text: t('review.done', { name: r.name }) });
              else setReviewNote({ ok: false, text: t('review.refused', { name: r.name, why: result && !result.ok ? (lang === 'en' ? result.reason.en : result.reason.zh) : '—' }) });
            })
          }
        >
          {t('review.submitShort')}
        </button>
      </span>
    );
  };
  const redrill = useGiveRedrill(exerciseId);

  const clock = async (command: Parameters<typeof live.clock>[0]) => {
    const results = await live.clock(command);
    const failed = results.filter((r) => !r.result.ok);
    setClockNote(failed.length ? t('clock.failed', { n: failed.length, why: failed.map((f) => (f.result.ok ? '' : lang === 'en' ? f.result.reason.en : f.result.reason.zh)).join(lang === 'en' ? '; ' : '；') }) : null);
  };

  if (!live.exercise) {
    return (
      <section className="page city-page city-live" aria-labelledby="city-live-title">
        <h1 id="city-live-title">{t('title')}</h1>
        {live.error ? <p role="alert">{live.error}</p> : <p aria-busy="true">…</p>}
      </section>
    );
  }
  const agencyDrills = live.drills.filter((d) => d.view.redrillOf === undefined);
  const redrills = live.drills.filter((d) => d.view.redrillOf !== undefined);
  return (
    <section className="page city-page city-live" aria-labelledby="city-live-title">
      <div className="page-head">
        <h1 id="city-live-title">
          {t('titleOf', { title: live.exercise.title })}
        </h1>
        <span role="status" className={live.connected ? 'ok' : 'warn'}>
          {live.connected ? t('clock.connected') : t('clock.disconnected')}
        </span>
      </div>
      {live.error && <p role="alert">{live.error}</p>}

      <section className="card city-clock" aria-labelledby="city-clock-title">
        <h2 id="city-clock-title">{t('clock.heading')}</h2>
        <p className="city-now">{t('clock.now', { time: formatTaipei(lead ? liveNowMs : startMs).slice(0, 19).replace('T', ' ') })}</p>
        <div className="page-actions">
          <button type="button" onClick={() => void clock({ kind: 'start' })}>
            {t('clock.start')}
          </button>
          <button type="button" onClick={() => void clock({ kind: 'play' })}>
            {t('clock.play')}
          </button>
          <button type="button" onClick={() => void clock({ kind: 'pause' })}>
            {t('clock.pause')}
          </button>
          <label className="inline">
            {t('clock.speed')}
            <select value={lead?.view.clock.speed ?? 1} onChange={(e) => void clock({ kind: 'set-speed', speed: Number(e.target.value) })}>
              {SPEEDS.map((s) => (
                <option key={s} value={s}>
                  {s}×
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => void clock({ kind: 'jump-by', ms: 600_000 })}>
            {t('clock.jump10')}
          </button>
          <button type="button" onClick={() => void clock({ kind: 'jump-by', ms: 3_600_000 })}>
            {t('clock.jump60')}
          </button>
          <button type="button" className="danger" onClick={() => void clock({ kind: 'end' })}>
            {t('clock.end')}
          </button>
        </div>
        {clockNote && <p role="alert">{clockNote}</p>}
      </section>

      <section className="card city-agencies" aria-labelledby="city-agencies-title">
        <div className="page-head">
          <h2 id="city-agencies-title">{t('agencies.heading')}</h2>
          <button
            type="button"
            onClick={() => {
              // The sheet prints only the agencies' links (city-live.css).
              document.body.classList.add('city-print-links');
              window.print();
              document.body.classList.remove('city-print-links');
            }}
          >
            {t('agencies.print')}
          </button>
        </div>
        <p className="help">{t('agencies.help')}</p>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('agencies.name')}</th>
              <th scope="col">{t('agencies.type')}</th>
              <th scope="col">{t('agencies.contact')}</th>
              <th scope="col">{t('agencies.roster')}</th>
              <th scope="col">{t('agencies.link')}</th>
            </tr>
          </thead>
          <tbody>
            {agencyDrills.map((d) => {
              const name = d.record.agency.name;
              const path = facilitators[d.view.drillId];
              return (
                <tr key={d.view.drillId}>
                  <th scope="row">{name}</th>
                  <td>{agencyTypeName(d.record.agency.type, lang)}</td>
                  <td>{d.view.contact}</td>
                  <td>{d.view.rosterAt ? t('agencies.rosterIn') : t('agencies.rosterPending')}</td>
                  <td className="city-link">
                    <AgencyFacilitatorLink exerciseId={exerciseId} drillId={d.view.drillId} name={name} path={path} />{' '}
                    <a href={routeHref({ name: 'console', drillId: d.view.drillId })}>{t('agencies.console')}</a>{' '}
                    {d.record.events.length > 0 && (
                      <a href={`/api/drills/${encodeURIComponent(d.view.drillId)}/record`} download={`${d.view.drillId}.drill-record.json`} aria-label={t('agencies.recordOf', { name })}>
                        {t('agencies.record')}
                      </a>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      {entries.length === 0 ? (
        <p className="empty">{t('clock.notStarted')}</p>
      ) : (
        <>
          <CityBoard rows={board.rows} pending={board.pending} nowMs={nowMs} startMs={Math.min(startMs, nowMs)} endMs={Math.max(liveNowMs, startMs + 1)} onNow={onNow} />
          <ReviewQueue rows={queue} review={reviewControl} />
          {reviewNote && (
            <p role={reviewNote.ok ? 'status' : 'alert'} className="city-review-note">
              {reviewNote.text}
            </p>
          )}
          {report && agencyDrills.some((d) => !ended.has(d.view.drillId)) && <p className="city-hint city-provisional">{t('results.provisional')}</p>}
          {report && (
            <CityResultsView
              input={report}
              blocks={blocks}
              fileStem={`city-report-${exerciseId}`}
              redrillAction={(a) => {
                // A re-drill follows the agency's drill (P39(3)): not while it still runs, and not
                // beside one given and not yet held (once that ends short, the next one may be given).
                if (!ended.has(a.key)) return null;
                const open = redrills.find((d) => d.view.redrillOf === a.key && !ended.has(d.view.drillId));
                if (open) {
                  return (
                    <a href={routeHref({ name: 'console', drillId: open.view.drillId })}>{t('redrill.open', { name: a.name })}</a>
                  );
                }
                return (
                  <button type="button" onClick={() => void redrill.give({ name: a.name, drillId: a.key })}>
                    {t('redrill.give', { name: a.name })}
                  </button>
                );
              }}
              onEarlier={(files) => void openEarlier(files)}
              earlierErrors={earlierErrors}
              redrillNote={<RedrillsGiven made={redrill.made} error={redrill.error} given={redrills.map((d) => ({ drillId: d.view.drillId, title: d.view.title }))} />}
              exportNote={t(reportNeedsNoFlags(agencyDrills.map((d) => ({ source: d.view.drillId, record: d.record }))) ? 'results.cli' : 'results.cliFlags', { id: live.exercise.id, title: live.exercise.title })}
            />
          )}
        </>
      )}
    </section>
  );
}

/** A failing agency's re-drill, created on the server from its result (P39(3)). */
function useGiveRedrill(exerciseId: string) {
  const { i18n } = useTranslation('cityLive');
  const [made, setMade] = useState<{ name: string; path: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const give = async (f: { name: string; drillId: string }) => {
    setError(null);
    const res = await fetch(`/api/city/exercises/${encodeURIComponent(exerciseId)}/redrills`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ drillId: f.drillId }),
    });
    const body = (await res.json()) as { drillId?: string; redrillOf?: RedrillLink; links?: { link: ServerLink; token: string; path: string }[]; reason?: { zh: string; en: string } };
    if (!res.ok || !body.drillId) {
      setError((i18n.language === 'en' ? body.reason?.en : body.reason?.zh) ?? `HTTP ${res.status}`);
      return;
    }
    keepTokens(body.drillId, body.links ?? []);
    const facilitator = body.links?.find((l) => l.link.kind === 'facilitator');
    setMade({ name: f.name, path: facilitator?.path ?? '' });
  };
  return { give, made, error };
}

/** What became of "give a re-drill": the new drill's facilitator link, a refusal, the re-drills given. */
function RedrillsGiven({ made, error, given }: { made: { name: string; path: string } | null; error: string | null; given: { drillId: string; title: string }[] }) {
  const { t } = useTranslation('cityLive');
  return (
    <>
      {error && <p role="alert">{error}</p>}
      {made && (
        <div className="city-redrill-made">
          <p role="status">
            {t('redrill.given', { name: made.name })} <code>{`${location.origin}${made.path}`}</code>
          </p>
          <LinkQr url={`${location.origin}${made.path}`} label={t('agencies.qr', { name: made.name })} size={96} />
        </div>
      )}
      {given.length > 0 && (
        <div className="city-redrills-given">
          <h4>{t('redrill.existing')}</h4>
          <ul>
            {given.map((g) => (
              <li key={g.drillId}>
                <a href={routeHref({ name: 'console', drillId: g.drillId })}>{g.title}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
