import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_INT64,
  MIN_INT64,
  QUANTITY_ERROR_MESSAGES,
  QuantityParseError,
  bytesToQuantity,
  canonicalQuantityString,
  compareQuantities,
  formatQuantity,
  isWholeNumber,
  parseQuantity,
  parseQuantityAsAPIServer,
  quantityAsInt64,
  quantityMilliValue,
  quantityScaledValue,
  quantitySign,
  quantityToFraction,
  quantityValue,
  scaledQuantity,
  tryParseQuantity,
  type Quantity,
  type QuantityFormat,
} from '../src/quantity.js';

// Most tables below are transcribed from upstream
// k8s.io/apimachinery/pkg/api/resource/quantity_test.go (kubernetes/apimachinery
// 357557a6), quantity_golden_test.go and quantity_compat_test.go
// (kubernetes/kubernetes staging). Upstream's decQuantity(i, e, f) is
// scaledQuantity(i, e, f) here: the value i × 10^e.

const ErrFormatWrong = QUANTITY_ERROR_MESSAGES.format;
const ErrNumeric = QUANTITY_ERROR_MESSAGES.numeric;
const ErrSuffix = QUANTITY_ERROR_MESSAGES.suffix;

const dec = (i: bigint, e: number, f: QuantityFormat = 'DecimalSI'): Quantity => scaledQuantity(i, e, f);
const cmp = (a: string, b: string) => compareQuantities(parseQuantity(a), parseQuantity(b));

function parseError(text: string): QuantityParseError {
  const r = tryParseQuantity(text);
  if (!(r instanceof QuantityParseError)) throw new Error(`${JSON.stringify(text)} parsed unexpectedly`);
  return r;
}

describe('error messages', () => {
  it('are upstream ErrFormatWrong, ErrNumeric and ErrSuffix verbatim', () => {
    expect(ErrFormatWrong).toBe(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
    expect(ErrNumeric).toBe('unable to parse numeric part of quantity');
    expect(ErrSuffix).toBe("unable to parse quantity's suffix");
  });

  it('parseQuantity throws a QuantityParseError carrying the input', () => {
    expect(() => parseQuantity('3GB')).toThrow(QuantityParseError);
    expect(() => parseQuantity('3GB')).toThrow(ErrFormatWrong);
    const e = parseError('3GB');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('QuantityParseError');
    expect(e.input).toBe('3GB');
    expect(e.message).toBe(ErrFormatWrong);
  });
});

describe('parseQuantity: valid input (upstream TestQuantityParse)', () => {
  // [input, expected value, expected format]
  const table: Array<[string, Quantity, QuantityFormat]> = [
    ['0', dec(0n, 0), 'DecimalSI'],
    ['0n', dec(0n, 0), 'DecimalSI'],
    ['0u', dec(0n, 0), 'DecimalSI'],
    ['0m', dec(0n, 0), 'DecimalSI'],
    ['0Ki', dec(0n, 0), 'BinarySI'],
    ['0k', dec(0n, 0), 'DecimalSI'],
    ['0Mi', dec(0n, 0), 'BinarySI'],
    ['0M', dec(0n, 0), 'DecimalSI'],
    ['0Gi', dec(0n, 0), 'BinarySI'],
    ['0G', dec(0n, 0), 'DecimalSI'],
    ['0Ti', dec(0n, 0), 'BinarySI'],
    ['0T', dec(0n, 0), 'DecimalSI'],
    // Quantity less numbers are allowed
    ['1', dec(1n, 0), 'DecimalSI'],
    // Binary suffixes
    ['1Ki', dec(1024n, 0), 'BinarySI'],
    ['8Ki', dec(8n * 1024n, 0), 'BinarySI'],
    ['7Mi', dec(7n * 1024n ** 2n, 0), 'BinarySI'],
    ['6Gi', dec(6n * 1024n ** 3n, 0), 'BinarySI'],
    ['5Ti', dec(5n * 1024n ** 4n, 0), 'BinarySI'],
    ['4Pi', dec(4n * 1024n ** 5n, 0), 'BinarySI'],
    ['3Ei', dec(3n * 1024n ** 6n, 0), 'BinarySI'],
    ['10Ti', dec(10n * 1024n ** 4n, 0), 'BinarySI'],
    ['100Ti', dec(100n * 1024n ** 4n, 0), 'BinarySI'],
    // Decimal suffixes
    ['5n', dec(5n, -9), 'DecimalSI'],
    ['4u', dec(4n, -6), 'DecimalSI'],
    ['3m', dec(3n, -3), 'DecimalSI'],
    ['9', dec(9n, 0), 'DecimalSI'],
    ['8k', dec(8n, 3), 'DecimalSI'],
    ['50k', dec(5n, 4), 'DecimalSI'],
    ['7M', dec(7n, 6), 'DecimalSI'],
    ['6G', dec(6n, 9), 'DecimalSI'],
    ['5T', dec(5n, 12), 'DecimalSI'],
    ['40T', dec(4n, 13), 'DecimalSI'],
    ['300T', dec(3n, 14), 'DecimalSI'],
    ['2P', dec(2n, 15), 'DecimalSI'],
    ['1E', dec(1n, 18), 'DecimalSI'],
    // Decimal exponents
    ['1E-3', dec(1n, -3), 'DecimalExponent'],
    ['1e3', dec(1n, 3), 'DecimalExponent'],
    ['1E6', dec(1n, 6), 'DecimalExponent'],
    ['1e9', dec(1n, 9), 'DecimalExponent'],
    ['1E12', dec(1n, 12), 'DecimalExponent'],
    ['1e15', dec(1n, 15), 'DecimalExponent'],
    ['1E18', dec(1n, 18), 'DecimalExponent'],
    // Nonstandard but still parsable
    ['1e14', dec(1n, 14), 'DecimalExponent'],
    ['1e13', dec(1n, 13), 'DecimalExponent'],
    ['100.035k', dec(100035n, 0), 'DecimalSI'],
    // Things that look like floating point
    ['0.001', dec(1n, -3), 'DecimalSI'],
    ['0.0005k', dec(5n, -1), 'DecimalSI'],
    ['0.005', dec(5n, -3), 'DecimalSI'],
    ['0.05', dec(5n, -2), 'DecimalSI'],
    ['0.5', dec(5n, -1), 'DecimalSI'],
    ['0.00050k', dec(5n, -1), 'DecimalSI'],
    ['0.00500', dec(5n, -3), 'DecimalSI'],
    ['0.05000', dec(5n, -2), 'DecimalSI'],
    ['0.50000', dec(5n, -1), 'DecimalSI'],
    ['0.5e0', dec(5n, -1), 'DecimalExponent'],
    ['0.5e-1', dec(5n, -2), 'DecimalExponent'],
    ['0.5e-2', dec(5n, -3), 'DecimalExponent'],
    ['10.035M', dec(10035n, 3), 'DecimalSI'],
    ['1.2e3', dec(12n, 2), 'DecimalExponent'],
    ['1.3E+6', dec(13n, 5), 'DecimalExponent'],
    ['1.40e9', dec(14n, 8), 'DecimalExponent'],
    ['1.53E12', dec(153n, 10), 'DecimalExponent'],
    ['1.6e15', dec(16n, 14), 'DecimalExponent'],
    ['1.7E18', dec(17n, 17), 'DecimalExponent'],
    ['9.01', dec(901n, -2), 'DecimalSI'],
    ['8.1k', dec(81n, 2), 'DecimalSI'],
    ['7.123456M', dec(7123456n, 0), 'DecimalSI'],
    ['6.987654321G', dec(6987654321n, 0), 'DecimalSI'],
    ['5.444T', dec(5444n, 9), 'DecimalSI'],
    ['40.1T', dec(401n, 11), 'DecimalSI'],
    ['300.2T', dec(3002n, 11), 'DecimalSI'],
    ['2.5P', dec(25n, 14), 'DecimalSI'],
    ['1.01E', dec(101n, 16), 'DecimalSI'],
    // Things that saturate/round
    ['3.001n', dec(4n, -9), 'DecimalSI'],
    ['1.1E-9', dec(2n, -9), 'DecimalExponent'],
    ['0.0000000001', dec(1n, -9), 'DecimalSI'],
    ['0.0000000005', dec(1n, -9), 'DecimalSI'],
    ['0.00000000050', dec(1n, -9), 'DecimalSI'],
    ['0.5e-9', dec(1n, -9), 'DecimalExponent'],
    ['0.9n', dec(1n, -9), 'DecimalSI'],
    ['0.00000012345', dec(124n, -9), 'DecimalSI'],
    ['0.00000012354', dec(124n, -9), 'DecimalSI'],
    ['9Ei', dec(MAX_INT64, 0), 'BinarySI'],
    ['9223372036854775807Ki', dec(MAX_INT64, 0), 'BinarySI'],
    ['12E', dec(12n, 18), 'DecimalSI'],
    // We'll accept fractional binary stuff, too.
    ['100.035Ki', dec(10243584n, -2), 'BinarySI'],
    ['0.5Mi', dec(512n * 1024n, 0), 'BinarySI'],
    ['0.05Gi', dec(536870912n, -1), 'BinarySI'],
    ['0.025Ti', dec(274877906944n, -1), 'BinarySI'],
    // Things written by trolls
    ['0.000000000001Ki', dec(2n, -9), 'DecimalSI'], // rounds up, changes format
    ['.001', dec(1n, -3), 'DecimalSI'],
    ['.0001k', dec(100n, -3), 'DecimalSI'],
    ['1.', dec(1n, 0), 'DecimalSI'],
    ['1.G', dec(1n, 9), 'DecimalSI'],
  ];

  it.each(table)('%s', (input, expected, format) => {
    const got = parseQuantity(input);
    expect(compareQuantities(got, expected)).toBe(0);
    expect(got.format).toBe(format);
    expect(got.text).toBe(input);
  });

  // Upstream repeats the table with "-" and "+" prepended: same format, value negated / unchanged.
  it.each(table)('-%s', (input, expected, format) => {
    const got = parseQuantity(`-${input}`);
    expect(compareQuantities(got, dec(-expected.mantissa, expected.exponent))).toBe(0);
    expect(got.format).toBe(format);
  });

  it.each(table)('+%s', (input, expected, format) => {
    const got = parseQuantity(`+${input}`);
    expect(compareQuantities(got, expected)).toBe(0);
    expect(got.format).toBe(format);
  });
});

describe('parseQuantity: invalid input', () => {
  const table: Array<[string, string]> = [
    // upstream TestQuantityParse `invalid`
    ['1.1.M', ErrFormatWrong],
    ['1+1.0M', ErrFormatWrong],
    ['0.1mi', ErrSuffix],
    ['0.1am', ErrFormatWrong],
    ['aoeu', ErrFormatWrong],
    ['.5i', ErrSuffix],
    ['1i', ErrSuffix],
    ['-3.01i', ErrSuffix],
    ['-3.01e-', ErrSuffix],
    [' 1', ErrFormatWrong], // trailing whitespace is forbidden
    ['1 ', ErrFormatWrong],
    ['Non-Numeric', ErrFormatWrong], // TestQuantityParseNonNumericPanic
    ['invalid', ErrFormatWrong], // TestQuantityValueSet
    // the brief's examples
    ['', ErrFormatWrong],
    ['3GB', ErrFormatWrong],
    ['3gi', ErrFormatWrong], // `g` is not a suffix letter, so not even ErrSuffix
    ['3 Gi', ErrFormatWrong],
    ['1.2.3', ErrFormatWrong],
    // scanner corners
    ['1KI', ErrFormatWrong],
    ['1e3e', ErrFormatWrong],
    ['1..', ErrFormatWrong],
    ['1Gi\n', ErrFormatWrong],
    ['\ufeff1', ErrFormatWrong],
    ['1µ', ErrFormatWrong],
    ['1ki', ErrSuffix], // letters the scanner allows, no such suffix
    ['1Mi3', ErrSuffix],
    ['1e', ErrSuffix], // a lone e is neither a suffix nor an exponent
    ['1E+', ErrSuffix],
    ['1e-', ErrSuffix],
    ['1-3', ErrSuffix],
    ['--1', ErrSuffix], // the second sign is read as the suffix "-1"
    ['1e9223372036854775808', ErrSuffix], // exponent past int64 fails strconv.ParseInt
    ['1eKi', ErrSuffix],
    // no digit at all, on the inf.Dec path
    ['Pi', ErrNumeric],
    ['Ei', ErrNumeric],
    ['-Ei', ErrNumeric],
    ['e-10', ErrNumeric],
    ['.e-10', ErrNumeric],
  ];

  it.each(table)('%j', (input, message) => {
    const e = parseError(input);
    expect(e.message).toBe(message);
    expect(e.input).toBe(input);
    expect(() => parseQuantity(input)).toThrow(message);
  });
});

describe('parseQuantity: upstream quirks (accepted although the quoted regex would reject them)', () => {
  // The scanner substitutes 0 for a missing integer part and the int64 fast
  // path never checks for digits, so these are zero. `Pi`/`Ei` differ only
  // because their precision heuristic sends them to inf.Dec (ErrNumeric above).
  it.each([
    ['Gi', 'BinarySI'],
    ['Ki', 'BinarySI'],
    ['Ti', 'BinarySI'],
    ['k', 'DecimalSI'],
    ['m', 'DecimalSI'],
    ['-', 'DecimalSI'],
    ['+', 'DecimalSI'],
    ['.', 'DecimalSI'],
    ['-.', 'DecimalSI'],
    ['.G', 'DecimalSI'],
    ['e5', 'DecimalExponent'],
    ['-e5', 'DecimalExponent'],
  ] as Array<[string, QuantityFormat]>)('%j parses as zero (%s)', (input, format) => {
    const q = parseQuantity(input);
    expect(quantitySign(q)).toBe(0);
    expect(q.format).toBe(format);
    expect(formatQuantity(q)).toBe('0');
  });

  it('accepts a sign only as the first character and "1." / ".5" / "1.G"', () => {
    expect(quantityValue(parseQuantity('+1'))).toBe(1n);
    expect(compareQuantities(parseQuantity('.5'), dec(5n, -1))).toBe(0);
    expect(compareQuantities(parseQuantity('-.5'), dec(-5n, -1))).toBe(0);
    expect(compareQuantities(parseQuantity('5.'), dec(5n, 0))).toBe(0);
    expect(compareQuantities(parseQuantity('1.Gi'), dec(1n << 30n, 0))).toBe(0);
    expect(compareQuantities(parseQuantity('007Ki'), dec(7n * 1024n, 0))).toBe(0);
  });

  it('reads e/E as an exponent unless it is the whole suffix: 1E is exa, 1E3 is 1000', () => {
    expect(parseQuantity('1E').format).toBe('DecimalSI');
    expect(compareQuantities(parseQuantity('1E'), dec(1n, 18))).toBe(0);
    expect(parseQuantity('1E3').format).toBe('DecimalExponent');
    expect(compareQuantities(parseQuantity('1E3'), dec(1n, 3))).toBe(0);
    expect(compareQuantities(parseQuantity('12e6'), dec(12n, 6))).toBe(0);
    expect(compareQuantities(parseQuantity('1e+3'), dec(1n, 3))).toBe(0);
  });

  it('keeps decimal values past int64 but caps binary ones, silently, at 2^63-1', () => {
    // quantity.go doc comment: "18446744073709551616" keeps its value, "8Ei" parses as 2^63-1.
    expect(compareQuantities(parseQuantity('18446744073709551616'), dec(1n << 64n, 0))).toBe(0);
    expect(compareQuantities(parseQuantity('1000E'), dec(1n, 21))).toBe(0);
    expect(compareQuantities(parseQuantity('8Ei'), dec(MAX_INT64, 0))).toBe(0);
    expect(compareQuantities(parseQuantity('-20Ei'), dec(-MAX_INT64, 0))).toBe(0); // symmetric cap, not MinInt64
    expect(compareQuantities(parseQuantity('7.9999Ei'), dec(79999n * (1n << 60n), -4))).toBe(0);
  });

  it('rounds below one nano away from zero, keeping the sign', () => {
    expect(compareQuantities(parseQuantity('0.1n'), dec(1n, -9))).toBe(0);
    expect(compareQuantities(parseQuantity('-0.1n'), dec(-1n, -9))).toBe(0);
    expect(compareQuantities(parseQuantity('1e-1000'), dec(1n, -9))).toBe(0);
    expect(compareQuantities(parseQuantity('-.484785E-7466'), dec(-1n, -9))).toBe(0); // issue #110653
    expect(compareQuantities(parseQuantity('-0.0000000000'), dec(0n, 0))).toBe(0);
  });
});

describe('parseQuantityAsAPIServer (JSON/CBOR decoders TrimSpace first)', () => {
  // upstream TestJSONWhitespace and TestQuantityUnmarshalCBOR "whitespace"
  it.each([
    [' 1', '1'],
    ['1 ', '1'],
    [' -1', '-1'],
    [' \t\n\r1M \t\n\r', '1M'],
    ['\u00a01Gi\u0085', '1Gi'], // Go's unicode.IsSpace includes NBSP and NEL
  ])('%j -> %s', (input, expected) => {
    const q = parseQuantityAsAPIServer(input);
    if (q instanceof QuantityParseError) throw q;
    expect(formatQuantity(q)).toBe(expected);
  });

  it('does not trim what Go does not trim, and reports the untrimmed input', () => {
    const bom = parseQuantityAsAPIServer('\ufeff1');
    expect(bom).toBeInstanceOf(QuantityParseError);
    const empty = parseQuantityAsAPIServer('  ');
    expect(empty).toBeInstanceOf(QuantityParseError);
    expect((empty as QuantityParseError).message).toBe(ErrFormatWrong);
    expect((empty as QuantityParseError).input).toBe('  ');
  });
});

describe('formatQuantity (upstream String)', () => {
  // upstream TestQuantityString: [value, expected, alternate spelling that must canonicalise to it]
  const table: Array<[Quantity, string, string]> = [
    [dec(1024n * 1024n * 1024n, 0, 'BinarySI'), '1Gi', '1024Mi'],
    [dec(300n * 1024n * 1024n, 0, 'BinarySI'), '300Mi', '307200Ki'],
    [dec(6n * 1024n, 0, 'BinarySI'), '6Ki', ''],
    [dec(1001n * 1024n * 1024n * 1024n, 0, 'BinarySI'), '1001Gi', '1025024Mi'],
    [dec(1024n * 1024n * 1024n * 1024n, 0, 'BinarySI'), '1Ti', '1024Gi'],
    [dec(5n, 0, 'BinarySI'), '5', '5000m'],
    [dec(500n, -3, 'BinarySI'), '500m', '0.5'],
    [dec(1n, 9), '1G', '1000M'],
    [dec(1000n, 6), '1G', '0.001T'],
    [dec(1000000n, 3), '1G', ''],
    [dec(1000000000n, 0), '1G', ''],
    [dec(1n, -3), '1m', '1000u'],
    [dec(80n, -3), '80m', ''],
    [dec(1080n, -3), '1080m', '1.08'],
    [dec(108n, -2), '1080m', '1080000000n'],
    [dec(10800n, -4), '1080m', ''],
    [dec(300n, 6), '300M', ''],
    [dec(1n, 12), '1T', ''],
    // DecimalSI has no suffix beyond "E": exponent notation since #140459
    [dec(1n, 18), '1E', ''],
    [dec(1n, 21), '1e21', '1000E'],
    [dec(5n, 21), '5e21', '5000E'],
    [dec(1n, 24), '1e24', '1000000E'],
    [dec(1234567n, 6), '1234567M', ''],
    [dec(1234567n, -3, 'BinarySI'), '1234567m', ''],
    [dec(3n, 3), '3k', ''],
    [dec(1025n, 0, 'BinarySI'), '1025', ''],
    [dec(0n, 0), '0', ''],
    [dec(0n, 0, 'BinarySI'), '0', ''],
    [dec(1n, 9, 'DecimalExponent'), '1e9', '.001e12'],
    [dec(1n, -3, 'DecimalExponent'), '1e-3', '0.001e0'],
    [dec(1n, -9, 'DecimalExponent'), '1e-9', '1000e-12'],
    [dec(80n, -3, 'DecimalExponent'), '80e-3', ''],
    [dec(300n, 6, 'DecimalExponent'), '300e6', ''],
    [dec(1n, 12, 'DecimalExponent'), '1e12', ''],
    [dec(1n, 3, 'DecimalExponent'), '1e3', ''],
    [dec(3n, 3, 'DecimalExponent'), '3e3', ''],
    [dec(3n, 3), '3k', ''],
    [dec(0n, 0, 'DecimalExponent'), '0', '00'],
    [dec(1n, -9), '1n', ''],
    [dec(80n, -9), '80n', ''],
    [dec(1080n, -9), '1080n', ''],
    [dec(108n, -8), '1080n', ''],
    [dec(10800n, -10), '1080n', ''],
    [dec(1n, -6), '1u', ''],
    [dec(80n, -6), '80u', ''],
    [dec(1080n, -6), '1080u', ''],
  ];

  it.each(table)('%#: -> %s (alternate %j)', (q, expected, alternate) => {
    expect(formatQuantity(q)).toBe(expected);
    // Upstream: parsing the canonical spelling caches it verbatim ...
    const reparsed = parseQuantity(expected);
    expect(reparsed.cachedString).toBe(expected);
    if (alternate === '') return;
    // ... while an alternate spelling is not cached and canonicalises.
    const alt = parseQuantity(alternate);
    expect(alt.cachedString).toBeUndefined();
    expect(formatQuantity(alt)).toBe(expected);
  });

  it.each(table.filter(([q]) => q.mantissa !== 0n))('%#: negated -> -%s', (q, expected) => {
    expect(formatQuantity(dec(-q.mantissa, q.exponent, q.format))).toBe(`-${expected}`);
  });

  // upstream TestQuantityParseEmit, with the "-" variants
  it.each([
    ['1Ki', '1Ki'],
    ['1Mi', '1Mi'],
    ['1Gi', '1Gi'],
    ['1024Mi', '1Gi'],
    ['1000M', '1G'],
    ['.001Ki', '1024m'],
    ['.000001Ki', '1024u'],
    ['.000000001Ki', '1024n'],
    ['.000000000001Ki', '2n'],
  ])('parse(%s) emits %s', (input, expected) => {
    expect(formatQuantity(parseQuantity(input))).toBe(expected);
    expect(formatQuantity(parseQuantity(`-${input}`))).toBe(`-${expected}`);
  });

  it.each([
    ['1536Mi', '1536Mi'],
    ['1.5Gi', '1536Mi'],
    ['1000M', '1G'],
    ['0.5', '500m'],
    ['1.5', '1500m'],
    ['1536Ki', '1536Ki'],
    ['1048576Ki', '1Gi'],
    ['1000Mi', '1000Mi'],
    ['0.5Ki', '512'], // whole but below 1024: DecimalSI
    ['0.5Gi', '512Mi'],
    ['1.1Ki', '1126400m'], // fractional binary: DecimalSI, never rounded
    ['100.035Ki', '102435840m'],
    ['12E', '12E'],
    ['1e3', '1e3'],
    ['1000e0', '1e3'],
    ['1.5e3', '1500'],
  ])('the brief and CanonicalizeBytes rules: %s -> %s', (input, expected) => {
    expect(formatQuantity(parseQuantity(input))).toBe(expected);
  });

  it('returns the input verbatim when upstream caches it, canonicalQuantityString otherwise', () => {
    // #138165 (open): 3n fraction digits pass the canonical-form check.
    const q = parseQuantity('1.441');
    expect(formatQuantity(q)).toBe('1.441');
    expect(canonicalQuantityString(q)).toBe('1441m');
    // the check never looks at sign, leading zeros or the exponent letter
    expect(formatQuantity(parseQuantity('+1'))).toBe('+1');
    expect(formatQuantity(parseQuantity('01Ki'))).toBe('01Ki');
    expect(formatQuantity(parseQuantity('1E3'))).toBe('1E3');
    expect(canonicalQuantityString(parseQuantity('1E3'))).toBe('1e3');
    expect(formatQuantity(parseQuantity('1e0'))).toBe('1e0');
    expect(canonicalQuantityString(parseQuantity('1e0'))).toBe('1');
    // 19 digits now take the int64 path (#141938), so this is cached too
    expect(formatQuantity(parseQuantity('1234567890.123456789G'))).toBe('1234567890.123456789G');
    expect(canonicalQuantityString(parseQuantity('1234567890.123456789G'))).toBe('1234567890123456789');
  });

  // upstream quantity_golden_test.go quantitySerializationCases: [name, quantity, wantString, wantCanonical]
  const golden: Array<[string, () => Quantity, string, string]> = [
    ['one', () => parseQuantity('1'), '1', '1'],
    ['negative-one', () => parseQuantity('-1'), '-1', '-1'],
    ['binary-1Ki', () => parseQuantity('1Ki'), '1Ki', '1Ki'],
    ['binary-1024Mi-normalizes-to-1Gi', () => parseQuantity('1024Mi'), '1Gi', '1Gi'],
    ['decimal-1000M-normalizes-to-1G', () => parseQuantity('1000M'), '1G', '1G'],
    ['decimal-exponent-format-preserved', () => parseQuantity('1e3'), '1e3', '1e3'],
    ['milli-from-fraction', () => parseQuantity('0.1'), '100m', '100m'],
    ['milli-constructed', () => dec(1441n, -3), '1441m', '1441m'],
    ['nano-from-sub-milli', () => parseQuantity('0.000000000000001'), '1n', '1n'],
    ['three-fractional-digits', () => parseQuantity('1.441'), '1.441', '1441m'],
    ['six-fractional-digits', () => parseQuantity('1.000001'), '1.000001', '1000001u'],
    ['nine-fractional-digits', () => parseQuantity('1.000000001'), '1.000000001', '1000000001n'],
    ['one-fractional-digit-already-canonical', () => parseQuantity('1.5'), '1500m', '1500m'],
    ['three-fractional-digits-with-kilo-suffix', () => parseQuantity('1.441k'), '1.441k', '1441'],
    ['int64-max-parsed', () => parseQuantity('9223372036854775807'), '9223372036854775807', '9223372036854775807'],
    ['int64-min-constructed', () => bytesToQuantity(MIN_INT64, 'DecimalSI'), '-9223372036854775808', '-9223372036854775808'],
    ['two-to-63-exceeds-int64', () => parseQuantity('9223372036854775808'), '9223372036854775808', '9223372036854775808'],
    ['two-to-64-exceeds-int64', () => parseQuantity('18446744073709551616'), '18446744073709551616', '18446744073709551616'],
    ['scaled-max-times-ten', () => dec(MAX_INT64, 1), '92233720368547758070', '92233720368547758070'],
    ['ten-to-18-has-suffix', () => parseQuantity('1E'), '1E', '1E'],
    ['ten-to-20-has-suffix', () => parseQuantity('100E'), '100E', '100E'],
    ['ten-to-21-falls-back-to-exponent', () => parseQuantity('1000E'), '1e21', '1e21'],
    ['ten-to-100-falls-back-to-exponent', () => parseQuantity('1e100'), '10e99', '10e99'],
    ['scaled-ten-to-21', () => dec(1n, 21), '1e21', '1e21'],
    ['binary-8Ei-caps-at-int64-max', () => parseQuantity('8Ei'), '9223372036854775807', '9223372036854775807'],
    ['binary-negative-20Ei-caps-at-int64-min', () => parseQuantity('-20Ei'), '-9223372036854775807', '-9223372036854775807'],
    ['negative-9_5Gi', () => parseQuantity('-9.5Gi'), '-9728Mi', '-9728Mi'],
    ['negative-9_5000000001Gi', () => parseQuantity('-9.5000000001Gi'), '-10200547328107374183n', '-10200547328107374183n'],
  ];

  it.each(golden)('golden %s', (_name, load, wantString, wantCanonical) => {
    const q = load();
    expect(formatQuantity(q)).toBe(wantString);
    expect(canonicalQuantityString(q)).toBe(wantCanonical);
  });

  // upstream quantity_compat_test.go TestQuantityOutOfInt32ExponentCompatibility:
  // the exponent is int32(ParseInt(...)), and scale arithmetic wraps.
  it.each([
    ['1e4294967296', 1n, '1e4294967296'],
    ['1e4294967297', 10n, '10'],
    ['-1e4294967296', -1n, '-1e4294967296'],
    ['1e-4294967296', 1n, '1e-4294967296'],
    ['1e8589934592', 1n, '1e8589934592'],
    ['1.25e2147483648', undefined, '1.25e2147483648'],
    ['1.5e2147483648', undefined, '150e2147483646'],
    ['1.25e-2147483648', undefined, '1.25e-2147483648'],
    ['0.5e2147483648', undefined, '50e2147483646'],
  ] as Array<[string, bigint | undefined, string]>)('int32 exponent wrap %s', (input, asInt64, wantString) => {
    const q = parseQuantity(input);
    expect(quantityAsInt64(q)).toBe(asInt64);
    expect(formatQuantity(q)).toBe(wantString);
    // "Re-encoding must not rewrite what is already stored."
    expect(formatQuantity(parseQuantity(wantString))).toBe(wantString);
    expect(compareQuantities(parseQuantity(wantString), q)).toBe(0);
  });

  it('wrapped exponents are huge values, not tiny ones', () => {
    // 1.5e2147483648: exponent wraps to -2^31, minus one fraction digit wraps to +2^31-1
    const q = parseQuantity('1.5e2147483648');
    expect(q.mantissa).toBe(15n);
    expect(q.exponent).toBe(2147483647);
    expect(quantityValue(q)).toBe(MAX_INT64);
    expect(cmp('1.5e2147483648', '1E')).toBe(1);
    expect(() => q.numerator).toThrow(RangeError);
    expect(quantitySign(q)).toBe(1);
  });
});

describe('quantityValue (upstream Value)', () => {
  it.each([
    ['0', 0n],
    ['1', 1n],
    ['1Mi', 1048576n], // TestQuantityValueSet
    ['100m', 1n], // fractional bytes round up
    ['1m', 1n],
    ['1n', 1n],
    ['999m', 1n],
    ['1001m', 2n],
    ['1.5', 2n],
    ['2.5', 3n], // not banker's rounding, not half-up: always away from zero
    ['.1Ki', 103n],
    ['1.5Gi', 1610612736n],
    // negatives round away from zero too (doc of Value, fixed for inf.Dec in #138510)
    ['-100m', -1n],
    ['-200m', -1n], // PR #73715
    ['-1.5', -2n],
    ['-.1Ki', -103n], // issue #110654 (was -101)
    ['-.484785E-7466', -1n], // issue #110653 (was +1)
    ['-9.5000000001Gi', -10200547329n], // PR #138510 review
    // saturation instead of wrap-around (#141305)
    ['9223372036854775807', MAX_INT64],
    ['9223372036854775808', MAX_INT64],
    ['-9223372036854775808', MIN_INT64],
    ['-9223372036854775809', MIN_INT64],
    ['12E', MAX_INT64],
    ['1000E', MAX_INT64],
    ['-1000E', MIN_INT64],
    ['1e100', MAX_INT64],
    ['8Ei', MAX_INT64],
    ['-8Ei', -MAX_INT64], // capped at parse time to -(2^63-1) first
    ['7Ei', 7n << 60n],
  ])('%s -> %s', (input, expected) => {
    expect(quantityValue(parseQuantity(input))).toBe(expected);
  });

  it('saturates constructed values too', () => {
    // PR #141305: NewScaledQuantity(MaxInt64, 1).Value() used to return -10
    expect(quantityValue(dec(MAX_INT64, 1))).toBe(MAX_INT64);
    expect(quantityValue(dec(MIN_INT64, 1))).toBe(MIN_INT64);
  });

  // upstream TestScaledValue: NewScaledQuantity(1, from).ScaledValue(to)
  it.each([
    [-9, -9, 1n], [-9, -6, 1n], [-9, -3, 1n], [-9, 0, 1n],
    [-6, -9, 1000n], [-6, -6, 1n], [-6, -3, 1n], [-6, 0, 1n],
    [-3, -9, 1000000n], [-3, -6, 1000n], [-3, -3, 1n], [-3, 0, 1n],
    [0, -9, 1000000000n], [0, -6, 1000000n], [0, -3, 1000n], [0, 0, 1n],
    [2, -2, 10000n],
  ])('ScaledValue: 1e%i at scale %i -> %s', (from, to, expected) => {
    expect(quantityScaledValue(dec(1n, from), to)).toBe(expected);
  });

  it('MilliValue', () => {
    expect(quantityMilliValue(parseQuantity('1'))).toBe(1000n);
    expect(quantityMilliValue(parseQuantity('1.0001'))).toBe(1001n);
    expect(quantityMilliValue(parseQuantity('-1.0001'))).toBe(-1001n);
    expect(quantityMilliValue(parseQuantity('1n'))).toBe(1n);
  });

  // upstream TestNewScaledSet round trip
  it.each([
    [1n, -9, '1n'], [1000n, -9, '1u'], [1n, -6, '1u'], [1000n, -6, '1m'],
    [1n, -3, '1m'], [1000n, -3, '1'], [1n, 0, '1'],
    [0n, -9, '0'], [0n, -6, '0'], [0n, -3, '0'], [0n, 0, '0'],
  ])('NewScaledQuantity(%s, %i) -> %s', (value, scale, expected) => {
    const q = dec(value, scale);
    expect(formatQuantity(q)).toBe(expected);
    expect(quantityScaledValue(parseQuantity(formatQuantity(q)), scale)).toBe(value);
  });
});

describe('quantityAsInt64 (upstream AsInt64: a representation query)', () => {
  it.each([
    ['0', 0n],
    ['1', 1n],
    ['1k', 1000n],
    ['12E', undefined], // int64 backend, overflows at scale 0
    ['1Gi', 1073741824n],
    ['1000m', undefined], // negative scale, although the value is 1
    ['1.5Gi', undefined], // fractional binary lives in inf.Dec, although it is whole
    ['0.5Ki', undefined],
    ['9223372036854775807', MAX_INT64], // 19 digits take the int64 path since #141938
    ['-9223372036854775807', -MAX_INT64],
    ['9223372036854775808', undefined],
    ['-9223372036854775808', undefined], // MinInt64 itself only parses into inf.Dec
    ['8Ei', undefined], // capped, in inf.Dec
    ['1e4294967296', 1n],
  ] as Array<[string, bigint | undefined]>)('%s -> %s', (input, expected) => {
    expect(quantityAsInt64(parseQuantity(input))).toBe(expected);
  });

  it('is defined for constructed int64 quantities', () => {
    expect(quantityAsInt64(bytesToQuantity(MAX_INT64))).toBe(MAX_INT64);
    expect(quantityAsInt64(bytesToQuantity(MIN_INT64))).toBe(MIN_INT64);
  });
});

describe('isWholeNumber', () => {
  it.each([
    ['1', true],
    ['1Gi', true],
    ['1.5Gi', true],
    ['0.5Ki', true],
    ['1000m', true],
    ['1e3', true],
    ['1.5e3', true],
    ['0', true],
    ['1E', true],
    ['1.5', false],
    ['100m', false],
    ['0.1Ki', false],
    ['1n', false],
    ['-1.5', false],
    ['1.0000000001', false], // rounded up to 1.000000001, still fractional
  ])('%s -> %s', (input, expected) => {
    expect(isWholeNumber(parseQuantity(input))).toBe(expected);
  });
});

describe('compareQuantities (upstream Cmp)', () => {
  // upstream TestQuantityCmp
  it.each([
    ['0', '0', 0],
    ['100m', '50m', 1],
    ['50m', '100m', -1],
    ['10000T', '100Gi', 1],
  ])('%s vs %s -> %i', (a, b, expected) => {
    expect(cmp(a, b)).toBe(expected);
    expect(cmp(b, a)).toBe(-expected || 0);
  });

  // upstream TestQuantityCmpInt64AndDec, via intQuantity(value, scale)
  const M = MAX_INT64;
  const N = MIN_INT64;
  const E18 = 1000000n * 1000000n * 1000000n;
  it.each([
    [901n, -2, 901n, -2, 0],
    [90n, -1, 901n, -2, -1],
    [901n, -2, 900n, -2, 1],
    [0n, 0, 0n, 0, 0],
    [0n, 1, 0n, -1, 0],
    [0n, -1, 0n, 1, 0],
    [800n, -3, 1n, 0, -1],
    [800n, -3, 79n, -2, 1],
    [M, 0, 1n, -1, 1],
    [M, 1, 1n, 0, 1],
    [M, 1, 1n, 1, 1],
    [M, 1, 0n, 1, 1],
    [M, -16, 1n, 3, -1],
    [N, 0, 0n, 0, -1],
    [N, -18, -1n, 0, -1],
    [N, -19, -1n, 0, 1],
    [E18, -17, 1n, 1, 0],
    [E18, -17, -10n, 0, 1],
    [-E18, -17, -10n, 0, 0],
    [E18, -17, 1n, 0, 1],
    [E18 + 1n, -17, 1n, 1, 1],
    [E18 - 1n, -17, 1n, 1, -1],
  ])('%s e%i vs %s e%i -> %i', (am, ae, bm, be, expected) => {
    expect(compareQuantities(dec(am, ae), dec(bm, be))).toBe(expected);
    expect(compareQuantities(dec(bm, be), dec(am, ae))).toBe(-expected || 0);
  });

  it('orders 3G < 3000Mi < 3Gi = 3072Mi = 3221225472', () => {
    expect(cmp('3G', '3000Mi')).toBe(-1);
    expect(cmp('3000Mi', '3Gi')).toBe(-1);
    expect(cmp('3G', '3Gi')).toBe(-1);
    expect(cmp('3Gi', '3072Mi')).toBe(0);
    expect(cmp('3072Mi', '3221225472')).toBe(0);
    expect(cmp('3Gi', '3221225472')).toBe(0);
    expect(cmp('3221225472', '3000Mi')).toBe(1);
  });

  it('is exact across formats, backends and far-apart exponents', () => {
    expect(cmp('1.5Gi', '1536Mi')).toBe(0);
    expect(cmp('1e3', '1k')).toBe(0);
    expect(cmp('1000m', '1')).toBe(0);
    expect(cmp('9223372036854775808', '9223372036854775807')).toBe(1);
    expect(cmp('8Ei', '9223372036854775807')).toBe(0); // the cap
    expect(cmp('1e2147483647', '1e2147483646')).toBe(1);
    expect(cmp('-1e2147483647', '1n')).toBe(-1);
    expect(cmp('1n', '0')).toBe(1);
    expect(cmp('-1n', '0')).toBe(-1);
  });
});

describe('bytesToQuantity (upstream NewQuantity)', () => {
  // upstream TestNewSet
  it.each([
    [1n, 'DecimalSI', '1'],
    [1000n, 'DecimalSI', '1k'],
    [1234000n, 'DecimalSI', '1234k'],
    [1024n, 'BinarySI', '1Ki'],
    [1024n * 1024n, 'BinarySI', '1Mi'],
  ] as Array<[bigint, QuantityFormat, string]>)('%s %s -> %s', (bytes, format, expected) => {
    const q = bytesToQuantity(bytes, format);
    expect(formatQuantity(q)).toBe(expected);
    expect(q.text).toBe(expected);
    expect(quantityValue(parseQuantity(formatQuantity(q)))).toBe(bytes);
  });

  it.each([
    [1610612736n, '1536Mi'],
    [1073741824n, '1Gi'],
    [5n * 1024n ** 4n, '5Ti'],
    [1500n * 1024n, '1500Ki'],
    [1025n, '1025'],
    [2000n, '2000'],
    [1000n, '1k'], // BinarySI below 1024 prints as DecimalSI
    [0n, '0'],
    [-1073741824n, '-1Gi'],
    [MAX_INT64, '9223372036854775807'],
    [1n << 62n, '4Ei'],
  ])('BinarySI by default: %s -> %s', (bytes, expected) => {
    expect(formatQuantity(bytesToQuantity(bytes))).toBe(expected);
  });

  it('DecimalSI', () => {
    expect(formatQuantity(bytesToQuantity(1500000000n, 'DecimalSI'))).toBe('1500M');
    expect(formatQuantity(bytesToQuantity(10n ** 18n, 'DecimalSI'))).toBe('1E');
    expect(formatQuantity(bytesToQuantity(1073741824n, 'DecimalSI'))).toBe('1073741824');
  });

  it('prints MinInt64 as -8Ei, which does not round-trip (upstream caps 8Ei on parse)', () => {
    const q = bytesToQuantity(MIN_INT64);
    expect(formatQuantity(q)).toBe('-8Ei');
    expect(quantityValue(parseQuantity('-8Ei'))).toBe(-MAX_INT64);
  });

  it('refuses byte counts outside int64', () => {
    expect(() => bytesToQuantity(MAX_INT64 + 1n)).toThrow(RangeError);
    expect(() => bytesToQuantity(MIN_INT64 - 1n)).toThrow(RangeError);
  });

  // upstream TestMilliNewSet
  it.each([
    [1n, 'DecimalSI', '1m'],
    [1000n, 'DecimalSI', '1'],
    [1234000n, 'DecimalSI', '1234'],
    [1024n, 'BinarySI', '1024m'], // Format changes
    [1024n * 1024n, 'BinarySI', '1048576m'], // Format changes
  ] as Array<[bigint, QuantityFormat, string]>)('NewMilliQuantity(%s, %s) -> %s', (value, format, expected) => {
    expect(formatQuantity(scaledQuantity(value, -3, format))).toBe(expected);
  });
});

describe('numerator / denominator', () => {
  it('are the reduced exact value, not enumerable', () => {
    const q = parseQuantity('1.5Gi');
    expect(q.numerator).toBe(1610612736n);
    expect(q.denominator).toBe(1n);
    const milli = parseQuantity('100m');
    expect([milli.numerator, milli.denominator]).toEqual([1n, 10n]);
    expect(quantityToFraction(parseQuantity('-2.5'))).toEqual({ numerator: -5n, denominator: 2n });
    expect(Object.keys(q)).not.toContain('numerator');
    expect(Object.isFrozen(q)).toBe(true);
  });
});

// ---------------------------------------------------------------------------
// property tests

const DECIMAL_SUFFIXES: Record<string, number> = { '': 0, n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

interface Spelled {
  text: string;
  /** exact value the grammar denotes, before upstream's rounding and capping */
  num: bigint;
  den: bigint;
  family: QuantityFormat;
}

/** Strings from the documented grammar, with an independently computed value. */
const spelledQuantity: fc.Arbitrary<Spelled> = fc
  .record({
    sign: fc.constantFrom('', '+', '-'),
    int: fc.stringMatching(/^[0-9]{0,22}$/),
    frac: fc.option(fc.stringMatching(/^[0-9]{0,12}$/), { nil: undefined }),
    suffix: fc.oneof(
      fc.constantFrom(...Object.keys(DECIMAL_SUFFIXES), ...Object.keys(BINARY_SUFFIXES)),
      fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), fc.integer({ min: 0, max: 40 })).map(
        ([e, s, n]) => `${e}${s}${n}`,
      ),
    ),
  })
  .filter(({ int, frac }) => /[0-9]/.test(int + (frac ?? '')))
  .map(({ sign, int, frac, suffix }) => {
    const digits = int + (frac ?? '');
    let num = BigInt(digits) * (sign === '-' ? -1n : 1n);
    let den = 10n ** BigInt(frac?.length ?? 0);
    let family: QuantityFormat;
    if (suffix in BINARY_SUFFIXES) {
      num *= 1n << BigInt(BINARY_SUFFIXES[suffix] as number);
      family = 'BinarySI';
    } else {
      const exp = suffix in DECIMAL_SUFFIXES ? (DECIMAL_SUFFIXES[suffix] as number) : Number(suffix.slice(1));
      family = suffix in DECIMAL_SUFFIXES ? 'DecimalSI' : 'DecimalExponent';
      if (exp >= 0) num *= 10n ** BigInt(exp);
      else den *= 10n ** BigInt(-exp);
    }
    return { text: `${sign}${int}${frac === undefined ? '' : `.${frac}`}${suffix}`, num, den, family };
  });

/** Upstream's parse-time adjustments, from the spec rather than the implementation. */
function expectedValue(s: Spelled): { num: bigint; den: bigint } {
  const negative = s.num < 0n;
  let num = negative ? -s.num : s.num;
  let den = s.den;
  const nanos = num * 1_000_000_000n;
  if (num !== 0n && nanos % den !== 0n) {
    num = nanos / den + 1n;
    den = 1_000_000_000n;
  }
  if (s.family === 'BinarySI' && num > MAX_INT64 * den) {
    num = MAX_INT64;
    den = 1n;
  }
  return { num: negative ? -num : num, den };
}

function roundAwayClamped(num: bigint, den: bigint): bigint {
  const q = num / den;
  const r = num % den === 0n ? q : num < 0n ? q - 1n : q + 1n;
  return r > MAX_INT64 ? MAX_INT64 : r < MIN_INT64 ? MIN_INT64 : r;
}

const anyQuantity: fc.Arbitrary<Quantity> = fc.oneof(
  spelledQuantity.map((s) => parseQuantity(s.text)),
  // MinInt64 in BinarySI is excluded: its `-8Ei` re-parses capped (pinned above).
  fc.bigInt(MIN_INT64 + 1n, MAX_INT64).map((b) => bytesToQuantity(b)),
  fc.bigInt(MIN_INT64, MAX_INT64).map((b) => bytesToQuantity(b, 'DecimalSI')),
  fc.constantFrom('0', '1n', '-1n', '8Ei', '1e100', '-1e100', '1.5e2147483648', '9223372036854775808').map(parseQuantity),
);

const exactCompare = (a: Quantity, b: Quantity) => {
  const l = a.numerator * b.denominator;
  const r = b.numerator * a.denominator;
  return l === r ? 0 : l < r ? -1 : 1;
};
const smallExponent = (q: Quantity) => Math.abs(q.exponent) < 1000;

describe('properties', () => {
  it('every string of the documented grammar parses to its exact (rounded, capped) value', () => {
    fc.assert(
      fc.property(spelledQuantity, (s) => {
        const q = parseQuantity(s.text);
        const { num, den } = expectedValue(s);
        expect(q.numerator * den).toBe(num * q.denominator);
        const fractionalBinary = s.family === 'BinarySI' && num !== 0n && (num < 0n ? -num : num) < den;
        expect(q.format).toBe(fractionalBinary ? 'DecimalSI' : s.family);
        expect(quantityValue(q)).toBe(roundAwayClamped(num, den));
        expect(isWholeNumber(q)).toBe(num % den === 0n);
      }),
      { numRuns: 500 },
    );
  });

  it('parse(format(q)) compares equal to q, and printing settles after one round trip', () => {
    fc.assert(
      fc.property(anyQuantity, (q) => {
        for (const text of [formatQuantity(q), canonicalQuantityString(q)]) {
          const again = parseQuantity(text);
          expect(compareQuantities(again, q)).toBe(0);
          // Not necessarily `text` itself: a BinarySI value that is no multiple
          // of 1024 prints as digits, and those digits re-parse as DecimalSI
          // (4337120958213715000 -> 4337120958213715k). The second print is final.
          const settled = formatQuantity(again);
          expect(formatQuantity(parseQuantity(settled))).toBe(settled);
          if (again.format === q.format) expect(settled).toBe(text);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('compare is reflexive and antisymmetric, and agrees with exact rationals', () => {
    fc.assert(
      fc.property(anyQuantity, anyQuantity, (a, b) => {
        expect(compareQuantities(a, a)).toBe(0);
        expect(compareQuantities(a, b)).toBe(-compareQuantities(b, a) || 0);
        if (smallExponent(a) && smallExponent(b)) expect(compareQuantities(a, b)).toBe(exactCompare(a, b));
      }),
      { numRuns: 500 },
    );
  });

  it('compare is transitive', () => {
    fc.assert(
      fc.property(anyQuantity, anyQuantity, anyQuantity, (a, b, c) => {
        const [x, y, z] = [a, b, c].sort(compareQuantities) as [Quantity, Quantity, Quantity];
        expect(compareQuantities(x, y)).toBeLessThanOrEqual(0);
        expect(compareQuantities(y, z)).toBeLessThanOrEqual(0);
        expect(compareQuantities(x, z)).toBeLessThanOrEqual(0);
        if (compareQuantities(x, y) === 0 && compareQuantities(y, z) === 0) expect(compareQuantities(x, z)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('value(n·1024^k with a binary suffix) === n·1024^k', () => {
    const suffixes: Array<[string, bigint]> = [['', 1n], ['Ki', 1024n], ['Mi', 1024n ** 2n], ['Gi', 1024n ** 3n], ['Ti', 1024n ** 4n], ['Pi', 1024n ** 5n], ['Ei', 1024n ** 6n]];
    fc.assert(
      fc.property(
        fc.constantFrom(...suffixes).chain(([suffix, unit]) =>
          fc.tuple(fc.constant(suffix), fc.constant(unit), fc.bigInt(0n, MAX_INT64 / unit)),
        ),
        ([suffix, unit, n]) => {
          const q = parseQuantity(`${n}${suffix}`);
          expect(quantityValue(q)).toBe(n * unit);
          expect(isWholeNumber(q)).toBe(true);
        },
      ),
    );
  });

  it('bytesToQuantity round-trips through its string in both formats', () => {
    fc.assert(
      fc.property(fc.bigInt(MIN_INT64, MAX_INT64), fc.constantFrom<QuantityFormat>('BinarySI', 'DecimalSI'), (bytes, format) => {
        fc.pre(!(bytes === MIN_INT64 && format === 'BinarySI')); // `-8Ei`, pinned above
        const text = formatQuantity(bytesToQuantity(bytes, format));
        expect(quantityValue(parseQuantity(text))).toBe(bytes);
      }),
    );
  });

  it('arbitrary strings: only QuantityParseError, and what parses fits the scanner shape and round-trips', () => {
    const alphabet = '0123456789.+-eEinumkKMGTPgib B'.split('');
    const messages = Object.values(QUANTITY_ERROR_MESSAGES);
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 12 }), (text) => {
        const r = tryParseQuantity(text);
        if (r instanceof QuantityParseError) {
          expect(messages).toContain(r.message);
          return;
        }
        // Note: [0-9.]* not [0-9.]+ as in upstream's quoted regex (`Gi` parses).
        expect(text).toMatch(/^[+-]?[0-9]*(\.[0-9]*)?[eEinumkKMGTP]*[+-]?[0-9]*$/);
        expect(compareQuantities(parseQuantity(formatQuantity(r)), r)).toBe(0);
      }),
      { numRuns: 1000 },
    );
  });
});
