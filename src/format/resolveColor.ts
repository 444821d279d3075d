/**
 * Whether output to `stream` should carry ANSI colours: a non-empty `NO_COLOR` disables them
 * (https://no-color.org), `FORCE_COLOR` forces them unless it is `0` or `false` (an empty value
 * forces, as Node and supports-color read it), otherwise a TTY that is not `TERM=dumb` gets them.
 */
export function resolveColor(
  stream?: { isTTY?: boolean },
  env: Record<string, string | undefined> = process.env,
): boolean {
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return stream?.isTTY === true && env.TERM !== 'dumb';
}
