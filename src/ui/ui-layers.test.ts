// @vitest-environment node
/**
 * The UI's layer fence (eslint.config.js, `import-x/no-restricted-paths`): runs the project's own
 * ESLint config on small sources placed in the real folders. The rule skips an import it cannot
 * resolve, so this proves both import forms (`@/…` and relative) resolve and are caught. The
 * imported files are the routed pages and the app, which exist as long as the views do.
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
let eslint: ESLint;

async function fenceErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${file}` });
  return result.messages.filter((m) => m.ruleId === 'import-x/no-restricted-paths').map((m) => m.message);
}

// Loading the config, typescript-eslint's parser and the resolver takes seconds on a busy machine:
// do it once here, under a hook limit no machine comes near, so each case only lints.
beforeAll(async () => {
  eslint = new ESLint({ cwd: root });
  await eslint.lintText('export {};', { filePath: `${root}src/ui/lib/warm-up.ts` });
}, 120_000);

describe('UI layers', () => {
  it.each([
    ['a feature imports the app (alias)', 'src/ui/features/home/x.ts', "import { useRoute } from '@/ui/app/router';\nuseRoute();"],
    ['a feature imports the app (relative)', 'src/ui/features/home/x.ts', "import { useRoute } from '../../app/router';\nuseRoute();"],
    ['a feature imports another feature (alias)', 'src/ui/features/home/x.ts', "import ConsolePage from '@/ui/features/console/console-page';\nvoid ConsolePage;"],
    ['a feature imports another feature (relative)', 'src/ui/features/desks/forms/x.ts', "import ReviewPage from '../../review/review-page';\nvoid ReviewPage;"],
    ['a feature imports another feature’s types only', 'src/ui/features/review/x.ts', "import type DesksPage from '@/ui/features/desks/desks-page';\nexport type F = typeof DesksPage;"],
    ['a component imports a feature', 'src/ui/components/verdict/x.ts', "import ReviewPage from '@/ui/features/review/review-page';\nvoid ReviewPage;"],
    ['lib imports the app', 'src/ui/lib/x.ts', "import { useRoute } from '../app/router';\nuseRoute();"],
    ['i18n imports a feature', 'src/ui/i18n/x.ts', "import '../features/setup/setup-page';"],
    ['a store imports the app', 'src/ui/stores/x.ts', "import { App } from '@/ui/app/app';\nvoid App;"],
    ['persistence imports a feature', 'src/ui/persistence/x.ts', "import '@/ui/features/msel/msel-page';"],
  ])('rejects %s', async (_name, file, code) => {
    const errors = await fenceErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/restricted zone/);
  });

  it.each([
    ['a feature imports its own files and the shared layers', 'src/ui/features/desks/forms/x.ts', "import { routeHref } from '@/ui/lib/routes';\nimport { DeadlineBoard } from '@/ui/components/deadline-board/deadline-board';\nimport { i18n } from '../../../i18n';\nimport * as page from '../desk-page';\nvoid [routeHref, DeadlineBoard, i18n, page];"],
    ['the app imports features', 'src/ui/app/x.ts', "import { HomePage } from '@/ui/features/home/home-page';\nvoid HomePage;"],
    ['a component imports lib and the engine', 'src/ui/components/verdict/x.ts', "import { routeHref } from '../../lib/routes';\nimport { computeScore } from '@/engine/scoring/score';\nvoid [routeHref, computeScore];"],
  ])('allows %s', async (_name, file, code) => {
    expect(await fenceErrors(file, code)).toEqual([]);
  });
});
