/** One line of the benchmark table. */
export interface BenchRow {
  /** Target id from DESIGN §7 (B1 … B6), with a suffix for scaling rows (`B2@50`). */
  id: string;
  /** What is measured. */
  what: string;
  /** Our figure, with its unit. */
  ours: string;
  /** The baseline's figure, with its unit (or `-`). */
  baseline: string;
  /** ours / baseline, or an absolute figure's ratio to its target; `null` when not a ratio row. */
  ratio: number | null;
  /** The target as text (`≤ 1.03×`, `≤ 150 µs`). */
  target: string;
  /** Whether the target is met; `null` for informational rows. */
  pass: boolean | null;
}
