export const DEFAULT_BRAND = '#2f6f5e';
const HEX = /^#[0-9a-f]{6}$/i;

/** Relative luminance (WCAG) of a `#rrggbb` colour. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** Sets `--brand` (and a readable text colour on it, `--brand-contrast`) on the document. */
export function applyBrand(color: string | undefined): void {
  const brand = color && HEX.test(color) ? color : DEFAULT_BRAND;
  const style = document.documentElement.style;
  style.setProperty('--brand', brand);
  style.setProperty('--brand-contrast', luminance(brand) > 0.21 ? '#1d2327' : '#ffffff');
}
