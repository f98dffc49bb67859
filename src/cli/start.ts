/**
 * `npm start`: builds the app when `dist/` is missing or older than its sources, then starts the
 * drill server (src/server/main.ts), which serves the build and the drill API, and prints the
 * facilitator's link and the participants' address. HOST=0.0.0.0 opens it to the LAN; PORT,
 * DATABASE_URL and DATA_DIR as in the README. `npm run dev` is the Vite dev server.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { runFromEnv } from '../server/main';
import { cliLine } from './cli-text';

/** The newest modification time under the app's sources (what the build is made from). */
function newestSource(paths: string[]): number {
  let newest = 0;
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) for (const f of readdirSync(p)) walk(join(p, f));
    else if (!/\.test\.tsx?$/.test(p)) newest = Math.max(newest, st.mtimeMs);
  };
  paths.forEach(walk);
  return newest;
}

const built = join('dist', 'index.html');
const sources = ['src/ui', 'src/engine', 'src/main.tsx', 'index.html', 'public', 'scenarios', 'vite.config.ts', 'package.json'];
if (!existsSync(built) || statSync(built).mtimeMs < newestSource(sources)) {
  console.log(cliLine(existsSync(built) ? 'start.rebuilding' : 'start.building'));
  await build({ logLevel: 'warn' });
}
await runFromEnv();
