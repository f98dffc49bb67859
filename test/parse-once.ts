import type { parseScenario } from '@/engine/scenario/parse';

/**
 * The real scenario parser, run once per source and text in a test file: parsing and checking the
 * YAML of every scenario again in each test made component tests slow on a busy machine (issue 14).
 * Used from a `vi.mock` of '@/engine/scenario/parse'; the result of each text is the real one.
 */
export function parseOnce(parse: typeof parseScenario): typeof parseScenario {
  const parsed = new Map<string, ReturnType<typeof parseScenario>>();
  return (text, source) => {
    const key = `${source}\n${text}`;
    let result = parsed.get(key);
    if (!result) {
      result = parse(text, source);
      parsed.set(key, result);
    }
    return result;
  };
}
