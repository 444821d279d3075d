import yargs from 'yargs';

/** Exit code of a successful run. */
export const EXIT_OK = 0;
/** Exit code for bad arguments or an unusable report directory. */
export const EXIT_USAGE = 2;

/** Runs the `err` command line with the given arguments (without `node` and the script) and returns the exit code. */
export async function runCli(args: readonly string[]): Promise<number> {
  let exitCode = EXIT_OK;
  const parser = yargs([...args])
    .scriptName('err')
    .usage('$0 <command> [options]\n\nInspect the crash reports that otel-err wrote.')
    .epilogue('Reports are read from -p DIR, else $ERR_PATH.')
    .strict()
    .help()
    .alias('h', 'help')
    .version()
    .fail((message, error) => {
      exitCode = EXIT_USAGE;
      process.stderr.write(`err: ${message ?? error?.message ?? 'invalid arguments'}\n`);
      process.stderr.write("Run 'err --help' for usage.\n");
    });
  const parsed = await parser.parse();
  if (exitCode === EXIT_OK && parsed._.length === 0 && !parsed.help && !parsed.version) {
    process.stdout.write(`${await parser.getHelp()}\n`);
  }
  return exitCode;
}
