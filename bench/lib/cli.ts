/** What the benchmarks share: numeric options from the command line, and medians and quantiles of timings. */

/** The number after `--name` in `args`, or `fallback` when the option is absent. */
export function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

/** The `q` quantile of `xs`, interpolating between neighbours (NaN for none). */
export function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  return s[lo]! + (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!) * (pos - lo);
}

/** The median of `xs` (the mean of the middle two for an even count). */
export const median = (xs: number[]): number => quantile(xs, 0.5);
