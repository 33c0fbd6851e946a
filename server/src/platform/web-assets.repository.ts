import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

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

  /**
   * Every file of the build as a URL path (`/assets/index-1a2b3c4d.js`), read once at boot: the build
   * does not change while the manager runs, and only these paths are ever served from it.
   */
  static list(dir: string): Set<string> {
    const walk = (at: string): string[] =>
      readdirSync(at, { withFileTypes: true }).flatMap((entry) => {
        const path = join(at, entry.name);
        if (entry.isDirectory()) return walk(path);
        return entry.isFile() ? [`/${relative(dir, path).split(sep).join('/')}`] : [];
      });
    return new Set(walk(dir));
  }
}
