/**
 * The young generation collected in the server's quiet moments, not in its bursts (issue 9).
 *
 * An inject sets every desk acting at once: on 100 drills such a burst allocates about 14 MB. A
 * young generation left half full by the traffic before it was then collected in the middle of the
 * burst (3–20 ms on a busy 2-core machine; 6–8 times when V8 had shrunk it to 8 MB), and every
 * command of the burst waited for it. While no socket has sent a message for QUIET_MS, the young
 * generation is looked at every QUIET_MS and collected when it holds at least MIN_USED_BYTES (the
 * clock's ticks, saves and the HTTP API go on allocating in quiet times), so a burst starts on an
 * almost empty one. `npm start` also sets it to 32 MB (package.json: `--min-semi-space-size` and
 * `--max-semi-space-size`), which a burst does not fill: V8 starts a collection of its own at 80 %.
 *
 * Needs the `gc` function (`node --expose-gc`, as package.json's `start` and `serve` run the
 * server); without it (tests, another launcher) it does nothing.
 */
import { getHeapSpaceStatistics } from 'node:v8';

/** No message for this long is a quiet moment. */
export const QUIET_MS = 200;
/** Less than this in the young generation is left to V8 (a collection would gain little). */
export const MIN_USED_BYTES = 4 * 1024 * 1024;

export interface QuietCollector {
  /** A message came: the quiet moment starts again from now. */
  busy(): void;
  stop(): void;
}

/**
 * Once `quietMs` pass without `busy`, and every `quietMs` after that until the next `busy`: calls
 * `collect` if `used()` is at least `minUsedBytes`.
 */
export function quietCollector(collect: () => void, used: () => number, quietMs = QUIET_MS, minUsedBytes = MIN_USED_BYTES): QuietCollector {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const fire = () => {
    if (used() >= minUsedBytes) collect();
    // Still quiet: look again in a while (the timer's own refresh, as `busy` does).
    timer?.refresh();
  };
  return {
    busy() {
      // refresh() moves the one timer on: no timer is made per message.
      if (timer) timer.refresh();
      else {
        timer = setTimeout(fire, quietMs);
        timer.unref?.();
      }
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

const youngUsed = (): number => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_used_size ?? 0;

type Gc = (options: { type: 'minor' | 'major' }) => void;
const exposedGc = (globalThis as { gc?: Gc }).gc;

/** The process's collector: the young generation's, when node exposes `gc`; else one that does nothing. */
export const serverQuietCollector: QuietCollector = exposedGc
  ? quietCollector(() => exposedGc({ type: 'minor' }), youngUsed)
  : { busy: () => undefined, stop: () => undefined };
