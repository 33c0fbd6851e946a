import { Inject, Injectable, Logger } from '@nestjs/common';
import { CADDY_ADMIN_LISTEN, CADDY_ADMIN_PORT } from '../catalog/caddy.catalog';
import { renderProxyConfig, serializeProxyConfig } from '../catalog/proxy.render';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { ApplianceSnapshot } from './appliance-context.service';
import { ServiceHttpRepository } from './service-http.repository';
import { retry } from './wait';

/** Pushes the routes of the enabled services to Caddy's admin API; `/load` of the same config is a no-op. */
@Injectable()
export class ProxyService {
  private readonly logger = new Logger('Proxy');
  private lastPushed: string | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly http: ServiceHttpRepository,
  ) {}

  async push(snapshot: ApplianceSnapshot, proxy: { id: string; address: string }): Promise<void> {
    const proxyAddress = proxy.address;
    const { settings } = snapshot.ctx;
    const body = serializeProxyConfig(
      renderProxyConfig({
        domain: settings.domain,
        enabled: snapshot.enabled.filter((id) => !snapshot.stopped.includes(id)),
        tls: settings.tls,
        adminListen: CADDY_ADMIN_LISTEN,
        managerUpstream: this.config.proxy.managerUpstream,
        ports: { http: this.config.proxy.httpPort, https: this.config.proxy.httpsPort },
        maxUploadMb: settings.maxUploadMb,
      }),
    );
    // A recreated proxy container gets the config again even when its address did not change.
    const key = `${proxy.id}\n${proxyAddress}\n${body}`;
    if (key === this.lastPushed) return;
    const url = `http://${proxyAddress}:${CADDY_ADMIN_PORT}/load`;
    // Caddy may still be starting: its admin API comes up within a few seconds.
    await retry(() => this.http.json(url, { method: 'POST', body }), { attempts: 20, delayMs: 1000 });
    this.lastPushed = key;
    this.logger.log(`Loaded proxy routes for ${settings.domain} (${settings.tls} TLS)`);
  }
}
