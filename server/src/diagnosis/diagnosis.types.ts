/** How one check came out; `unknown`: it could not be told from here (say why, never guess). */
export const DIAGNOSIS_STATUSES = ['ok', 'warning', 'error', 'unknown'] as const;
export type DiagnosisStatus = (typeof DIAGNOSIS_STATUSES)[number];

export type CheckParams = Record<string, string | number>;

/**
 * One line of the diagnosis: the web app words it from `messageKey` and `params` (French or
 * English); `detail` is the technical part (an outside system's words), folded, never a secret.
 */
export interface DiagnosisCheck {
  id: string;
  status: DiagnosisStatus;
  messageKey: string;
  params: CheckParams;
  detail?: string;
}

export function checkOf(
  id: string,
  status: DiagnosisStatus,
  messageKey: string,
  params: CheckParams = {},
  detail?: string,
): DiagnosisCheck {
  return detail ? { id, status, messageKey, params, detail } : { id, status, messageKey, params };
}
