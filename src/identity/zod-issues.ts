/**
 * Turns zod issues into identikit validation issues and errors.
 * @module
 */
import type { z } from 'zod';
import { IdentikitError, type IdentikitErrorCode, type ValidationIssue } from '../errors.js';

/** Flattens a zod error into `{ path, message }` issues. */
export function toIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: issue.message,
  }));
}

/** Builds an {@link IdentikitError} whose message names every faulty field. */
export function validationError(
  code: IdentikitErrorCode,
  what: string,
  error: z.ZodError,
  extra: Record<string, unknown> = {},
): IdentikitError {
  const issues = toIssues(error);
  const text = issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`).join('; ');
  return new IdentikitError(code, `${what}: ${text}`, { ...extra, issues }, { cause: error });
}
