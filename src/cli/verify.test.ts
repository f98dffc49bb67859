import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runVerify } from './verify';

const T = 'test/fixtures/tampering/';
const KEYS = T + 'test-keys.json';

async function verify(...args: string[]) {
  let out = '';
  let err = '';
  const code = await runVerify(args, { stdout: (s) => void (out += s), stderr: (s) => void (err += s) }, {});
  return { code, out, err };
}

describe('npm run verify', () => {
  it('exits 0 for a signed, intact record with the deployment key, naming who signed and when', async () => {
    const r = await verify(T + 'signed-intact.json', '--key', KEYS);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/VERIFIED \(verified\)/);
    expect(r.out).toMatch(/signed by 臺北市政府資訊局演練伺服器（測試金鑰） at 2026-03-02T14:00:00\+08:00/);
  });

  it.each([
    ['signed-intact.json', [], /NOT VERIFIED \(signed\)[\s\S]*no trusted key/],
    ['self-sealed.json', ['--key', KEYS], /NOT VERIFIED \(self-sealed\)/],
    ['integrity-removed.json', ['--key', KEYS], /NOT VERIFIED \(unsealed\)/],
    ['algorithm-renamed.json', ['--key', KEYS], /NOT VERIFIED \(unknown\)[\s\S]*cannot verify/],
    ['middle-deleted.json', ['--key', KEYS], /NOT VERIFIED \(broken\)[\s\S]*1 event\(s\) removed at seq 4/],
    ['tail-cut-rechained.json', ['--key', KEYS], /NOT VERIFIED \(broken\)[\s\S]*signature does not match/],
  ])('%s %j exits 1 with the verdict', async (file, extra, message) => {
    const r = await verify(T + file, ...(extra as string[]));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(message);
  });

  it('exits 2 for an unreadable record or key file, 64 for bad usage', async () => {
    expect((await verify('no-such.json')).code).toBe(2);
    expect((await verify(T + 'signed-intact.json', '--key', T + 'signed-intact.json')).err).toMatch(/\$\.format: expected "taipei-drill-keys\/1"/);
    expect((await verify()).code).toBe(64);
  });

  it('runs as the documented command, with a PEM public key too', () => {
    const pub = spawnSync('node', ['-e', "const c=require('crypto');process.stdout.write(c.createPublicKey(require('fs').readFileSync('test/fixtures/tampering/test-key.pem')).export({type:'spki',format:'pem'}))"], { encoding: 'utf8' }).stdout;
    const dir = spawnSync('mktemp', ['-d'], { encoding: 'utf8' }).stdout.trim();
    spawnSync('bash', ['-c', `cat > ${dir}/pub.pem`], { input: pub });
    const r = spawnSync('npm', ['run', '-s', 'verify', '--', T + 'signed-intact.json', '--key', `${dir}/pub.pem`], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout).toMatch(/VERIFIED \(verified\)[\s\S]*signed by 臺北市政府資訊局演練伺服器（測試金鑰）/);
    expect(r.status).toBe(0);
    const other = spawnSync('npm', ['run', '-s', 'verify', '--', T + 'signed-intact.json', '--key', `${dir}/pub.pem`], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, TDRILL_SEAL_SIGNER: 'someone else' },
    });
    expect(other.stdout).toMatch(/NOT VERIFIED \(broken\)/);
    expect(other.status).toBe(1);
  }, 60_000);
});
