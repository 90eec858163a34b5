/**
 * Text must reach storage exactly as it was sent. A lone UTF-16 surrogate (half of a pair) has
 * no UTF-8 form: SQLite and every UTF-8 writer would replace it with U+FFFD, altering the text
 * silently. So text holding one is refused with this finding as the reason, never stored.
 * In unicode mode a surrogate pair is one code point outside this class, so only lone halves match.
 */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

export interface LoneSurrogate {
  /** Where in the value: "payload.caller.name", "[2]", or "(root)"; object keys are checked too. */
  path: string;
  /** The offending code unit, e.g. "U+D800". */
  codeUnit: string;
}

function codeUnitOf(text: string): string {
  const match = LONE_SURROGATE.exec(text)!;
  return `U+${match[0].charCodeAt(0).toString(16).toUpperCase()}`;
}

const join = (parent: string, key: string | number): string =>
  typeof key === 'number' ? `${parent}[${key}]` : parent === '' ? key : `${parent}.${key}`;

/** The first string (value or key) of `value` holding a lone surrogate, or null when all text is well-formed. */
export function findLoneSurrogate(value: unknown): LoneSurrogate | null {
  const seen = new Set<object>();
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      if (LONE_SURROGATE.test(current)) return { path: path || '(root)', codeUnit: codeUnitOf(current) };
      continue;
    }
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], path: join(path, i) });
      continue;
    }
    for (const [key, child] of Object.entries(current).reverse()) {
      const childPath = join(path, key);
      if (LONE_SURROGATE.test(key)) return { path: childPath, codeUnit: codeUnitOf(key) };
      stack.push({ value: child, path: childPath });
    }
  }
  return null;
}

/** The refusal reason for a value with a lone surrogate, or null. */
export function loneSurrogateReason(value: unknown): string | null {
  const found = findLoneSurrogate(value);
  return found
    ? `text at ${found.path} holds a lone UTF-16 surrogate (${found.codeUnit}); stored, it would be altered, so it is refused`
    : null;
}
