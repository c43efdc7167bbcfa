/**
 * The Node entry point of @rnn/markov: everything of the main entry point plus saving and loading
 * model files. Browser code imports `@rnn/markov` instead, which never touches `fs`.
 *
 * @packageDocumentation
 */
export * from './index';
export { loadMarkov, saveMarkov } from './model-file';
