import { errors } from 'oidc-provider';
import type { OidcPayload, OidcPayloadRepository } from './oidc-payload.repository';

/**
 * oidc-provider's storage interface (one instance per model: Session, Grant, AuthorizationCode...),
 * backed by the manager's SQLite. Returns the class oidc-provider instantiates with a model name.
 */
export function adapterOn(store: OidcPayloadRepository) {
  return class SqliteAdapter {
    constructor(private readonly model: string) {}

    upsert(id: string, payload: OidcPayload, expiresIn?: number): Promise<void> {
      return store.upsert(this.model, id, payload, expiresIn);
    }

    find(id: string): Promise<OidcPayload | undefined> {
      return store.find(this.model, id);
    }

    findByUid(uid: string): Promise<OidcPayload | undefined> {
      return store.findByUid(this.model, uid);
    }

    findByUserCode(userCode: string): Promise<OidcPayload | undefined> {
      return store.findByUserCode(this.model, userCode);
    }

    /** A code redeemed by a concurrent request in the meantime is refused like a reused one. */
    consume(id: string): Promise<void> {
      if (store.consume(this.model, id)) return Promise.resolve();
      return Promise.reject(new errors.InvalidGrant('grant request is invalid (already used)'));
    }

    destroy(id: string): Promise<void> {
      return store.destroy(this.model, id);
    }

    revokeByGrantId(grantId: string): Promise<void> {
      return store.revokeByGrantId(grantId);
    }
  };
}
