/** Encoders: what exists, what works here, which to use, and what to do when one fails mid-stream. */
export * from './catalog';
export * from './probe';
export * from './probe-cache';
export * from './choose';
export * from './fallback';
export * from './templates';
export { explainFailure, encoderErrorLine } from './explain';
