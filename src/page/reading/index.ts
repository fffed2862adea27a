/**
 * Reading the page's text, block by block, with one set of rules (the tag
 * table in `../tags.ts`): the light-DOM reader for plain subtrees (the fast
 * path), the flat-tree reader for blocks whose text runs through components,
 * and the block text both produce, with its map back to text nodes.
 */
export { BlockText, BREAK, isBlank, type TextPosition } from './block-text';
export { readBlock, type BlockRead, type BlockReadOptions } from './flat-tree-reader';
export { readSubtree, type SubtreeBlock, type SubtreeReadOptions } from './light-dom-reader';
