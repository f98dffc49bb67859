/**
 * How long the server itself takes per command: from its arrival at the drill's writer to its
 * broadcast (stored, announced). `npm run bench:server` reads it (GET /api/server/timings) to report
 * the server's share apart from what its own clients, on the same machine, add (issue 9).
 */
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';

const KEPT = 100_000;

/** The process's garbage collections since the last take: count and ms, minor and major apart. */
export interface GcCounts {
  minor: number;
  minorMs: number;
  major: number;
  majorMs: number;
}

export class CommandTimings {
  private ms: number[] = [];
  /** Writer drains (group commits) since the last take: commands per drain tell how well a burst is batched. */
  private drainCount = 0;

  drained(): void {
    this.drainCount += 1;
  }

  private gc: GcCounts = { minor: 0, minorMs: 0, major: 0, majorMs: 0 };
  private observer: PerformanceObserver | null = null;

  /** Starts counting garbage collections: from the first read of the timings (the benchmark's, before its burst). */
  watchGc(): void {
    if (this.observer) return;
    this.observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const kind = (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
        if (kind === constants.NODE_PERFORMANCE_GC_MINOR) {
          this.gc.minor += 1;
          this.gc.minorMs += e.duration;
        } else {
          this.gc.major += 1;
          this.gc.majorMs += e.duration;
        }
      }
    });
    this.observer.observe({ entryTypes: ['gc'] });
  }

  record(ms: number): void {
    if (this.ms.length >= KEPT) this.ms.splice(0, KEPT / 2);
    this.ms.push(ms);
  }

  /** The figures since the last take (sorted, ms), and starts again. */
  take(): { commandMs: number[]; drains: number; gc: GcCounts & { newSpaceMb: number } } {
    const out = { commandMs: this.ms.sort((a, b) => a - b), drains: this.drainCount, gc: { ...this.gc, newSpaceMb: Math.round((getHeapSpaceStatistics().find((x) => x.space_name === 'new_space')?.space_size ?? 0) / 1e5) / 10 } };
    this.ms = [];
    this.drainCount = 0;
    this.gc = { minor: 0, minorMs: 0, major: 0, majorMs: 0 };
    return out;
  }
}

/** One per process: every drill's writer records into it. */
export const commandTimings = new CommandTimings();
