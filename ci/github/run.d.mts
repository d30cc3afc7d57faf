// Types of ci/github/run.mjs, for the tests in tests/ci (tsc does not read JavaScript here).

export interface ArgPart {
  text: string;
  quoted: boolean;
}

export interface ToolInfo {
  bin: 'drift-detector' | 'pipeline-validator' | 'model-registry';
  markdown: boolean;
  sarif: boolean;
}

export const TOOLS: Record<'drift' | 'pipeline' | 'registry', ToolInfo>;
export const SUMMARY_LIMIT: number;
export class ActionError extends Error {}
export function quote(value: string): string;
export function splitArgs(text: string): ArgPart[][];
export function expandWord(parts: readonly ArgPart[], cwd: string): string[];
export function toolArguments(text: string, cwd: string): string[];
export function chosenFormat(args: readonly string[]): string | undefined;
export function withoutFormat(args: readonly string[]): string[];
export function withFormat(args: readonly string[], format: string): string[];
export function alsoFormat(args: readonly string[], format: string): string[];
export function booleanInput(name: string, value: string): boolean;
export function cliVersion(input: string, actionRoot?: string): string;
export function findCli(
  version: string,
  cwd: string,
  env: Record<string, string | undefined>,
): string | undefined;
export function codeBlock(text: string): string;
export function fitToBudget(text: string, budget: number, total?: number): string;
export function runAction(options: {
  env: Record<string, string | undefined>;
  cwd: string;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}): Promise<number>;
