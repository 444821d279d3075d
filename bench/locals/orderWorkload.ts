// The code the locals benchmarks throw from: three in-app frames with a few locals each.

/** An order whose total may not match its items. */
export interface Order {
  /** Item prices. */
  items: number[];
  /** The claimed total. */
  total: number;
}

/** Written by the workload (and by the benchmarks) so V8 cannot drop the work. */
export const sink: { value: unknown } = { value: undefined };

function validate(order: Order): void {
  const expected = order.items.reduce((sum, item) => sum + item, 0);
  if (expected !== order.total) throw new RangeError(`total ${order.total} is not ${expected}`);
}

function check(order: Order): void {
  const step = 'check';
  validate(order);
  sink.value = step;
}

/** Throws a RangeError three frames down when the total is wrong. */
export function handle(order: Order): void {
  const attempt = 1;
  check(order);
  sink.value = attempt;
}
