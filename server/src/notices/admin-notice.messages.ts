import type { JobStageParams } from '../jobs/job-progress';
import type { Language } from '../setup/setup.types';

/**
 * The text of the notices posted to the community's admin room on Matrix, in French and English. The
 * server writes them (a Matrix client cannot translate a key), from the same job error keys the
 * dashboard translates (web/src/lib/i18n/*.jobs.ts), shortened: the technical detail stays in the
 * dashboard.
 */

/** The backups operations whose failure is told in the admin room. */
export const NOTICE_OPERATIONS = ['backup', 'backupCheck', 'backupForget'] as const;
export type NoticeOperation = (typeof NOTICE_OPERATIONS)[number];

/** One failure to tell: which operation, its job error key and params, when it failed. */
export interface AdminNotice {
  operation: NoticeOperation;
  key: string;
  params: JobStageParams;
  at: Date;
}

/** What the text needs besides the failure. */
export interface NoticeContext {
  language: Language;
  communityName: string;
  dashboardUrl: string;
  timeZone: string;
}

interface Table {
  /** `{when}` and `{community}` are filled in. */
  headline: Record<NoticeOperation, string>;
  reasons: Readonly<Record<string, string>>;
  /** For a key this table does not know. */
  unknownReason: string;
  /** `{url}` is filled in. */
  hint: string;
  roomName: string;
  roomTopic: string;
  /** `le 30 novembre 2026 à 08:50` from its parts. */
  when: (date: string, time: string, zone: string) => string;
}

const FR: Table = {
  headline: {
    backup: 'La sauvegarde de {community} a échoué {when}.',
    backupCheck: 'La vérification des sauvegardes de {community} a échoué {when}.',
    backupForget: 'La suppression des anciennes sauvegardes de {community} a échoué {when}.',
  },
  reasons: {
    backupDumpFailed: 'la base de données {database} n’a pas pu être lue ; les sauvegardes précédentes sont intactes.',
    backupDiskFull: 'le disque de sauvegarde est plein.',
    backupTargetUnreachable: 'le stockage des sauvegardes est injoignable.',
    backupTimeout: 'le stockage des sauvegardes ne répondait plus.',
    backupLocked: 'une autre opération de sauvegarde occupait le stockage.',
    backupWrongPassword: 'le stockage des sauvegardes n’accepte pas la clé de ce serveur.',
    backupNoRepository: 'aucune sauvegarde n’a été trouvée à l’endroit prévu.',
    backupFailed: 'la sauvegarde n’a pas abouti et a été écartée.',
    backupCheckFailed: 'la vérification a trouvé un problème ou n’a pas pu aboutir.',
    backupForgetFailed: 'les anciennes sauvegardes n’ont pas pu être supprimées.',
    setupIncomplete: 'la configuration initiale n’est pas terminée.',
    interrupted: 'le gestionnaire a redémarré pendant l’opération.',
  },
  unknownReason: 'un problème inattendu est survenu.',
  hint: 'Ouvrez le tableau de bord ({url}), section Sauvegardes, pour les détails et pour réessayer.',
  roomName: 'Administration de {community}',
  roomTopic: 'Messages automatiques du serveur de {community} : ce qui demande l’attention des admins.',
  when: (date, time, zone) => `le ${date} à ${time} (${zone})`,
};

const EN: Table = {
  headline: {
    backup: 'The backup of {community} failed {when}.',
    backupCheck: 'The backup check of {community} failed {when}.',
    backupForget: 'Removing the old backups of {community} failed {when}.',
  },
  reasons: {
    backupDumpFailed: 'the {database} database could not be read; earlier backups are untouched.',
    backupDiskFull: 'the backup disk is full.',
    backupTargetUnreachable: 'the backup storage cannot be reached.',
    backupTimeout: 'the backup storage stopped answering.',
    backupLocked: 'another backup operation held the backup storage.',
    backupWrongPassword: 'the backup storage does not accept this server’s key.',
    backupNoRepository: 'no backups were found where they are expected.',
    backupFailed: 'the backup did not complete and was discarded.',
    backupCheckFailed: 'the check found a problem or could not finish.',
    backupForgetFailed: 'the old backups could not be removed.',
    setupIncomplete: 'the setup is not finished.',
    interrupted: 'the manager restarted during the operation.',
  },
  unknownReason: 'something unexpected went wrong.',
  hint: 'Open the dashboard ({url}), Backups section, for the details and to try again.',
  roomName: '{community} administration',
  roomTopic: 'Automatic messages from the {community} server: what needs the admins’ attention.',
  when: (date, time, zone) => `on ${date} at ${time} (${zone})`,
};

const TABLES: Readonly<Record<Language, Table>> = { fr: FR, en: EN };
const LOCALES: Readonly<Record<Language, string>> = { fr: 'fr-FR', en: 'en-GB' };
const REASON_LABEL: Readonly<Record<Language, string>> = { fr: 'Raison : ', en: 'Reason: ' };

/** `{name}` replaced by its value; an unknown name stays as it is (never an empty hole). */
export function fill(template: string, values: Readonly<Record<string, string | number | boolean>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}

/** `30 novembre 2026 à 08:50 (Europe/Paris)`, assembled from ICU's parts so the wording is ours. */
export function formatWhen(at: Date, language: Language, timeZone: string): string {
  const parts = new Intl.DateTimeFormat(LOCALES[language], {
    timeZone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const date = `${part('day')} ${part('month')} ${part('year')}`;
  return TABLES[language].when(date, `${part('hour')}:${part('minute')}`, timeZone);
}

/** The notice's body: what failed and when, the short reason, where to look. Never the technical detail. */
export function composeNotice(notice: AdminNotice, context: NoticeContext): string {
  const table = TABLES[context.language];
  const headline = fill(table.headline[notice.operation], {
    community: context.communityName,
    when: formatWhen(notice.at, context.language, context.timeZone),
  });
  const reasonTemplate = Object.hasOwn(table.reasons, notice.key) ? table.reasons[notice.key] : table.unknownReason;
  const reason = REASON_LABEL[context.language] + fill(reasonTemplate, notice.params);
  return [headline, reason, fill(table.hint, { url: context.dashboardUrl })].join('\n');
}

/** The admin room's name and topic, in the community's language. */
export function roomTexts(language: Language, communityName: string): { name: string; topic: string } {
  const table = TABLES[language];
  return {
    name: fill(table.roomName, { community: communityName }),
    topic: fill(table.roomTopic, { community: communityName }),
  };
}
