/**
 * Kubernetes `resource.Quantity`, reproduced exactly with bigint arithmetic.
 *
 * Ground truth is k8s.io/apimachinery/pkg/api/resource (quantity.go, suffix.go,
 * amount.go, math.go, scale_int.go) as of the 2026 "Quantity burndown"
 * (kubernetes/kubernetes#141166). The parser is a port of upstream's
 * `parseQuantityString` + `ParseQuantity` rather than a regular expression,
 * because upstream's behaviour is defined by that scanner, not by the regex it
 * quotes in its error message. Several inputs the regex would reject parse fine
 * upstream (`Gi` is 0, `-` is 0), and the API server stores whatever
 * `ParseQuantity` accepts, so a stricter parser here would flag manifests the
 * cluster takes without complaint.
 *
 * No floating point is used anywhere. The one float in upstream,
 * `float32(exponent)*3/10` in the binary fast-path precision heuristic, is exact
 * for the six binary exponents and is done here in integers.
 */

export type QuantityFormat = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

/**
 * A parsed quantity. The exact value is `mantissa × 10^exponent`.
 *
 * The scaled pair is the primary representation on purpose: upstream accepts
 * decimal exponents up to 2^31 (`1e2147483647` parses), and 10^2147483647 does
 * not fit in a JS bigint. `numerator`/`denominator` are derived from it lazily.
 */
export interface Quantity {
  /** The string that was parsed (for constructed quantities, their canonical string). */
  readonly text: string;
  /**
   * Value after upstream's parse-time adjustments: rounded away from zero to a
   * whole number of nano units (`0.9n` is `1n`), and BinarySI capped at
   * ±(2^63-1) (`8Ei` is 2^63-1). Decimal quantities are NOT capped.
   */
  readonly mantissa: bigint;
  readonly exponent: number;
  /**
   * The same value as a reduced fraction (denominator > 0), computed on first
   * access. Throws RangeError when |exponent| > 100000, which only contrived
   * input such as `1e2147483647` reaches; prefer {@link quantitySign} and
   * {@link compareQuantities}, which never throw. Not enumerable, so printing
   * or deep-comparing a Quantity never triggers it.
   */
  readonly numerator: bigint;
  readonly denominator: bigint;
  /**
   * The suffix family the text used. Like upstream's `Format` field it is kept
   * even when the value is printed in another family (BinarySI below 1024 or
   * fractional prints as DecimalSI), except that parsing turns a BinarySI value
   * strictly between 0 and 1 into DecimalSI for good, as upstream does.
   */
  readonly format: QuantityFormat;
  /**
   * Upstream's cached string `q.s`: set when ParseQuantity judged the input to
   * be canonical already. String() and MarshalJSON return it verbatim, which is
   * why `1.441` is stored and displayed as `1.441`, not `1441m`.
   */
  readonly cachedString: string | undefined;
  /**
   * Which of upstream's two backends holds the value: `int64` (int64Amount)
   * or `dec` (inf.Dec). Only observable through {@link quantityAsInt64}, which
   * upstream answers differently per backend, and at int32 exponent wrap edges
   * of the canonical string.
   */
  readonly backing: 'int64' | 'dec';
}

export type QuantityErrorKind = 'format' | 'numeric' | 'suffix';

/** Upstream's splitREString; quoted in ErrFormatWrong but never used to match. */
export const QUANTITY_SPLIT_RE_STRING = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';

/** Upstream's error texts, byte for byte (ErrFormatWrong, ErrNumeric, ErrSuffix). */
export const QUANTITY_ERROR_MESSAGES: Readonly<Record<QuantityErrorKind, string>> = Object.freeze({
  format: `quantities must match the regular expression '${QUANTITY_SPLIT_RE_STRING}'`,
  numeric: 'unable to parse numeric part of quantity',
  suffix: "unable to parse quantity's suffix",
});

export class QuantityParseError extends Error {
  override readonly name = 'QuantityParseError';
  readonly input: string;
  /** Which upstream error this is: ErrFormatWrong, ErrNumeric or ErrSuffix. */
  readonly kind: QuantityErrorKind;

  constructor(input: string, kind: QuantityErrorKind) {
    // The message carries no input, exactly like upstream: callers that show it
    // next to a field path (as the API server does) must add the input themselves.
    super(QUANTITY_ERROR_MESSAGES[kind]);
    this.input = input;
    this.kind = kind;
  }
}

export const MAX_INT64 = (1n << 63n) - 1n;
export const MIN_INT64 = -(1n << 63n);

// Upstream raised this from 18 to 19 when fixing #135487 (#141938): a 19-digit
// number now tries the int64 fast path and falls through to inf.Dec when it
// overflows, instead of always taking inf.Dec. The only visible effects are
// AsInt64 and whether the input string is cached (e.g. `+1234567890123456789`).
const MAX_INT64_FACTORS = 19;
const NANO = -9;
const LOG10_MAX_INT64 = 19;

// suffix.go. Plain maps instead of object literals so that no prototype key can
// ever be mistaken for a suffix.
const DECIMAL_SUFFIX_EXPONENTS = new Map<string, number>([
  ['n', -9], ['u', -6], ['m', -3], ['', 0], ['k', 3], ['M', 6], ['G', 9], ['T', 12], ['P', 15], ['E', 18],
]);
const BINARY_SUFFIX_EXPONENTS = new Map<string, number>([
  ['Ki', 10], ['Mi', 20], ['Gi', 30], ['Ti', 40], ['Pi', 50], ['Ei', 60],
]);
const DECIMAL_SUFFIX_BY_EXPONENT = new Map<number, string>([...DECIMAL_SUFFIX_EXPONENTS].map(([s, e]) => [e, s]));
const BINARY_SUFFIX_BY_EXPONENT = new Map<number, string>([...BINARY_SUFFIX_EXPONENTS].map(([s, e]) => [e, s]));

// The letters upstream's scanner lets into a suffix. `g`, `t`, `p`, `b`, `B`, `I`
// are not among them, so `3gi`, `3GB` and `1KI` fail as ErrFormatWrong, while
// `1ki` or `0.1mi` get through the scanner and fail later as ErrSuffix.
const SUFFIX_LETTERS = 'eEinumkKMGTP';

// ---------------------------------------------------------------------------
// parsing

interface Scanned {
  readonly positive: boolean;
  /** The sign and number as written (upstream's `value`), handed to inf.Dec on the slow path. */
  readonly value: string;
  /** Integer digits without leading zeros; "0" when there are none. */
  readonly num: string;
  readonly denom: string;
  readonly suffix: string;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * Port of upstream parseQuantityString. Returns undefined for ErrFormatWrong.
 *
 * Traps it reproduces: a sign is only honoured as the very first character; a
 * number with no digits at all is accepted as 0 (`-`, `.`, `Gi`, `e5`); `1.` and
 * `.5` and `1.G` are fine; the sign in `--1` is read as the start of the suffix.
 */
function scanQuantity(str: string): Scanned | undefined {
  let positive = true;
  let pos = 0;
  const end = str.length;

  if (pos < end) {
    const c = str.charCodeAt(0);
    if (c === 45 /* - */) {
      positive = false;
      pos++;
    } else if (c === 43 /* + */) {
      pos++;
    }
  }

  // Leading zeros. All-zero input returns here with value "0", sign dropped.
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
    if (str.charCodeAt(i) === 48) pos++;
    else break;
  }

  let num: string;
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value: str.slice(0, end), num: str.slice(pos, end), denom: '', suffix: '' };
    if (!isDigit(str.charCodeAt(i))) {
      num = str.slice(pos, i);
      pos = i;
      break;
    }
  }
  if (num.length === 0) num = '0';

  let denom = '';
  if (pos < end && str.charCodeAt(pos) === 46 /* . */) {
    pos++;
    for (let i = pos; ; i++) {
      if (i >= end) return { positive, value: str.slice(0, end), num, denom: str.slice(pos, end), suffix: '' };
      if (!isDigit(str.charCodeAt(i))) {
        denom = str.slice(pos, i);
        pos = i;
        break;
      }
    }
  }
  const value = str.slice(0, pos);

  const suffixStart = pos;
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart, end) };
    if (!SUFFIX_LETTERS.includes(str.charAt(i))) {
      pos = i;
      break;
    }
  }
  if (pos < end) {
    const c = str.charCodeAt(pos);
    if (c === 45 || c === 43) pos++;
  }
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart, end) };
    if (!isDigit(str.charCodeAt(i))) break;
  }
  return undefined;
}

interface Interpreted {
  readonly base: 10 | 2;
  readonly exponent: number;
  readonly format: QuantityFormat;
}

/** Go int32 wrap-around, which upstream's Scale and exponent arithmetic is subject to. */
function wrap32(n: number): number {
  return n | 0;
}

/** suffixer.interpret. */
function interpretSuffix(s: string): Interpreted | undefined {
  const dec = DECIMAL_SUFFIX_EXPONENTS.get(s);
  if (dec !== undefined) return { base: 10, exponent: dec, format: 'DecimalSI' };
  const bin = BINARY_SUFFIX_EXPONENTS.get(s);
  if (bin !== undefined) return { base: 2, exponent: bin, format: 'BinarySI' };
  if (s.length > 1 && (s[0] === 'e' || s[0] === 'E')) {
    // strconv.ParseInt(s[1:], 10, 64): optional sign, at least one digit, int64 range.
    const digits = s.slice(1);
    if (!/^[+-]?[0-9]+$/.test(digits)) return undefined;
    const parsed = BigInt(digits);
    if (parsed > MAX_INT64 || parsed < MIN_INT64) return undefined;
    // Upstream then does int32(parsed): `1e4294967297` means 1e1. Upstream pins
    // this in TestQuantityOutOfInt32ExponentCompatibility because older API
    // servers stored such spellings.
    return { base: 10, exponent: Number(BigInt.asIntN(32, parsed)), format: 'DecimalExponent' };
  }
  return undefined;
}

function makeQuantity(
  text: string,
  mantissa: bigint,
  exponent: number,
  format: QuantityFormat,
  backing: 'int64' | 'dec',
  cachedString: string | undefined,
): Quantity {
  const q = { text, mantissa, exponent, format, cachedString, backing } as Omit<Quantity, 'numerator' | 'denominator'>;
  let fraction: { numerator: bigint; denominator: bigint } | undefined;
  const get = () => (fraction ??= fractionOf(mantissa, exponent, FRACTION_MAX_EXPONENT));
  Object.defineProperty(q, 'numerator', { get: () => get().numerator, enumerable: false });
  Object.defineProperty(q, 'denominator', { get: () => get().denominator, enumerable: false });
  return Object.freeze(q) as Quantity;
}

function parseOrError(str: string): Quantity | QuantityParseError {
  if (str.length === 0) return new QuantityParseError(str, 'format');
  if (str === '0') return makeQuantity(str, 0n, 0, 'DecimalSI', 'int64', str);

  const scanned = scanQuantity(str);
  if (scanned === undefined) return new QuantityParseError(str, 'format');
  const { positive, value, num, denom, suffix } = scanned;

  const interpreted = interpretSuffix(suffix);
  if (interpreted === undefined) return new QuantityParseError(str, 'suffix');
  const { base, exponent } = interpreted;
  let format = interpreted.format;

  // Fast path: upstream stores the value as an int64 scaled by a power of ten
  // when it can. Which path is taken is observable (AsInt64, cached string), so
  // the precision heuristics are reproduced literally, not improved.
  let precision: number;
  let scale = 0;
  let multiplier = 1n;
  if (format === 'BinarySI') {
    if (exponent >= 0 && denom.length === 0) {
      multiplier = 1n << BigInt(exponent);
      // Upstream: 15 - len(num) - int32(float32(exponent)*3/10) - 1. Exact in
      // integers for exponents 10..60. Pi and Ei always come out negative, so
      // they always take the inf.Dec path.
      precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
    } else {
      precision = -1;
    }
  } else {
    scale = exponent;
    precision = MAX_INT64_FACTORS - (num.length + denom.length);
  }

  if (precision >= 0) {
    scale = wrap32(scale - denom.length);
    if (scale >= NANO) {
      const shifted = num + denom;
      const parsed = BigInt(shifted);
      // A 19-digit number past MaxInt64 falls through to inf.Dec (#141938).
      if (parsed <= MAX_INT64) {
        const product = parsed * multiplier;
        if (product <= MAX_INT64) {
          const result = positive ? product : -product;
          let cached: boolean;
          if (format === 'BinarySI') {
            // Upstream's canonical-form guess: a count not divisible by 8 is not
            // divisible by 1024 either, so it cannot move up a suffix. It never
            // looks at the text, so `01Ki` and `+1Ki` are cached verbatim too.
            cached = exponent % 10 === 0 && (parsed & 7n) !== 0n;
          } else {
            // Upstream bug #138165 (still open, fix #138166 unmerged): inputs
            // with 3, 6 or 9 fractional digits pass this check, so `1.441`
            // stays `1.441` instead of `1441m`. Also caches `+1`, `1E3`, `1e0`.
            cached = scale % 3 === 0 && !shifted.endsWith('000') && shifted.charCodeAt(0) !== 48;
          }
          return makeQuantity(str, result, scale, format, 'int64', cached ? str : undefined);
        }
      }
    }
  }

  // Slow path: inf.Dec. SetString fails when the number has no digit at all,
  // which the fast path never checks: `Gi` is 0 but `Pi` is ErrNumeric.
  if (!/[0-9]/.test(value)) return new QuantityParseError(str, 'numeric');
  const dot = value.indexOf('.');
  const fractionDigits = dot < 0 ? 0 : value.length - dot - 1;
  let magnitude = BigInt(value.replace(/^[+-]/, '').replace('.', ''));
  let infScale = fractionDigits;
  if (base === 10) {
    // amount.SetScale(amount.Scale() + Scale(exponent).infScale()): int32
    // negation and addition, both wrapping, as in upstream.
    infScale = wrap32(infScale + wrap32(-exponent));
  } else {
    magnitude *= 1n << BigInt(exponent);
  }
  let exp = 0 - infScale; // not -infScale: that is -0 when infScale is 0

  // Round non-zero values away from zero to whole nanos ("if you want some
  // resources, you should get some resources"): 0.1n becomes 1n, never 0.
  if (magnitude !== 0n && exp < NANO) {
    magnitude = divideAwayFromZero(magnitude, NANO - exp);
    exp = NANO;
  }

  // Only BinarySI is capped, silently, at 2^63-1; a decimal 1000E keeps its value.
  if (format === 'BinarySI' && compareMagnitude(magnitude, exp, MAX_INT64, 0) > 0) {
    magnitude = MAX_INT64;
    exp = 0;
  }
  // Below one there is no binary spelling without rounding, so upstream
  // switches to DecimalSI for good (the Format field changes, not just the print).
  if (format === 'BinarySI' && magnitude !== 0n && compareMagnitude(magnitude, exp, 1n, 0) < 0) {
    format = 'DecimalSI';
  }
  const signed = positive || magnitude === 0n ? magnitude : -magnitude;
  return makeQuantity(str, signed, exp, format, 'dec', undefined);
}

/**
 * Upstream `resource.ParseQuantity`: no whitespace trimming, errors as upstream.
 * @throws QuantityParseError
 */
export function parseQuantity(text: string): Quantity {
  const result = parseOrError(text);
  if (result instanceof QuantityParseError) throw result;
  return result;
}

export function tryParseQuantity(text: string): Quantity | QuantityParseError {
  return parseOrError(text);
}

// Go unicode.IsSpace, which strings.TrimSpace uses. Differs from JS trim():
// Go trims U+0085 (NEL) and does not trim U+FEFF (BOM).
const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/**
 * What the API server accepts for a quantity field of a decoded object: its
 * JSON and CBOR decoders call `strings.TrimSpace` before ParseQuantity, so
 * `" 1Gi "` in a manifest is accepted although `parseQuantity(" 1Gi ")` fails.
 * Errors keep the untrimmed input.
 */
export function parseQuantityAsAPIServer(text: string): Quantity | QuantityParseError {
  const result = parseOrError(text.replace(GO_SPACE, ''));
  return result instanceof QuantityParseError ? new QuantityParseError(text, result.kind) : result;
}

// ---------------------------------------------------------------------------
// exact arithmetic on mantissa × 10^exponent, never materialising huge powers

const POW10_CACHE: bigint[] = [1n];
function pow10(n: number): bigint {
  if (n < 64) {
    for (let i = POW10_CACHE.length; i <= n; i++) POW10_CACHE.push((POW10_CACHE[i - 1] as bigint) * 10n);
    return POW10_CACHE[n] as bigint;
  }
  return 10n ** BigInt(n);
}

function absBig(x: bigint): bigint {
  return x < 0n ? -x : x;
}

function sign(x: bigint): -1 | 0 | 1 {
  return x === 0n ? 0 : x < 0n ? -1 : 1;
}

function decimalDigits(positive: bigint): number {
  return positive.toString().length;
}

/** ceil(magnitude / 10^places) for magnitude > 0, without building 10^places when it exceeds magnitude. */
function divideAwayFromZero(magnitude: bigint, places: number): bigint {
  if (places > decimalDigits(magnitude)) return 1n;
  const divisor = pow10(places);
  const quotient = magnitude / divisor;
  return magnitude % divisor === 0n ? quotient : quotient + 1n;
}

/** Compares a×10^ea with b×10^eb for non-negative a and b. */
function compareMagnitude(a: bigint, ea: number, b: bigint, eb: number): -1 | 0 | 1 {
  if (a === 0n || b === 0n) return a === b ? 0 : a === 0n ? -1 : 1;
  // Decide by order of magnitude first: exponents may be in the billions.
  const ma = decimalDigits(a) + ea;
  const mb = decimalDigits(b) + eb;
  if (ma !== mb) return ma > mb ? 1 : -1;
  // Same magnitude, so |ea - eb| is bounded by the digit counts and this is cheap.
  const x = ea >= eb ? a * pow10(ea - eb) : a;
  const y = eb > ea ? b * pow10(eb - ea) : b;
  return x === y ? 0 : x > y ? 1 : -1;
}

/** Upstream Quantity.Cmp: exact, whatever the backends and formats. */
export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  const sa = sign(a.mantissa);
  const sb = sign(b.mantissa);
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (sa === 0) return 0;
  const c = compareMagnitude(absBig(a.mantissa), a.exponent, absBig(b.mantissa), b.exponent);
  return (sa < 0 ? 0 - c : c) as -1 | 0 | 1; // 0 - c: plain -c turns 0 into -0
}

export function quantitySign(q: Quantity): -1 | 0 | 1 {
  return sign(q.mantissa);
}

function saturate(x: bigint): bigint {
  return x > MAX_INT64 ? MAX_INT64 : x < MIN_INT64 ? MIN_INT64 : x;
}

/**
 * Upstream ScaledValue(scale): the value in units of 10^scale, rounded AWAY FROM
 * ZERO (not ceil: -1.5 gives -2), saturating at the int64 limits.
 *
 * Both halves changed upstream in 2026. Before #138510, a negative quantity held
 * as inf.Dec rounded toward +inf or even toward zero, so the result depended on
 * the backend (`-.1Ki` gave -101, issue #110653/#110654). Before #141305,
 * overflow wrapped silently (`1000E` gave garbage); now it saturates.
 */
export function quantityScaledValue(q: Quantity, scale: number): bigint {
  const m = q.mantissa;
  if (m === 0n) return 0n;
  const shift = q.exponent - scale;
  if (shift >= 0) {
    // 10^19 alone exceeds MaxInt64, so anything non-zero saturates.
    if (shift >= LOG10_MAX_INT64) return m < 0n ? MIN_INT64 : MAX_INT64;
    return saturate(m * pow10(shift));
  }
  const magnitude = divideAwayFromZero(absBig(m), -shift);
  return saturate(m < 0n ? -magnitude : magnitude);
}

/**
 * Upstream Value(): the integer value rounded away from zero, saturated to
 * int64. So `100m` bytes is 1, `1.5` is 2, `-1.5` is -2, `1000E` is MaxInt64.
 */
export function quantityValue(q: Quantity): bigint {
  return quantityScaledValue(q, 0);
}

/** Upstream MilliValue(): ceil-away(q × 1000), saturated. */
export function quantityMilliValue(q: Quantity): bigint {
  return quantityScaledValue(q, -3);
}

/**
 * Upstream AsInt64(): the value only if it is held by the int64 backend at a
 * non-negative scale and fits; undefined otherwise. It is a representation
 * query, not a value query: `1000m` and `9223372036854775808` are undefined,
 * and so is `1.5Gi` although it is the whole number 1610612736, because a
 * fractional binary is parsed into inf.Dec. (#142104 proposes changing this.)
 */
export function quantityAsInt64(q: Quantity): bigint | undefined {
  if (q.backing === 'dec') return undefined;
  if (q.exponent === 0) return q.mantissa;
  if (q.exponent < 0) return undefined;
  if (q.mantissa === 0n) return 0n;
  if (q.exponent >= LOG10_MAX_INT64) return undefined;
  const v = q.mantissa * pow10(q.exponent);
  return v > MAX_INT64 || v < MIN_INT64 ? undefined : v;
}

/**
 * Whether the exact value is an integer. False for `1.5`, `100m` or `0.1Ki`
 * (102.4), the fractional byte values that Value() silently rounds up; true
 * for `0.5Ki` (512) and `1.5Gi`.
 */
export function isWholeNumber(q: Quantity): boolean {
  const m = q.mantissa;
  if (m === 0n || q.exponent >= 0) return true;
  const places = -q.exponent;
  const magnitude = absBig(m);
  if (places > decimalDigits(magnitude)) return false;
  return magnitude % pow10(places) === 0n;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

const FRACTION_MAX_EXPONENT = 100_000;

function fractionOf(mantissa: bigint, exponent: number, maxExponent: number): { numerator: bigint; denominator: bigint } {
  if (Math.abs(exponent) > maxExponent) {
    throw new RangeError(`quantity exponent ${exponent} exceeds ${maxExponent}; refusing to materialise 10^${Math.abs(exponent)}`);
  }
  if (exponent >= 0) return { numerator: mantissa * pow10(exponent), denominator: 1n };
  const denominator = pow10(-exponent);
  const g = gcd(absBig(mantissa), denominator);
  return g === 0n ? { numerator: 0n, denominator: 1n } : { numerator: mantissa / g, denominator: denominator / g };
}

/**
 * The exact value as a reduced fraction (denominator > 0), like the
 * `numerator`/`denominator` properties but with a caller-chosen limit.
 * @throws RangeError when |exponent| exceeds maxExponent (e.g. `1e2147483647`).
 */
export function quantityToFraction(q: Quantity, maxExponent = FRACTION_MAX_EXPONENT): { numerator: bigint; denominator: bigint } {
  return fractionOf(q.mantissa, q.exponent, maxExponent);
}

// ---------------------------------------------------------------------------
// formatting

function fitsInt64(x: bigint): boolean {
  return x >= MIN_INT64 && x <= MAX_INT64;
}

function stripFactors(value: bigint, factor: bigint): [bigint, number] {
  let times = 0;
  let v = value;
  while (v !== 0n && v % factor === 0n) {
    v /= factor;
    times++;
  }
  return [v, times];
}

/**
 * AsCanonicalBytes: mantissa and a base-10 exponent that is a multiple of 3,
 * with no trailing zeros beyond that. The exponent is int32 in Go and the two
 * backends step it to a multiple of 3 differently; they only disagree when the
 * exponent wraps around ±2^31, which parsed `1e-2147483648`-style input can
 * reach, so both are kept.
 */
function canonicalDecimal(q: Quantity): [string, number] {
  if (q.backing === 'int64' && fitsInt64(q.mantissa)) {
    // removeInt64Factors works on the absolute value, which for MinInt64 is
    // itself negative, so MinInt64 keeps its (non-existent) factors of ten.
    const [amount, times] = q.mantissa === MIN_INT64 ? [q.mantissa, 0] : stripFactors(q.mantissa, 10n);
    let exponent = wrap32(wrap32(q.exponent) + times);
    const r = exponent % 3;
    let scaled = amount;
    if (r === 1 || r === -2) {
      scaled = amount * 10n;
      exponent = wrap32(exponent - 1);
    } else if (r === 2 || r === -1) {
      scaled = amount * 100n;
      exponent = wrap32(exponent - 2);
    }
    if (fitsInt64(scaled)) return [scaled.toString(), exponent];
    // int64 overflow while padding: upstream redoes the work in inf.Dec.
  }
  const [amount, times] = stripFactors(q.mantissa, 10n);
  let exponent = wrap32(wrap32(q.exponent) + times);
  let scaled = amount;
  while (exponent % 3 !== 0) {
    scaled *= 10n;
    exponent = wrap32(exponent - 1);
  }
  return [scaled.toString(), exponent];
}

/**
 * Upstream CanonicalizeBytes: what String() prints when no cached string is
 * set, i.e. after any arithmetic, and what String() would print for every
 * input if #138166 (canonicalise 3n-fraction-digit inputs) lands.
 */
export function canonicalQuantityString(q: Quantity): string {
  if (q.mantissa === 0n) return '0';

  let format = q.format;
  if (format === 'BinarySI') {
    const small = compareMagnitude(absBig(q.mantissa), q.exponent, 1024n, 0) < 0;
    // Below 1024 there is no binary suffix to use; a fractional value would
    // need rounding. Either way upstream prints DecimalSI rather than lose precision.
    if (small || !isWholeNumber(q)) format = 'DecimalSI';
  }

  if (format === 'BinarySI') {
    // Whole, |value| >= 1024, and |value| <= 2^63-1 for anything parsed (binary
    // is capped at parse time), so the exponent is at most 12 digits wide here.
    const value = q.exponent >= 0 ? q.mantissa * pow10(q.exponent) : q.mantissa / pow10(-q.exponent);
    const [amount, times] = stripFactors(value, 1024n);
    // Upstream discards the lookup's ok: beyond Ei (2^70 and up, unreachable
    // from parse) it would print no suffix at all.
    return amount.toString() + (BINARY_SUFFIX_BY_EXPONENT.get(times * 10) ?? '');
  }

  const [number, exponent] = canonicalDecimal(q);
  if (format === 'DecimalSI') {
    const suffix = DECIMAL_SUFFIX_BY_EXPONENT.get(exponent);
    if (suffix !== undefined) return number + suffix;
    // Past E (10^18) upstream used to drop the exponent entirely (`1000E`
    // printed as `1`); since #140459 it falls back to exponent notation.
  }
  return exponent === 0 ? number : `${number}e${exponent}`;
}

/**
 * Upstream String() / MarshalJSON: the cached input string when ParseQuantity
 * judged it canonical, else the canonical form. This is what the API server
 * stores and returns, e.g. `1.5Gi` → `1536Mi`, `1000M` → `1G`, `0.5` → `500m`,
 * `1000E` → `1e21`, but `1.441` → `1.441` and `1E3` → `1E3`.
 */
export function formatQuantity(q: Quantity): string {
  return q.cachedString ?? canonicalQuantityString(q);
}

function constructed(mantissa: bigint, exponent: number, format: QuantityFormat): Quantity {
  const draft = makeQuantity('', mantissa, exponent, format, fitsInt64(mantissa) ? 'int64' : 'dec', undefined);
  return makeQuantity(canonicalQuantityString(draft), mantissa, exponent, format, draft.backing, undefined);
}

/**
 * Upstream NewQuantity(bytes, format), for generating sizes. BinarySI (the
 * default) prints as `1Gi`, `1536Mi`, and as plain digits when the count is
 * below 1024 or not a multiple of 1024; DecimalSI prints as `1G`, `1500M`.
 * The one value whose string does not round-trip is MinInt64 as BinarySI:
 * it prints as `-8Ei`, which parses capped to -(2^63-1), as upstream.
 * @throws RangeError outside int64: upstream takes an int64 here, and beyond
 * 2^70 its BinarySI printer would silently drop the suffix.
 */
export function bytesToQuantity(bytes: bigint, format: QuantityFormat = 'BinarySI'): Quantity {
  if (!fitsInt64(bytes)) throw new RangeError(`byte count ${bytes} is outside the int64 range upstream Quantity accepts`);
  return constructed(bytes, 0, format);
}

/**
 * A quantity of exactly mantissa × 10^exponent, like upstream NewScaledQuantity
 * (or NewDecimalQuantity when the mantissa exceeds int64). No parse-time
 * rounding or capping is applied.
 */
export function scaledQuantity(mantissa: bigint, exponent: number, format: QuantityFormat = 'DecimalSI'): Quantity {
  if (!Number.isInteger(exponent) || exponent !== wrap32(exponent)) {
    throw new RangeError(`exponent ${exponent} is not an int32 like upstream's Scale`);
  }
  // Parsing caps BinarySI at 2^63-1; beyond 2^70 upstream's binary printer
  // drops the suffix, so such a quantity has no faithful string.
  if (format === 'BinarySI' && compareMagnitude(absBig(mantissa), exponent, MAX_INT64, 0) > 0) {
    throw new RangeError('a BinarySI quantity must not exceed 2^63-1 in magnitude');
  }
  return constructed(mantissa, exponent, format);
}
