import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'tl:isPublic';

/** Marks a route as reachable without a session. Every other /api route requires one. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
