import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// `npm run -s score -- X.json | head -1` (issue 9 item 1): the reader closes the pipe before the
// command has written everything. The command must end quietly, with the exit code it has when its
// output is read in full, not with an EPIPE stack trace.

const RECORD = 'test/fixtures/records/good.json';
const INVALID = 'test/fixtures/records/invalid-json.json';

/** Runs the command as `npm run -s NAME` does, with a stdout pipe whose reader is already gone. */
function runWithClosedStdout(args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['src/cli/run.mjs', ...args], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    // Closed before the command starts (node takes far longer to start than this): every write fails.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

function exitCodeWhenRead(args: string[]): number | null {
  return spawnSync(process.execPath, ['src/cli/run.mjs', ...args], { cwd: process.cwd(), encoding: 'utf8', timeout: 60_000 }).status;
}

describe('a CLI whose output reader closes early', () => {
  it.each([
    ['score', [RECORD]],
    ['score', [RECORD, '--json']],
    ['report', [RECORD]],
    ['verify', [RECORD]],
  ])('%s %j ends quietly with its own exit code', async (cmd, args) => {
    const expected = exitCodeWhenRead([cmd, ...args]);
    const r = await runWithClosedStdout([cmd, ...args]);
    expect(r.stderr).not.toMatch(/EPIPE|Error|at /);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(expected);
  });

  it('still reports an invalid record on stderr with exit code 2', async () => {
    const r = await runWithClosedStdout(['score', INVALID]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('invalid-json.json');
    expect(r.stderr).not.toMatch(/EPIPE/);
  });
});
