/**
 * A scenario → spreadsheet rows that importMsel reads back into the same scenario: the MSEL sheet
 * (one inject a row, headers the importer suggests) and the 情境 sheet (one fact a row: known keys
 * in their plain form, anything structured as YAML). The file writer (write-excel-file, papaparse)
 * lives in src/spreadsheet/; this stays pure.
 */
import { stringify } from 'yaml';
import type { Scenario, ScenarioInject } from '../scenario/schema';
import { EXPORT_HEADERS, INJECT_FIELDS, type InjectField } from './msel-columns';
import type { MselSheet } from './msel-import';
import { mselText } from './msel-text';

/** The sheet names the export writes (the importer finds 情境 by name). */
export const MSEL_SHEET = 'MSEL';
export const FACTS_SHEET = mselText('zh-TW', 'export.factsSheet');

/** Excel's limit for one cell. */
export const EXCEL_CELL_LIMIT = 32_767;

const flow = (v: unknown): string => stringify(v, { collectionStyle: 'flow', lineWidth: 0 }).trim();
const block = (v: unknown): string => stringify(v, { lineWidth: 0 }).trim();

function injectCell(inj: ScenarioInject, field: InjectField): string | null {
  switch (field) {
    case 'id':
      return inj.id;
    case 'time':
      return inj.offset;
    case 'title.zh':
      return inj.title.zh;
    case 'title.en':
      return inj.title.en;
    case 'message.zh':
      return inj.message.zh;
    case 'message.en':
      return inj.message.en;
    case 'to':
      return inj.to;
    case 'channel':
      return inj.channel;
    case 'sender':
      return inj.sender;
    case 'senderName.zh':
      return inj.senderName?.zh ?? null;
    case 'senderName.en':
      return inj.senderName?.en ?? null;
    case 'expected':
      return inj.expected?.length ? flow(inj.expected) : null;
    case 'condition':
      return inj.condition ? flow(inj.condition) : null;
    case 'world':
      return inj.world?.length ? flow(inj.world) : null;
    case 'notes.zh':
      return inj.notes?.zh ?? null;
    case 'notes.en':
      return inj.notes?.en ?? null;
  }
}

/** The 情境 sheet's key/value rows. */
export function factRows(s: Scenario): Array<[string, string | number | boolean]> {
  const rows: Array<[string, string | number | boolean]> = [
    ['meta.id', s.meta.id],
    ['meta.title.zh', s.meta.title.zh],
    ['meta.title.en', s.meta.title.en],
    ['meta.summary.zh', s.meta.summary.zh],
    ['meta.summary.en', s.meta.summary.en],
    ['meta.objectives', block(s.meta.objectives)],
  ];
  if (s.meta.points) rows.push(['meta.points', flow(s.meta.points)]);
  const a = s.meta.agency;
  rows.push(
    ['meta.agency.name.zh', a.name.zh],
    ['meta.agency.name.en', a.name.en],
    ['meta.agency.type', a.type],
    ['meta.agency.hasItUnit', a.hasItUnit],
    ['meta.agency.hasSecurityOfficer', a.hasSecurityOfficer],
    ['meta.agency.reportsToCentral', a.reportsToCentral],
    ['meta.agency.oversight', flow(a.oversight)],
  );
  if (a.centralBody) rows.push(['meta.agency.centralBody', flow(a.centralBody)]);
  rows.push(['meta.people', block(s.meta.people)]);
  const f = s.facts;
  rows.push(
    ['facts.category', f.category],
    ['facts.referenceLevel', f.referenceLevel],
    ['facts.levelReasoning.zh', f.levelReasoning.zh],
    ['facts.levelReasoning.en', f.levelReasoning.en],
  );
  if (f.affectedSystems) rows.push(['facts.affectedSystems', block(f.affectedSystems)]);
  rows.push(
    ['facts.affectedAgencies', f.affectedAgencies.join('、')],
    ['facts.personalData', f.personalData],
    ['facts.malware', f.malware],
    ['facts.backup', f.backup],
    ['facts.tolerableDowntime', f.tolerableDowntime],
    ['facts.awareness', f.awareness],
    ['plan.mode', s.plan.mode],
    ['plan.realDuration', s.plan.realDuration],
    ['plan.simulatedSpan', s.plan.simulatedSpan],
    ['plan.speed', s.plan.speed],
  );
  if (s.plan.notes) rows.push(['plan.notes', flow(s.plan.notes)]);
  rows.push(['golden', block(s.golden)], ['mistakes', block(s.mistakes)]);
  return rows;
}

/** The workbook's sheets as rows: MSEL first, then 情境. */
export function scenarioToSheets(s: Scenario): MselSheet[] {
  const header = INJECT_FIELDS.map((f) => EXPORT_HEADERS[f]);
  const injectRows = s.injects.map((inj) => INJECT_FIELDS.map((f) => injectCell(inj, f)));
  const facts = [[mselText('zh-TW', 'export.factsKeyHeader'), mselText('zh-TW', 'export.factsValueHeader')], ...factRows(s)];
  for (const [key, value] of factRows(s)) {
    if (typeof value === 'string' && value.length > EXCEL_CELL_LIMIT) {
      throw new Error(`${s.meta.id}: ${key} is ${value.length} characters, more than one spreadsheet cell holds (${EXCEL_CELL_LIMIT})`);
    }
  }
  return [
    { name: MSEL_SHEET, rows: [header, ...injectRows] },
    { name: FACTS_SHEET, rows: facts },
  ];
}
