/**
 * npm run -s msel:import -- FILE.xlsx|FILE.csv [--map MAPPING.json] [--sheet NAME]
 *                           [--fact KEY=VALUE]… [--lang zh-TW|en] [--write-map MAPPING.json] --out FILE.yaml
 *
 * The import screen's code (src/engine/msel + src/spreadsheet) from the command line, for DoIT's
 * batch work. Prints every warning; on any error prints `FILE (sheet, row N, column C header): problem`
 * for each and exits 2 without writing. On success writes a scenario that `scenarios:check` accepts.
 * `--fact` sets a fact by any key the 情境 / Scenario sheet takes (T0=2026-03-02 09:00, level=3).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseMapping, mappingText, type MselMapping } from '../engine/msel/msel-columns';
import { formatProblem, importMsel } from '../engine/msel/msel-import';
import { readWorkbook } from '../spreadsheet/read-workbook';
import { EXIT_INVALID } from './cli-io';

const USAGE = 'usage: npm run -s msel:import -- FILE.xlsx|FILE.csv [--map MAPPING.json] [--sheet NAME] [--fact KEY=VALUE]… [--lang zh-TW|en] [--write-map MAPPING.json] --out FILE.yaml';

export async function main(argv: string[], out: (s: string) => void = console.log, err: (s: string) => void = console.error): Promise<number> {
  const files: string[] = [];
  const facts: Record<string, string> = {};
  let mapPath: string | undefined;
  let writeMap: string | undefined;
  let sheet: string | undefined;
  let outPath: string | undefined;
  let lang: 'zh-TW' | 'en' = 'en';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    try {
      if (a === '--map') mapPath = next();
      else if (a === '--write-map') writeMap = next();
      else if (a === '--sheet') sheet = next();
      else if (a === '--out') outPath = next();
      else if (a === '--lang') lang = next() === 'zh-TW' ? 'zh-TW' : 'en';
      else if (a === '--fact') {
        const kv = next();
        const eq = kv.indexOf('=');
        if (eq <= 0) throw new Error(`--fact "${kv}": write KEY=VALUE`);
        facts[kv.slice(0, eq)] = kv.slice(eq + 1);
      } else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
      else files.push(a);
    } catch (e) {
      err(`${(e as Error).message}\n${USAGE}`);
      return EXIT_INVALID;
    }
  }
  if (files.length !== 1 || outPath === undefined) {
    err(USAGE);
    return EXIT_INVALID;
  }
  const file = files[0];
  let mapping: MselMapping | undefined;
  if (mapPath !== undefined) {
    let text: string;
    try {
      text = readFileSync(mapPath, 'utf8');
    } catch (e) {
      err(`${mapPath}: cannot read the mapping: ${(e as Error).message}`);
      return EXIT_INVALID;
    }
    const m = parseMapping(text, mapPath);
    if (!m.ok) {
      err(m.message);
      return EXIT_INVALID;
    }
    mapping = m.mapping;
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    err(`${file}: cannot read: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message}`);
    return EXIT_INVALID;
  }
  const data = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const book = await readWorkbook(data, file);
  if (!book.ok) {
    err(lang === 'en' ? book.message.en : book.message.zh);
    return EXIT_INVALID;
  }
  const r = importMsel(book.sheets, { fileName: file, ...(sheet !== undefined ? { sheet } : {}), ...(mapping ? { mapping } : {}), facts });
  for (const p of r.problems) (p.severity === 'error' ? err : out)(formatProblem(file, p, lang));
  if (writeMap !== undefined) writeFileSync(writeMap, mappingText(r.mapping));
  if (!r.ok || r.yaml === undefined) {
    const n = r.problems.filter((p) => p.severity === 'error').length;
    err(`${file}: ${n} problem${n === 1 ? '' : 's'}; nothing written`);
    return EXIT_INVALID;
  }
  writeFileSync(outPath, r.yaml);
  out(`${file}: ${r.rowsRead} rows → ${r.scenario?.injects.length} injects → ${outPath}${book.encoding ? ` (CSV, ${book.encoding})` : ''}`);
  return 0;
}

if (process.argv[1] && /msel-import\.(ts|mjs)$/.test(process.argv[1])) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
