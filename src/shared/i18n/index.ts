export * from './languages'
export * from './catalogue'
export { pseudoLocalize } from './pseudo'
