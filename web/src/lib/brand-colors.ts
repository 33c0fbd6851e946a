/**
 * Colours derived from the community's brand colour so that any colour an admin picks stays readable
 * (WCAG 2.2: 4.5:1 for text, 3:1 for focus indicators). Pure: brand.ts applies them to the page.
 */

export const FG = '#1d2327';
/** The light backgrounds brand-coloured text sits on (app.css: --surface, --surface-alt, --bg). */
export const LIGHT_BACKGROUNDS = ['#ffffff', '#f9faf8', '#f5f6f4'] as const;
export const TEXT_CONTRAST = 4.5;

type Rgb = [number, number, number];

function rgb(hex: string): Rgb {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
}

function hex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/** Relative luminance (WCAG) of a `#rrggbb` colour. */
export function luminance(color: string): number {
  const [r, g, b] = rgb(color).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio between two `#rrggbb` colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `color` moved a fraction `t` (0 to 1) of the way to `target`. */
export function mix(color: string, target: string, t: number): string {
  const from = rgb(color);
  const to = rgb(target);
  return hex(from.map((c, i) => c + (to[i]! - c) * t) as Rgb);
}

/**
 * The text colour for content on a brand-coloured fill: white, else the page's ink, else black.
 * One of white and black always reaches 4.5:1 on any colour (the worst case is about 4.6:1).
 */
export function textOn(fill: string): string {
  const candidates = ['#ffffff', FG, '#000000'];
  return (
    candidates.find((c) => contrastRatio(c, fill) >= TEXT_CONTRAST) ??
    candidates.reduce((best, c) => (contrastRatio(c, fill) > contrastRatio(best, fill) ? c : best))
  );
}

/**
 * The brand colour as text (links) on the light backgrounds: the brand itself when it reads at
 * 4.5:1 on all of them, else the brand darkened just enough (a light yellow becomes an ochre).
 */
export function brandText(brand: string, backgrounds: readonly string[] = LIGHT_BACKGROUNDS): string {
  for (let step = 0; step <= 50; step++) {
    const candidate = mix(brand, '#000000', step / 50);
    if (backgrounds.every((bg) => contrastRatio(candidate, bg) >= TEXT_CONTRAST)) return candidate;
  }
  return '#000000';
}
