/**
 * `npm run -s check:cycles`: no module may reach itself through its imports, type-only imports
 * included (issue 14 item 6). ESLint's `import-x/no-cycle` skips `import type`, and a type-only
 * cycle still ties two layers into one, so this walks the graph TypeScript itself resolves (the
 * tsconfig's `@/` paths, `.ts`/`.tsx`, `index.ts`) and reports each strongly connected component.
 *
 * A dynamic `import()` is not an edge: it loads on demand (the app's lazy views, the spreadsheet
 * readers), so it is the sanctioned way for a lower module to reach a higher one at run time.
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export interface ImportEdge {
  from: string;
  to: string;
  line: number;
  typeOnly: boolean;
}

/** One knot of modules that reach each other: one cycle through it (in import order) and all its members. */
export interface ImportCycle {
  edges: ImportEdge[];
  members: string[];
}

function isTypeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) return node.isTypeOnly;
  const clause = node.importClause;
  if (!clause) return false; // `import './x'` runs x
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return !clause.name && !!named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
}

/** The project's static imports (type-only ones marked), resolved by TypeScript, inside the project only. */
export function importGraph(tsconfigPath: string): ImportEdge[] {
  const configFile = ts.readConfigFile(tsconfigPath, ts.sys.readFile);
  if (configFile.error) throw new Error(`${tsconfigPath}: ${ts.flattenDiagnosticMessageText(configFile.error.messageText, '\n')}`);
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, dirname(tsconfigPath));
  const cache = ts.createModuleResolutionCache(dirname(tsconfigPath), (f) => f, parsed.options);
  const files = new Set(parsed.fileNames.map((f) => resolve(f)));
  const edges: ImportEdge[] = [];
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
    for (const node of source.statements) {
      if (!(ts.isImportDeclaration(node) || ts.isExportDeclaration(node))) continue;
      const spec = node.moduleSpecifier;
      if (!spec || !ts.isStringLiteral(spec)) continue;
      const resolved = ts.resolveModuleName(spec.text, file, parsed.options, ts.sys, cache).resolvedModule;
      if (!resolved || resolved.isExternalLibraryImport) continue;
      const to = resolve(resolved.resolvedFileName);
      if (!files.has(to)) continue;
      const line = source.getLineAndCharacterOfPosition(spec.getStart(source)).line + 1;
      edges.push({ from: file, to, line, typeOnly: isTypeOnly(node) });
    }
  }
  return edges;
}

/** Every strongly connected component of more than one module (or a module importing itself), as one cycle through it. */
export function findCycles(edges: readonly ImportEdge[]): ImportCycle[] {
  const out = new Map<string, ImportEdge[]>();
  for (const e of edges) {
    if (!out.has(e.from)) out.set(e.from, []);
    out.get(e.from)!.push(e);
  }
  // Tarjan's algorithm, iterative so a deep import chain cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;
  const nodes = [...new Set(edges.flatMap((e) => [e.from, e.to]))].sort();
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work: Array<{ node: string; i: number }> = [{ node: start, i: 0 }];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1];
      const outs = out.get(frame.node) ?? [];
      if (frame.i < outs.length) {
        const to = outs[frame.i++].to;
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, i: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const selfLoop = (out.get(frame.node) ?? []).some((e) => e.to === frame.node);
        if (component.length > 1 || selfLoop) components.push(component.sort());
      }
    }
  }
  return components.map((members) => ({ edges: cycleThrough(members, out), members }));
}

/** The shortest cycle from the component's first module back to itself (breadth-first inside the component). */
function cycleThrough(members: string[], out: Map<string, ImportEdge[]>): ImportEdge[] {
  const inside = new Set(members);
  const start = members[0];
  const via = new Map<string, ImportEdge>();
  const queue = [start];
  while (queue.length) {
    const node = queue.shift()!;
    for (const e of out.get(node) ?? []) {
      if (!inside.has(e.to)) continue;
      if (e.to === start) {
        const path = [e];
        for (let at = node; at !== start; at = via.get(at)!.from) path.unshift(via.get(at)!);
        return path;
      }
      if (!via.has(e.to)) {
        via.set(e.to, e);
        queue.push(e.to);
      }
    }
  }
  throw new Error(`no cycle through ${start}`); // unreachable for a strongly connected component
}

export function formatCycle(cycle: ImportCycle, root: string): string {
  const lines = cycle.edges.map((e) => `  ${relative(root, e.from)}:${e.line} → ${relative(root, e.to)}${e.typeOnly ? ' (type only)' : ''}`);
  const onPath = new Set(cycle.edges.map((e) => e.from));
  const others = cycle.members.filter((m) => !onPath.has(m));
  if (others.length) lines.push(`  and, tied into the same knot: ${others.map((m) => relative(root, m)).join(', ')}`);
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const cycles = findCycles(importGraph(resolve(root, 'tsconfig.json')));
  if (cycles.length) {
    console.error(`${cycles.length} import cycle(s); break each by moving what both sides need into a module both import:`);
    for (const c of cycles) console.error(`\n${formatCycle(c, root)}`);
    process.exit(1);
  }
  console.log('No import cycles.');
}
