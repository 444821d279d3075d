/** A style: wraps already-escaped text in ANSI SGR codes, or returns it unchanged when colour is off. */
export type Style = (text: string) => string;

/** The few styles the formatters use. Foreground colours reset with 39 so they never nest. */
export interface Palette {
  /** Emphasis: exception messages, function names. */
  bold: Style;
  /** Exception types, carets, the current-line marker. */
  red: Style;
  /** String values. */
  green: Style;
  /** Numbers, booleans, chain labels. */
  yellow: Style;
  /** Locations and variable names. */
  cyan: Style;
  /** Non-app frames, gutters, metadata. */
  gray: Style;
}

const sgr =
  (open: number, close: number): Style =>
  text =>
    text === '' ? text : `\x1b[${open}m${text}\x1b[${close}m`;

const identity: Style = text => text;

const colored: Palette = {
  bold: sgr(1, 22),
  red: sgr(31, 39),
  green: sgr(32, 39),
  yellow: sgr(33, 39),
  cyan: sgr(36, 39),
  gray: sgr(90, 39),
};

const plain: Palette = {
  bold: identity,
  red: identity,
  green: identity,
  yellow: identity,
  cyan: identity,
  gray: identity,
};

/** The palette for `color`: plain ANSI SGR codes, or no-ops. */
export function palette(color: boolean): Palette {
  return color ? colored : plain;
}
