/**
 * What each role does, in the procedure's words: Att.3's "任務" column for the response team, and
 * the points that give the CISO and DoIT's reviewer their part (P10, P15, P16, P32). The briefing
 * cards handed out before a drill print these. The words are rules.json's `duties.<role>.<n>`.
 */
import type { ActorRole } from '../record/vocabulary';
import { rulesText } from './rules-text';

export interface Duty {
  zh: string;
  en: string;
  /** Where the procedure says it. */
  source: string;
}

type DutyRole = keyof typeof import('../../locales/zh-TW/rules.json')['duties'];
const duty = (role: DutyRole, key: 'd1' | 'd2' | 'd3' | 'd4' | 'd5', source: string): Duty => ({
  zh: rulesText('zh-TW', `duties.${role}.${key}` as Parameters<typeof rulesText>[1]),
  en: rulesText('en', `duties.${role}.${key}` as Parameters<typeof rulesText>[1]),
  source,
});

export const ROLE_DUTIES: Partial<Record<ActorRole, readonly Duty[]>> = {
  commander: [duty('commander', 'd1', 'Att.3'), duty('commander', 'd2', 'P22(2)')],
  'executive-secretary': [duty('executive-secretary', 'd1', 'Att.3')],
  'press-contact': [duty('press-contact', 'd1', 'Att.3')],
  'reporting-contact': [duty('reporting-contact', 'd1', 'Att.3'), duty('reporting-contact', 'd2', 'Att.3'), duty('reporting-contact', 'd3', 'Att.3')],
  'intel-planning': [duty('intel-planning', 'd1', 'Att.3'), duty('intel-planning', 'd2', 'Att.3'), duty('intel-planning', 'd3', 'Att.3'), duty('intel-planning', 'd4', 'Att.3'), duty('intel-planning', 'd5', 'Att.3')],
  'response-execution': [duty('response-execution', 'd1', 'Att.3'), duty('response-execution', 'd2', 'Att.3'), duty('response-execution', 'd3', 'Att.3')],
  ciso: [duty('ciso', 'd1', 'P10'), duty('ciso', 'd2', 'P32')],
  'doit-reviewer': [duty('doit-reviewer', 'd1', 'P15'), duty('doit-reviewer', 'd2', 'P16')],
  acs: [duty('acs', 'd1', 'P11')],
};
