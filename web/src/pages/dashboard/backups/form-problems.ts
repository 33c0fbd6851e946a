import type { Message } from '../../../lib/i18n';

/** The retention counts: editing one also clears the group's problem (none kept at all). */
const COUNTS: readonly string[] = ['daily', 'weekly', 'monthly'];

/** The problems once a field is edited: its own is gone, and the group's for a retention count. */
export function withoutProblem<F extends string>(
  problems: Partial<Record<F, Message>>,
  field: F,
): Partial<Record<F, Message>> {
  const rest = { ...problems };
  delete rest[field];
  if (COUNTS.includes(field)) delete rest['retention' as F];
  return rest;
}

/** A form's field ids (`<form id>-<field>`) and what each input's aria-describedby names: its hint, its problem. */
export function fieldNames<F extends string>(formId: string, problems: () => Partial<Record<F, Message>>) {
  const fieldId = (field: F) => `${formId}-${field}`;
  const describedBy = (field: F, hint?: string) =>
    [hint, problems()[field] ? `${fieldId(field)}-error` : ''].filter(Boolean).join(' ') || undefined;
  return { fieldId, describedBy };
}
