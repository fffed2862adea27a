/** Old path, kept only for scripts/bench/kernels.ts: import from './reading' instead, and delete this file once the bench does. */
export { BlockText, type TextPosition } from './reading';
