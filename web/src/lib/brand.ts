export const DEFAULT_BRAND = '#2f6f5e';
const HEX = /^#[0-9a-f]{6}$/i;
const WHITE = '#ffffff';
/** The page's dark text colour (app.css `--fg`'s family): the other choice of text on the brand. */
export const DARK_TEXT = '#1d2327';
/** WCAG 2 minimum contrast for body text. */
export const TEXT_CONTRAST = 4.5;

function channels(hex: string): number[] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

function toHex(rgb: readonly number[]): string {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/** Relative luminance (WCAG) of a `#rrggbb` colour. */
export function luminance(hex: string): number {
  const weights = [0.2126, 0.7152, 0.0722];
  return channels(hex).reduce((sum, v, i) => {
    const c = v / 255;
    return sum + weights[i]! * (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  }, 0);
}

/** WCAG contrast ratio of two `#rrggbb` colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** `colour` darkened (mixed toward black) just enough to reach `min` against `background`. */
export function darkenUntil(colour: string, background: string, min: number): string {
  const rgb = channels(colour);
  for (let step = 0; step <= 100; step += 1) {
    const candidate = toHex(rgb.map((c) => (c * (100 - step)) / 100));
    if (contrastRatio(candidate, background) >= min) return candidate;
  }
  return '#000000';
}

export interface BrandColours {
  /** Backgrounds of the main buttons and the portal's header: the community's colour when text reads on it. */
  brand: string;
  /** Text on `brand`: white or dark, whichever reads better (at least 4.5:1). */
  onBrand: string;
  /** Links, text and focus rings on white: the colour darkened to 4.5:1 if needed (3:1 is a ring's minimum). */
  text: string;
}

/**
 * Colours that stay readable whatever the community chose: a pale yellow keeps its yellow buttons
 * (with dark text) but gets darker links; a mid tone that neither white nor dark text reads on is
 * darkened until white does.
 */
export function brandColours(color: string | undefined): BrandColours {
  const chosen = color && HEX.test(color) ? color.toLowerCase() : DEFAULT_BRAND;
  const white = contrastRatio(chosen, WHITE);
  const dark = contrastRatio(chosen, DARK_TEXT);
  let brand = chosen;
  let onBrand = white >= dark ? WHITE : DARK_TEXT;
  if (Math.max(white, dark) < TEXT_CONTRAST) {
    brand = darkenUntil(chosen, WHITE, TEXT_CONTRAST);
    onBrand = WHITE;
  }
  return { brand, onBrand, text: darkenUntil(chosen, WHITE, TEXT_CONTRAST) };
}

/** Sets `--brand`, `--brand-contrast` (text on it) and `--brand-text` (on white) on the document. */
export function applyBrand(color: string | undefined): void {
  const colours = brandColours(color);
  const style = document.documentElement.style;
  style.setProperty('--brand', colours.brand);
  style.setProperty('--brand-contrast', colours.onBrand);
  style.setProperty('--brand-text', colours.text);
}
