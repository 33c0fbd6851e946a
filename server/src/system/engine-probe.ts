/** What the system status needs from the container engine: is it there? */
export abstract class EngineProbe {
  /** Resolves when the engine answers; rejects with an EngineUnreachableError when it cannot be reached (health reports it as a key). */
  abstract ping(): Promise<void>;
}
