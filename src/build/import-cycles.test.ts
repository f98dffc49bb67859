// @vitest-environment node
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findCycles, formatCycle, importGraph } from './import-cycles';

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

/** A throwaway project with the repo's resolution settings (`@/` paths, extensionless imports). */
function project(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'import-cycles-'));
  const tsconfig = {
    compilerOptions: { module: 'ESNext', moduleResolution: 'bundler', baseUrl: '.', paths: { '@/*': ['src/*'] }, jsx: 'react-jsx' },
    include: ['src'],
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return join(dir, 'tsconfig.json');
}

const cyclesIn = (files: Record<string, string>) => findCycles(importGraph(project(files))).map((c) => formatCycle(c, dir));

describe('import cycles', () => {
  it('finds a type-only cycle, the kind ESLint’s no-cycle skips', () => {
    const cycles = cyclesIn({
      'src/i18n/index.ts': "import { common } from './common';\nexport type Table = Record<string, string>;\nexport const all = [common];\n",
      'src/i18n/common.ts': "import type { Table } from './index';\nexport const common: Table = {};\n",
    });
    expect(cycles).toEqual(['  src/i18n/common.ts:1 → src/i18n/index.ts (type only)\n  src/i18n/index.ts:1 → src/i18n/common.ts']);
  });

  it('follows the @/ alias, re-exports and .tsx across three modules', () => {
    const cycles = cyclesIn({
      'src/a.ts': "export { b } from '@/b';\n",
      'src/b.tsx': "import { c } from './c';\nexport const b = c;\n",
      'src/c.ts': "import '@/a';\nexport const c = 1;\n",
    });
    expect(cycles).toEqual(['  src/a.ts:1 → src/b.tsx\n  src/b.tsx:1 → src/c.ts\n  src/c.ts:1 → src/a.ts']);
  });

  it('names every module of a knot, not only one loop through it', () => {
    const cycles = cyclesIn({
      'src/a.ts': "import './b';\n",
      'src/b.ts': "import './a';\nimport './c';\n",
      'src/c.ts': "import './b';\n",
    });
    expect(cycles).toEqual(['  src/a.ts:1 → src/b.ts\n  src/b.ts:1 → src/a.ts\n  and, tied into the same knot: src/c.ts']);
  });

  it('accepts a one-way graph, a dynamic import back up, and packages', () => {
    const cycles = cyclesIn({
      'src/app.ts': "import { view } from './view';\nimport { z } from 'zod';\nexport const app = [view, z];\n",
      'src/view.ts': "export const view = 1;\nexport const load = () => import('./app');\n",
    });
    expect(cycles).toEqual([]);
  });
});
