import type { OpenAPIObject } from '@nestjs/swagger';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * The methods each documented path accepts, so that a request with another method gets 405 with an
 * `Allow` header rather than a 404 that says the resource does not exist.
 */
export function allowedMethods(document: OpenAPIObject): (path: string) => string[] {
  const table = Object.entries(document.paths).map(([template, item]) => {
    const pattern = template
      .split(/\{[^}]+\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]+');
    const methods = METHODS.filter((m) => item[m]).map((m) => m.toUpperCase());
    if (methods.includes('GET')) methods.push('HEAD');
    return { regex: new RegExp(`^${pattern}/?$`), methods };
  });
  return (path) => table.find((row) => row.regex.test(path))?.methods ?? [];
}
