/**
 * Inter-rater agreement statistics for screening and coding: pure functions, no I/O, safe in
 * the browser and on the server. Undefined figures are null, never NaN.
 */
export * from './table';
export * from './pair';
export * from './fleiss';
export * from './krippendorff';
export * from './drift';
