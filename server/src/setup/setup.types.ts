export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

// The features a community can choose: one definition, owned by the catalog.
export { FEATURES, type Feature } from '../catalog/catalog.types';
