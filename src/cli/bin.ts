#!/usr/bin/env node
// The `err` executable: wires process arguments and exit code to the CLI.
import { runCli } from './runCli.ts';

process.exitCode = await runCli(process.argv.slice(2));
