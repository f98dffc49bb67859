/**
 * Att.3: who may hold each lead role of the response team (procedure.md "Response team roles
 * (Att.3)"), as data, and checkTeam(), which drill-record.md's team-roles rule uses.
 *
 * - The first member with a role is its lead (drill-record.md, team-roles).
 * - "Someone appointed" means anyone who is not vendor staff (`vendor: true` or position `vendor`).
 * - Level bands only change who may command; the other roles follow from who commands.
 * - Schools (P41): only the reporting-contact rule (P6) is checked.
 */
import type { Bilingual } from '../base/bilingual';
import type { Agency, TeamMember } from '../record/schema';
import type { Level, Position } from '../record/vocabulary';
import { levelBand, type LevelBand } from './level-band';
import { POSITION_NAMES } from './positions';
import { engineText, engineWords } from '../text/engine-text';
import type { ReportLanguage } from '../text/glossary';

const pickWords = (w: Bilingual, lang: ReportLanguage): string => (lang === 'zh-TW' ? w.zh : w.en);

export type TeamRule = 'commander' | 'executive-secretary' | 'reporting-contact' | 'intel-planning' | 'response-execution';

export interface TeamIssue {
  rule: TeamRule;
  message: Bilingual;
  cite: string;
}

/** Att.3 agency kinds: an ordinary agency splits by whether it has an IT unit. */
export type TeamAgencyKind = 'agency-with-it' | 'agency-without-it' | 'administrative-corporation' | 'doit';

export function teamAgencyKind(agency: Pick<Agency, 'type' | 'hasItUnit'>): TeamAgencyKind {
  if (agency.type === 'administrative-corporation') return 'administrative-corporation';
  if (agency.type === 'doit') return 'doit';
  // Schools only get the reporting-contact rule; their kind is irrelevant there.
  return agency.hasItUnit === true ? 'agency-with-it' : 'agency-without-it';
}

/** Incident commander (事件指揮官) by agency kind and level band. */
export const COMMANDER_POSTS: Record<TeamAgencyKind, Record<LevelBand, Position[]>> = {
  'agency-with-it': { 'L1/2': ['it-unit-head', 'ciso'], 'L3/4': ['ciso', 'agency-head'] },
  'agency-without-it': { 'L1/2': ['ciso'], 'L3/4': ['ciso', 'agency-head'] },
  'administrative-corporation': { 'L1/2': ['it-security-unit-head', 'ciso'], 'L3/4': ['ciso', 'agency-head'] },
  doit: { 'L1/2': ['security-center-director', 'ciso'], 'L3/4': ['ciso', 'agency-head'] },
};

/** "someone appointed": any post but a vendor's. */
export const APPOINTED = 'appointed' as const;
type Allowed = Position[] | typeof APPOINTED;

/**
 * Executive secretary (執行秘書) by agency kind and the commander's post. Optional ("or none")
 * everywhere except when the agency head commands: then the ciso is required.
 */
export const EXECUTIVE_SECRETARY_POSTS: Record<TeamAgencyKind, Partial<Record<Position, Allowed>>> = {
  'agency-with-it': { 'agency-head': ['ciso'], ciso: ['it-unit-head'], 'it-unit-head': APPOINTED },
  'agency-without-it': { 'agency-head': ['ciso'], ciso: APPOINTED },
  'administrative-corporation': { 'agency-head': ['ciso'], ciso: ['it-security-unit-head'], 'it-security-unit-head': APPOINTED },
  doit: {
    'agency-head': ['ciso'],
    ciso: ['specialist-commissioner', 'senior-analyst-grade'],
    'security-center-director': ['senior-analyst', 'section-chief'],
  },
};

/** Intel & planning lead (情資及計畫組長) by agency kind and the commander's post. */
export const INTEL_PLANNING_POSTS: Record<TeamAgencyKind, Partial<Record<Position, Allowed>>> = {
  'agency-with-it': { 'agency-head': ['it-unit-head'], ciso: ['it-unit-head'], 'it-unit-head': ['it-staff'] },
  'agency-without-it': { 'agency-head': APPOINTED, ciso: APPOINTED },
  'administrative-corporation': {
    'agency-head': ['it-security-unit-head'],
    ciso: ['it-security-unit-head'],
    'it-security-unit-head': ['it-staff'],
  },
  doit: {
    'agency-head': ['security-center-director'],
    ciso: ['security-center-director'],
    'security-center-director': ['senior-analyst', 'section-chief'],
  },
};

/** Response execution lead (應變執行組長) by agency kind and the commander's post. */
export const RESPONSE_EXECUTION_POSTS: Record<TeamAgencyKind, Partial<Record<Position, Allowed>>> = {
  'agency-with-it': {
    'agency-head': ['affected-unit-head'],
    ciso: ['affected-unit-head'],
    'it-unit-head': ['affected-subunit-head', 'affected-unit-senior-staff'],
  },
  'agency-without-it': { 'agency-head': ['affected-unit-head'], ciso: ['affected-unit-head'] },
  'administrative-corporation': {
    'agency-head': ['affected-unit-head'],
    ciso: ['affected-unit-head'],
    'it-security-unit-head': ['affected-subunit-head', 'affected-unit-senior-staff'],
  },
  doit: {
    'agency-head': ['affected-unit-head'],
    ciso: ['affected-unit-head'],
    'security-center-director': ['affected-unit-section-chief', 'affected-unit-senior-analyst'],
  },
};

/** P6 / P9: the reporting contact is the security officer, or the deputy, where the agency has a security officer. */
export const REPORTING_CONTACT_POSTS: Position[] = ['security-officer', 'deputy-reporting-contact'];

export const isVendorStaff = (m: TeamMember): boolean => m.vendor === true || m.position === 'vendor';

const ZH_POST: Partial<Record<Position, string>> = Object.fromEntries(Object.entries(POSITION_NAMES).map(([p, w]) => [p, w.zh]));
/** The lead a rule names (the group's lead, 組長, not the group the glossary's `roles` names). */
const roleWord = (rule: TeamRule, lang: ReportLanguage): string => engineText(lang, `team.roles.${rule}`);
// zh-TW names each post in words; English keeps the post ids (the CLI's and the contract's reasons).
const zhPosts = (posts: Position[]): string => posts.map((p) => ZH_POST[p] ?? p).join(engineText('zh-TW', 'team.postsJoin'));
const enPosts = (posts: Position[]): string => posts.join(engineText('en', 'team.postsJoin'));

function allowedText(allowed: Allowed): Bilingual {
  return allowed === APPOINTED ? engineWords('team.appointed') : { zh: zhPosts(allowed), en: enPosts(allowed) };
}

function fits(member: TeamMember, allowed: Allowed): boolean {
  if (isVendorStaff(member) && (allowed === APPOINTED || !allowed.includes('vendor'))) return false;
  return allowed === APPOINTED || allowed.includes(member.position);
}

function missing(rule: TeamRule, cite: string, allowed?: Allowed): TeamIssue {
  const who = allowed === undefined ? undefined : allowedText(allowed);
  return {
    rule,
    cite,
    message: engineWords(who ? 'team.missingShould' : 'team.missing', (lang) => ({ role: roleWord(rule, lang), who: who ? pickWords(who, lang) : '' })),
  };
}

function wrongPost(rule: TeamRule, cite: string, member: TeamMember, allowed: Allowed, why?: Bilingual): TeamIssue {
  const who = allowedText(allowed);
  // zh-TW names vendor staff as such; English keeps the post id and adds "(vendor staff)" unless the post is 'vendor'.
  const held = (lang: ReportLanguage): string => {
    if (lang === 'zh-TW') return isVendorStaff(member) ? engineText(lang, 'team.vendorStaff') : (ZH_POST[member.position] ?? member.position);
    return isVendorStaff(member) && member.position !== 'vendor' ? engineText(lang, 'team.vendorStaff', { post: member.position }) : member.position;
  };
  return {
    rule,
    cite,
    message: engineWords(why ? 'team.wrongPostWhy' : 'team.wrongPost', (lang) => ({
      role: roleWord(rule, lang),
      held: held(lang),
      who: pickWords(who, lang),
      why: why ? pickWords(why, lang) : '',
    })),
  };
}

/** Union of every post a table allows for an agency kind (used when the commander's post fits no row). */
function anyOf(table: Partial<Record<Position, Allowed>>): Allowed {
  const values = Object.values(table) as Allowed[];
  if (values.some((v) => v === APPOINTED)) return APPOINTED;
  return [...new Set(values.flat() as Position[])];
}

export interface TeamCheckInput {
  agency: Pick<Agency, 'type' | 'hasItUnit' | 'hasSecurityOfficer'>;
  /** The level in force when the team was formed. */
  level: Level;
  members: TeamMember[];
}

/** Checks a team against Att.3. Each broken rule is one issue; an empty list means the team fits. */
export function checkTeam(input: TeamCheckInput): TeamIssue[] {
  const { agency, level, members } = input;
  const lead = (role: TeamMember['role']): TeamMember | undefined => members.find((m) => m.role === role);
  const issues: TeamIssue[] = [];

  // P6: never vendor staff; the security officer (or P9 deputy) where the agency has one.
  const contact = lead('reporting-contact');
  const contactAllowed: Allowed = agency.hasSecurityOfficer === true ? REPORTING_CONTACT_POSTS : APPOINTED;
  if (contact === undefined) issues.push(missing('reporting-contact', 'P6', contactAllowed));
  else if (!fits(contact, contactAllowed)) {
    const why = isVendorStaff(contact) ? engineWords('team.contactNeverVendor') : undefined;
    issues.push(wrongPost('reporting-contact', contact.position === 'deputy-reporting-contact' ? 'P9' : 'P6', contact, contactAllowed, why));
  }
  // P41: schools follow TANet; of the team only the reporting contact (P6) is judged.
  if (agency.type === 'school') return issues;

  const kind = teamAgencyKind(agency);
  const band = levelBand(level);

  const commander = lead('commander');
  const commanderPosts = COMMANDER_POSTS[kind][band];
  if (commander === undefined) issues.push(missing('commander', 'Att.3', commanderPosts));
  else if (!fits(commander, commanderPosts)) {
    issues.push(wrongPost('commander', 'Att.3', commander, commanderPosts, engineWords('team.levelIncident', { level })));
  }
  // Which row of the other tables applies depends on who commands. With no commander, or one in a
  // post Att.3 does not name for this agency, the other roles are judged against any row (lenient:
  // the commander issue already records the fault once).
  const cmdPost = commander !== undefined && !isVendorStaff(commander) ? commander.position : undefined;
  const row = (table: Partial<Record<Position, Allowed>>): Allowed =>
    (cmdPost !== undefined ? table[cmdPost] : undefined) ?? anyOf(table);

  const secretary = lead('executive-secretary');
  const secretaryTable = EXECUTIVE_SECRETARY_POSTS[kind];
  if (cmdPost === 'agency-head') {
    // Att.3: when the agency head commands, the CISO is the executive secretary — required.
    if (secretary === undefined) issues.push(missing('executive-secretary', 'Att.3', ['ciso']));
    else if (!fits(secretary, ['ciso'])) issues.push(wrongPost('executive-secretary', 'Att.3', secretary, ['ciso'], engineWords('team.headCommands')));
  } else if (secretary !== undefined) {
    const allowed = row(secretaryTable);
    if (!fits(secretary, allowed)) issues.push(wrongPost('executive-secretary', 'Att.3', secretary, allowed));
  }

  const intel = lead('intel-planning');
  const intelAllowed = row(INTEL_PLANNING_POSTS[kind]);
  if (intel === undefined) issues.push(missing('intel-planning', 'Att.3', intelAllowed));
  else if (!fits(intel, intelAllowed)) issues.push(wrongPost('intel-planning', 'Att.3', intel, intelAllowed));

  const exec = lead('response-execution');
  const execAllowed = row(RESPONSE_EXECUTION_POSTS[kind]);
  if (exec === undefined) issues.push(missing('response-execution', 'Att.3', execAllowed));
  else if (!fits(exec, execAllowed)) issues.push(wrongPost('response-execution', 'Att.3', exec, execAllowed));

  return issues;
}
