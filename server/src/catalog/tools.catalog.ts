/**
 * Tool images: not services, but run by the manager as short-lived helpers (restic for backups). Like
 * the services' images they are pinned here and can be replaced through IMAGE_OVERRIDES (a mirror for
 * an offline install, a local build in tests).
 */
export const TOOL_IMAGES = {
  restic: 'restic/restic:0.14.0',
} as const;

export type ToolId = keyof typeof TOOL_IMAGES;
