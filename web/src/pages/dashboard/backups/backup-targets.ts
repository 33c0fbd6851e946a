import type { BackupTarget, FieldError, NewBackupTarget, Retention } from '../../../lib/api';
// Types only: this file stays free of the browser (its unit test runs in Node).
import type { Message, MessageKey } from '../../../lib/i18n';
import { RETENTION_FIELDS, RETENTION_MAX } from './schedule-form';

/** The place form's id: its fields' ids and test ids start with it. */
export const TARGET_FORM = 'backup-target';

/** The kinds the form offers. */
export const FORM_KINDS = ['directory', 'rest', 'sftp', 's3'] as const;
export type FormKind = (typeof FORM_KINDS)[number];

export interface TargetDraft {
  label: string;
  kind: FormKind;
  /** directory, rest: the whole location; sftp and s3 are given in parts below. */
  location: string;
  sftpUser: string;
  sftpHost: string;
  sftpPort: string;
  sftpPath: string;
  hostKey: string;
  s3Endpoint: string;
  s3Bucket: string;
  s3Path: string;
  accessKeyId: string;
  secretAccessKey: string;
  pathStyle: boolean;
  keepAll: boolean;
  daily: string;
  weekly: string;
  monthly: string;
}

export type TargetField =
  'label' | 'location' | 'hostKey' | 'accessKeyId' | 'secretAccessKey' | keyof Retention | 'retention';
export type TargetProblems = Partial<Record<TargetField, Message>>;
export const TARGET_FIELD_ORDER: readonly TargetField[] = [
  'label',
  'location',
  'hostKey',
  'accessKeyId',
  'secretAccessKey',
  'daily',
  'weekly',
  'monthly',
  'retention',
];

/** What the SFTP and S3 parts of the form take: the draft they edit, its problems, and who to tell of an edit. */
export interface KindFieldsProps {
  draft: TargetDraft;
  problems: TargetProblems;
  edited: (field: TargetField) => void;
}

/** A new place keeps everything by default: what a co-op's append-only server needs. */
export function emptyDraft(): TargetDraft {
  return {
    label: '',
    kind: 'directory',
    location: '',
    sftpUser: '',
    sftpHost: '',
    sftpPort: '22',
    sftpPath: '',
    hostKey: '',
    s3Endpoint: '',
    s3Bucket: '',
    s3Path: '',
    accessKeyId: '',
    secretAccessKey: '',
    pathStyle: true,
    keepAll: true,
    daily: '7',
    weekly: '4',
    monthly: '6',
  };
}

/** The location the server takes, from the form's parts (sftp://user@host:port/path, endpoint/bucket/path). */
export function draftLocation(draft: TargetDraft): string {
  if (draft.kind === 'sftp') {
    const [user, host, port] = [draft.sftpUser.trim(), draft.sftpHost.trim(), draft.sftpPort.trim() || '22'];
    if (!user || !host || !draft.sftpPath.trim()) return '';
    const path = draft.sftpPath.trim();
    return `sftp://${user}@${host}:${port}${path.startsWith('/') ? '' : '/'}${path}`;
  }
  if (draft.kind === 's3') {
    const endpoint = draft.s3Endpoint.trim().replace(/\/+$/, '');
    const bucket = draft.s3Bucket.trim();
    if (!endpoint || !bucket) return '';
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`;
    return [withScheme, bucket, draft.s3Path.trim().replace(/^\/+|\/+$/g, '')].filter(Boolean).join('/');
  }
  return draft.location.trim();
}

/** The blob of a pasted host key (a .pub or known_hosts line), for its fingerprint; null if none. */
export function hostKeyBlob(text: string): string | null {
  const match = /(?:^|\s)(ssh-ed25519|ecdsa-sha2-nistp(?:256|384|521)|ssh-rsa)\s+([A-Za-z0-9+/]+={0,2})(?:\s|$)/.exec(
    text.trim(),
  );
  return match?.[2] ?? null;
}

function count(value: string, max: number): number | null {
  const text = value.trim();
  if (!/^\d{1,4}$/.test(text)) return null;
  const n = Number(text);
  return n <= max ? n : null;
}

/** The server's rules, checked before sending; the location's own checks are the server's (it knows the host). */
export function validateTarget(draft: TargetDraft): { body: NewBackupTarget | null; problems: TargetProblems } {
  const problems: TargetProblems = {};
  const label = draft.label.trim();
  if (!label) problems.label = { key: 'backups.targets.form.labelMissing' };
  const location = draftLocation(draft);
  if (!location) problems.location = { key: 'backups.targets.form.locationMissing' };
  else if (draft.kind === 'directory' && !location.startsWith('/')) {
    problems.location = { key: 'backups.targets.problem.notAbsolute' };
  } else if (draft.kind === 'rest' && !/^https?:\/\/./i.test(location)) {
    problems.location = { key: 'backups.targets.problem.notHttpUrl' };
  }
  let retention: Retention | null = null;
  if (!draft.keepAll) {
    const kept: Partial<Retention> = {};
    for (const field of RETENTION_FIELDS) {
      const value = count(draft[field], RETENTION_MAX[field]);
      if (value === null) problems[field] = { key: 'backups.validation.count', params: { max: RETENTION_MAX[field] } };
      else kept[field] = value;
    }
    const { daily, weekly, monthly } = kept;
    if (daily !== undefined && weekly !== undefined && monthly !== undefined) {
      if (daily + weekly + monthly === 0) problems.retention = { key: 'backups.validation.keepOne' };
      retention = { daily, weekly, monthly };
    }
  }
  const credentials: Partial<NewBackupTarget> = {};
  if (draft.kind === 'sftp') {
    if (!hostKeyBlob(draft.hostKey)) problems.hostKey = { key: 'backups.targets.problem.notHostKey' };
    credentials.hostKey = draft.hostKey.trim();
  } else if (draft.kind === 's3') {
    if (!draft.accessKeyId.trim()) problems.accessKeyId = { key: 'backups.targets.problem.notS3Keys' };
    if (!draft.secretAccessKey.trim()) problems.secretAccessKey = { key: 'backups.targets.problem.notS3Keys' };
    Object.assign(credentials, {
      accessKeyId: draft.accessKeyId.trim(),
      secretAccessKey: draft.secretAccessKey.trim(),
      pathStyle: draft.pathStyle,
    });
  }
  if (Object.keys(problems).length > 0) return { body: null, problems };
  return { body: { label, kind: draft.kind, location, retention, ...credentials }, problems };
}

/** The text of a refusal code (`errors[].code`), if the card has one. */
export function problemKey(code: string, has: (key: string) => key is MessageKey): MessageKey | null {
  const key = `backups.targets.problem.${code}`;
  return has(key) ? key : null;
}

/** A 400 or 502's errors on the form's fields; what no field takes, apart. */
export function targetServerProblems(
  errors: readonly FieldError[],
  has: (key: string) => key is MessageKey,
): { problems: TargetProblems; other: boolean } {
  const problems: TargetProblems = {};
  let other = false;
  for (const error of errors) {
    const leaf = error.field.split('.').pop() ?? error.field;
    const known = problemKey(error.code, has);
    if (leaf === 'location') problems.location = { key: known ?? 'backups.targets.problem.targetFailed' };
    else if (leaf === 'hostKey' || leaf === 'accessKeyId' || leaf === 'secretAccessKey') {
      problems[leaf] = { key: known ?? 'backups.targets.problem.targetFailed' };
    } else if (leaf === 'label') problems.label = { key: 'backups.targets.form.labelMissing' };
    else if (leaf === 'daily' || leaf === 'weekly' || leaf === 'monthly') {
      problems[leaf] = { key: 'backups.validation.count', params: { max: RETENTION_MAX[leaf] } };
    } else other = true;
  }
  return { problems, other };
}

export function firstTargetProblem(problems: TargetProblems): TargetField | null {
  return TARGET_FIELD_ORDER.find((field) => problems[field]) ?? null;
}

/** What the place keeps. */
export function retentionMessage(target: Pick<BackupTarget, 'retention'>): Message {
  const r = target.retention;
  return r ? { key: 'backups.targets.keepPolicy', params: { ...r } } : { key: 'backups.targets.keepAll' };
}

/** How the place is doing: off, never copied, its last copy, or its last failure with the reason. */
export function statusMessage(
  target: Pick<BackupTarget, 'enabled' | 'lastAttemptAt' | 'lastSuccessAt' | 'lastError'>,
  date: (iso: string) => string,
  reason: (key: string) => string,
): { message: Message; failed: boolean } {
  if (target.lastError && target.lastAttemptAt) {
    const params = { date: date(target.lastAttemptAt), reason: reason(target.lastError.key) };
    return { message: { key: 'backups.targets.failedAt', params }, failed: true };
  }
  if (!target.enabled) return { message: { key: 'backups.targets.off' }, failed: false };
  if (!target.lastSuccessAt) return { message: { key: 'backups.targets.never' }, failed: false };
  return { message: { key: 'backups.targets.lastCopy', params: { date: date(target.lastSuccessAt) } }, failed: false };
}

/** A recovery key exists but does not open this place (added before it, or the place did not answer). */
export function lacksRecoveryKey(target: Pick<BackupTarget, 'recoveryKeyAt'>, recoveryKeyAt: string | null): boolean {
  return recoveryKeyAt !== null && target.recoveryKeyAt === null;
}
