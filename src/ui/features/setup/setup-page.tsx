import { useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { decodeUtf8, MAX_SCENARIO_BYTES } from '@/engine/record/text-input';
import { parseScenario, formatScenarioError, type ScenarioError } from '@/engine/scenario/parse';
import { AGENCY_TYPES, OVERSIGHT_BODIES, POSITIONS, type ActorRole, type AgencyType, type OversightBody, type Position } from '@/engine/record/vocabulary';
import { DEFAULT_STANDARD } from '@/engine/scoring/standard';
import { pick } from '@/ui/i18n';
import { navigate } from '@/ui/lib/routes';
import { listLibraryScenarios } from '@/ui/persistence/scenario-library';
import SCENARIO_INDEX from 'virtual:scenario-index';
import { keepTokens, saveNewDrill, type ServerLink } from '@/ui/drill-runtime/server-mode';
import type { DrillHeader } from '@/ui/persistence/drill-header';
import type { Participant } from '@/ui/persistence/drill-header';
import { wallIso } from '@/ui/lib/time-format';
import {
  ASSIGNABLE_ROLES,
  OUTSIDE_ROLES,
  formFromScenario,
  formProblems,
  newDrillId,
  storedDrillOf,
  teamIssues,
  toLocalInput,
  type ScenarioChoice,
  type SetupForm,
} from './setup-model';
import './strings';
import './setup.css';

// Bundled scenarios: listed from the build-time index (src/build/scenario-index.ts); a file's text is
// loaded and parsed only when it is chosen, so the page is usable within 1.5 s (issue 12 item 10).
const BUNDLED = import.meta.glob('/scenarios/*.yaml', { query: '?raw', import: 'default' }) as Record<string, () => Promise<string>>;
/** Preselected when present: the ransomware drill is the one most agencies run first. */
const DEFAULT_SCENARIO_ID = 'ransomware-core';

/** A scenario in the list: light metadata, and the full scenario once it has been read. */
interface ListedScenario {
  source: string;
  id: string;
  title: { zh: string; en: string };
  referenceLevel: number | null;
  injects: number;
  loaded?: ScenarioChoice;
}

type Bundled = { state: 'ready'; listed: ListedScenario[] };

/** Reads and parses one bundled file (its text comes from the build's own chunk). */
async function loadBundled(entry: ListedScenario): Promise<{ ok: true; choice: ScenarioChoice } | { ok: false; errors: ScenarioError[] }> {
  if (entry.loaded) return { ok: true, choice: entry.loaded };
  const load = BUNDLED[`/${entry.source}`];
  if (!load) return { ok: false, errors: [{ source: entry.source, path: '', message: 'the file is not in this build' }] };
  const text = await load();
  const parsed = parseScenario(text, entry.source);
  return parsed.ok ? { ok: true, choice: { source: entry.source, fromFile: false, text, scenario: parsed.scenario } } : { ok: false, errors: parsed.errors };
}

function useBundledScenarios(): Bundled {
  const [bundled, setBundled] = useState<Bundled>({ state: 'ready', listed: SCENARIO_INDEX.map((e) => ({ ...e, title: { ...e.title } })) });
  useEffect(() => {
    let alive = true;
    void (async () => {
      // Scenarios saved from the MSEL editor (the browser's library) follow the bundled ones, once read.
      const saved = await listLibraryScenarios().catch(() => []);
      if (saved.length === 0 || !alive) return;
      const more: ListedScenario[] = [];
      for (const entry of saved) {
        const source = `library/${entry.id}.yaml`;
        const parsed = parseScenario(entry.text, source);
        if (!parsed.ok) continue;
        const s = parsed.scenario;
        more.push({ source, id: s.meta.id, title: s.meta.title, referenceLevel: s.facts.referenceLevel, injects: s.injects.length, loaded: { source, fromFile: false, text: entry.text, scenario: s } });
      }
      if (alive && more.length > 0) setBundled((b) => (b.state === 'ready' ? { state: 'ready', listed: [...b.listed, ...more] } : b));
    })();
    return () => {
      alive = false;
    };
  }, []);
  return bundled;
}

/**
 * A city exercise's agency (issue 11): DoIT set the agency, scenario and T0; the agency's
 * facilitator enters its roster here (the Att.3 check runs as for any drill) and the server keeps it.
 */
async function loadCitySetup(drillId: string): Promise<{ choice: ScenarioChoice; form: SetupForm }> {
  const res = await fetch(`/api/city/drills/${encodeURIComponent(drillId)}/setup`, { credentials: 'same-origin' });
  const body = (await res.json()) as { title: string; header: DrillHeader; city: { rosterAt?: string }; reason?: { zh: string; en: string } };
  if (!res.ok) throw new Error(body.reason?.en ?? `HTTP ${res.status}`);
  const h = body.header;
  const source = h.scenarioSource.fileName ?? `${h.scenarioSource.id}.yaml`;
  const parsed = parseScenario(h.scenarioSource.text ?? '', source);
  if (!parsed.ok) throw new Error(parsed.errors.map(formatScenarioError).join('; '));
  const choice: ScenarioChoice = { source, fromFile: false, text: h.scenarioSource.text ?? '', scenario: parsed.scenario };
  const proposed = formFromScenario(choice);
  const people = h.participants.filter((p) => !p.roles.includes('facilitator') && !p.roles.includes('doit-reviewer'));
  const facilitator = h.participants.find((p) => p.roles.includes('facilitator'));
  return {
    choice,
    form: {
      ...proposed,
      title: body.title,
      t0Local: toLocalInput(h.t0),
      agency: h.agency,
      guidance: h.guidance ?? proposed.guidance,
      mode: h.mode,
      ...(facilitator ? { facilitatorName: facilitator.name } : {}),
      // Before the agency's own roster: the scenario's people as a starting point, as for any drill.
      participants: body.city.rosterAt ? people : proposed.participants,
    },
  };
}

export default function SetupPage({ cityDrillId }: { cityDrillId?: string } = {}) {
  const city = cityDrillId !== undefined;
  // In a city exercise DoIT itself reviews the level (P15): the agency cannot give that seat away.
  const roleColumns = city ? ASSIGNABLE_ROLES.filter((r) => r !== 'doit-reviewer') : ASSIGNABLE_ROLES;
  const { t, i18n } = useTranslation(['setup', 'glossary']);
  const tc = useTranslation(['common', 'glossary']).t;
  const lang = i18n.language;
  const bundled = useBundledScenarios();
  const [choice, setChoice] = useState<ScenarioChoice | null>(null);
  const [form, setForm] = useState<SetupForm | null>(null);
  const [fileErrors, setFileErrors] = useState<{ file: string; errors: ScenarioError[] } | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);

  const choose = (next: ScenarioChoice) => {
    setChoice(next);
    setForm(formFromScenario(next));
    setProblems([]);
  };

  // The listed scenario being read (its radio is checked at once), and a bundled file's problems.
  const [picked, setPicked] = useState<string | null>(null);
  const [bundledErrors, setBundledErrors] = useState<ScenarioError[]>([]);
  const pickSeq = useRef(0);
  const pickListed = async (entry: ListedScenario) => {
    const seq = (pickSeq.current += 1);
    setPicked(entry.source);
    const read = await loadBundled(entry);
    // A later choice wins over a slower earlier read.
    if (seq !== pickSeq.current) return;
    if (read.ok) {
      setBundledErrors([]);
      choose(read.choice);
    } else setBundledErrors(read.errors);
  };

  useEffect(() => {
    if (!cityDrillId) return;
    let alive = true;
    loadCitySetup(cityDrillId).then(
      (c) => {
        if (!alive) return;
        setChoice(c.choice);
        setForm(c.form);
      },
      (e: Error) => alive && setProblems([t('errors.saveFailed', { message: e.message })]),
    );
    return () => {
      alive = false;
    };
  }, [cityDrillId, t]);

  // `npm start` opens on something useful: the default scenario is preselected.
  useEffect(() => {
    if (city || choice || picked !== null) return;
    const preferred = bundled.listed.find((c) => c.id === DEFAULT_SCENARIO_ID) ?? bundled.listed[0];
    if (preferred) void pickListed(preferred);
    // Once, on the first list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [bundled]);

  const issues = useMemo(() => (form && choice ? teamIssues(form, choice) : []), [form, choice]);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    // Size first, then strict UTF-8, as scenarios:check reads it (issue 10).
    const decoded =
      file.size > MAX_SCENARIO_BYTES
        ? { ok: false as const, message: `${file.name}: the file is ${Math.round(file.size / 1024)} KiB, more than the ${MAX_SCENARIO_BYTES / 1024} KiB allowed` }
        : decodeUtf8(new Uint8Array(await file.arrayBuffer()), file.name);
    if (!decoded.ok) {
      setFileErrors({ file: file.name, errors: [{ source: file.name, path: '', message: decoded.message.slice(file.name.length + 2) }] });
      return;
    }
    const text = decoded.text;
    const parsed = parseScenario(text, file.name);
    if (!parsed.ok) {
      setFileErrors({ file: file.name, errors: parsed.errors });
      return;
    }
    setFileErrors(null);
    pickSeq.current += 1;
    setPicked(null);
    choose({ source: file.name, fromFile: true, text, scenario: parsed.scenario });
  };

  const update = (patch: Partial<SetupForm>) => setForm((f) => (f ? { ...f, ...patch } : f));
  const updateAgency = (patch: Partial<SetupForm['agency']>) => setForm((f) => (f ? { ...f, agency: { ...f.agency, ...patch } } : f));
  const updatePerson = (index: number, patch: Partial<Participant>) =>
    setForm((f) => (f ? { ...f, participants: f.participants.map((p, i) => (i === index ? { ...p, ...patch } : p)) } : f));
  const toggleRole = (index: number, role: ActorRole, on: boolean) =>
    setForm((f) =>
      f
        ? {
            ...f,
            participants: f.participants.map((p, i) =>
              i === index ? { ...p, roles: on ? [...p.roles.filter((r) => r !== role), role] : p.roles.filter((r) => r !== role) } : p,
            ),
          }
        : f,
    );

  const create = async () => {
    if (!form || !choice) {
      setProblems([t('errors.noScenario')]);
      return;
    }
    const found = formProblems(form);
    if (found.length > 0) {
      setProblems(found.map((p) => t(`errors.${p}`)));
      return;
    }
    setSaving(true);
    if (cityDrillId) {
      try {
        const res = await fetch(`/api/city/drills/${encodeURIComponent(cityDrillId)}/roster`, {
          method: 'PUT',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            facilitatorName: form.facilitatorName,
            participants: form.participants,
            hasItUnit: form.agency.hasItUnit === true,
            hasSecurityOfficer: form.agency.hasSecurityOfficer === true,
          }),
        });
        const body = (await res.json()) as { links?: { link: ServerLink; token: string }[]; reason?: { zh: string; en: string } };
        if (!res.ok) throw new Error(lang === 'en' ? body.reason?.en : body.reason?.zh);
        // The people's links are shown on the console (this browser keeps their tokens).
        keepTokens(cityDrillId, body.links ?? []);
        navigate({ name: 'console', drillId: cityDrillId });
      } catch (err) {
        setProblems([t('errors.saveFailed', { message: err instanceof Error ? err.message : String(err) })]);
        setSaving(false);
      }
      return;
    }
    try {
      const wall = wallIso(Date.now());
      const drill = storedDrillOf(form, choice, newDrillId(Date.now()), wall);
      // On the drill server when served by it; else in this browser (IndexedDB).
      await saveNewDrill(drill);
      navigate({ name: 'console', drillId: drill.id });
    } catch (err) {
      setProblems([t('errors.saveFailed', { message: err instanceof Error ? err.message : String(err) })]);
      setSaving(false);
    }
  };

  // Sections are numbered as shown: on the city path the scenario is DoIT's and its section is hidden.
  const sections = city ? (['basics', 'agency', 'roster'] as const) : (['scenario', 'basics', 'agency', 'roster'] as const);
  const heading = (s: (typeof sections)[number]) => t('sectionHeading', { n: (sections as readonly string[]).indexOf(s) + 1, title: t(`${s}.heading`) });

  const personLabel = (p: Participant, i: number) => (p.name.trim() ? p.name : t('roster.personN', { n: i + 1 }));

  return (
    <section className="page setup" aria-labelledby="setup-title">
      <h1 id="setup-title">{city ? t('city.title') : t('title')}</h1>
      <p className="lead">{city ? t('city.intro', { agency: form?.agency.name ?? '' }) : t('intro')}</p>

      {!city && (
      <fieldset className="setup-section">
        <legend>{heading('scenario')}</legend>
        {bundled.listed.length === 0 && <p className="empty">{t('scenario.none')}</p>}
        {bundled.listed.length > 0 && (
          <div role="radiogroup" aria-label={t('scenario.bundled')} className="scenario-list">
            {bundled.listed.map((c) => (
              <label key={c.source} className="scenario-option">
                <input type="radio" name="scenario" checked={picked === c.source} onChange={() => void pickListed(c)} />
                <span>
                  <strong>{pick(c.title, lang)}</strong>
                  <span className="muted">
                    {c.referenceLevel !== null && <> · {t('scenario.referenceLevel', { level: c.referenceLevel })}</>} ·{' '}
                    {t('scenario.injects', { count: c.injects })}
                  </span>
                </span>
              </label>
            ))}
          </div>
        )}
        {picked !== null && choice?.source !== picked && bundledErrors.length === 0 && <p aria-busy="true">{t('scenario.loading')}</p>}
        {bundledErrors.length > 0 && (
          <div role="alert" className="callout error">
            <p>{t('scenario.badBundled', { file: [...new Set(bundledErrors.map((e) => e.source))].join('、') })}</p>
            <ul>
              {bundledErrors.map((e, i) => (
                <li key={i}>{formatScenarioError(e)}</li>
              ))}
            </ul>
          </div>
        )}
        <label className="field">
          <span>{t('scenario.file')}</span>
          <input type="file" accept=".yaml,.yml,text/yaml" onChange={(e) => void onFile(e)} />
        </label>
        {fileErrors && (
          <div role="alert" className="callout error">
            <p>{t('scenario.fileErrors', { file: fileErrors.file, count: fileErrors.errors.length })}</p>
            <ul>
              {fileErrors.errors.map((e, i) => (
                <li key={i}>
                  <code>{formatScenarioError(e)}</code>
                </li>
              ))}
            </ul>
          </div>
        )}
        {choice?.fromFile && <p>{t('scenario.loadedFromFile', { file: choice.source })}</p>}
        {choice && (
          <details className="scenario-summary">
            <summary>{t('scenario.summary')}</summary>
            <p>{pick(choice.scenario.meta.summary, lang)}</p>
          </details>
        )}
      </fieldset>
      )}

      {form && choice && (
        <>
          <fieldset className="setup-section">
            <legend>{heading('basics')}</legend>
            <div className="field-grid">
              <label className="field">
                <span>{t('basics.drillTitle')}</span>
                <input type="text" disabled={city} value={form.title} onChange={(e) => update({ title: e.target.value })} />
              </label>
              <label className="field">
                <span>{t('basics.t0')}</span>
                <input type="datetime-local" disabled={city} value={form.t0Local} onChange={(e) => update({ t0Local: e.target.value })} aria-describedby="t0-help" />
                <small id="t0-help">{t('basics.t0Help')}</small>
              </label>
              <label className="field">
                <span>{t('basics.facilitator')}</span>
                <input type="text" value={form.facilitatorName} onChange={(e) => update({ facilitatorName: e.target.value })} />
              </label>
              <fieldset className="field">
                <legend>{t('basics.mode')}</legend>
                {(['tabletop', 'live'] as const).map((m) => (
                  <label key={m} className="inline">
                    <input type="radio" disabled={city} name="mode" checked={form.mode === m} onChange={() => update({ mode: m })} />
                    {t(`basics.${m}`)}
                  </label>
                ))}
              </fieldset>
              <fieldset className="field">
                <legend>{tc('guidance.label')}</legend>
                {(['assessment', 'coaching'] as const).map((g) => (
                  <label key={g} className="inline">
                    <input type="radio" disabled={city} name="guidance" checked={form.guidance === g} onChange={() => update({ guidance: g })} />
                    {tc(`guidance.${g}`)}
                  </label>
                ))}
                <small>{tc(`guidance.${form.guidance}Hint`)}</small>
              </fieldset>
              <label className="field">
                <span>{t('basics.minScore')}</span>
                <input
                  type="number"
                  disabled={city}
                  min={0}
                  max={100}
                  step={1}
                  value={form.minScore}
                  onChange={(e) => update({ minScore: Math.max(0, Math.min(100, Number(e.target.value) || 0)) })}
                  aria-describedby="min-score-help"
                />
                <small id="min-score-help">{t('basics.minScoreHelp', { score: DEFAULT_STANDARD.minScore })}</small>
              </label>
            </div>
          </fieldset>

          <fieldset className="setup-section">
            <legend>{heading('agency')}</legend>
            <div className="field-grid">
              <label className="field">
                <span>{t('agency.name')}</span>
                <input type="text" disabled={city} value={form.agency.name} onChange={(e) => updateAgency({ name: e.target.value })} />
              </label>
              <label className="field">
                <span>{t('agency.type')}</span>
                <select disabled={city} value={form.agency.type} onChange={(e) => updateAgency({ type: e.target.value as AgencyType })}>
                  {AGENCY_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {tc(`glossary:agencyTypes.${type}`)}
                    </option>
                  ))}
                </select>
              </label>
              <div className="field checks">
                <label className="inline">
                  <input type="checkbox" checked={form.agency.hasItUnit === true} onChange={(e) => updateAgency({ hasItUnit: e.target.checked })} />
                  {t('agency.hasItUnit')}
                </label>
                <label className="inline">
                  <input
                    type="checkbox"
                    checked={form.agency.hasSecurityOfficer === true}
                    onChange={(e) => updateAgency({ hasSecurityOfficer: e.target.checked })}
                  />
                  {t('agency.hasSecurityOfficer')}
                </label>
                <label className="inline">
                  <input
                    type="checkbox"
                    disabled={city}
                    checked={form.agency.reportsToCentral === true}
                    onChange={(e) => updateAgency({ reportsToCentral: e.target.checked })}
                  />
                  {t('agency.reportsToCentral')}
                </label>
              </div>
              <fieldset className="field">
                <legend>{t('agency.oversight')}</legend>
                {OVERSIGHT_BODIES.map((body: OversightBody) => (
                  <label key={body} className="inline">
                    <input
                      type="checkbox"
                      disabled={city}
                      checked={(form.agency.oversight ?? []).includes(body)}
                      onChange={(e) =>
                        updateAgency({
                          oversight: e.target.checked
                            ? [...(form.agency.oversight ?? []).filter((b) => b !== body), body]
                            : (form.agency.oversight ?? []).filter((b) => b !== body),
                        })
                      }
                    />
                    {t(`agency.${body}`)}
                  </label>
                ))}
              </fieldset>
            </div>
          </fieldset>

          <fieldset className="setup-section">
            <legend>{heading('roster')}</legend>
            <p className="help">{t('roster.help')}</p>
            <div className="table-scroll">
              <table className="data-table roster">
                <thead>
                  <tr>
                    <th scope="col">{t('roster.name')}</th>
                    <th scope="col">{t('roster.position')}</th>
                    <th scope="col">{t('roster.vendor')}</th>
                    {roleColumns.map((role) => (
                      <th scope="col" key={role} className="role-col">
                        {tc(`glossary:roles.${role}`)}
                      </th>
                    ))}
                    <th scope="col">
                      <span className="visually-hidden">{tc('actions.delete')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {form.participants.map((p, i) => (
                    <tr key={i}>
                      <td>
                        <input
                          type="text"
                          aria-label={`${t('roster.name')} (${t('roster.personN', { n: i + 1 })})`}
                          value={p.name}
                          onChange={(e) => updatePerson(i, { name: e.target.value })}
                        />
                      </td>
                      <td>
                        <select
                          aria-label={`${t('roster.position')}：${personLabel(p, i)}`}
                          value={p.position}
                          onChange={(e) => updatePerson(i, { position: e.target.value as Position })}
                        >
                          {POSITIONS.map((pos) => (
                            <option key={pos} value={pos}>
                              {tc(`glossary:positions.${pos}`)}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td className="center">
                        <input
                          type="checkbox"
                          aria-label={`${t('roster.vendor')}：${personLabel(p, i)}`}
                          checked={p.vendor === true}
                          onChange={(e) => updatePerson(i, { vendor: e.target.checked })}
                        />
                      </td>
                      {roleColumns.map((role) => (
                        <td key={role} className="center">
                          <input
                            type="checkbox"
                            aria-label={t('roster.roleFor', { name: personLabel(p, i), role: tc(`glossary:roles.${role}`) })}
                            checked={p.roles.includes(role)}
                            onChange={(e) => toggleRole(i, role, e.target.checked)}
                          />
                        </td>
                      ))}
                      <td>
                        <button
                          type="button"
                          className="link danger"
                          aria-label={t('roster.remove', { name: personLabel(p, i) })}
                          onClick={() => update({ participants: form.participants.filter((_, j) => j !== i) })}
                        >
                          ✕
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <button type="button" onClick={() => update({ participants: [...form.participants, { name: '', position: 'staff', roles: [] }] })}>
              {t('roster.add')}
            </button>
            <ul className="played-by">
              {OUTSIDE_ROLES.map((role) => {
                const holders = form.participants.filter((p) => p.roles.includes(role)).map((p) => p.name || '—');
                if (city && role === 'doit-reviewer') return <li key={role}>{t('city.doitReviews')}</li>;
                return (
                  <li key={role}>
                    {t('roster.playedBy', { role: tc(`glossary:roles.${role}`), who: holders.length > 0 ? holders.join('、') : t('roster.facilitatorPlays') })}
                  </li>
                );
              })}
            </ul>
            <section className={`team-check ${issues.length ? 'flagged' : 'ok'}`} aria-labelledby="team-check-title" aria-live="polite">
              <h2 id="team-check-title">{t('team.heading')}</h2>
              <p className="muted">{t('team.level', { level: choice.scenario.facts.referenceLevel })}</p>
              {issues.length === 0 ? (
                <p>✓ {t('team.ok')}</p>
              ) : (
                <>
                  <p>⚠ {t('team.flagged')}</p>
                  <ul>
                    {issues.map((issue, i) => (
                      <li key={i}>
                        {pick(issue.message, lang)} <span className="muted">({issue.cite})</span>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </section>
          </fieldset>
        </>
      )}

      {problems.length > 0 && (
        <div role="alert" className="callout error">
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="page-actions setup-actions">
        <button type="button" className="primary big" disabled={saving || !form} onClick={() => void create()}>
          {saving ? t('creating') : city ? t('city.save') : t('create')}
        </button>
      </div>
    </section>
  );
}
