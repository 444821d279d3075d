import os from 'node:os';
import type { RuntimeInfo } from '../errorinfo/ErrorInfo.ts';

let cached: RuntimeInfo | null = null;

/** The process that captures the report: Node version, pid, host, platform (read once). */
export function runtimeInfo(): RuntimeInfo {
  if (cached === null || cached.pid !== process.pid) {
    let hostname = 'unknown';
    try {
      hostname = os.hostname();
    } catch {
      // A sandbox without uname: keep the placeholder.
    }
    cached = {
      node: process.version,
      pid: process.pid,
      hostname,
      platform: process.platform,
      arch: process.arch,
    };
  }
  return { ...cached };
}
