/**
 * How long the server itself takes per command: from its arrival at the drill's writer to its
 * broadcast (stored, announced). `npm run bench:server` reads it (GET /api/server/timings) to report
 * the server's share apart from what its own clients, on the same machine, add (issue 9).
 */
const KEPT = 100_000;

export class CommandTimings {
  private ms: number[] = [];
  /** Writer drains (group commits) since the last take: commands per drain tell how well a burst is batched. */
  private drainCount = 0;

  drained(): void {
    this.drainCount += 1;
  }

  record(ms: number): void {
    if (this.ms.length >= KEPT) this.ms.splice(0, KEPT / 2);
    this.ms.push(ms);
  }

  /** The figures since the last take (sorted, ms), and starts again. */
  take(): { commandMs: number[]; drains: number } {
    const out = { commandMs: this.ms.sort((a, b) => a - b), drains: this.drainCount };
    this.ms = [];
    this.drainCount = 0;
    return out;
  }
}

/** One per process: every drill's writer records into it. */
export const commandTimings = new CommandTimings();
