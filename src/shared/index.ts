export * from './errors';
export * from './model';
export * from './kinds';
export * from './stats';
export * from './commands';
export * from './events';
export * from './wire';
export * from './csp';
