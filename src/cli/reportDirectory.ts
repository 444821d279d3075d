import fs from 'node:fs';
import { defaultReportDirectory } from '../store/defaultReportDirectory.ts';
import { CliError } from './CliError.ts';
import { EXIT } from './exitCodes.ts';

/**
 * The report directory to read: `-p DIR`, else `$ERR_PATH`, else the default directory. Throws a
 * `CliError` (exit 2) naming the path as the user gave it when it is missing, not a directory or
 * not readable.
 */
export function reportDirectory(option: string | undefined): string {
  const dir = option === undefined || option === '' ? defaultReportDirectory() : option;
  let stats: fs.Stats;
  try {
    stats = fs.statSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new CliError(
        `report directory ${dir} does not exist (set it with -p DIR or $ERR_PATH)`,
        EXIT.usage,
      );
    }
    throw new CliError(
      `report directory ${dir} cannot be read (${code ?? String(error)})`,
      EXIT.usage,
    );
  }
  if (!stats.isDirectory()) throw new CliError(`${dir} is not a directory`, EXIT.usage);
  try {
    fs.accessSync(dir, fs.constants.R_OK | fs.constants.X_OK);
  } catch {
    throw new CliError(`report directory ${dir} cannot be read (permission denied)`, EXIT.usage);
  }
  return dir;
}
