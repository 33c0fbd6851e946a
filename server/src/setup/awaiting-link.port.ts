import type { SetupLinkDto } from './dto/setup-link.dto';

/**
 * What the wizard may show of a link made on first boot (the co-op's enrollment file). Provided by
 * the appliance's federation module; an upstream has none, and its wizard then hears "none". A token,
 * not an import, so that the core never loads the appliance's modules (app.modules.ts).
 */
export const AWAITING_LINK = Symbol('AwaitingLink');

export interface AwaitingLinkSource {
  awaiting(): Promise<SetupLinkDto>;
}
