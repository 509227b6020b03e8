/**
 * Number formats for agreement figures, in the current locale: proportions as percentages,
 * coefficients with two decimals. Undefined figures (null) read as "not defined", never "NaN".
 */
import { kappaIntervalShown } from '../../../shared/agreement';
import { locale, t } from '../i18n';

const cache = new Map<string, Intl.NumberFormat>();
function nf(kind: 'percent' | 'coef' | 'se'): Intl.NumberFormat {
  const key = `${locale().code}:${kind}`;
  let f = cache.get(key);
  if (!f) {
    f =
      kind === 'percent'
        ? new Intl.NumberFormat(locale().code, { style: 'percent', maximumFractionDigits: 1 })
        : new Intl.NumberFormat(locale().code, { minimumFractionDigits: kind === 'se' ? 3 : 2, maximumFractionDigits: kind === 'se' ? 3 : 2 });
    cache.set(key, f);
  }
  return f;
}

/** A proportion (0–1) as a percentage, e.g. "94.4%". */
export const formatPercent = (x: number | null | undefined): string => (x === null || x === undefined ? t('agreement.undefined') : nf('percent').format(x));

/** A coefficient such as kappa, with two decimals, e.g. "0.82" or "−0.05". */
export const formatCoef = (x: number | null | undefined): string => (x === null || x === undefined ? t('agreement.undefined') : nf('coef').format(x));

/** A standard error, with three decimals (it is usually small). */
export const formatSe = (x: number | null | undefined): string => (x === null || x === undefined ? t('agreement.undefined') : nf('se').format(x));

/**
 * A 95% confidence interval of kappa, e.g. "0.61 to 0.93". The API gives the Wald interval as
 * statsmodels and SAS do, which can pass ±1 for small samples; kappa cannot, so it reads
 * "0.71 to 1.00" here rather than "to 1.05".
 */
export const formatCi = (ci: [number, number] | null | undefined): string => {
  if (!ci) return t('agreement.undefined');
  const [low, high] = kappaIntervalShown(ci);
  return t('agreement.ci', { low: formatCoef(low), high: formatCoef(high) }).replace(/[\u2068\u2069]/g, '');
};

/** A count, e.g. "1,204". */
export const formatCount = (n: number): string => new Intl.NumberFormat(locale().code).format(n);
