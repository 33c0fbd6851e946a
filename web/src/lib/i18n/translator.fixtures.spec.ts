import { en } from './en';
import { fr } from './fr';
import type { MessageKey, Params, Translate } from './index';

/** The app's own translation, without the browser's store around it. */
const translator =
  (messages: Record<MessageKey, string>): Translate =>
  (key: MessageKey, params?: Params) =>
    messages[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      params && name in params ? String(params[name]) : whole,
    );

export const tFr = translator(fr);
export const tEn = translator(en);
