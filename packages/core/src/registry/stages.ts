/**
 * The lifecycle stages a model version can be in, in lifecycle order (the legacy tool's five).
 */
export const REGISTRY_STAGES = ['development', 'staging', 'production', 'archived', 'retired'] as const;

export type RegistryStage = (typeof REGISTRY_STAGES)[number];

/** What a history event records. `archive` is the archiving of a production version by a promotion. */
export const REGISTRY_ACTIONS = [
  'register',
  'promote',
  'archive',
  'rollback',
  'alias-set',
  'alias-remove',
] as const;

export type RegistryAction = (typeof REGISTRY_ACTIONS)[number];
