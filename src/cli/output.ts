/**
 * Output files, written atomically: each to a temporary file in its own directory, then renamed over
 * the destination once every file is complete. On any error the temporary files are removed and
 * pre-existing outputs are left untouched.
 * @module
 */
import { closeSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';

/** A file to write: its path and its lines (without line terminators). */
export interface OutputFile {
  path: string;
  lines: Iterable<string>;
}

/** A file system error while writing an output, naming the destination (not the temporary file). */
export class OutputWriteError extends Error {
  /** The file system error code (`ENOENT`, `EACCES`…), when there is one. */
  readonly code: string | undefined;
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    const code = (cause as NodeJS.ErrnoException).code;
    // The system's own message names the temporary file: said in plain words where the code is known.
    super(`cannot write ${path}: ${(code !== undefined && reasons[code]) || (cause as Error).message}`, { cause });
    this.name = 'OutputWriteError';
    this.code = code;
  }
}

const reasons: Record<string, string> = {
  ENOENT: 'no such directory',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  ENAMETOOLONG: 'the file name is too long',
};

/** Quotes a CSV field when it holds a comma, a quote, a semicolon or a line break (RFC 4180). */
export function csvField(value: string | number): string {
  const s = String(value);
  return /[",;\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line from its fields. */
export function csvLine(fields: readonly (string | number)[]): string {
  return fields.map(csvField).join(',');
}

const CHUNK = 1 << 16;

function writeLines(fd: number, lines: Iterable<string>): void {
  let buffer = '';
  for (const line of lines) {
    buffer += line + '\n';
    if (buffer.length >= CHUNK) {
      writeSync(fd, buffer);
      buffer = '';
    }
  }
  if (buffer) writeSync(fd, buffer);
}

function tryUnlink(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/**
 * Writes every file, or none (throws {@link OutputWriteError} on a file system error): all
 * temporaries are written first, then renamed in order. (A failure of
 * a rename itself, after earlier renames succeeded, cannot be undone; it would take a disk or
 * permission change between two renames in the same directories.)
 */
export function writeAtomically(files: readonly OutputFile[]): void {
  const temps: string[] = [];
  let current = '';
  try {
    for (const file of files) {
      current = file.path;
      // Short, whatever the destination's name: a name near the system's limit must still be writable.
      const name = `.identikit-${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
      const temp = join(dirname(file.path), name);
      const fd = openSync(temp, 'wx');
      temps.push(temp);
      try {
        writeLines(fd, file.lines);
      } finally {
        closeSync(fd);
      }
    }
    files.forEach((file, i) => {
      current = file.path;
      renameSync(temps[i]!, file.path);
      temps[i] = '';
    });
  } catch (error) {
    for (const temp of temps) if (temp) tryUnlink(temp);
    // File system errors name the destination; anything else (a failing line generator) passes through.
    if (typeof (error as NodeJS.ErrnoException).code === 'string') throw new OutputWriteError(current, error);
    throw error;
  }
}
