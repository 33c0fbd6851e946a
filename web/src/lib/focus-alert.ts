/**
 * Puts the keyboard (and a screen reader's attention) on an error as it appears, on top of its
 * role=alert: `<p role="alert" tabindex="-1" use:focusAlert>` (`use:focusAlert={false}` leaves it be).
 */
export function focusAlert(node: HTMLElement, focus = true): void {
  if (focus) node.focus();
}
