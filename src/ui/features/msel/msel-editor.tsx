/**
 * The MSEL editor: the scenario's facts (the reference level judged with the level wizard's
 * engine, rules/levels.ts), a table of injects beside a timeline where an inject is dragged (or moved
 * with the arrow keys) to a new time, live validation against the scenario schema with each problem
 * in words beside its field, a participant's inbox preview, and save / download / export.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parse as parseYaml, stringify } from 'yaml';
import { draftIssues, type FieldIssue } from '@/engine/msel/msel-validate';
import { scenarioYaml } from '@/engine/msel/msel-yaml';
import { assessLevel, type InfoAsset, type LevelAnswers, type SystemKind } from '@/engine/rules/levels';
import { ACTOR_ROLES, BACKUP_KINDS, LEVELS, type ActorRole } from '@/engine/record/vocabulary';
import { INJECT_CHANNELS, type InjectChannel } from '@/engine/drill/inject';
import { SENDERS, type Scenario, type ScenarioInject } from '@/engine/scenario/schema';
import { formatOffset, tryParseOffset } from '@/engine/scenario/offset';
import { formatTaipei } from '@/engine/time/taipei';
import { pick } from '@/ui/i18n';
import { downloadText } from '@/ui/lib/download';
import { isServerMode } from '@/ui/drill-runtime/server-mode';
import { putLibraryScenario, putServerScenario, ServerLibraryError } from '@/ui/persistence/scenario-library';
import { wallIso } from '@/ui/lib/time-format';

const MINUTE = 60_000;
/** Quiet time before the draft is validated again. */
const VALIDATE_AFTER_MS = 250;

type Lang = string;
const say = (w: { zh: string; en: string }, lang: Lang) => (lang === 'en' ? w.en : w.zh);

function Issues({ issues, lang, id }: { issues: FieldIssue[] | undefined; lang: Lang; id?: string }) {
  if (!issues || issues.length === 0) return null;
  return (
    <span className="field-error" id={id} role="alert">
      {issues.map((i) => say(i.message, lang)).join('；')}
    </span>
  );
}

/** A YAML-valued field: edited as text, parsed on every change; a text that does not parse is said, the draft kept. */
function YamlField({ label, value, onChange, issues, lang, id }: { label: string; value: unknown; onChange: (v: unknown) => void; issues?: FieldIssue[]; lang: Lang; id: string }) {
  const { t } = useTranslation(['msel', 'glossary']);
  const shown = value === undefined ? '' : stringify(value, { collectionStyle: 'flow', lineWidth: 0 }).trim();
  const [text, setText] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  const last = useRef(shown);
  if (shown !== last.current && error === null) {
    last.current = shown;
    setText(shown);
  }
  return (
    <label className="field">
      <span>{label}</span>
      <textarea
        rows={2}
        value={text}
        aria-invalid={error !== null || (issues?.length ?? 0) > 0}
        aria-describedby={`${id}-err`}
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value.trim() === '') {
            setError(null);
            last.current = '';
            onChange(undefined);
            return;
          }
          try {
            const v = parseYaml(e.target.value) as unknown;
            setError(null);
            last.current = stringify(v, { collectionStyle: 'flow', lineWidth: 0 }).trim();
            onChange(v);
          } catch (err) {
            setError(t('editor.invalidYaml', { message: (err as Error).message.split('\n')[0] }));
          }
        }}
      />
      {error && (
        <span className="field-error" id={`${id}-err`} role="alert">
          {error}
        </span>
      )}
      {!error && <Issues issues={issues} lang={lang} id={`${id}-err`} />}
    </label>
  );
}

interface RowProps {
  inject: ScenarioInject;
  index: number;
  issues: FieldIssue[];
  sourceRow?: number;
  lang: Lang;
  onChange: (index: number, patch: Partial<ScenarioInject> | Record<string, unknown>) => void;
  onRemove: (index: number) => void;
}

const sameIssues = (a: FieldIssue[], b: FieldIssue[]) => a.length === b.length && a.every((x, i) => x.path === b[i].path && x.message.en === b[i].message.en);

const InjectRow = memo(
  function InjectRow({ inject, index, issues, sourceRow, lang, onChange, onRemove }: RowProps) {
    const { t } = useTranslation(['msel', 'glossary']);
    const tc = useTranslation(['common', 'glossary']).t;
    const at = (field: string) => issues.filter((i) => i.path === `injects.${index}.${field}` || i.path.startsWith(`injects.${index}.${field}.`));
    const id = `inj-${index}`;
    const select = (field: 'to' | 'channel' | 'sender', options: readonly string[], label: (o: string) => string) => {
      const value = String(inject[field] ?? '');
      const known = options.includes(value);
      const errs = at(field);
      return (
        <td data-label={t(`editor.${field}`)}>
          <select
            aria-label={`${t(`editor.${field}`)} ${index + 1}`}
            value={value}
            aria-invalid={errs.length > 0}
            aria-describedby={`${id}-${field}-err`}
            onChange={(e) => onChange(index, { [field]: e.target.value })}
          >
            {!known && <option value={value}>{t('editor.raw', { value })}</option>}
            {options.map((o) => (
              <option key={o} value={o}>
                {label(o)}
              </option>
            ))}
          </select>
          <Issues issues={errs} lang={lang} id={`${id}-${field}-err`} />
        </td>
      );
    };
    const text = (root: 'title' | 'message', l: 'zh' | 'en', label: string, area = false) => {
      const errs = at(`${root}.${l}`).concat(at(root).filter((i) => i.path === `injects.${index}.${root}`));
      const props = {
        'aria-label': `${label} ${index + 1}`,
        value: inject[root]?.[l] ?? '',
        'aria-invalid': errs.length > 0,
        'aria-describedby': `${id}-${root}-${l}-err`,
        lang: l === 'en' ? 'en' : 'zh-Hant-TW',
        onChange: (e: { target: { value: string } }) => onChange(index, { [root]: { ...(inject[root] ?? { zh: '', en: '' }), [l]: e.target.value } }),
      };
      return (
        <>
          {area ? <textarea rows={2} {...props} /> : <input type="text" {...props} />}
          <Issues issues={errs} lang={lang} id={`${id}-${root}-${l}-err`} />
        </>
      );
    };
    const timeErrs = at('offset');
    const rowHasIssue = issues.length > 0;
    return (
      <tr className={rowHasIssue ? 'has-issue' : undefined} data-inject={inject.id}>
        <th scope="row">
          {index + 1}
          {sourceRow !== undefined && <small className="muted">{t('editor.fromRow', { row: sourceRow })}</small>}
        </th>
        <td data-label={t('editor.time')}>
          <input
            type="text"
            className="time-input"
            aria-label={`${t('editor.time')} ${index + 1}`}
            value={inject.offset}
            aria-invalid={timeErrs.length > 0}
            aria-describedby={`${id}-time-err`}
            onChange={(e) => onChange(index, { offset: e.target.value })}
          />
          <Issues issues={timeErrs} lang={lang} id={`${id}-time-err`} />
          <Issues issues={at('id')} lang={lang} />
        </td>
        {select('to', ACTOR_ROLES, (r) => tc(`glossary:roles.${r as ActorRole}`))}
        {select('channel', INJECT_CHANNELS, (c) => tc(`glossary:channels.${c as InjectChannel}`))}
        {select('sender', SENDERS, (s) => tc(`glossary:senders.${s as (typeof SENDERS)[number]}`))}
        <td className="texts" data-label={t('editor.text')}>
          {text('title', 'zh', t('editor.titleZhShort'))}
          {text('title', 'en', t('editor.titleEnShort'))}
          {text('message', 'zh', t('editor.messageZh'), true)}
          {text('message', 'en', t('editor.messageEn'), true)}
          <details open={at('condition').length + at('world').length + at('expected').length > 0 || undefined}>
            <summary>{t('editor.more')}</summary>
            <YamlField id={`${id}-cond`} label={t('editor.condition')} value={inject.condition} lang={lang} issues={at('condition')} onChange={(v) => onChange(index, { condition: v })} />
            <YamlField id={`${id}-world`} label={t('editor.world')} value={inject.world} lang={lang} issues={at('world')} onChange={(v) => onChange(index, { world: v })} />
            <YamlField id={`${id}-exp`} label={t('editor.expected')} value={inject.expected} lang={lang} issues={at('expected')} onChange={(v) => onChange(index, { expected: v })} />
          </details>
        </td>
        <td className="remove">
          <button type="button" className="button small" onClick={() => onRemove(index)} aria-label={t('editor.remove', { n: index + 1 })}>
            ✕
          </button>
        </td>
      </tr>
    );
  },
  (a, b) => a.inject === b.inject && a.index === b.index && a.lang === b.lang && a.sourceRow === b.sourceRow && a.onChange === b.onChange && sameIssues(a.issues, b.issues),
);

interface MarkerProps {
  inject: ScenarioInject;
  index: number;
  ms: number;
  left: number;
  bad: boolean;
  lang: Lang;
  onKey: (index: number, e: KeyboardEvent<HTMLButtonElement>) => void;
  onDown: (index: number, e: PointerEvent<HTMLButtonElement>) => void;
}

const Marker = memo(function Marker({ inject, index, ms, left, bad, lang, onKey, onDown }: MarkerProps) {
  const { t } = useTranslation(['msel', 'glossary']);
  const label = t('editor.moveInject', { n: index + 1, title: pick(inject.title, lang), time: inject.offset });
  return (
    <button
      type="button"
      role="slider"
      aria-label={label}
      aria-valuenow={Math.round(ms / MINUTE)}
      aria-valuetext={formatOffset(ms)}
      className={`timeline-marker${bad ? ' bad' : ''}`}
      style={{ left: `${left}%`, top: `${(index % 6) * 14 + 6}px` }}
      onKeyDown={(e) => onKey(index, e)}
      onPointerDown={(e) => onDown(index, e)}
    />
  );
});

/** The timeline beside the table: each inject a marker at its time; drag or arrow keys move it. */
function Timeline({
  injects,
  span,
  lang,
  onMove,
}: {
  injects: ScenarioInject[];
  span: string;
  lang: Lang;
  onMove: (index: number, offset: string) => void;
}) {
  const { t } = useTranslation(['msel', 'glossary']);
  const track = useRef<HTMLDivElement>(null);
  const times = injects.map((i) => {
    const r = tryParseOffset(i.offset);
    return r.ok ? r.ms : null;
  });
  const spanMs = tryParseOffset(span);
  const live = { min: Math.min(0, ...times.map((x) => x ?? 0)), max: Math.max(spanMs.ok ? spanMs.ms : 0, ...times.map((x) => x ?? 0), MINUTE) };
  // A drag moves only its marker, straight in the DOM (a transform, and its aria-valuetext), and the new
  // time enters the draft once, on drop: committing every pointer move re-rendered the editor and
  // repainted and re-layerized the whole 300-row page each move (issue 13, bench:msel). The scale is
  // the one at the drag's start, so a marker dragged past the end does not rescale under the pointer.
  const drag = useRef<{ index: number; min: number; max: number; el: HTMLButtonElement; from: number; ms: number } | null>(null);
  const range = live;
  const width = range.max - range.min || 1;
  const injectsRef = useRef(injects);
  injectsRef.current = injects;

  const onKey = useCallback(
    (index: number, e: KeyboardEvent<HTMLButtonElement>) => {
      const step = (e.shiftKey ? 10 : 1) * MINUTE;
      const r = tryParseOffset(injectsRef.current[index].offset);
      if (!r.ok) return;
      if (e.key === 'ArrowRight' || e.key === 'ArrowUp') onMove(index, formatOffset(r.ms + step));
      else if (e.key === 'ArrowLeft' || e.key === 'ArrowDown') onMove(index, formatOffset(r.ms - step));
      else return;
      e.preventDefault();
    },
    [onMove],
  );
  // The scale at the moment a drag starts, read through a ref so the markers' handler never changes
  // (a moving last marker changes the scale; re-rendering 300 markers each move would stall the drag).
  const liveRef = useRef(live);
  liveRef.current = live;
  const onDown = useCallback((index: number, e: PointerEvent<HTMLButtonElement>) => {
    const r = tryParseOffset(injectsRef.current[index].offset);
    if (!r.ok) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.classList.add('dragging');
    drag.current = { index, min: liveRef.current.min, max: liveRef.current.max, el: e.currentTarget, from: r.ms, ms: r.ms };
  }, []);
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    const box = track.current?.getBoundingClientRect();
    if (!d || !box || box.width === 0) return;
    const x = Math.min(Math.max(e.clientX - box.left, 0), box.width);
    const ms = Math.round((d.min + (x / box.width) * (d.max - d.min)) / MINUTE) * MINUTE;
    if (ms === d.ms) return;
    d.ms = ms;
    d.el.style.transform = `translateX(${((ms - d.from) / (d.max - d.min || 1)) * box.width}px)`;
    d.el.setAttribute('aria-valuenow', String(Math.round(ms / MINUTE)));
    d.el.setAttribute('aria-valuetext', formatOffset(ms));
  };
  const end = () => {
    const d = drag.current;
    drag.current = null;
    if (!d) return;
    d.el.classList.remove('dragging');
    d.el.style.transform = '';
    if (d.ms !== d.from) onMove(d.index, formatOffset(d.ms));
    else {
      // Not moved after all: the marker says its own time again.
      d.el.setAttribute('aria-valuenow', String(Math.round(d.from / MINUTE)));
      d.el.setAttribute('aria-valuetext', formatOffset(d.from));
    }
  };
  const ticks = useMemo(() => {
    const hours = width / 3_600_000;
    const stepH = hours <= 6 ? 1 : hours <= 24 ? 3 : hours <= 72 ? 12 : 24;
    const out: number[] = [];
    for (let h = Math.ceil(range.min / 3_600_000 / stepH) * stepH; h * 3_600_000 <= range.max; h += stepH) out.push(h * 3_600_000);
    return out;
  }, [range.min, range.max, width]);

  return (
    <section className="msel-timeline" aria-labelledby="timeline-title">
      <h3 id="timeline-title">{t('editor.timeline')}</h3>
      <p className="muted" id="timeline-help">
        {t('editor.timelineHelp')}
      </p>
      <div className="timeline-track" ref={track} onPointerMove={onPointerMove} onPointerUp={end} onPointerCancel={end} aria-describedby="timeline-help">
        {ticks.map((ms) => (
          <span key={ms} className="timeline-tick" style={{ left: `${((ms - range.min) / width) * 100}%` }}>
            {formatOffset(ms)}
          </span>
        ))}
        {injects.map((inj, i) =>
          times[i] === null ? null : (
            <Marker
              key={i}
              inject={inj}
              index={i}
              ms={times[i]!}
              left={((times[i]! - range.min) / width) * 100}
              bad={false}
              lang={lang}
              onKey={onKey}
              onDown={onDown}
            />
          ),
        )}
      </div>
    </section>
  );
}

const ASSETS: InfoAsset[] = ['non-core', 'core', 'core-ci', 'official-secret', 'national-secret'];
const SYSTEMS: SystemKind[] = ['non-core', 'core', 'core-ci'];

/** The level wizard (Art. 2 through rules/levels.ts) as a helper for the scenario's reference level. */
const LevelHelper = memo(function LevelHelper({ onUse }: { onUse: (level: number, reasons: { zh: string; en: string }[]) => void }) {
  const { t } = useTranslation(['msel', 'glossary']);
  const [answers, setAnswers] = useState<LevelAnswers>({
    c: { affected: false, asset: 'core', severity: 'serious' },
    i: { affected: false, asset: 'core', severity: 'serious' },
    a: { affected: false, system: 'core', restoredWithinTolerable: true },
  });
  const result = assessLevel(answers);
  const dim = (k: 'c' | 'i') => (
    <fieldset key={k}>
      <legend>{t(`editor.${k}`)}</legend>
      <label className="inline">
        <input type="checkbox" checked={answers[k].affected} onChange={(e) => setAnswers({ ...answers, [k]: { ...answers[k], affected: e.target.checked } })} />
        {t('editor.affected')}
      </label>
      <label className="inline">
        {t('editor.asset')}{' '}
        <select value={answers[k].asset} disabled={!answers[k].affected} onChange={(e) => setAnswers({ ...answers, [k]: { ...answers[k], asset: e.target.value as InfoAsset } })}>
          {ASSETS.map((a) => (
            <option key={a} value={a}>
              {t(`glossary:infoAssets.${a}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="inline">
        {t('editor.severityLabel')}{' '}
        <select value={answers[k].severity} disabled={!answers[k].affected} onChange={(e) => setAnswers({ ...answers, [k]: { ...answers[k], severity: e.target.value as 'minor' | 'serious' } })}>
          <option value="minor">{t('editor.minor')}</option>
          <option value="serious">{t('editor.serious')}</option>
        </select>
      </label>
    </fieldset>
  );
  return (
    <details className="level-helper">
      <summary>{t('editor.wizard')}</summary>
      {dim('c')}
      {dim('i')}
      <fieldset>
        <legend>{t('editor.a')}</legend>
        <label className="inline">
          <input type="checkbox" checked={answers.a.affected} onChange={(e) => setAnswers({ ...answers, a: { ...answers.a, affected: e.target.checked } })} />
          {t('editor.affected')}
        </label>
        <label className="inline">
          {t('editor.system')}{' '}
          <select value={answers.a.system} disabled={!answers.a.affected} onChange={(e) => setAnswers({ ...answers, a: { ...answers.a, system: e.target.value as SystemKind } })}>
            {SYSTEMS.map((s) => (
              <option key={s} value={s}>
                {t(`glossary:systemKinds.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          <input type="checkbox" checked={answers.a.restoredWithinTolerable} disabled={!answers.a.affected} onChange={(e) => setAnswers({ ...answers, a: { ...answers.a, restoredWithinTolerable: e.target.checked } })} />
          {t('editor.restored')}
        </label>
      </fieldset>
      <p aria-live="polite">{result.level === null ? t('editor.wizardNone') : t('editor.wizardResult', { level: result.level })}</p>
      <button type="button" className="button" disabled={result.level === null} onClick={() => result.level !== null && onUse(result.level, result.reasons)}>
        {t('editor.useWizard')}
      </button>
    </details>
  );
});

const Inbox = memo(function Inbox({ scenario, lang }: { scenario: Scenario; lang: Lang }) {
  const { t } = useTranslation(['msel', 'glossary']);
  const tc = useTranslation(['common', 'glossary']).t;
  const [role, setRole] = useState<string>('reporting-contact');
  const t0 = Date.parse(scenario.facts.awareness);
  const items = scenario.injects
    .map((inj) => ({ inj, r: tryParseOffset(inj.offset) }))
    .filter(({ inj, r }) => inj.to === role && r.ok)
    .sort((a, b) => (a.r.ok && b.r.ok ? a.r.ms - b.r.ms : 0));
  return (
    <section className="msel-inbox" aria-labelledby="inbox-title">
      <h3 id="inbox-title">{t('editor.preview')}</h3>
      <label className="field">
        <span>{t('editor.previewRole')}</span>
        <select value={role} onChange={(e) => setRole(e.target.value)}>
          {ACTOR_ROLES.map((r) => (
            <option key={r} value={r}>
              {tc(`glossary:roles.${r}`)}
            </option>
          ))}
        </select>
      </label>
      {items.length === 0 && <p className="empty">{t('editor.previewEmpty')}</p>}
      <ol className="inbox-list">
        {items.map(({ inj, r }) => (
          <li key={inj.id}>
            <p className="inbox-head">
              <time>{r.ok && !Number.isNaN(t0) ? `${formatTaipei(t0 + r.ms).slice(0, 16).replace('T', ' ')} (T${inj.offset})` : inj.offset}</time> ·{' '}
              {inj.senderName ? pick(inj.senderName, lang) : t(`glossary:senders.${inj.sender}`)} · {t(`glossary:channels.${inj.channel}`)}
            </p>
            <p className="inbox-title">
              <strong>{pick(inj.title, lang)}</strong>
            </p>
            <p>{pick(inj.message, lang)}</p>
            {inj.condition && <p className="muted">{t('editor.contingency')}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
});

export function MselEditor({ initial, sourceRows }: { initial: Scenario; sourceRows?: number[] }) {
  const { t, i18n } = useTranslation(['msel', 'glossary']);
  const lang = i18n.language;
  const [draft, setDraft] = useState<Scenario>(initial);
  const heading = useRef<HTMLHeadingElement>(null);
  // Opening a scenario brings the editor into view, with focus on its heading (Tab goes on from there).
  useEffect(() => {
    heading.current?.scrollIntoView?.({ block: 'start' });
    heading.current?.focus({ preventScroll: true });
  }, []);
  // What the last save did, said only once it is stored: in this browser, and on the server when there is one.
  const [saved, setSaved] = useState<null | { state: 'saving' } | { state: 'saved'; id: string; server: boolean } | { state: 'failed'; message: string; browser: boolean }>(null);
  // Validation waits until edits pause (typing sends a change per key; checking 300 injects each time
  // would stall it), then checks the whole draft against the scenario schema. A drag changes the
  // draft only on drop.
  const [checked, setChecked] = useState<Scenario>(draft);
  useEffect(() => {
    if (checked === draft) return;
    const id = setTimeout(() => setChecked(draft), VALIDATE_AFTER_MS);
    return () => clearTimeout(id);
  }, [draft, checked]);
  const { scenario, issues } = useMemo(() => draftIssues(checked), [checked]);
  const byRow = useMemo(() => {
    const m = new Map<number, FieldIssue[]>();
    for (const i of issues) {
      const r = /^injects\.(\d+)\./.exec(i.path);
      if (!r) continue;
      const n = Number(r[1]);
      m.set(n, [...(m.get(n) ?? []), i]);
    }
    return m;
  }, [issues]);
  const other = issues.filter((i) => !i.path.startsWith('injects.'));
  const factIssues = (path: string) => other.filter((i) => i.path === path || i.path.startsWith(`${path}.`));
  const noIssues: FieldIssue[] = useMemo(() => [], []);

  const onChange = useCallback((index: number, patch: Record<string, unknown>) => {
    setSaved(null);
    setDraft((d) => {
      const injects = d.injects.slice();
      const next = { ...injects[index], ...patch } as Record<string, unknown>;
      for (const [k, v] of Object.entries(patch)) if (v === undefined) delete next[k];
      injects[index] = next as ScenarioInject;
      return { ...d, injects };
    });
  }, []);
  const onRemove = useCallback((index: number) => setDraft((d) => ({ ...d, injects: d.injects.filter((_, i) => i !== index) })), []);
  const onMove = useCallback((index: number, offset: string) => onChange(index, { offset }), [onChange]);
  const setFacts = (patch: Partial<Scenario['facts']>) => {
    setSaved(null);
    setDraft((d) => ({ ...d, facts: { ...d.facts, ...patch } }));
  };
  const setMeta = (patch: Partial<Scenario['meta']>) => {
    setSaved(null);
    setDraft((d) => ({ ...d, meta: { ...d.meta, ...patch } }));
  };
  const applyLevel = useCallback((level: number, reasons: { zh: string; en: string }[]) => {
    setSaved(null);
    setDraft((d) => ({
      ...d,
      facts: {
        ...d.facts,
        referenceLevel: level as Scenario['facts']['referenceLevel'],
        levelReasoning: { zh: reasons.map((r) => r.zh).join('；') || d.facts.levelReasoning.zh, en: reasons.map((r) => r.en).join('; ') || d.facts.levelReasoning.en },
      },
    }));
  }, []);
  const add = () => {
    setDraft((d) => {
      const last = d.injects.at(-1);
      const n = d.injects.length + 1;
      return {
        ...d,
        injects: [
          ...d.injects,
          { id: `inject-new-${n}`, offset: last?.offset ?? '+00:10', title: { zh: '', en: '' }, message: { zh: '', en: '' }, sender: 'facilitator', to: 'reporting-contact', channel: 'phone' },
        ],
      };
    });
  };

  // WARNING: validation lags typing (above); saving, downloading or exporting right after an edit
  // checks and writes the draft as it is now, not as it was last checked (else the edit just typed is lost).
  const current = (): Scenario | undefined => {
    if (checked === draft) return scenario;
    setChecked(draft);
    return draftIssues(draft).scenario;
  };
  const save = async () => {
    const latest = current();
    if (!latest) return;
    const entry = { id: latest.meta.id, title: latest.meta.title, text: scenarioYaml(latest), updatedWall: wallIso(Date.now()) };
    setSaved({ state: 'saving' });
    try {
      await putLibraryScenario(entry);
    } catch (e) {
      setSaved({ state: 'failed', browser: false, message: (e as Error).message });
      return;
    }
    if (!isServerMode()) return setSaved({ state: 'saved', id: entry.id, server: false });
    try {
      await putServerScenario(entry);
      setSaved({ state: 'saved', id: entry.id, server: true });
    } catch (e) {
      setSaved({ state: 'failed', browser: true, message: e instanceof ServerLibraryError ? say(e.reason, lang) : (e as Error).message });
    }
  };
  const exportXlsx = async () => {
    const scenario = current();
    if (!scenario) return;
    const [{ writeXlsx }, { scenarioToSheets }] = await Promise.all([import('@/spreadsheet/write-workbook'), import('@/engine/msel/msel-export')]);
    const blob = await writeXlsx(scenarioToSheets(scenario));
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${scenario.meta.id}.xlsx`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const f = draft.facts;
  return (
    <section className="msel-editor" aria-labelledby="editor-title">
      <h2 id="editor-title" ref={heading} tabIndex={-1}>
        {t('editor.heading')}
      </h2>
      <div className="editor-status" role="status">
        {issues.length === 0 ? <p className="ok">{t('editor.valid')}</p> : <p className="bad">{t('editor.errors', { count: issues.length })}</p>}
        <div className="page-actions">
          <button type="button" className="button primary" disabled={!scenario || saved?.state === 'saving'} onClick={() => void save()}>
            {t('editor.save')}
          </button>
          <button
            type="button"
            className="button"
            disabled={!scenario}
            onClick={() => {
              const latest = current();
              if (latest) downloadText(`${latest.meta.id}.yaml`, scenarioYaml(latest), 'text/yaml');
            }}
          >
            {t('editor.download')}
          </button>
          <button type="button" className="button" disabled={!scenario} onClick={() => void exportXlsx()}>
            {t('editor.exportXlsx')}
          </button>
        </div>
        {saved?.state === 'saving' && <p>{t('editor.saving')}</p>}
        {saved?.state === 'saved' && <p className="ok">{t(saved.server ? 'editor.savedServer' : 'editor.saved', { id: saved.id })}</p>}
        {saved?.state === 'failed' && (
          <p className="bad" role="alert">
            {t(saved.browser ? 'editor.serverRefused' : 'editor.saveFailed', { message: saved.message })}
          </p>
        )}
      </div>

      <fieldset className="msel-facts">
        <legend>{t('editor.facts')}</legend>
        <div className="field-grid">
          <label className="field">
            <span>{t('editor.id')}</span>
            <input type="text" value={draft.meta.id} onChange={(e) => setMeta({ id: e.target.value })} aria-describedby="fact-id-err" />
            <Issues issues={factIssues('meta.id')} lang={lang} id="fact-id-err" />
          </label>
          <label className="field">
            <span>{t('editor.titleZh')}</span>
            <input type="text" lang="zh-Hant-TW" value={draft.meta.title.zh} onChange={(e) => setMeta({ title: { ...draft.meta.title, zh: e.target.value } })} />
            <Issues issues={factIssues('meta.title.zh')} lang={lang} />
          </label>
          <label className="field">
            <span>{t('editor.titleEn')}</span>
            <input type="text" lang="en" value={draft.meta.title.en} onChange={(e) => setMeta({ title: { ...draft.meta.title, en: e.target.value } })} />
            <Issues issues={factIssues('meta.title.en')} lang={lang} />
          </label>
          <label className="field">
            <span>{t('editor.t0')}</span>
            <input type="text" value={f.awareness} onChange={(e) => setFacts({ awareness: e.target.value })} />
            <Issues issues={factIssues('facts.awareness')} lang={lang} />
          </label>
          <label className="field">
            <span>{t('editor.level')}</span>
            <select value={f.referenceLevel} onChange={(e) => setFacts({ referenceLevel: Number(e.target.value) as Scenario['facts']['referenceLevel'] })}>
              {LEVELS.map((l) => (
                <option key={l} value={l}>
                  {t('editor.levelN', { level: l })}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('editor.category')}</span>
            <input type="text" value={f.category} onChange={(e) => setFacts({ category: e.target.value })} />
            <Issues issues={factIssues('facts.category')} lang={lang} />
          </label>
          <label className="field">
            <span>{t('editor.agencies')}</span>
            <input type="text" value={f.affectedAgencies.join('、')} onChange={(e) => setFacts({ affectedAgencies: e.target.value.split(/[、,，]/).map((s) => s.trim()).filter((s) => s !== '') })} />
          </label>
          <label className="field">
            <span>{t('editor.backup')}</span>
            <select value={f.backup} onChange={(e) => setFacts({ backup: e.target.value as Scenario['facts']['backup'] })}>
              {BACKUP_KINDS.map((b) => (
                <option key={b} value={b}>
                  {t(`glossary:backupKinds.${b}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="inline">
            <input type="checkbox" checked={f.personalData} onChange={(e) => setFacts({ personalData: e.target.checked })} />
            {t('editor.personalData')}
          </label>
          <label className="inline">
            <input type="checkbox" checked={f.malware} onChange={(e) => setFacts({ malware: e.target.checked })} />
            {t('editor.malware')}
          </label>
        </div>
        <LevelHelper onUse={applyLevel} />
        {other.filter((i) => !/^(meta\.(id|title)|facts\.(awareness|category))/.test(i.path)).length > 0 && (
          <div className="callout error">
            <p>{t('editor.otherIssues')}</p>
            <ul>
              {other
                .filter((i) => !/^(meta\.(id|title)|facts\.(awareness|category))/.test(i.path))
                .map((i, n) => (
                  <li key={n}>
                    <code>{i.path}</code>: {say(i.message, lang)}
                  </li>
                ))}
            </ul>
          </div>
        )}
      </fieldset>

      <div className="msel-workspace">
        <div className="msel-table-wrap">
          <table className="data-table msel-table">
            <caption>{t('editor.injects', { count: draft.injects.length })}</caption>
            <colgroup>
              <col className="c-n" />
              <col className="c-time" />
              <col className="c-sel" />
              <col className="c-sel" />
              <col className="c-sel" />
              <col />
              <col className="c-x" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">{t('editor.n')}</th>
                <th scope="col">{t('editor.time')}</th>
                <th scope="col">{t('editor.to')}</th>
                <th scope="col">{t('editor.channel')}</th>
                <th scope="col">{t('editor.sender')}</th>
                <th scope="col">{t('editor.text')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('editor.remove', { n: '' })}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {draft.injects.map((inj, i) => (
                <InjectRow key={i} inject={inj} index={i} issues={byRow.get(i) ?? noIssues} sourceRow={sourceRows?.[i]} lang={lang} onChange={onChange} onRemove={onRemove} />
              ))}
            </tbody>
          </table>
          <button type="button" className="button" onClick={add}>
            {t('editor.add')}
          </button>
        </div>
        <div className="msel-side">
          <Timeline injects={draft.injects} span={draft.plan.simulatedSpan} lang={lang} onMove={onMove} />
          <Inbox scenario={scenario ?? checked} lang={lang} />
        </div>
      </div>
    </section>
  );
}
