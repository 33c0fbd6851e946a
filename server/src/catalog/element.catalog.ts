import type { Json } from './canonical';
import type { RenderContext, ServiceDefinition } from './catalog.types';
import { elementMembersConfig } from './element.sso';
import { matrixHost, publicHost } from './naming';

export const ELEMENT_PORT = 80;

/**
 * Element's config.json (snake_case keys, as documented for current Element Web). Points only at our
 * homeserver: no custom homeserver URLs, no guests, no identity server (none under
 * `default_server_config`), no integration manager (the three `integrations_*` keys set to null, which
 * is how Element documents disabling it), and no `bug_report_endpoint_url` key, which turns rageshakes off.
 */
export function elementConfig(ctx: RenderContext): Record<string, Json> {
  const { domain, communityName, smtp, federation } = ctx.settings;
  const homeserverUrl = `https://${matrixHost(domain)}`;
  const hasMail = smtp !== undefined;
  const members = elementMembersConfig(ctx);
  return {
    default_server_config: { 'm.homeserver': { base_url: homeserverUrl, server_name: domain } },
    disable_custom_urls: true,
    disable_guests: true,
    disable_3pid_login: !hasMail,
    brand: communityName,
    integrations_ui_url: null,
    integrations_rest_url: null,
    integrations_widgets_urls: null,
    default_country_code: 'FR',
    default_federate: federation.mode !== 'closed',
    // matrix.to links would leak room ids to a third party and do not work for a closed server.
    permalink_prefix: `https://${publicHost(domain, 'chat')}`,
    room_directory: { servers: [domain] },
    show_labs_settings: false,
    mobile_guide_toast: false,
    enable_presence_by_hs_url: { [homeserverUrl]: false },
    setting_defaults: {
      // No SMTP means no reset mail: admins reset passwords from the dashboard instead.
      'UIFeature.passwordReset': hasMail,
      'UIFeature.thirdPartyId': hasMail,
      'UIFeature.identityServer': false,
      'UIFeature.registration': false,
      'UIFeature.feedback': false,
      ...members.settingDefaults,
    },
    ...members.config,
  };
}

export function renderElementConfig(ctx: RenderContext): string {
  return `${JSON.stringify(elementConfig(ctx), null, 2)}\n`;
}

export const elementDefinition: ServiceDefinition<'vectorim/element-web:v1.12.27'> = {
  id: 'element',
  role: 'chat',
  name: 'Element',
  version: '1.12.27',
  image: 'vectorim/element-web:v1.12.27',
  internalPort: ELEMENT_PORT,
  subdomain: 'chat',
  healthcheck: {
    test: ['CMD', 'wget', '-q', '-O', '/dev/null', `http://127.0.0.1:${ELEMENT_PORT}/config.json`],
    intervalSec: 15,
    timeoutSec: 5,
    retries: 3,
    startPeriodSec: 10,
  },
  // Static files only; config.json is rendered into the container at each create.
  volumes: [],
  dependsOn: ['synapse'],
  needsEgress: false,
  needsDatabase: false,
  stopTimeoutSec: 10,
  privileges: {
    // The official image runs nginx as its unprivileged user (these are then inert); started as root,
    // nginx binds port 80, makes its temporary directories its workers' and switches them to that user.
    capAdd: ['NET_BIND_SERVICE', 'CHOWN', 'SETUID', 'SETGID'],
    // nginx master and one worker per core.
    pidsLimit: 128,
    // Not read-only: config.json is written into /app beside the app itself (a volume there would hide
    // the app), and the image's entrypoint renders nginx's config from templates at every start.
    readOnlyRootfs: false,
    tmpfs: [],
  },
  renderCommand: () => undefined,
  renderEnv: () => ({ ELEMENT_WEB_PORT: String(ELEMENT_PORT) }),
  renderFiles: (ctx) => [
    { type: 'file', path: '/app/config.json', content: renderElementConfig(ctx), mode: 0o644, uid: 0, gid: 0 },
  ],
  databases: () => [],
};
