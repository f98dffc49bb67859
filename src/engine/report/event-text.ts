/**
 * Words for events, in zh-TW and English, for the action log (CSV), the after-action report and the
 * review's timeline. Every word comes from the glossary (src/locales/{zh-TW,en}/glossary.json, via
 * ../text/glossary): titles by event type, and every enumerated value an event carries rendered in
 * words, never as its raw code.
 */
import type { DrillEvent } from '../record/schema';
import { ACTOR_ROLES, type Verdict } from '../record/vocabulary';
import { formatTaipei, parseIsoMs } from '../time/taipei';
import { glossaryFor, hasTerm, phrase, term, termWords, type GlossaryGroup, type ReportLanguage, type Words } from '../text/glossary';

export type { ReportLanguage, Words };
export const say = (w: Words, lang: ReportLanguage): string => (lang === 'en' ? w.en : w.zh);

const table = (group: GlossaryGroup, ids: readonly string[]): Record<string, Words> => Object.fromEntries(ids.map((id) => [id, termWords(group, id)]));

/** Role names (glossary `roles`), for the MSEL import's reverse lookup. */
export const ROLE_NAMES: Record<string, Words> = table('roles', ACTOR_ROLES);

export const roleName = (role: string, lang: ReportLanguage): string => term('roles', role, lang);

/** A short title per event type (drill-record.md, "Event types"; the engine's and the desks' own types). */
export const EVENT_TITLES: Record<string, Words> = table('events', Object.keys(glossaryFor('zh-TW').events));

const detailWord = (key: string, lang: ReportLanguage, params?: Record<string, string | number>): string => phrase('eventDetails', key, lang, params);
const word = (group: GlossaryGroup, key: unknown, lang: ReportLanguage): string => (typeof key === 'string' ? term(group, key, lang) : '');
const list = (group: GlossaryGroup, v: unknown, lang: ReportLanguage): string =>
  Array.isArray(v) ? v.map((x) => word(group, x, lang)).join(detailWord('list', lang)) : '';
const levelText = (v: unknown, lang: ReportLanguage): string => (typeof v === 'number' ? phrase('levels', 'n', lang, { n: v }) : '');
const joined = (parts: unknown[], sep: 'parts' | 'pair', lang: ReportLanguage): string =>
  parts.filter((x): x is string => typeof x === 'string' && x !== '').join(detailWord(sep, lang));

/** Which glossary group words a field's value, by event type first (drill-record.md event table), then by field. */
const FIELD_GROUPS_BY_TYPE: Record<string, Record<string, GlossaryGroup>> = {
  'rootcause.completed': { by: 'rootcausePerformers' },
  'incident.designated': { by: 'designators' },
  'records.signed': { by: 'signers' },
  'service.switched': { to: 'switchTargets' },
  'media.imaged': { what: 'imageKinds' },
  'outage.started': { what: 'outageCauses' },
  'outage.ended': { what: 'outageCauses' },
};
const FIELD_GROUPS: Record<string, GlossaryGroup> = {
  role: 'roles',
  chair: 'roles',
  by: 'roles',
  position: 'positions',
  to: 'recipients',
  invited: 'recipients',
  topics: 'meetingTopics',
  method: 'isolationMethods',
  destination: 'destinations',
  channel: 'channels',
  kinds: 'intelKinds',
  sender: 'senders',
};

/**
 * A value an event carries, in words when it is one of the glossary's ids (an isolation method, a
 * meeting topic, a recipient, …); free text as recorded. The walkthrough shows every field with it.
 */
export function fieldValueText(type: string, field: string, value: string, lang: ReportLanguage): string {
  const group = FIELD_GROUPS_BY_TYPE[type]?.[field] ?? FIELD_GROUPS[field];
  return group && hasTerm(group, value) ? term(group, value, lang) : value;
}

/** The title of an event type; unknown types are shown as their type id. */
export function eventTitle(type: string, lang: ReportLanguage): string {
  return term('events', type, lang);
}

/** One line that says what happened: the title, and the details that matter for the review. */
export function describeEvent(event: Pick<DrillEvent, 'type' | 'data'>, lang: ReportLanguage): string {
  const d = (event.data ?? {}) as Record<string, unknown>;
  const title = eventTitle(event.type, lang);
  let detail = '';
  switch (event.type) {
    case 'inject.delivered':
      detail = typeof d.title === 'string' ? d.title : typeof d.injectId === 'string' ? d.injectId : '';
      break;
    case 'level.assessed':
    case 'level.approved':
    case 'report.submitted':
    case 'level.reviewed':
      detail = levelText(d.level, lang);
      break;
    case 'report.phoned':
      detail = joined([levelText(d.level, lang), d.reason], 'parts', lang);
      break;
    case 'level.change.requested':
      detail = detailWord('levelChange', lang, { from: levelText(d.from, lang), to: levelText(d.to, lang) });
      break;
    case 'agency.notified':
      detail = joined([d.agency, word('channels', d.channel, lang)], 'pair', lang);
      break;
    case 'team.formed':
      // People, not role rows: one person holding two team roles is one member.
      if (Array.isArray(d.members)) {
        const people = new Set(d.members.map((m: unknown) => (m && typeof m === 'object' && 'name' in m ? String((m as { name: unknown }).name) : ''))).size;
        detail = detailWord('people', lang, { count: people });
      } else detail = '';
      break;
    case 'team.adjusted':
    case 'outage.started':
    case 'outage.ended':
      detail = typeof d.reason === 'string' ? d.reason : word('outageCauses', d.what, lang);
      break;
    case 'meeting.held':
      detail = joined([typeof d.chair === 'string' ? detailWord('chair', lang, { role: roleName(d.chair, lang) }) : '', list('meetingTopics', d.topics, lang)], 'parts', lang);
      break;
    case 'action.isolated':
      detail = word('isolationMethods', d.method, lang);
      break;
    case 'media.imaged':
      detail = word('imageKinds', d.what, lang);
      break;
    case 'system.rebuilt':
      detail = d.cleanMedia === true ? detailWord('cleanMedia', lang) : d.cleanMedia === false ? detailWord('notCleanMedia', lang) : '';
      break;
    case 'service.switched':
      detail =
        d.to === 'backup' ? detailWord('switchTo', lang, { target: word('switchTargets', d.to, lang) }) : d.to === 'primary' ? detailWord('switchBack', lang, { target: word('switchTargets', d.to, lang) }) : '';
      break;
    case 'announcement.decided':
      detail = d.public === true ? detailWord('announce', lang) : d.public === false ? detailWord('noAnnounce', lang) : '';
      break;
    case 'recovery.completed':
      detail = detailWord(d.registeredOnWebsite === true ? 'registered' : 'notRegistered', lang);
      break;
    case 'effectiveness.reported':
    case 'rootcause.submitted':
    case 'progress.reported':
      detail = list('recipients', d.to, lang);
      break;
    case 'records.signed':
      detail = list('signers', d.by, lang);
      break;
    case 'pdpa.assessed':
      detail = joined([d.notifySubjects === true ? detailWord('notifySubjects', lang) : d.notifySubjects === false ? detailWord('doNotNotify', lang) : '', d.reason], 'parts', lang);
      break;
    case 'evidence.submitted':
      detail = word('destinations', d.destination, lang);
      break;
    case 'rootcause.completed':
      detail = joined([word('rootcausePerformers', d.by, lang), d.malwareAnalysis === true ? detailWord('malwareAnalysis', lang) : ''], 'pair', lang);
      break;
    case 'improvement.planned': {
      const n = (k: string) => (Array.isArray(d[k]) ? (d[k] as unknown[]).length : 0);
      detail = detailWord('improvementCounts', lang, { short: n('short'), medium: n('medium'), long: n('long') });
      break;
    }
    case 'incident.designated':
      detail = word('designators', d.by, lang);
      break;
    case 'intel.shared':
      detail = list('intelKinds', d.kinds, lang);
      break;
    default:
      break;
  }
  return detail ? detailWord('detail', lang, { title, detail }) : title;
}

/** Att.3 posts (procedure.md "Response team roles"), for participant lists. */
export const positionName = (p: string, lang: ReportLanguage): string => term('positions', p, lang);

/** An obligation's title (glossary.md). */
export const obligationTitle = (id: string, lang: ReportLanguage): string => term('obligations', id, lang);

export const statusName = (s: string, lang: ReportLanguage): string => term('statuses', s, lang);

/** The verdict in words; an incomplete drill says how many obligations are not yet due (issue 12 item 9). */
export function verdictText(verdict: Verdict, notReached: number, lang: ReportLanguage): string {
  return verdict === 'incomplete' ? phrase('verdicts', 'incompleteWith', lang, { count: notReached }) : term('verdicts', verdict, lang);
}

/** 65 → "1 小時 5 分" / "1 h 5 min"; days for long spans. */
export function durationText(minutes: number, lang: ReportLanguage): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const parts: string[] = [];
  if (d) parts.push(phrase('durations', 'days', lang, { count: d }));
  if (h) parts.push(phrase('durations', 'hours', lang, { count: h }));
  if (m || parts.length === 0) parts.push(phrase('durations', 'minutes', lang, { count: m }));
  return parts.join(' ');
}

/**
 * A span of time to the second when the seconds matter (time is exact: a report 2 s after its limit
 * is late by "2 秒" / "2 s", not by a rounded-up minute): whole minutes read as durationText, else
 * the seconds follow. A part of a second counts as a second (a lateness is never "0 s").
 */
export function spanText(ms: number, lang: ReportLanguage): string {
  const total = Math.ceil(Math.abs(ms) / 1000);
  const seconds = total % 60;
  const minutes = (total - seconds) / 60;
  if (seconds === 0) return durationText(minutes, lang);
  const sec = phrase('durations', 'seconds', lang, { count: seconds });
  return minutes === 0 ? sec : `${durationText(minutes, lang)} ${sec}`;
}

/** A moment in Taipei, `YYYY-MM-DD hh:mm`, with `:ss` when the seconds are not :00 (09:40:02 is not 09:40). */
export function taipeiMoment(iso: string): string {
  const ms = parseIsoMs(iso);
  if (Number.isNaN(ms)) return iso;
  const text = formatTaipei(ms).slice(0, 19).replace('T', ' ');
  return text.endsWith(':00') ? text.slice(0, 16) : text;
}

/** How late an obligation was done, from its limit and when it was done (to the second), for every view that says it. */
export function lateText(o: { due: string | null; doneAt: string | null; lateByMinutes: number }, lang: ReportLanguage): string {
  const late = o.due !== null && o.doneAt !== null ? parseIsoMs(o.doneAt) - parseIsoMs(o.due) : Number.NaN;
  return Number.isFinite(late) && late > 0 ? spanText(late, lang) : durationText(o.lateByMinutes, lang);
}
