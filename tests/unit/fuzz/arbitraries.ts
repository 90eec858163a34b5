import fc from 'fast-check';

/**
 * Shared input generators for the fuzz suite (tests/unit/fuzz). Run counts stay moderate so the
 * whole suite takes a few seconds; a failure prints its seed and the shrunk counterexample.
 */
export const FUZZ_RUNS = 300;
/** For properties that go over a real socket or HTTP connection. */
export const FUZZ_RUNS_NETWORK = 40;

/** Any UTF-16 code unit, lone surrogates included: what a broken sender can put in a string. */
export const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u));
export const utf16String = (maxLength = 40) => fc.string({ unit: anyCodeUnit, maxLength });

/** Text of every kind: ASCII, full Unicode, arbitrary code units, and some edge favourites. */
export const nastyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  utf16String(),
  fc.constantFrom(
    '',
    '\u0000',
    '\uD800',
    '\uDFFF',
    'a\uDBFF\uDBFF',
    '😀',
    '__proto__',
    'constructor',
    'toString',
    '%',
    '%E0%A4%A',
    '../..',
    'x'.repeat(5000),
  ),
);

/** Junk of any JSON-ish or JS shape (what arrives after a JSON.parse, and worse). */
export const junk = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.anything({
      maxDepth: 3,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withSparseArray: true,
      withTypedArray: true,
      stringUnit: anyCodeUnit,
    }),
  },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: nastyString },
);

/** An object with the given keys (each maybe missing), values junk or plausible. */
export const shapedJunk = (
  keys: readonly string[],
  plausible: fc.Arbitrary<unknown> = fc.constant(undefined),
) =>
  fc.dictionary(fc.constantFrom(...keys), fc.oneof(junk, nastyString, plausible, fc.integer(), fc.double()), {
    maxKeys: keys.length,
  });
