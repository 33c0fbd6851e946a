import type { Language } from '../setup/setup.types';

/** What every message says it comes from, in the community's language (the installation's). */
export interface MailContext {
  language: Language;
  communityName: string;
}

export type MailContent =
  | { kind: 'test' }
  | { kind: 'invitation'; link: string; expiresAt: Date }
  | { kind: 'passwordReset'; link: string; username: string; validMinutes: number }
  | { kind: 'signUpApproved'; link: string; username: string };

export interface BuiltMail {
  subject: string;
  text: string;
  html: string;
}

interface Template {
  subject: string;
  /** Paragraphs; `{link}` is placed on its own, as a link in the HTML part. */
  paragraphs: string[];
  button?: string;
}

type Params = Record<string, string>;

const TEMPLATES: Record<Language, Record<MailContent['kind'], Template>> = {
  fr: {
    test: {
      subject: '{community} : message de test',
      paragraphs: [
        'Bonjour,',
        'Ce message confirme que le courriel sortant de {community} fonctionne.',
        'Vous n’avez rien à faire.',
      ],
    },
    invitation: {
      subject: 'Invitation à rejoindre {community}',
      paragraphs: [
        'Bonjour,',
        'Vous êtes invité·e à rejoindre {community} : la discussion, les pads et les fichiers de la communauté, avec un seul compte.',
        'Pour créer votre compte, ouvrez ce lien avant le {expires} :',
        '{link}',
        'Si vous ne vous attendiez pas à cette invitation, ignorez ce message.',
      ],
      button: 'Rejoindre {community}',
    },
    passwordReset: {
      subject: '{community} : nouveau mot de passe',
      paragraphs: [
        'Bonjour {username},',
        'Quelqu’un (vous, sans doute) a demandé un nouveau mot de passe pour votre compte sur {community}.',
        'Ce lien sert une seule fois, pendant {minutes} minutes :',
        '{link}',
        'Si vous n’avez rien demandé, ignorez ce message : votre mot de passe ne change pas.',
      ],
      button: 'Choisir un nouveau mot de passe',
    },
    signUpApproved: {
      subject: '{community} : votre demande est acceptée',
      paragraphs: [
        'Bonjour,',
        'Un·e admin de {community} a accepté votre demande : votre compte {username} est prêt.',
        'Connectez-vous ici avec le mot de passe que vous avez choisi :',
        '{link}',
      ],
      button: 'Se connecter',
    },
  },
  en: {
    test: {
      subject: '{community}: test message',
      paragraphs: ['Hello,', 'This message confirms that outgoing mail from {community} works.', 'Nothing to do.'],
    },
    invitation: {
      subject: 'Invitation to join {community}',
      paragraphs: [
        'Hello,',
        'You are invited to join {community}: the community’s chat, pads and files, with one account.',
        'To create your account, open this link before {expires}:',
        '{link}',
        'If you did not expect this invitation, ignore this message.',
      ],
      button: 'Join {community}',
    },
    passwordReset: {
      subject: '{community}: new password',
      paragraphs: [
        'Hello {username},',
        'Someone (you, most likely) asked for a new password for your account on {community}.',
        'This link works once, for {minutes} minutes:',
        '{link}',
        'If you did not ask for anything, ignore this message: your password does not change.',
      ],
      button: 'Choose a new password',
    },
    signUpApproved: {
      subject: '{community}: your request is accepted',
      paragraphs: [
        'Hello,',
        'An admin of {community} accepted your request: your account {username} is ready.',
        'Sign in here with the password you chose:',
        '{link}',
      ],
      button: 'Sign in',
    },
  },
};

/** A subject is one header line: no line breaks, whatever the community's name holds. */
function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').trim();
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function fill(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

function formatDate(date: Date, language: Language): string {
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
    timeZoneName: 'short',
  }).format(date);
}

function paramsOf(content: MailContent, context: MailContext): Params {
  const params: Params = { community: oneLine(context.communityName) };
  switch (content.kind) {
    case 'test':
      return params;
    case 'invitation':
      return { ...params, link: content.link, expires: formatDate(content.expiresAt, context.language) };
    case 'passwordReset':
      return { ...params, link: content.link, username: content.username, minutes: String(content.validMinutes) };
    case 'signUpApproved':
      return { ...params, link: content.link, username: content.username };
  }
}

/** A message in plain text and simple HTML (the same words; the link as a button in HTML). */
export function buildMail(content: MailContent, context: MailContext): BuiltMail {
  const template = TEMPLATES[context.language][content.kind];
  const params = paramsOf(content, context);
  const text = `${template.paragraphs.map((p) => fill(p, params)).join('\n\n')}\n\n-- \n${params.community}\n`;
  const htmlParagraphs = template.paragraphs.map((p) => {
    if (p === '{link}' && params.link) {
      const href = escapeHtml(params.link);
      const label = escapeHtml(fill(template.button ?? '{link}', params));
      return `<p><a href="${href}" style="display:inline-block;padding:10px 16px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:4px">${label}</a></p>\n<p style="font-size:small;color:#555555">${href}</p>`;
    }
    return `<p>${escapeHtml(fill(p, params))}</p>`;
  });
  const html = [
    '<!doctype html>',
    `<html lang="${context.language}"><head><meta charset="utf-8"><title>${escapeHtml(oneLine(fill(template.subject, params)))}</title></head>`,
    '<body style="font-family:sans-serif;line-height:1.5;color:#111111">',
    ...htmlParagraphs,
    `<p style="color:#555555">— ${escapeHtml(params.community)}</p>`,
    '</body></html>',
    '',
  ].join('\n');
  return { subject: oneLine(fill(template.subject, params)), text, html };
}
