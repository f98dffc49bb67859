/**
 * #/msel: import a facilitator's spreadsheet (sheet, column mapping, dry run with every row's
 * problems) or open an existing scenario, then edit it (msel-editor.tsx). The spreadsheet code loads
 * only when a file is chosen (run-import.ts), in a worker when the file is large.
 */
import { useEffect, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { INJECT_FIELDS, FIELD_NAMES, MAPPING_FORMAT, columnLetter, parseMapping, mappingText, type InjectField, type MselMapping } from '@/engine/msel/msel-columns';
import type { MselImportResult, MselSheet } from '@/engine/msel/msel-import';
import { parseScenario } from '@/engine/scenario/parse';
import type { Scenario } from '@/engine/scenario/schema';
import { pick } from '@/ui/i18n';
import { downloadText } from '@/ui/lib/download';
import { listLibraryScenarios } from '@/ui/persistence/scenario-library';
import { MselEditor } from './msel-editor';
import { runImport, goesToWorker } from './run-import';
import './strings';
import './msel.css';

const BUNDLED = import.meta.glob('/scenarios/*.yaml', { query: '?raw', import: 'default' }) as Record<string, () => Promise<string>>;

interface Opened {
  scenario: Scenario;
  rows?: number[];
  key: number;
}

function OpenExisting({ onOpen }: { onOpen: (s: Scenario) => void }) {
  const { t, i18n } = useTranslation('msel');
  const [choices, setChoices] = useState<Array<{ key: string; scenario: Scenario }>>([]);
  const [picked, setPicked] = useState('');
  useEffect(() => {
    let alive = true;
    void (async () => {
      const out: Array<{ key: string; scenario: Scenario }> = [];
      for (const [path, load] of Object.entries(BUNDLED).sort(([a], [b]) => a.localeCompare(b))) {
        const r = parseScenario(await load(), path);
        if (r.ok) out.push({ key: path, scenario: r.scenario });
      }
      for (const s of await listLibraryScenarios().catch(() => [])) {
        const r = parseScenario(s.text, s.id);
        if (r.ok) out.push({ key: `library/${s.id}`, scenario: r.scenario });
      }
      if (alive) setChoices(out);
    })();
    return () => {
      alive = false;
    };
  }, []);
  return (
    <fieldset className="msel-open">
      <legend>{t('open.heading')}</legend>
      <label className="field">
        <span>{t('open.bundled')}</span>
        <select value={picked} onChange={(e) => setPicked(e.target.value)}>
          <option value="">{t('open.choose')}</option>
          {choices.map((c) => (
            <option key={c.key} value={c.key}>
              {pick(c.scenario.meta.title, i18n.language)}
              {c.key.startsWith('library/') ? ' ★' : ''}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button" disabled={!picked} onClick={() => onOpen(choices.find((c) => c.key === picked)!.scenario)}>
        {t('open.open')}
      </button>
    </fieldset>
  );
}

function ImportPanel({ onEdit }: { onEdit: (draft: Scenario, rows: number[]) => void }) {
  const { t, i18n } = useTranslation('msel');
  const lang = i18n.language;
  const [file, setFile] = useState<{ name: string } | null>(null);
  const [sheets, setSheets] = useState<MselSheet[] | null>(null);
  const [result, setResult] = useState<MselImportResult | null>(null);
  const [busy, setBusy] = useState<null | 'main' | 'worker'>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [mapping, setMapping] = useState<MselMapping | undefined>(undefined);

  const run = async (req: Parameters<typeof runImport>[0]) => {
    setBusy(goesToWorker(req) ? 'worker' : 'main');
    setFailure(null);
    const r = await runImport(req);
    setBusy(null);
    if (!r.ok) {
      setFailure(lang === 'en' ? r.message.en : r.message.zh);
      setResult(null);
      setSheets(null);
      return;
    }
    setSheets(r.sheets);
    setResult(r.result);
    setMapping(r.result.mapping);
  };

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    if (!f) return;
    setFile({ name: f.name });
    setMapping(undefined);
    performance.mark('msel-import-start');
    await run({ fileName: f.name, data: await f.arrayBuffer(), options: { fileName: f.name } });
    performance.mark('msel-import-summary');
  };
  const remap = (next: MselMapping) => {
    if (!file || !sheets) return;
    setMapping(next);
    void run({ fileName: file.name, sheets, options: { fileName: file.name, mapping: next } });
  };
  const onMapFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    if (!f) return;
    const m = parseMapping(await f.text(), f.name);
    if (!m.ok) setFailure(t('import.mapError', { message: m.message }));
    else remap(m.mapping);
  };

  const sheet = result ? sheets?.find((s) => s.name === result.sheet) : undefined;
  const headers = result?.headers ?? [];
  const errors = result?.problems.filter((p) => p.severity === 'error').length ?? 0;
  const warnings = result?.problems.filter((p) => p.severity === 'warning').length ?? 0;

  return (
    <section className="msel-import" aria-labelledby="import-title">
      <h2 id="import-title">{t('import.heading')}</h2>
      <label className="field">
        <span>{t('import.file')}</span>
        <input type="file" accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" onChange={(e) => void onFile(e)} />
      </label>
      {busy && (
        <p aria-busy="true" role="status">
          {t('import.reading')} {busy === 'worker' ? t('import.worker') : ''}
        </p>
      )}
      {failure && (
        <p role="alert" className="callout error">
          {failure}
        </p>
      )}
      {result && sheets && (
        <>
          {sheets.length > 1 && (
            <label className="field">
              <span>{t('import.sheet')}</span>
              <select value={result.sheet} onChange={(e) => remap({ format: MAPPING_FORMAT, sheet: e.target.value, columns: {} })}>
                {sheets.map((s) => (
                  <option key={s.name} value={s.name}>
                    {s.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <fieldset className="msel-mapping">
            <legend>{t('import.mapping')}</legend>
            <p className="muted">{t('import.mappingHelp')}</p>
            <div className="mapping-grid">
              {INJECT_FIELDS.map((field: InjectField) => {
                const current = mapping?.columns[field] ?? '';
                return (
                  <label key={field} className="field">
                    <span>{lang === 'en' ? FIELD_NAMES[field].en : FIELD_NAMES[field].zh}</span>
                    <select
                      value={current}
                      onChange={(e) => {
                        const columns = { ...(mapping?.columns ?? {}) };
                        if (e.target.value === '') delete columns[field];
                        else columns[field] = e.target.value;
                        remap({ format: MAPPING_FORMAT, sheet: result.sheet, headerRow: result.headerRow, columns });
                      }}
                    >
                      <option value="">{t('import.notMapped')}</option>
                      {headers.map((h, i) =>
                        h === '' ? null : (
                          <option key={i} value={h}>
                            {columnLetter(i)} · {h}
                          </option>
                        ),
                      )}
                    </select>
                  </label>
                );
              })}
            </div>
            <div className="page-actions">
              <button type="button" className="button" onClick={() => mapping && downloadText('msel-mapping.json', mappingText(mapping))}>
                {t('import.exportMap')}
              </button>
              <label className="button">
                {t('import.importMap')}
                <input type="file" accept=".json,application/json" className="visually-hidden" onChange={(e) => void onMapFile(e)} />
              </label>
            </div>
          </fieldset>
          <section className="msel-dry-run" aria-labelledby="dry-run-title">
            <h3 id="dry-run-title">{t('import.dryRun')}</h3>
            <p role="status" data-testid="dry-run-summary">
              {t('import.summary', { rows: result.rowsRead, errors, warnings })}
            </p>
            {result.problems.length === 0 ? (
              <p>{t('import.noProblems')}</p>
            ) : (
              <div className="table-scroll" tabIndex={0} role="group" aria-label={t('import.dryRun')}>
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t('import.severity')}</th>
                    <th scope="col">{t('import.where')}</th>
                    <th scope="col">{t('import.what')}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.problems.map((p, i) => (
                    <tr key={i} className={p.severity}>
                      <td>{p.severity === 'error' ? t('import.error') : t('import.warning')}</td>
                      <td>{[p.sheet, p.row !== undefined ? t('import.row', { row: p.row }) : undefined, p.column !== undefined ? t('import.column2', { column: p.column }) : undefined].filter(Boolean).join('，')}</td>
                      <td>{lang === 'en' ? p.message.en : p.message.zh}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              </div>
            )}
            {result.draft && sheet && (
              <>
                <button type="button" className="button primary" onClick={() => onEdit(result.draft as unknown as Scenario, result.injectRows)}>
                  {t('import.toEditor')}
                </button>
                {errors > 0 && <p className="muted">{t('import.toEditorHelp')}</p>}
              </>
            )}
          </section>
        </>
      )}
    </section>
  );
}

export default function MselPage() {
  const { t } = useTranslation('msel');
  const [opened, setOpened] = useState<Opened | null>(null);
  return (
    <section className="page msel" aria-labelledby="msel-title">
      <h1 id="msel-title">{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <div className="msel-start">
        <ImportPanel onEdit={(draft, rows) => setOpened({ scenario: structuredClone(draft), rows, key: Date.now() })} />
        <OpenExisting onOpen={(s) => setOpened({ scenario: structuredClone(s), key: Date.now() })} />
      </div>
      {opened && <MselEditor key={opened.key} initial={opened.scenario} {...(opened.rows ? { sourceRows: opened.rows } : {})} />}
    </section>
  );
}
