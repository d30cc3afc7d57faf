import type { MetricDirection } from './direction.js';
import type { MetricRequirement } from './requirement.js';
import type { RegistryStage } from './stages.js';

/**
 * The shape of a checked registry config (config.ts finds and reads the file, config-file.ts checks
 * it): apart, so that each can name it without importing the other.
 */

/** The settings of one model, or the defaults of every model. */
export interface RegistrySettings {
  /** Which way each metric is better, by metric name. */
  metrics: ReadonlyMap<string, MetricDirection>;
  /** The conditions to enter a stage, by stage; each with its place in the file (`origin`). */
  promotion: ReadonlyMap<RegistryStage, readonly MetricRequirement[]>;
}

/** A checked config file: the defaults, each model's own settings, and the file as messages show it. */
export interface RegistryConfig extends RegistrySettings {
  file: string;
  /** By model name (a key like any other: `__proto__` included). */
  models: ReadonlyMap<string, RegistrySettings>;
}
