/**
 * npm run -s verify -- RECORD.json [--key KEYFILE] [--json]
 *
 * Checks a drill record's seal (docs/drill-record.md, "Signed seals") and prints the verdict: who
 * signed it and when, or why it is not verified. KEYFILE is the deployment's published key document
 * (the JSON served at /.well-known/taipei-drill-keys.json) or an Ed25519 public key in PEM; without
 * --key, the file named by TDRILL_SEAL_PUBLIC_KEYS is used when set.
 *
 * Exit codes: 0 verified (intact chain, signed by a trusted key); 1 read fine but not verified
 * (self-sealed, unsealed, cannot verify, broken); 2 unreadable or invalid record or key; 64 bad usage.
 */
import { verifySeal, type TrustedKey } from '../engine/integrity/seal-signature';
import { integrityText } from '../engine/report/after-action-report';
import { EXIT_INVALID, readRecordFile } from './cli-io';
import { readTrustedKeys } from './seal-keys';

export { readTrustedKeys };

const USAGE = 'usage: npm run -s verify -- RECORD.json [--key KEYS.json|PUBLIC.pem] [--json]';

export async function runVerify(argv: string[], io = { stdout: (s: string) => void process.stdout.write(s), stderr: (s: string) => void process.stderr.write(s) }, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let keyFile = env.TDRILL_SEAL_PUBLIC_KEYS || undefined;
  let json = false;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--key') {
      keyFile = argv[++i];
      if (keyFile === undefined) {
        io.stderr(`--key needs a file\n${USAGE}\n`);
        return 64;
      }
    } else if (a === '--json') json = true;
    else if (a === '--help' || a === '-h') {
      io.stdout(USAGE + '\n');
      return 0;
    } else if (a.startsWith('--')) {
      io.stderr(`unknown option ${a}\n${USAGE}\n`);
      return 64;
    } else files.push(a);
  }
  if (files.length !== 1) {
    io.stderr(`${files.length === 0 ? 'no record file given' : 'give one record file'}\n${USAGE}\n`);
    return 64;
  }
  let keys: TrustedKey[] = [];
  if (keyFile !== undefined) {
    const k = readTrustedKeys(keyFile, env);
    if (!k.ok) {
      io.stderr(k.message + '\n');
      return EXIT_INVALID;
    }
    keys = k.keys;
  }
  const read = readRecordFile(files[0]);
  if (!read.ok) {
    io.stderr(read.message + '\n');
    return EXIT_INVALID;
  }
  const result = await verifySeal(read.record, keys);
  if (json) io.stdout(JSON.stringify({ file: files[0], ...result }, null, 2) + '\n');
  else {
    io.stdout(`${files[0]}: ${result.status === 'verified' ? 'VERIFIED' : 'NOT VERIFIED'} (${result.status})\n`);
    io.stdout(`  ${integrityText(result, 'en')}\n`);
    if (result.reason && result.status !== 'broken') io.stdout(`  ${result.reason}\n`);
    if (result.status === 'broken' && result.reason) io.stdout(`  ${result.reason}\n`);
  }
  return result.status === 'verified' ? 0 : 1;
}

const invokedDirectly = process.argv[1] !== undefined && /verify\.(ts|mjs)$/.test(process.argv[1]);
if (invokedDirectly) void runVerify(process.argv.slice(2)).then((code) => (process.exitCode = code));
