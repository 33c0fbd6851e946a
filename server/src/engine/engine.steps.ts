import type { ServiceId } from '../catalog/catalog.types';
import type { DesiredContainer, Labels } from './engine.types';

export type RecreateReason = 'config' | 'image' | 'name' | 'dead';

/**
 * Steps the executor runs. `recreate` is one step rather than stop+remove+create+start: the executor
 * then creates the replacement before touching the old container and can put the old one back if the
 * new one fails to start, which a flat list that stops at the first failure could not express.
 * The last five need more than the engine (a health wait, psql, Caddy's admin API, Synapse's): their
 * handlers are given to the executor by the caller (ServiceStepHandlers).
 */
export type Step =
  | { kind: 'pull'; image: string }
  | { kind: 'createNetwork'; name: string; internal: boolean; labels: Labels }
  | { kind: 'createVolume'; name: string; labels: Labels }
  | { kind: 'create'; container: DesiredContainer }
  | { kind: 'start'; serviceId: ServiceId; target: string }
  | { kind: 'stop'; serviceId: string | undefined; target: string; name: string; timeoutSec: number }
  | { kind: 'remove'; serviceId: string | undefined; target: string; name: string }
  | { kind: 'recreate'; target: string; reason: RecreateReason; container: DesiredContainer }
  /** Stop then start one running container (an admin's restart request). */
  | { kind: 'restart'; serviceId: ServiceId; target: string; timeoutSec: number }
  /** A deleted feature's volume, once every container that used it is gone. */
  | { kind: 'removeVolume'; name: string; serviceId: string }
  | { kind: 'waitHealthy'; serviceIds: readonly ServiceId[] }
  /** The databases and roles of these services in the shared Postgres (idempotent). */
  | { kind: 'ensureDatabases'; serviceIds: readonly ServiceId[] }
  /** A deleted feature's databases and roles, while Postgres still runs. */
  | { kind: 'dropDatabases'; serviceIds: readonly ServiceId[] }
  /** Verify Caddy's live configuration and load ours when it differs. */
  | { kind: 'loadProxy' }
  /** Register the chat admin account through Synapse's shared-secret API. */
  | { kind: 'ensureMatrixAdmin' };
export type StepKind = Step['kind'];

/** The kinds that need more than the engine (health waits, psql, Caddy, Synapse): see ServiceStepsService. */
export type ServiceStepKind = Extract<
  StepKind,
  'waitHealthy' | 'ensureDatabases' | 'dropDatabases' | 'loadProxy' | 'ensureMatrixAdmin'
>;
/** The kinds the engine repository alone can carry out (see createStepHandlers). */
export type EngineStepKind = Exclude<StepKind, ServiceStepKind>;
