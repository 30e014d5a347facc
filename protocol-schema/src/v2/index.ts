export * from './initialize.js';
export * from './methods.js';
