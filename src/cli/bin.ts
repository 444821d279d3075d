#!/usr/bin/env node
// The `err` executable: wires process arguments, exit code and a reader that went away to the CLI.
import module from 'node:module';

// V8's code cache on disk (Node's own compile cache): later runs skip compiling the CLI's modules.
module.enableCompileCache?.();
for (const stream of [process.stdout, process.stderr]) {
  // yargs prints help through console.log: `err --help | head -1` must end quietly too.
  stream.on('error', () => process.exit(process.exitCode ?? 0));
}
const { runCli } = await import('./runCli.ts');
process.exitCode = await runCli(process.argv.slice(2));
