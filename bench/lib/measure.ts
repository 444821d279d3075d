/** Options of an interleaved A/B measurement. */
export interface InterleaveOptions {
  /** Calls per sample. The default value is 1000. */
  iterations?: number;
  /** Samples of each side after warm-up. The default value is 15. */
  rounds?: number;
  /** Unmeasured samples of each side first. The default value is 3. */
  warmup?: number;
}

/** Medians (µs per call) of two workloads sampled A B A B …, and their ratio. */
export interface InterleaveResult {
  /** Median µs per call of A. */
  a: number;
  /** Median µs per call of B. */
  b: number;
  /** a / b. */
  ratio: number;
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** µs per call of `iterations` calls of `work`. */
export async function sample(work: () => unknown, iterations: number): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    const result = work();
    if (result instanceof Promise) await result;
  }
  return Number(process.hrtime.bigint() - start) / 1000 / iterations;
}

/** Measures A against B interleaved (A B A B …) after a warm-up, and reports both medians and their ratio. */
export async function interleave(
  a: () => unknown,
  b: () => unknown,
  options: InterleaveOptions = {},
): Promise<InterleaveResult> {
  const { iterations = 1000, rounds = 15, warmup = 3 } = options;
  const samplesA: number[] = [];
  const samplesB: number[] = [];
  for (let round = 0; round < warmup + rounds; round++) {
    const timeA = await sample(a, iterations);
    const timeB = await sample(b, iterations);
    if (round >= warmup) {
      samplesA.push(timeA);
      samplesB.push(timeB);
    }
  }
  const medianA = median(samplesA);
  const medianB = median(samplesB);
  return { a: medianA, b: medianB, ratio: medianA / medianB };
}

/** A duration in µs for the table, with a sensible precision. */
export function formatMicros(micros: number): string {
  if (micros >= 1000) return `${(micros / 1000).toFixed(2)} ms`;
  return `${micros >= 10 ? micros.toFixed(1) : micros.toFixed(2)} µs`;
}
