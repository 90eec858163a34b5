import { describe, expect, it } from 'vitest';
import { findLoneSurrogate, loneSurrogateReason } from './wellFormedText';

describe('findLoneSurrogate', () => {
  it('finds a lone high or low surrogate in nested text and keys, with its path', () => {
    expect(findLoneSurrogate({ payload: { address: 'ab\uD800c' } })).toEqual({
      path: 'payload.address',
      codeUnit: 'U+D800',
    });
    expect(findLoneSurrogate({ a: [1, 'ok', { name: '\uDC00' }] })).toEqual({
      path: 'a[2].name',
      codeUnit: 'U+DC00',
    });
    expect(findLoneSurrogate({ ['k\uDBFF']: 1 })).toEqual({ path: 'k\uDBFF', codeUnit: 'U+DBFF' });
    expect(findLoneSurrogate('\uD83D')).toEqual({ path: '(root)', codeUnit: 'U+D83D' });
    // A reversed pair is two lone halves.
    expect(findLoneSurrogate('\uDE00\uD83D')).toMatchObject({ codeUnit: 'U+DE00' });
  });

  it('accepts well-formed text, surrogate pairs (emoji, CJK extension B) included', () => {
    expect(findLoneSurrogate({ address: '建设路 😀 𠀀', n: 1, list: [null, true, '\uFFFD'] })).toBeNull();
    const cyclic: Record<string, unknown> = { a: 'x' };
    cyclic.self = cyclic;
    expect(findLoneSurrogate(cyclic)).toBeNull();
  });

  it('says why in the reason', () => {
    expect(loneSurrogateReason({ address: '\uD800' })).toMatch(/address .*lone UTF-16 surrogate \(U\+D800\)/);
    expect(loneSurrogateReason({ address: 'ok' })).toBeNull();
  });
});
