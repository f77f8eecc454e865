/**
 * identikit: an embeddable customer identity resolution SDK.
 *
 * The root entry re-exports the identity core (`identikit/identity`), the referential and golden
 * records (`identikit/merge`) and the error type. Nothing here touches Node-only APIs: it runs in
 * Node, browsers and edge runtimes.
 * @module
 */
export * from './identity/index.js';
export * from './merge/index.js';
export { IdentikitError, isIdentikitError } from './errors.js';
export type { IdentikitErrorCode, ValidationIssue } from './errors.js';
