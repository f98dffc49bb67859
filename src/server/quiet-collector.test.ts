import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { quietCollector } from './quiet-collector';

describe('quietCollector (issue 9: the young generation collected between bursts)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('collects once the quiet time has passed with no message, not before', () => {
    const collect = vi.fn();
    const q = quietCollector(collect, () => 10, 200, 5);
    q.busy();
    vi.advanceTimersByTime(199);
    expect(collect).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(collect).toHaveBeenCalledTimes(1);
  });

  it('looks again every quiet time while the quiet goes on, and collects only what has piled up', () => {
    const collect = vi.fn();
    let used = 10;
    const q = quietCollector(() => (collect(), (used = 0)), () => used, 200, 5);
    q.busy();
    vi.advanceTimersByTime(200);
    expect(collect).toHaveBeenCalledTimes(1);
    // The clock's ticks and the HTTP API allocate in quiet times too.
    vi.advanceTimersByTime(1000);
    expect(collect).toHaveBeenCalledTimes(1);
    used = 6;
    vi.advanceTimersByTime(200);
    expect(collect).toHaveBeenCalledTimes(2);
    q.stop();
  });

  it('never collects while messages keep coming (a burst, human-paced traffic)', () => {
    const collect = vi.fn();
    const q = quietCollector(collect, () => 10, 200, 5);
    for (let i = 0; i < 50; i += 1) {
      q.busy();
      vi.advanceTimersByTime(150);
    }
    expect(collect).not.toHaveBeenCalled();
    vi.advanceTimersByTime(50);
    expect(collect).toHaveBeenCalledTimes(1);
    q.stop();
  });

  it('leaves a young generation holding little to V8', () => {
    const collect = vi.fn();
    let used = 4;
    const q = quietCollector(collect, () => used, 200, 5);
    q.busy();
    vi.advanceTimersByTime(200);
    expect(collect).not.toHaveBeenCalled();
    used = 5;
    vi.advanceTimersByTime(200);
    expect(collect).toHaveBeenCalledTimes(1);
    q.stop();
  });

  it('stop cancels a pending collection', () => {
    const collect = vi.fn();
    const q = quietCollector(collect, () => 10, 200, 5);
    q.busy();
    q.stop();
    vi.advanceTimersByTime(1000);
    expect(collect).not.toHaveBeenCalled();
  });
});
