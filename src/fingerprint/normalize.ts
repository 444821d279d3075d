// Normalisers that make fingerprint parts stable across releases, install paths, Node versions and message values.

/**
 * A function name without its receiver: V8 prints the receiver's type (`Sub.save` vs `Base.save` for the same
 * code, `Object.[foo]` on old Node vs `[foo]`), so only the part after the last `.` identifies the function.
 */
export function normalizeFunctionName(name: string | null): string {
  if (name === null || name === '' || name === '<anonymous>') return '<anonymous>';
  const withoutReceiver = name.slice(name.lastIndexOf('.', name.length - 2) + 1);
  return withoutReceiver === '<anonymous>' || withoutReceiver === ''
    ? '<anonymous>'
    : withoutReceiver;
}

/** A module name without version segments (`.pnpm/pkg@1.2.3`) and content hashes of bundles (`main.3f2a9c81`). */
export function normalizeModuleName(module: string | null): string {
  if (module === null || module === '') return '<unknown>';
  return module
    .replace(/@\d+\.\d+\.\d+(?:-[0-9A-Za-z]+(?:\.\d+)?)?/g, '')
    .replace(/([.-])[0-9a-f]{8,}(?=[.:]|$)/g, '$1#')
    .replace(/\\/g, '/');
}

/** A message with its variable parts masked (URLs, paths, quoted values, ids, numbers): the last-resort grouping key. */
export function messageTemplate(message: string): string {
  return message
    .slice(0, 1024)
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, '<url>')
    .replace(/(?:[A-Za-z]:)?(?:[\\/][\w.@-]+){2,}[\\/]?/g, '<path>')
    .replace(/"[^"]*"|'[^']*'|`[^`]*`/g, '<str>')
    .replace(/\b[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}\b/gi, '<uuid>')
    .replace(/\b0x[0-9a-f]+\b|\b(?=[a-f]*\d)[0-9a-f]{6,}\b/gi, '<hex>')
    .replace(/\d+(?:\.\d+)*/g, '<n>')
    .replace(/\s+/g, ' ')
    .trim();
}
