// Locating a generated file's source map: its `sourceMappingURL` comment and `data:` URLs.

// Anchored at the line start so a string literal that mentions the comment mid-line is ignored.
const comment = /^\s*(?:\/\/|\/\*)[#@]\s*sourceMappingURL=([^\s*]+)/;
const base64Suffix = /;base64$/i;

/** The URL of the LAST `//# sourceMappingURL=` (or legacy `//@`) comment of a file's lines, or `null`. */
export function findSourceMappingUrl(lines: readonly string[]): string | null {
  for (let index = lines.length - 1; index >= 0; index--) {
    const line = lines[index] ?? '';
    if (!line.includes('sourceMappingURL=')) continue;
    const match = comment.exec(line);
    if (match?.[1] !== undefined) return match[1];
  }
  return null;
}

/** The text of a `data:` URL (base64 or percent-encoded), or `null` when it is not a valid one. */
export function decodeDataUrl(url: string): string | null {
  const comma = url.indexOf(',');
  if (!url.startsWith('data:') || comma < 0) return null;
  const data = url.slice(comma + 1);
  if (base64Suffix.test(url.slice(5, comma))) return Buffer.from(data, 'base64').toString('utf8');
  try {
    return decodeURIComponent(data);
  } catch {
    return null;
  }
}
