import { Inject, Injectable, Logger } from '@nestjs/common';
import { CADDY_ADMIN_LISTEN } from '../catalog/caddy.catalog';
import { renderProxyConfig, sameProxyConfig, serializeProxyConfig } from '../catalog/proxy.render';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { ApplianceSnapshot } from './appliance-context.service';
import { ProxyAdminRepository } from './proxy-admin.repository';
import { retry } from './wait';

/**
 * Keeps Caddy on the routes of the enabled services. Every reconcile reads the live config and loads
 * ours when it differs, so a config changed behind the manager's back is put back; nothing is cached
 * that could skip that check.
 */
@Injectable()
export class ProxyService {
  private readonly logger = new Logger('Proxy');
  /** Container and config last seen in place: only tells a fresh load apart from a repair, in the log. */
  private lastInPlace: string | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly admin: ProxyAdminRepository,
  ) {}

  async ensure(snapshot: ApplianceSnapshot, proxyContainerId: string): Promise<void> {
    const { settings } = snapshot.ctx;
    const desired = renderProxyConfig({
      domain: settings.domain,
      enabled: snapshot.enabled.filter((id) => !snapshot.stopped.includes(id)),
      tls: settings.tls,
      adminListen: CADDY_ADMIN_LISTEN,
      managerUpstream: this.config.proxy.managerUpstream,
      ports: { http: this.config.proxy.httpPort, https: this.config.proxy.httpsPort },
      maxUploadMb: settings.maxUploadMb,
    });
    const body = serializeProxyConfig(desired);
    const key = `${proxyContainerId}\n${body}`;
    // Caddy may still be starting: its admin API comes up within a few seconds.
    const live = await retry(() => this.admin.readConfig(proxyContainerId), { attempts: 20, delayMs: 1000 });
    if (sameProxyConfig(live, desired)) {
      this.lastInPlace = key;
      return;
    }
    await this.admin.load(proxyContainerId, body);
    if (key === this.lastInPlace) {
      this.logger.warn('The proxy config was changed outside the manager; restored the manager config');
    } else {
      this.logger.log(`Loaded proxy routes for ${settings.domain} (${settings.tls} TLS)`);
    }
    this.lastInPlace = key;
  }
}
