import type { ParsedEdit } from './schema'

/**
 * The fields a `rename` or `editText` edit changes on a stage, lane or zone: the label, or whichever of
 * prompt, easy-read prompt and card kinds the edit names.
 */
export function itemTextPatch(e: Extract<ParsedEdit, { type: 'rename' | 'editText' }>) {
  return e.type === 'rename'
    ? { label: e.label }
    : {
        ...(e.prompt !== undefined ? { prompt: e.prompt } : {}),
        ...(e.easyRead !== undefined ? { easyRead: e.easyRead } : {}),
        ...(e.kinds !== undefined ? { kinds: e.kinds } : {}),
      }
}
