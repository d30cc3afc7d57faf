import { closeSync, mkdtempSync, openSync, rmdirSync, statfsSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import type { CsvSpillRequest } from './spill.js';

/**
 * The spill files of a check, from their making to their closing (what goes in them: spill.ts).
 *
 * The files of a pass (one per file of the check that spills) are made in a private folder (mkdtemp
 * under the temporary folder, which honours TMPDIR: mode 0700), opened, and at once unlinked and the
 * folder removed: what remains of each is an open descriptor, handed to the read that writes the file and to the later loads from it (threads
 * of one process share descriptors). So nothing is ever left on disk, however the check ends: an
 * error, a signal (Ctrl-C, SIGTERM, SIGKILL) or a crash: the system frees the file's space when the
 * process exits, or when {@link close} closes it, whichever comes first. No signal handler is needed,
 * which could not run anyway while the main thread parses a file.
 *
 * A descriptor is closed only once every read that uses it has settled ({@link use}): a read
 * abandoned after another failed may still write to its file, and a closed descriptor's number could
 * be given to another file meanwhile.
 */

/** The magic number statfs gives for a tmpfs (linux/magic.h). */
const TMPFS_MAGIC = 0x01021994;

/** The hint for a spill folder that cannot be made: in the caller's terms for the memory budget. */
const FIELD_HINT = ['or raise ', { field: 'maxMemory' }, ', so that every column fits in one pass'] as const;

/** The error for a temporary folder where no spill file can be made. */
function spillFolderError(error: unknown, where: string): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  const what =
    code === 'ENOSPC' ? 'no space left on the device' : (error as Error).message.replace(/, \w+ '.*'$/, '');
  return new InputError(`cannot make a file there to spill columns to (${what})`, {
    file: where,
    hint: 'point TMPDIR at a writable folder with free space',
    fieldHint: FIELD_HINT,
  });
}

/** One spill file: its descriptor, the reads using it, and whether it is closed. */
interface SpillFile {
  readonly fd: number;
  uses: number;
  closed: boolean;
}

/** The spill files of one check: see above. */
export class CsvSpillSpace {
  private readonly files = new Map<number, SpillFile>();
  private closing = false;

  /** @param root - where the private folders are made: the temporary folder (TMPDIR) by default. */
  constructor(readonly root: string = tmpdir()) {}

  /**
   * New, empty spill files, one per name (the files of a check, e.g. `reference` and `current`), for
   * reads to spill `columns` into: their descriptors, and the folder they were made in (gone already).
   *
   * @throws InputError when they cannot be made (a folder that does not exist or cannot be written,
   *   a full disk), naming the folder and what to do.
   */
  open(columns: ReadonlySet<string>, names: readonly string[]): CsvSpillRequest[] {
    let folder: string;
    try {
      folder = mkdtempSync(join(this.root, 'mlops-spill-'));
    } catch (error) {
      throw spillFolderError(error, this.root);
    }
    const requests: CsvSpillRequest[] = [];
    try {
      let inMemory = false;
      try {
        inMemory = statfsSync(folder).type === TMPFS_MAGIC;
      } catch {}
      for (const name of names) {
        const path = join(folder, name);
        let fd: number;
        try {
          fd = openSync(path, 'wx+', 0o600);
        } catch (error) {
          throw spillFolderError(error, folder);
        } finally {
          try {
            unlinkSync(path);
          } catch {}
        }
        this.files.set(fd, { fd, uses: 0, closed: false });
        requests.push({ fd, folder, columns, ...(inMemory ? { inMemory } : {}) });
      }
    } catch (error) {
      for (const request of requests) {
        this.files.delete(request.fd);
        closeSync(request.fd);
      }
      throw error;
    } finally {
      try {
        rmdirSync(folder);
      } catch {}
    }
    return requests;
  }

  /** Keeps the file at `fd` open until `read` (a read writing it, or loading from it) has settled. */
  use(fd: number, read: Promise<unknown>): void {
    const file = this.files.get(fd);
    if (file === undefined) return;
    file.uses += 1;
    const settled = () => {
      file.uses -= 1;
      this.closeIfDone(file);
    };
    read.then(settled, settled);
  }

  /**
   * Closes every file: at once those whose reads have settled, the others as theirs settle. Then the
   * space is done: its files' space is freed.
   */
  close(): void {
    this.closing = true;
    for (const file of this.files.values()) this.closeIfDone(file);
  }

  /** How many files are still open (for tests). */
  get openFiles(): number {
    let count = 0;
    for (const file of this.files.values()) if (!file.closed) count += 1;
    return count;
  }

  private closeIfDone(file: SpillFile): void {
    if (!this.closing || file.closed || file.uses > 0) return;
    file.closed = true;
    try {
      closeSync(file.fd);
    } catch {}
  }
}
