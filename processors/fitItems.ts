import type { ItemVariants } from './jsonItems.ts';

/** A JSON array built from the longest prefix of items that fits. */
export interface FittedArray {
  /** The JSON text, at most the requested length. */
  json: string;
  /** Whether every item went in, each in its most complete variant. */
  complete: boolean;
}

/**
 * Builds a JSON array of at most `maxLength` UTF-16 code units (the unit of the SDK's
 * `attributeValueLengthLimit`) from `items` in order: each item takes its first variant that still
 * fits, and the array stops at the first item none of whose variants fits. A string cut by the SDK
 * would be broken JSON; whole items keep it parseable. `null` when not even one item fits.
 */
export function fitItems(items: readonly ItemVariants[], maxLength: number): FittedArray | null {
  let json = '[';
  let kept = 0;
  let reduced = false;
  for (const variants of items) {
    const room = maxLength - json.length - (kept === 0 ? 0 : 1) - 1;
    const index = variants.findIndex(variant => variant.length <= room);
    if (index < 0) break;
    if (index > 0) reduced = true;
    json += `${kept === 0 ? '' : ','}${variants[index]}`;
    kept++;
  }
  if (kept === 0) return null;
  return { json: `${json}]`, complete: kept === items.length && !reduced };
}
