// Generated pipelines and a timer for the scale tests (performance.test.ts, performance-large.test.ts).

/** A chain of `count` stages (data, transform…, train, evaluate, deploy, monitor), each with a dependency. */
export function longPipeline(count: number, padding = ''): string {
  const stages = [];
  for (let index = 0; index < count; index++) {
    const type =
      index === 0
        ? 'data'
        : index === count - 4
          ? 'train'
          : index === count - 3
            ? 'evaluate'
            : index === count - 2
              ? 'deploy'
              : index === count - 1
                ? 'monitor'
                : 'transform';
    stages.push({
      name: `stage_${index}`,
      type,
      inputs: index === 0 ? ['raw'] : [`artifact_${index - 1}`],
      outputs: [`artifact_${index}`],
      ...(index > 0 ? { depends_on: [`stage_${index - 1}`] } : {}),
      ...(type === 'evaluate' ? { gate: { metric: 'f1', threshold: 0.9 } } : {}),
      ...(type === 'deploy' ? { rollback: true } : {}),
      timeout_minutes: 5,
      ...(padding ? { parameters: { note: padding } } : {}),
    });
  }
  return JSON.stringify(
    { name: 'long', schedule: '@daily', notifications: { on_failure: 'x@example.com' }, stages },
    null,
    2,
  );
}

export function timed<T>(work: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = work();
  return { result, ms: performance.now() - started };
}
