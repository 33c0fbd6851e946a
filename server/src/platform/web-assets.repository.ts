import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The built web app (web/dist): beside the server in the repository and in the image. */
export class WebAssetsRepository {
  /** Whether `dir` holds a built web app (its index.html). */
  static isBuilt(dir: string): boolean {
    return existsSync(join(dir, 'index.html'));
  }

  /** Looks for web/dist in `from` and up to four of its parents. */
  static find(from: string): string | undefined {
    let dir = from;
    for (let i = 0; i < 5; i++) {
      const candidate = join(dir, 'web', 'dist');
      if (WebAssetsRepository.isBuilt(candidate)) return candidate;
      dir = dirname(dir);
    }
    return undefined;
  }
}
