import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { PUBLIC_EXTENSION } from './openapi-errors';

export const IS_PUBLIC = 'tl:isPublic';

/** Marks a route as reachable without a session. Every other /api route requires one. */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_EXTENSION, true));
