import type { HealthDto } from './dto/health.dto';

/**
 * What `/api/health` reports, provided by the mode's module: the core checks (HealthService) on an
 * upstream, the core checks and the Docker engine (SystemService) on an appliance.
 */
export abstract class HealthReport {
  abstract health(detailed: boolean): Promise<HealthDto>;
}
