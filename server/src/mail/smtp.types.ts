/** What a person can act on when the relay did not take a message (translated as mail.error.<key>). */
export const SMTP_PROBLEMS = ['unreachable', 'tls', 'authRefused', 'refused', 'failed'] as const;
export type SmtpProblem = (typeof SMTP_PROBLEMS)[number];

export class SmtpError extends Error {
  constructor(
    readonly problem: SmtpProblem,
    readonly details: string,
  ) {
    super(`${problem}: ${details}`);
  }
}
