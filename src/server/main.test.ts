// @vitest-environment node
/**
 * What `npm start` prints. Open to the LAN (HOST=0.0.0.0), the facilitator's link must name a LAN
 * address: the console builds every join link and QR code from the address it was opened at, and a
 * `localhost` link opened on a phone reaches the phone itself.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

vi.mock('node:os', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:os')>();
  const nic = (address: string, internal: boolean, family: 'IPv4' | 'IPv6' = 'IPv4') => ({ address, internal, family, netmask: '', mac: '', cidr: null });
  return {
    ...real,
    networkInterfaces: () => ({ lo: [nic('127.0.0.1', true)], eth0: [nic('fe80::1', false, 'IPv6'), nic('192.168.10.23', false)], wlan0: [nic('10.0.0.7', false)] }),
  };
});

const { lanOrigins, optionsFromEnv, startDrillServer } = await import('./main');

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

async function start(host: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tdrill-main-'));
  const s = await startDrillServer({ host, port: 0, dataDir, distDir: join(dataDir, 'no-dist'), facilitatorToken: 'main-test-token' });
  closers.push(async () => {
    await s.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return s;
}

describe('the links npm start prints', () => {
  it('HOST=0.0.0.0: the facilitator link and the participants addresses are LAN addresses', async () => {
    const s = await start('0.0.0.0');
    const port = new URL(s.facilitatorLink).port;
    expect(s.facilitatorLink).toBe(`http://192.168.10.23:${port}/start/main-test-token`);
    expect(s.participantAddresses).toEqual([`http://192.168.10.23:${port}/`, `http://10.0.0.7:${port}/`]);
  });

  it('the default HOST=localhost: this computer only', async () => {
    const s = await start('localhost');
    const port = new URL(s.facilitatorLink).port;
    expect(s.facilitatorLink).toBe(`http://localhost:${port}/start/main-test-token`);
    expect(s.participantAddresses).toEqual([`http://localhost:${port}/`]);
  });

  it('a PORT that is not a port stops the start with what was given', () => {
    expect(() => optionsFromEnv({ PORT: 'abc' })).toThrow('PORT must be a port number 0–65535 (got "abc")');
    expect(() => optionsFromEnv({ PORT: '70000' })).toThrow(/got "70000"/);
    expect(optionsFromEnv({ PORT: '4600' }).port).toBe(4600);
  });

  it('lists no LAN address for a server bound to one address', () => {
    expect(lanOrigins('127.0.0.1', 8080, {})).toEqual([]);
  });
});
