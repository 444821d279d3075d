import { Err } from './Err.ts';

/** The process-wide `Err` instance: `err.setup(options)`, `err.process(error)`, `err.shutdown()`. */
export const err = new Err();
