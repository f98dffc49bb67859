/**
 * `npm run -s score|report|verify|msel:import|scenarios:check -- …` run through here: it starts the
 * command's precompiled bundle, dist-cli/NAME.mjs, and first (re)builds the bundles with esbuild when
 * one is missing or any file it was built from changed since. Compiling the TypeScript on every run
 * (tsx) cost ~1.2 s per record, and DoIT scores hundreds of records in a row (issue 14,
 * `npm run bench:cli`). Plain JavaScript so node starts it with nothing to compile; esbuild is
 * loaded only to build.
 *
 *   node src/cli/run.mjs NAME [ARG…]      run one command (NAME as in src/cli/NAME.ts)
 *   node src/cli/run.mjs --build          build the bundles now (whether stale or not)
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outDir = join(root, 'dist-cli');
const manifestPath = join(outDir, 'inputs.json');

/** The commands shipped compiled: each is src/cli/NAME.ts, bundled with everything it imports. */
const COMMANDS = ['score', 'report', 'verify', 'msel-import', 'scenarios-check'];

/** True when a bundle is missing, or a file it was built from (or this builder, or the lock file) is newer than the build. */
function isStale() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch {
    return true;
  }
  if (COMMANDS.some((c) => !manifest.commands?.includes(c))) return true;
  try {
    for (const c of COMMANDS) statSync(join(outDir, `${c}.mjs`));
    return manifest.inputs.some((file) => statSync(join(root, file)).mtimeMs > manifest.startedMs);
  } catch {
    return true; // a bundle or an input is gone (a file moved): rebuild
  }
}

/** Write so that a concurrent run reads the old file or the new one, never half of one. */
function writeAtomically(path, contents) {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, contents);
  renameSync(temp, path);
}

/**
 * zod's namespace re-exports its 40-odd message locales (`z.locales`), which no command uses: half of
 * every bundle and of its start-up parse. Only English, which zod installs as its default, is kept.
 * If zod moves the file, this matches nothing and the bundles are merely larger.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: 'export { default as en } from "./en.js";\n',
      resolveDir: join(root, 'node_modules/zod/v4/locales'),
    }));
  },
};

async function build() {
  const startedMs = Date.now(); // an edit made while building leaves the bundle stale
  let esbuild;
  try {
    ({ build: esbuild } = await import('esbuild'));
  } catch (error) {
    throw new Error(`dist-cli/ is missing or older than src/, and esbuild, which builds it, cannot be loaded (${error.message}): run npm ci (it installs the dev dependencies)`);
  }
  const result = await esbuild({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(COMMANDS.map((c) => [c, `src/cli/${c}.ts`])),
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    tsconfig: join(root, 'tsconfig.json'), // the `@/` paths
    // One file per command with its dependencies inside: nothing to resolve at start-up. A bundled
    // CommonJS dependency may call require() for Node built-ins.
    banner: { js: "import { createRequire as __tdrillRequire } from 'node:module'; const require = __tdrillRequire(import.meta.url);" },
    legalComments: 'none',
    minifyWhitespace: true, // less to parse at every start; names stay readable in a stack trace
    minifySyntax: true,
    plugins: [zodEnglishOnly],
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  mkdirSync(outDir, { recursive: true });
  for (const file of result.outputFiles) writeAtomically(file.path, file.contents);
  // The project's own inputs; a dependency changes with the lock file.
  const own = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('node_modules/'));
  const inputs = [...own, relative(root, fileURLToPath(import.meta.url)), 'package-lock.json', 'tsconfig.json'];
  writeAtomically(manifestPath, `${JSON.stringify({ startedMs, commands: COMMANDS, inputs }, null, 1)}\n`);
}

/**
 * `npm run -s score -- X.json | head -1`: head reads what it wants and closes the pipe, and the next
 * write fails with EPIPE, which Node raises as an unhandled 'error' (a stack trace, exit 1). A reader
 * that has had enough is not a failure of the command: from then on its output goes nowhere, and the
 * command ends as it would have, with its own exit code (0 scored, 2 invalid record, …). Any other
 * write error still ends the command loudly.
 */
function quietWhenReaderCloses(stream) {
  let closed = false;
  stream.on('error', (error) => {
    if (error?.code === 'EPIPE' || (closed && error?.code === 'ERR_STREAM_DESTROYED')) {
      closed = true;
      return;
    }
    throw error;
  });
}

const [name, ...args] = process.argv.slice(2);
if (name === '--build') {
  await build();
} else if (!COMMANDS.includes(name)) {
  console.error(`usage: node ${relative(process.cwd(), fileURLToPath(import.meta.url))} ${COMMANDS.join('|')} [ARG…]`);
  process.exitCode = 64;
} else {
  if (isStale()) {
    if (process.stderr.isTTY) process.stderr.write('編譯命令列工具中… / Compiling the command-line tools…\n');
    await build();
  }
  quietWhenReaderCloses(process.stdout);
  quietWhenReaderCloses(process.stderr);
  const bundle = join(outDir, `${name}.mjs`);
  // The command sees itself as `node dist-cli/NAME.mjs ARG…` (its own main-module check reads argv[1]).
  process.argv = [process.argv[0], bundle, ...args];
  await import(pathToFileURL(bundle).href);
}
