/**
 * Incident level assessment (the level wizard) from confidentiality / integrity / availability
 * answers, per the national regulation art. 2 as restated in procedure.md ("Incident levels",
 * 2026 text: 資通安全事件通報應變及演練辦法). A level is reached when any one of its conditions
 * holds; the incident's level is the highest reached.
 *
 * The table is data: LEAK_TABLE, TAMPER_TABLE and AVAILABILITY_TABLE can be laid beside the
 * regulation's table and checked cell by cell.
 */
import type { Level } from '../record/vocabulary';
import type { Bilingual } from '../base/bilingual';
import { term, type ReportLanguage } from '../text/glossary';
import { rulesText } from './rules-text';

/** The kind of information (or system) affected. official/national secret apply to information. */
export type InfoAsset = 'non-core' | 'core' | 'core-ci' | 'official-secret' | 'national-secret';
/** 輕微 / 嚴重: not defined by the texts; participants judge, the scenario states the reference level. */
export type Severity = 'minor' | 'serious';
export type SystemKind = 'non-core' | 'core' | 'core-ci';

/** Confidentiality (洩漏) answer. */
export interface LeakAnswer {
  affected: boolean;
  asset: InfoAsset;
  severity: Severity;
}
/** Integrity (竄改) answer; applies to information or system. */
export type TamperAnswer = LeakAnswer;
/** Availability (運作受影響或停頓) answer. */
export interface AvailabilityAnswer {
  affected: boolean;
  system: SystemKind;
  /** 於可容忍中斷時間內恢復正常運作 */
  restoredWithinTolerable: boolean;
}

export interface LevelAnswers {
  c: LeakAnswer;
  i: TamperAnswer;
  a: AvailabilityAnswer;
}

export interface LevelAssessment {
  /** Highest level reached, or null when nothing is affected. */
  level: Level | null;
  c: Level | null;
  i: Level | null;
  a: Level | null;
  /** One reason per affected dimension, in words (zh-TW first). */
  reasons: Bilingual[];
}

interface Cell {
  level: Level;
  /** The thing affected, as the regulation words it. */
  what: Bilingual;
}

// The words are the glossary's (infoAssets, tamperTargets, systemKinds) and rules.json's `levels`;
// English puts the glossary's label form mid-sentence in lower case.
const both = (f: (lang: ReportLanguage) => string): Bilingual => ({ zh: f('zh-TW'), en: f('en') });
const inSentence = (word: string, lang: ReportLanguage) => (lang === 'en' ? word.charAt(0).toLowerCase() + word.slice(1) : word);

/**
 * Leak (洩漏), art. 2: the level reached by each asset × severity.
 * L1 non-core minor; L2 non-core serious, core minor; L3 core serious, official secret or core CI
 * minor; L4 official secret or core CI serious, any national secret.
 */
export const LEAK_TABLE: Record<InfoAsset, Record<Severity, Level>> = {
  'non-core': { minor: 1, serious: 2 },
  core: { minor: 2, serious: 3 },
  'core-ci': { minor: 3, serious: 4 },
  'official-secret': { minor: 3, serious: 4 },
  'national-secret': { minor: 4, serious: 4 },
};

/** Tampering (竄改), art. 2: the same steps as leak, for information or system. */
export const TAMPER_TABLE: Record<InfoAsset, Record<Severity, Level>> = {
  'non-core': { minor: 1, serious: 2 },
  core: { minor: 2, serious: 3 },
  'core-ci': { minor: 3, serious: 4 },
  'official-secret': { minor: 3, serious: 4 },
  'national-secret': { minor: 4, serious: 4 },
};

/**
 * Operation affected or stopped, art. 2, by system kind × restored within tolerable downtime.
 * L1 non-core restored; L2 non-core not restored, core restored; L3 core not restored, core CI
 * restored; L4 core CI not restored.
 */
export const AVAILABILITY_TABLE: Record<SystemKind, { restored: Level; notRestored: Level }> = {
  'non-core': { restored: 1, notRestored: 2 },
  core: { restored: 2, notRestored: 3 },
  'core-ci': { restored: 3, notRestored: 4 },
};

function leakCell(a: LeakAnswer): Cell {
  const level = LEAK_TABLE[a.asset][a.severity];
  // "any national secret": severity does not matter, so it is not said.
  const national = a.asset === 'national-secret';
  return {
    level,
    what: both((lang) =>
      rulesText(lang, 'levels.leak', {
        what: inSentence(term('infoAssets', a.asset, lang), lang),
        severity: national ? '' : rulesText(lang, a.severity === 'serious' ? 'levels.seriously' : 'levels.slightly'),
      }),
    ),
  };
}

function tamperCell(a: TamperAnswer): Cell {
  const level = TAMPER_TABLE[a.asset][a.severity];
  const national = a.asset === 'national-secret';
  return {
    level,
    what: both((lang) =>
      rulesText(lang, 'levels.tamper', {
        what: inSentence(term('tamperTargets', a.asset, lang), lang),
        severity: national ? '' : rulesText(lang, a.severity === 'serious' ? 'levels.seriously' : 'levels.slightly'),
      }),
    ),
  };
}

function availabilityCell(a: AvailabilityAnswer): Cell {
  const row = AVAILABILITY_TABLE[a.system];
  return {
    level: a.restoredWithinTolerable ? row.restored : row.notRestored,
    what: both((lang) => rulesText(lang, a.restoredWithinTolerable ? 'levels.restored' : 'levels.notRestored', { what: inSentence(term('systemKinds', a.system, lang), lang) })),
  };
}

function reason(cell: Cell): Bilingual {
  return both((lang) => rulesText(lang, 'levels.reason', { level: rulesText(lang, 'levels.level', { n: cell.level }), what: lang === 'en' ? cell.what.en : cell.what.zh }));
}

const ASSETS: readonly string[] = ['non-core', 'core', 'core-ci', 'official-secret', 'national-secret'];
const SEVERITIES: readonly string[] = ['minor', 'serious'];
const SYSTEMS: readonly string[] = ['non-core', 'core', 'core-ci'];

/** Throws a clear error naming the answer path when the wizard hands in something off the table. */
function check(answers: LevelAnswers): void {
  const bad = (path: string, what: string): never => {
    throw new TypeError(`assessLevel: answers.${path}: ${what}`);
  };
  for (const k of ['c', 'i'] as const) {
    const x = answers?.[k];
    if (x === undefined || x === null) bad(k, 'missing');
    if (typeof x.affected !== 'boolean') bad(`${k}.affected`, 'must be true or false');
    if (!x.affected) continue;
    if (!ASSETS.includes(x.asset)) bad(`${k}.asset`, `unknown asset ${JSON.stringify(x.asset)}: one of ${ASSETS.join(', ')}`);
    if (!SEVERITIES.includes(x.severity)) bad(`${k}.severity`, `unknown severity ${JSON.stringify(x.severity)}: minor or serious`);
  }
  const a = answers?.a;
  if (a === undefined || a === null) bad('a', 'missing');
  if (typeof a.affected !== 'boolean') bad('a.affected', 'must be true or false');
  if (a.affected) {
    if (!SYSTEMS.includes(a.system)) bad('a.system', `unknown system ${JSON.stringify(a.system)}: one of ${SYSTEMS.join(', ')}`);
    if (typeof a.restoredWithinTolerable !== 'boolean') bad('a.restoredWithinTolerable', 'must be true or false');
  }
}

/** Art. 2: the level per dimension, the highest reached, and each reason in words. */
export function assessLevel(answers: LevelAnswers): LevelAssessment {
  check(answers);
  const c = answers.c.affected ? leakCell(answers.c) : null;
  const i = answers.i.affected ? tamperCell(answers.i) : null;
  const a = answers.a.affected ? availabilityCell(answers.a) : null;
  const cells = [c, i, a].filter((x): x is Cell => x !== null);
  const level = cells.length === 0 ? null : (Math.max(...cells.map((x) => x.level)) as Level);
  return {
    level,
    c: c?.level ?? null,
    i: i?.level ?? null,
    a: a?.level ?? null,
    reasons: cells.map(reason),
  };
}
