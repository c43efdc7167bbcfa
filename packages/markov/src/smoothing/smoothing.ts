/**
 * How an n-gram model turns counts into probabilities. With c(ctx, x) the count of x after the
 * context and c(ctx) the context's count (see `trainMarkov`), V = |A| + 1 the alphabet of the
 * training text plus one unknown symbol:
 *
 * - `mle`: P(x | ctx) = c(ctx, x) / c(ctx). Zero for anything not seen after the context, so held-out
 *   text usually scores Infinity bits. For a context never seen in training, where the formula is
 *   0 / 0, it uses the longest seen suffix of the context (so generation never gets stuck).
 * - `add-k` (k > 0): P(x | ctx) = (c(ctx, x) + k) / (c(ctx) + k V); an unseen context is uniform, 1 / V.
 * - `kneser-ney` (the default): interpolated modified Kneser-Ney (Chen & Goodman 1998), which
 *   discounts every count and gives the freed mass to the next shorter context, whose counts are the
 *   number of distinct characters seen before it ("continuation counts"), down to a uniform 1 / V.
 *   Details in `kneserNeyDiscounts`.
 */
export type Smoothing =
  { readonly kind: 'mle' } | { readonly kind: 'add-k'; readonly k: number } | { readonly kind: 'kneser-ney' };

/** The names of the smoothings, as the CLI spells them. */
export const smoothingNames = ['mle', 'add-k', 'kneser-ney'] as const;

/** One of {@link smoothingNames}. */
export type SmoothingName = (typeof smoothingNames)[number];

/** The smoothing used when none is given: interpolated modified Kneser-Ney. */
export const defaultSmoothing: Smoothing = Object.freeze({ kind: 'kneser-ney' });

/** The k used by `add-k` when none is given (Laplace smoothing). */
export const defaultK = 1;

/**
 * Checks and normalises a smoothing given as an object or a name (`'add-k'` uses `k`, default
 * {@link defaultK}).
 *
 * @throws RangeError naming the allowed smoothings, or k if it is not a finite number > 0.
 */
export function toSmoothing(value: Smoothing | SmoothingName, k?: number): Smoothing {
  const kind = typeof value === 'string' ? value : (value as { kind?: unknown } | null)?.kind;
  switch (kind) {
    case 'mle':
      return { kind: 'mle' };
    case 'kneser-ney':
      return { kind: 'kneser-ney' };
    case 'add-k': {
      const chosen = typeof value === 'string' ? (k ?? defaultK) : (value as { k?: unknown }).k;
      if (typeof chosen !== 'number' || !Number.isFinite(chosen) || chosen <= 0) {
        throw new RangeError(`k must be a finite number > 0 for add-k smoothing, got ${String(chosen)}`);
      }
      return { kind: 'add-k', k: chosen };
    }
    default:
      throw new RangeError(
        `smoothing must be one of ${smoothingNames.join(', ')} (or {kind, k?}), got ${JSON.stringify(value)}`,
      );
  }
}

/** A short label: `mle`, `add-k (k=0.1)`, `kneser-ney`. */
export function describeSmoothing(smoothing: Smoothing): string {
  return smoothing.kind === 'add-k' ? `add-k (k=${smoothing.k})` : smoothing.kind;
}
