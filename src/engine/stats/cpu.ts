/**
 * The machine's CPU use between two readings, 0..100 over all cores.
 *
 * STUB: the contract is fixed (StreamOutput reads it once a second); the implementation lands separately.
 */
export class CpuMeter {
  /** Use since the previous call (the first call measures since construction). */
  percent(): number {
    return 0;
  }
}
