export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The features a community can choose; one definition shared by API, database and web. */
export const FEATURES = ['chat', 'pad', 'files'] as const;
export type Feature = (typeof FEATURES)[number];
