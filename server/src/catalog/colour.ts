const HEX = /^#[0-9a-fA-F]{6}$/;

function channels(hex: string): number[] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

/** Relative luminance (WCAG 2) of a `#rrggbb` colour. */
export function luminance(hex: string): number {
  const weights = [0.2126, 0.7152, 0.0722];
  return channels(hex).reduce((sum, v, i) => {
    const c = v / 255;
    return sum + (weights[i] ?? 0) * (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  }, 0);
}

/** WCAG contrast ratio of two `#rrggbb` colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * The colour darkened (mixed toward black) just enough for white text on it, and it as text on white,
 * to reach 4.5:1: Element draws its buttons in the accent colour with white text, and its links in it.
 * The same rule as the web app's (web/src/lib/brand.ts), so a pale community colour reads everywhere.
 */
export function readableAccent(colour: string): string {
  if (!HEX.test(colour)) throw new RangeError(`"${colour}" is not a #rrggbb colour`);
  const rgb = channels(colour);
  for (let step = 0; step <= 100; step += 1) {
    const candidate = `#${rgb
      .map((c) =>
        Math.round((c * (100 - step)) / 100)
          .toString(16)
          .padStart(2, '0'),
      )
      .join('')}`;
    if (contrastRatio(candidate, '#ffffff') >= 4.5) return candidate;
  }
  return '#000000';
}
