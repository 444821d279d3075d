import yargs from 'yargs';
import { escapeText } from '../format/text.ts';
import { CliContext } from './CliContext.ts';
import { clearCommand } from './commands/clear.ts';
import type { GlobalArgs } from './commands/GlobalArgs.ts';
import { listCommand } from './commands/list.ts';
import { resendCommand } from './commands/resend.ts';
import { statsCommand } from './commands/stats.ts';
import { viewCommand } from './commands/view.ts';
import { EXIT, EXIT_CODES_HELP } from './exitCodes.ts';

/** Runs the `err` command line with the given arguments (without `node` and the script) and returns the exit code. */
export async function runCli(args: readonly string[]): Promise<number> {
  const context = new CliContext();
  context.debug = args.includes('--debug');
  let usageError = false;
  const parser = yargs([...args])
    .scriptName('err')
    .usage(
      '$0 <command> [options]\n\nRead the crash reports of otel-err (and OTLP JSON exports, and Gufo Err files).',
    )
    .option('path', {
      alias: 'p',
      type: 'string',
      global: true,
      describe:
        'Report directory (default: $ERR_PATH, else $XDG_STATE_HOME/otel-err, else ~/.local/state/otel-err)',
    })
    .option('debug', {
      type: 'boolean',
      global: true,
      describe: 'Show stack traces and index decisions',
    })
    .command(listCommand(context))
    .command(viewCommand(context))
    .command(statsCommand(context))
    .command(clearCommand(context))
    .command(resendCommand(context))
    .epilogue(EXIT_CODES_HELP)
    .strict()
    .exitProcess(false)
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns || 110))
    .fail((message, error) => {
      if (error !== undefined && error !== null && message === null) throw error;
      usageError = true;
      context.usageFailed = true;
      const [first = 'invalid arguments', ...more] = (message ?? '').split('\n');
      context.warn(first || 'invalid arguments');
      for (const line of more) context.err.write(`${escapeText(line)}\n`);
      context.err.write("Run 'err --help' (or 'err <command> --help') for usage.\n");
      context.fail(EXIT.usage);
    });
  const parsed = await (parser.parseAsync() as Promise<
    GlobalArgs & { _: unknown[]; help?: boolean; version?: boolean }
  >);
  if (!usageError && parsed._.length === 0 && !parsed.help && !parsed.version) {
    context.out.write(`${await parser.getHelp()}\n`);
  }
  await context.run(() => undefined);
  return context.exitCode;
}
