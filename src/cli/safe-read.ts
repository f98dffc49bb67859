/**
 * Reading an input file safely, for every CLI (issue 10): a regular file only (not /dev/zero, a
 * FIFO or a folder), no larger than the cap, checked before a byte is read; then strict UTF-8 as the
 * browser reads it (src/engine/record/text-input.ts). Errors are one line naming the file, the
 * place and what is wrong.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { decodeUtf8, type TextResult } from '../engine/record/text-input';

const mib = (n: number): string => `${Math.round((n / 1024 / 1024) * 10) / 10} MiB`;

export function readInputFile(path: string, maxBytes: number): TextResult {
  let fd: number;
  try {
    // O_NONBLOCK would matter for a FIFO; we refuse non-regular files right after opening instead.
    fd = openSync(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a file' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    return { ok: false, message: `${path}: cannot read the file: ${why}` };
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return { ok: false, message: `${path}: cannot read the file: is a directory, not a file` };
    if (!st.isFile()) return { ok: false, message: `${path}: cannot read the file: not a regular file (a device, pipe or socket)` };
    if (st.size > maxBytes) return { ok: false, message: `${path}: the file is ${mib(st.size)}, more than the ${mib(maxBytes)} allowed` };
    const bytes = new Uint8Array(st.size);
    let got = 0;
    while (got < st.size) {
      const n = readSync(fd, bytes, got, st.size - got, got);
      if (n === 0) break;
      got += n;
    }
    return decodeUtf8(got === st.size ? bytes : bytes.subarray(0, got), path);
  } catch (err) {
    return { ok: false, message: `${path}: cannot read the file: ${(err as Error).message}` };
  } finally {
    closeSync(fd);
  }
}
