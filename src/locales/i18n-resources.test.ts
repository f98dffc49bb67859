/**
 * The resources are the one home of every word (issue 14 item 1). This fails on:
 * - a key missing in either language (plural forms `_one`/`_other` count as one key);
 * - a key nothing uses (a static scan of src: the key written out, a template prefix such as
 *   `walk.fields.${key}`, or a glossary key whose id is in the engine's vocabulary list for its group);
 * - a glossary group repeated in another namespace (a domain word has one home);
 * - an enumerated value shown raw: each vocabulary id, and each event carrying it, rendered in zh-TW
 *   must not show the id itself (unless listed below as intentionally identical).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as vocabulary from '@/engine/record/vocabulary';
import { INJECT_EVENT_TYPES, UI_EVENT_TYPES } from '@/engine/machine/drill-rules';
import { INJECT_CHANNELS } from '@/engine/drill/inject';
import { SENDERS } from '@/engine/scenario/schema';
import { describeEvent, eventTitle, fieldValueText } from '@/engine/report/event-text';
import { term, type GlossaryGroup } from '@/engine/text/glossary';
import { ROLE_DUTIES } from '@/engine/rules/team-duties';

const LOCALES = ['zh-TW', 'en'] as const;
const ROOT = join(__dirname, '..', '..');
const LOCALE_DIR = join(ROOT, 'src', 'locales');

type Table = { [key: string]: string | Table };
const PLURAL = /_(zero|one|two|few|many|other)$/;

function entries(table: Table, prefix = ''): [string, string][] {
  return Object.entries(table).flatMap(([k, v]): [string, string][] => (typeof v === 'string' ? [[`${prefix}${k}`, v]] : entries(v, `${prefix}${k}.`)));
}
const flatten = (table: Table): string[] => entries(table).map(([k]) => k);
const read = (lng: string, ns: string): Table => JSON.parse(readFileSync(join(LOCALE_DIR, lng, `${ns}.json`), 'utf8')) as Table;
const namespaces = (lng: string) =>
  readdirSync(join(LOCALE_DIR, lng))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
const keysOf = (lng: string, ns: string) => new Set(flatten(read(lng, ns)).map((k) => k.replace(PLURAL, '')));

/** Each glossary group and the engine's vocabulary list(s) whose ids key it. */
const VOCABULARY: Partial<Record<GlossaryGroup, readonly string[]>> = {
  roles: vocabulary.ACTOR_ROLES,
  positions: vocabulary.POSITIONS,
  statuses: vocabulary.STATUSES,
  obligations: vocabulary.OBLIGATION_IDS,
  verdicts: vocabulary.VERDICTS,
  events: [...vocabulary.EVENT_TYPES, ...INJECT_EVENT_TYPES, ...UI_EVENT_TYPES],
  recipients: [...new Set([...vocabulary.EFFECTIVENESS_RECIPIENTS, ...vocabulary.REPORT_RECIPIENTS, ...vocabulary.PHONE_RECIPIENTS, ...vocabulary.MEETING_INVITEES])],
  designators: vocabulary.DESIGNATORS,
  signers: vocabulary.SIGNERS,
  isolationMethods: vocabulary.ISOLATION_METHODS,
  imageKinds: vocabulary.IMAGE_KINDS,
  switchTargets: vocabulary.SWITCH_TARGETS,
  backupKinds: vocabulary.BACKUP_KINDS,
  channels: [...new Set([...INJECT_CHANNELS, ...vocabulary.NOTIFY_CHANNELS])],
  destinations: vocabulary.EVIDENCE_DESTINATIONS,
  meetingTopics: vocabulary.MEETING_TOPICS,
  rootcausePerformers: vocabulary.ROOTCAUSE_PERFORMERS,
  intelKinds: vocabulary.INTEL_KINDS,
  outageCauses: vocabulary.OUTAGE_CAUSES,
  agencyTypes: vocabulary.AGENCY_TYPES,
  incidentCategories: vocabulary.REPORT_CATEGORIES,
  senders: SENDERS,
};

/**
 * Keys one language has on purpose: English abbreviates two statuses in the city board's narrow
 * cells; zh-TW shows the glossary's status there (city-board.tsx falls back to it).
 */
const ONE_LANGUAGE_ONLY = new Set(['city:board.cell.not-reached', 'city:board.cell.not-applicable']);

/** zh-TW words that are the id itself on purpose (none today: names like VirusTotal differ in case). */
const INTENTIONALLY_IDENTICAL = new Set<string>([]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'locales' ? [] : sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('i18n resources', () => {
  const nss = namespaces('zh-TW');

  it('has the same namespaces and keys in zh-TW and English', () => {
    expect(namespaces('en')).toEqual(nss);
    for (const ns of nss) {
      const zh = keysOf('zh-TW', ns);
      const en = keysOf('en', ns);
      const only = (k: string) => ONE_LANGUAGE_ONLY.has(`${ns}:${k}`);
      expect({ ns, missingInEnglish: [...zh].filter((k) => !en.has(k) && !only(k)) }).toEqual({ ns, missingInEnglish: [] });
      expect({ ns, missingInZh: [...en].filter((k) => !zh.has(k) && !only(k)) }).toEqual({ ns, missingInZh: [] });
    }
  });

  it('keeps domain words in the glossary alone: no other namespace repeats a glossary group', () => {
    const glossary = read('zh-TW', 'glossary');
    const wordsOf = (t: Table) => JSON.stringify(Object.entries(t).filter(([, v]) => typeof v === 'string').sort(([a], [b]) => a.localeCompare(b)));
    const groups = new Map(Object.entries(glossary).flatMap(([g, v]) => (typeof v === 'object' && Object.keys(v).length > 1 ? [[wordsOf(v), g]] : [])));
    const repeats: string[] = [];
    const walk = (ns: string, t: Table, path: string) => {
      const group = groups.get(wordsOf(t));
      if (group !== undefined && path !== '') repeats.push(`${ns}:${path} repeats glossary:${group}`);
      for (const [k, v] of Object.entries(t)) if (typeof v === 'object') walk(ns, v, path ? `${path}.${k}` : k);
    };
    for (const ns of nss) if (ns !== 'glossary') walk(ns, read('zh-TW', ns), '');
    expect(repeats).toEqual([]);
  });

  it('has no empty text', () => {
    for (const lng of LOCALES)
      for (const ns of nss) {
        const empty = entries(read(lng, ns))
          .filter(([, text]) => text.trim() === '')
          .map(([k]) => k);
        expect({ lng, ns, empty }).toEqual({ lng, ns, empty: [] });
      }
  });

  it('uses every key (written out, under a template prefix, or a vocabulary id of its glossary group)', () => {
    const source = sourceFiles(join(ROOT, 'src'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    // Template-literal keys: `walk.fields.${key}`, `glossary:roles.${role}` → their prefixes.
    const prefixes = [...source.matchAll(/`(?:[\w-]+:)?([\w.-]+\.)\$\{/g)].map((m) => m[1]);
    // Word tables read whole (msel-facts.ts `wordTable((t) => t.factWords.categories)`): every id in them is used.
    for (const m of source.matchAll(/wordTable\(\(t\) => t\.([\w.]+)\)/g)) prefixes.push(`${m[1]}.`);
    // Every string literal in the source, once, with and without its `ns:` prefix (one pass, not a scan per key).
    const literals = new Set<string>();
    // Keys are made of word characters, dots, dashes and a `ns:` prefix: no prose matches this.
    for (const m of source.matchAll(/['"`]([\w.:-]+)['"`]/g)) {
      const text = m[1];
      literals.add(text);
      literals.add(text.replace(/^[\w-]+:/, ''));
    }
    const written = (key: string) => literals.has(key);
    const unused: string[] = [];
    for (const ns of nss) {
      for (const key of new Set([...keysOf('zh-TW', ns), ...keysOf('en', ns)])) {
        if (ns === 'glossary') {
          const dot = key.indexOf('.');
          const group = key.slice(0, dot) as GlossaryGroup;
          const id = key.slice(dot + 1);
          const list = VOCABULARY[group];
          // Engine templates (eventDetails, durations, levels) are looked up by their key.
          if (list ? list.includes(id) : written(id)) continue;
          if (written(key) || written(id)) continue;
          unused.push(`${ns}:${key}`);
          continue;
        }
        // remedies.json: every obligation's two improvement-plan lines, read through a typed
        // Record<ObligationId, …> (engine/report/remedy-text.ts).
        if (ns === 'remedies') {
          const [id, kind, ...rest] = key.split('.');
          if (rest.length === 0 && (vocabulary.OBLIGATION_IDS as readonly string[]).includes(id) && (kind === 'timely' || kind === 'correct')) continue;
        }
        if (written(key) || prefixes.some((p) => key.startsWith(p))) continue;
        // Read from a sub-table of the imported JSON by plain code: `zhCommon.time` then 'withDays',
        // `resourceText({ 'zh-TW': zhCity.report, … })` then 'overview.heading'.
        const parts = key.split('.');
        const fromSubTable = parts.slice(1).some((_, i) => {
          const rest = parts.slice(i + 1).join('.');
          return source.includes(`.${parts.slice(0, i + 1).join('.')}`) && (written(rest) || prefixes.some((p) => rest.startsWith(p)));
        });
        if (fromSubTable) continue;
        unused.push(`${ns}:${key}`);
      }
    }
    expect(unused).toEqual([]);
  });

  it('has a word for every id of every vocabulary list, never the raw id in zh-TW', () => {
    const raw: string[] = [];
    for (const [group, ids] of Object.entries(VOCABULARY) as [GlossaryGroup, readonly string[]][]) {
      for (const id of ids) {
        const zh = term(group, id, 'zh-TW');
        const en = term(group, id, 'en');
        if ((zh === id || en === id) && !INTENTIONALLY_IDENTICAL.has(`${group}.${id}`)) raw.push(`${group}.${id}: ${zh} / ${en}`);
      }
    }
    expect(raw).toEqual([]);
  });

  it('renders every event type and every enumerated value an event carries in words, never as its code', () => {
    const V = vocabulary;
    const cases: { type: string; data: Record<string, unknown>; codes: readonly string[] }[] = [
      ...V.ISOLATION_METHODS.map((method) => ({ type: 'action.isolated', data: { method }, codes: [method] })),
      ...V.IMAGE_KINDS.map((what) => ({ type: 'media.imaged', data: { what }, codes: [what] })),
      ...V.SWITCH_TARGETS.map((to) => ({ type: 'service.switched', data: { to }, codes: [to] })),
      ...V.DESIGNATORS.map((by) => ({ type: 'incident.designated', data: { by }, codes: [by] })),
      ...V.ROOTCAUSE_PERFORMERS.map((by) => ({ type: 'rootcause.completed', data: { by, malwareAnalysis: true }, codes: [by] })),
      ...V.EVIDENCE_DESTINATIONS.map((destination) => ({ type: 'evidence.submitted', data: { destination }, codes: [destination] })),
      ...V.NOTIFY_CHANNELS.map((channel) => ({ type: 'agency.notified', data: { agency: '臺北市政府警察局', channel }, codes: [channel] })),
      ...V.OUTAGE_CAUSES.map((what) => ({ type: 'outage.started', data: { what }, codes: [what] })),
      { type: 'meeting.held', data: { chair: 'commander', topics: [...V.MEETING_TOPICS] }, codes: ['commander', ...V.MEETING_TOPICS] },
      { type: 'records.signed', data: { by: [...V.SIGNERS] }, codes: V.SIGNERS },
      { type: 'effectiveness.reported', data: { to: [...V.EFFECTIVENESS_RECIPIENTS] }, codes: V.EFFECTIVENESS_RECIPIENTS },
      { type: 'rootcause.submitted', data: { to: [...V.REPORT_RECIPIENTS] }, codes: V.REPORT_RECIPIENTS },
      { type: 'intel.shared', data: { kinds: [...V.INTEL_KINDS] }, codes: V.INTEL_KINDS },
    ];
    const raw: string[] = [];
    for (const c of cases) {
      const zh = describeEvent({ type: c.type, data: c.data }, 'zh-TW');
      // A code shows raw when it stands as a word of its own (ASCII letters, dots and dashes).
      for (const code of c.codes) if (new RegExp(`(^|[^\\w.-])${code.replace(/\./g, '\\.')}($|[^\\w.-])`).test(zh)) raw.push(`${c.type} ${code}: ${zh}`);
    }
    // The walkthrough lists every field of a step: each enumerated value in words there too.
    const fields: [string, string, readonly string[]][] = [
      ['meeting.held', 'topics', V.MEETING_TOPICS],
      ['meeting.held', 'invited', V.MEETING_INVITEES],
      ['meeting.held', 'chair', V.TEAM_ROLES],
      ['action.isolated', 'method', V.ISOLATION_METHODS],
      ['media.imaged', 'what', V.IMAGE_KINDS],
      ['outage.started', 'what', V.OUTAGE_CAUSES],
      ['service.switched', 'to', V.SWITCH_TARGETS],
      ['effectiveness.reported', 'to', V.EFFECTIVENESS_RECIPIENTS],
      ['rootcause.completed', 'by', V.ROOTCAUSE_PERFORMERS],
      ['incident.designated', 'by', V.DESIGNATORS],
      ['records.signed', 'by', V.SIGNERS],
      ['evidence.submitted', 'destination', V.EVIDENCE_DESTINATIONS],
      ['agency.notified', 'channel', V.NOTIFY_CHANNELS],
      ['intel.shared', 'kinds', V.INTEL_KINDS],
      ['team.formed', 'position', V.POSITIONS],
    ];
    for (const [type, field, ids] of fields)
      for (const id of ids) if (fieldValueText(type, field, id, 'zh-TW') === id) raw.push(`${type} ${field} ${id} (walkthrough)`);
    for (const type of VOCABULARY.events ?? []) {
      if (eventTitle(type, 'zh-TW') === type || eventTitle(type, 'en') === type) raw.push(`title of ${type}`);
    }
    expect(raw).toEqual([]);
  });

  it('finds every role duty the briefing cards print (keys built in team-duties.ts)', () => {
    const missing = Object.values(ROLE_DUTIES)
      .flat()
      .filter((d) => d.zh.startsWith('duties.') || d.en.startsWith('duties.'));
    expect(missing).toEqual([]);
  });

  it('gives the engine the same glossary file the UI loads', () => {
    expect(term('roles', 'reporting-contact', 'zh-TW')).toBe((read('zh-TW', 'glossary').roles as Table)['reporting-contact']);
  });
});
