import { realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import { filesInFolder, filesMatchingPattern, isGlobPattern } from '../io/find-files.js';
import { PIPELINE_CONFIG_FILENAME } from './config.js';
import type { PipelineSyntax } from './rule.js';

/** The endings (case aside) of the files taken as pipelines from a folder or a pattern. */
export const PIPELINE_FILE_ENDINGS: readonly string[] = ['.json', '.yaml', '.yml'];

/**
 * The syntax a pipeline file's name implies: YAML for a name ending in `.yaml` or `.yml` (case aside),
 * JSON for any other (`.json`, no ending, a pipe such as `/dev/stdin`).
 *
 * @example pipelineSyntaxOf('ci/train.YML') // => 'yaml'
 * @example pipelineSyntaxOf('/dev/stdin') // => 'json'
 */
export function pipelineSyntaxOf(name: string): PipelineSyntax {
  return /\.ya?ml$/i.test(name) ? 'yaml' : 'json';
}

/** The most pipeline files one run validates (each report is kept until all are printed). */
export const PIPELINE_MAX_FILES = 10_000;

/** Folders never entered when a folder or a pattern is expanded. */
const IGNORED = ['**/node_modules/**'];

/** One pipeline file to validate. */
export interface PipelineFileTarget {
  /** Where to read it (absolute). */
  readonly path: string;
  /** The file as reports name it: as typed, or under the folder or pattern typed. */
  readonly name: string;
  /** How to parse it, from its name ({@link pipelineSyntaxOf}). */
  readonly syntax: PipelineSyntax;
}

export interface PipelineFileSet {
  /** The files, each once, in code-unit order of their names. */
  readonly files: readonly PipelineFileTarget[];
  /** True unless exactly one argument named exactly one file (not a folder or a pattern). */
  readonly isSet: boolean;
}

/** Whether a file found in a folder or by a pattern is a pipeline file (by its name). */
function isPipelineFileName(relative: string): boolean {
  const lower = relative.toLowerCase();
  const base = relative.slice(relative.lastIndexOf('/') + 1);
  return base !== PIPELINE_CONFIG_FILENAME && PIPELINE_FILE_ENDINGS.some((ending) => lower.endsWith(ending));
}

const endingsInWords = () => PIPELINE_FILE_ENDINGS.map((ending) => `*${ending}`).join(', ');

/** Too many files: `count` of them in the folder or pattern `file`, or more in all the arguments. */
function tooMany(count?: number, file?: string): InputError {
  const most = `the ${PIPELINE_MAX_FILES.toLocaleString('en-US')} one run validates`;
  return new InputError(
    count === undefined || file === undefined
      ? `the arguments name more pipeline files than ${most}`
      : `${count.toLocaleString('en-US')} pipeline files, more than ${most}`,
    {
      ...(file === undefined ? {} : { file }),
      hint: 'validate the folders one run at a time, or narrow the pattern',
    },
  );
}

/** The files one argument names: itself, or the pipeline files of a folder or a pattern. */
function expandArgument(argument: string, cwd: string): { files: PipelineFileTarget[]; isSet: boolean } {
  const path = resolve(cwd, argument);
  let isFolder = false;
  let exists = false;
  try {
    isFolder = statSync(path).isDirectory();
    exists = true;
  } catch {}
  // A name that is a file is that file (even with `[` or `*` in it); so is one that names nothing
  // and holds no glob character: its reader reports it missing.
  if ((exists && !isFolder) || (!exists && !isGlobPattern(argument)))
    return { files: [{ path, name: argument, syntax: pipelineSyntaxOf(argument) }], isSet: false };
  const found = isFolder
    ? filesInFolder(path, argument, { ignore: IGNORED })
    : filesMatchingPattern(path, argument, { ignore: IGNORED });
  const files = found.filter((file) => isPipelineFileName(file.relative));
  if (files.length === 0) {
    const skipped = 'node_modules and names starting with "." are skipped';
    if (isFolder)
      throw new InputError(`no pipeline file (${endingsInWords()}) in this folder`, {
        file: argument,
        hint: `${skipped}; name a file of another kind directly`,
      });
    throw new InputError(
      found.length === 0
        ? 'no file matches this pattern'
        : `no pipeline file (${endingsInWords()}) among the ${found.length} files this pattern matches`,
      {
        file: argument,
        hint: `quote the pattern so the shell passes it as typed, and check the folder (${skipped})`,
      },
    );
  }
  if (files.length > PIPELINE_MAX_FILES) throw tooMany(files.length, argument);
  return {
    files: files.map((file) => ({
      path: resolve(file.path),
      name: file.name,
      syntax: pipelineSyntaxOf(file.name),
    })),
    isSet: true,
  };
}

const codeUnitOrder = (left: string, right: string) => (left < right ? -1 : left > right ? 1 : 0);
const depth = (name: string) => name.split(/[\\/]/).length;

/**
 * The pipeline files that command-line arguments name. Each argument is:
 * - a file (any name: `ci/train.pipeline` is read as a pipeline), or a name that does not exist and
 *   holds no glob character (its reader reports it missing);
 * - a folder: every pipeline file below it, subfolders included;
 * - a glob pattern, expanded here (quoted, so the shell passes it as typed): `'pipelines/**\/*.json'`.
 *
 * From a folder or a pattern, a pipeline file is one whose name ends in {@link PIPELINE_FILE_ENDINGS}
 * (`.json`, `.yaml`, `.yml`, case aside); files and folders whose names start with `.` (`.mlops-pipeline.json` among them) and
 * `node_modules` folders below the folder (or the pattern's folder part) are skipped. A file named by several arguments (or twice through a symbolic
 * link) is validated once, under its shortest name. The files come in code-unit order of their names,
 * whatever the order of the arguments or of the file system.
 *
 * @param args the arguments as typed; relative ones are resolved against `cwd`.
 * @throws InputError (exit 2) for a folder or a pattern without a pipeline file, or more than
 *   {@link PIPELINE_MAX_FILES} files in all.
 */
export function resolvePipelineFiles(args: readonly string[], cwd: string): PipelineFileSet {
  const byFile = new Map<string, PipelineFileTarget>();
  let isSet = args.length !== 1;
  for (const argument of args) {
    const expanded = expandArgument(argument, cwd);
    if (expanded.isSet) isSet = true;
    for (const file of expanded.files) {
      let key = file.path;
      try {
        key = realpathSync(file.path);
      } catch {}
      const known = byFile.get(key);
      if (
        known === undefined ||
        depth(file.name) < depth(known.name) ||
        (depth(file.name) === depth(known.name) && codeUnitOrder(file.name, known.name) < 0)
      )
        byFile.set(key, file);
    }
    if (byFile.size > PIPELINE_MAX_FILES) throw tooMany();
  }
  const files = [...byFile.values()].sort((left, right) => codeUnitOrder(left.name, right.name));
  return { files, isSet };
}
