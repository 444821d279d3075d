/** Node's `--unhandled-rejections` modes. */
export type UnhandledRejectionsMode = 'throw' | 'strict' | 'warn' | 'none' | 'warn-with-error-code';

const MODES = new Set<string>(['throw', 'strict', 'warn', 'none', 'warn-with-error-code']);
const FLAG = /(?:^|\s)--unhandled-rejections(?:=|\s+)(\S+)/;

/** The mode this process runs with: the last `--unhandled-rejections` in `execArgv`, else `NODE_OPTIONS`, else `'throw'`. */
export function unhandledRejectionsMode(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string = process.env.NODE_OPTIONS ?? '',
): UnhandledRejectionsMode {
  for (const text of [execArgv.join(' '), nodeOptions]) {
    const found = [...text.matchAll(new RegExp(FLAG, 'g'))].pop()?.[1];
    if (found !== undefined && MODES.has(found)) return found as UnhandledRejectionsMode;
  }
  return 'throw';
}
