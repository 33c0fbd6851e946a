/**
 * Puts the keyboard (and a screen reader's attention) on an error as it appears, on top of its
 * role=alert: `<p role="alert" tabindex="-1" use:focusAlert>`.
 */
export function focusAlert(node: HTMLElement): void {
  node.focus();
}
