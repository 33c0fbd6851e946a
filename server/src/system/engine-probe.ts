/** What the system status needs from the container engine: is it there? */
export abstract class EngineProbe {
  /** Resolves when the engine answers; rejects with a message a volunteer can act on. */
  abstract ping(): Promise<void>;
}
