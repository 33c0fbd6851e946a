import { brandText, textOn } from './brand-colors';

export const DEFAULT_BRAND = '#2f6f5e';
const HEX = /^#[0-9a-f]{6}$/i;

/**
 * Sets `--brand` (fills, borders), `--brand-contrast` (text on a brand fill) and `--brand-text` (brand
 * coloured text and links on the page's light backgrounds), each readable whatever the colour.
 */
export function applyBrand(color: string | undefined): void {
  const brand = color && HEX.test(color) ? color.toLowerCase() : DEFAULT_BRAND;
  const style = document.documentElement.style;
  style.setProperty('--brand', brand);
  style.setProperty('--brand-contrast', textOn(brand));
  style.setProperty('--brand-text', brandText(brand));
}
