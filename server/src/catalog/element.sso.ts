import type { Json } from './canonical';
import type { RenderContext } from './catalog.types';

const COLOUR = /^#[0-9a-fA-F]{6}$/;

export interface ElementMembersConfig {
  /** Top-level config.json keys. */
  config: Record<string, Json>;
  /** Keys merged into `setting_defaults`. */
  settingDefaults: Record<string, Json>;
}

/** A light theme in the community's colour (Element's documented `custom_themes`, named `custom-<name>`). */
function theme(name: string, colour: string): ElementMembersConfig {
  if (!COLOUR.test(colour)) throw new RangeError(`"${colour}" is not a #rrggbb colour`);
  return {
    config: { default_theme: `custom-${name}` },
    settingDefaults: {
      custom_themes: [{ name, is_dark: false, colors: { 'accent-color': colour, 'primary-color': colour } }],
    },
  };
}

/**
 * What members change in Element's config.json; nothing without members input. With the community's
 * provider on Synapse, the first page is the sign-in page (no Element welcome page), where Element
 * shows Synapse's one identity provider as a "Continue with <community>" button above the password
 * form the admin still uses. No automatic redirect (`sso_redirect_options`): it would leave the admin
 * no way to the password form. Accounts belong to the community, so no password reset or
 * deactivation from inside Element.
 */
export function elementMembersConfig(ctx: RenderContext): ElementMembersConfig {
  const members = ctx.members;
  const result: ElementMembersConfig = { config: {}, settingDefaults: {} };
  if (!members) return result;
  if (members.colour) {
    const themed = theme(ctx.settings.communityName, members.colour);
    Object.assign(result.config, themed.config);
    Object.assign(result.settingDefaults, themed.settingDefaults);
  }
  if (members.logoUrl) result.config.branding = { auth_header_logo_url: members.logoUrl };
  if (members.clients?.chat) {
    result.config.embedded_pages = { login_for_welcome: true };
    Object.assign(result.settingDefaults, { 'UIFeature.passwordReset': false, 'UIFeature.deactivate': false });
  }
  return result;
}
