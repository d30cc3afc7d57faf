import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '@mlops/core';

/**
 * Writes a file atomically: the text goes to a temporary file next to it, which is then renamed over
 * the target, so a reader never sees half a report and a failed run leaves no partial file.
 *
 * @param path - the absolute path to write.
 * @param text - the content (UTF-8).
 * @param displayName - the path as the user gave it, for messages.
 * @throws InputError when the folder does not exist or cannot be written.
 */
export function writeFileAtomic(path: string, text: string, displayName: string): void {
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    writeFileSync(temporary, text, { encoding: 'utf8', flag: 'wx' });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such folder'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a folder'
            : ((error as Error).message ?? String(error));
    throw new InputError(`cannot write the HTML report: ${reason}`, {
      file: displayName,
      hint: 'give --html a file path in a folder that exists and is writable',
    });
  }
}
