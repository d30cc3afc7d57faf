import { RefusedError } from '../errors.js';
import type { MetricRequirementResult } from './requirement.js';
import type { RegistryStage } from './stages.js';

/** One requirement of a promotion that did not hold, as the CLI's JSON output of promote reports it. */
export interface UnmetRequirement {
  /** The condition as written, e.g. `f1>=0.85`. */
  requirement: string;
  metric: string;
  /** The version's value of the metric; `null` when it has no such metric. */
  value: number | null;
}

/** What promote prints as JSON when the promotion is refused (exit 1). */
export interface PromotionRefusal {
  promoted: false;
  name: string;
  version: string;
  /** The stage the promotion asked for. */
  stage: RegistryStage;
  /** Every condition that did not hold, in the order given; empty for a refusal of another kind. */
  unmet: UnmetRequirement[];
  /** The refusal's message, as on stderr. */
  reason: string;
}

/**
 * A promotion refused (exit 1) with what the caller needs to report it as data: promote's JSON output
 * prints `refusal` on stdout, the message goes to stderr as for any refusal.
 */
export class PromotionRefusedError extends RefusedError {
  readonly refusal: PromotionRefusal;

  constructor(
    request: { name: string; version: string; stage: RegistryStage },
    failed: readonly MetricRequirementResult[],
    message: string,
    hint?: string,
  ) {
    super(message, { hint });
    this.refusal = {
      promoted: false,
      name: request.name,
      version: request.version,
      stage: request.stage,
      unmet: failed.map(({ requirement, actual }) => ({
        requirement: requirement.text,
        metric: requirement.metric,
        value: actual,
      })),
      reason: message,
    };
  }
}
