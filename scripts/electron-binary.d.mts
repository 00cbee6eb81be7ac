/** Types for scripts/electron-binary.mjs, used by the Electron smoke suite. */
export declare const ROOT: string;
export declare function electronBinary(): string | null;
export declare const NOT_RUN: string;
